/*
 * Copyright 2026 The Software Distribution Hub Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
import { Agent, request } from 'node:http';
import { connect, Socket } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';
import {
  AppsV1Api,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';

/** What the load generator is told to do. */
export interface PatchLoadOptions {
  url: string;
  token: string;
  /** `namespace/name` of the Deployments to patch, round robin. */
  targets: string[];
  concurrency: number;
  durationMs: number;
  /**
   * `raw-keep-alive`: Node's HTTP client with a keep-alive agent;
   * `raw-socket`: requests written to and answers read from kept-alive
   * sockets directly, as wrk does, so that the client costs the machine
   * (which client and server share) little.
   */
  client: 'client-node' | 'raw-keep-alive' | 'raw-socket';
  /**
   * `image`: a strategic-merge patch of the container image, as the hub's
   * deployer sends (each one starts a rollout); `annotation`: a merge patch
   * of an annotation (no rollout).
   */
  change: 'image' | 'annotation';
}

export interface PatchLoadResult {
  client: string;
  change: string;
  requests: number;
  errors: number;
  seconds: number;
  perSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
}

function patchBody(change: PatchLoadOptions['change'], round: number): object {
  return change === 'image'
    ? {
        spec: {
          template: {
            spec: {
              containers: [{ name: 'app', image: `bench/app:${round}` }],
            },
          },
        },
      }
    : { metadata: { annotations: { 'bench/round': String(round) } } };
}

type PatchOne = (
  namespace: string,
  name: string,
  body: object,
) => Promise<void>;

function clientNodePatcher(options: PatchLoadOptions): PatchOne {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'bench', server: options.url, skipTLSVerify: true }],
    users: [{ name: 'bench', token: options.token }],
    contexts: [{ name: 'bench', cluster: 'bench', user: 'bench' }],
    currentContext: 'bench',
  });
  const apps = kc.makeApiClient(AppsV1Api);
  const header = setHeaderOptions(
    'Content-Type',
    options.change === 'image'
      ? PatchStrategy.StrategicMergePatch
      : PatchStrategy.MergePatch,
  );
  return async (namespace, name, body) => {
    await apps.patchNamespacedDeployment({ namespace, name, body }, header);
  };
}

function rawPatcher(options: PatchLoadOptions): PatchOne {
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const target = new URL(options.url);
  const contentType =
    options.change === 'image'
      ? 'application/strategic-merge-patch+json'
      : 'application/merge-patch+json';
  return (namespace, name, patch) =>
    new Promise((resolve, reject) => {
      const body = JSON.stringify(patch);
      const req = request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          method: 'PATCH',
          path: `/apis/apps/v1/namespaces/${namespace}/deployments/${name}`,
          headers: {
            authorization: `Bearer ${options.token}`,
            'content-type': contentType,
            'content-length': Buffer.byteLength(body),
          },
        },
        response => {
          response.resume();
          response.on('end', () =>
            response.statusCode === 200
              ? resolve()
              : reject(new Error(`HTTP ${response.statusCode}`)),
          );
        },
      );
      req.on('error', reject);
      req.end(body);
    });
}

/** One kept-alive connection that sends a request once the previous one is answered. */
class SocketConnection {
  private received = Buffer.alloc(0);
  private pending?: { resolve: () => void; reject: (error: Error) => void };
  private failed?: Error;

  private constructor(private readonly socket: Socket) {
    socket.on('data', chunk => this.onData(chunk));
    const fail = (error: Error) => {
      this.failed = error;
      const pending = this.pending;
      this.pending = undefined;
      pending?.reject(error);
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('connection closed')));
  }

  static open(host: string, port: number): SocketConnection {
    return new SocketConnection(connect({ host, port, noDelay: true }));
  }

  get usable(): boolean {
    return this.failed === undefined;
  }

  send(head: string, body: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.socket.write(head + body);
    });
  }

  close(): void {
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    this.received =
      this.received.length > 0 ? Buffer.concat([this.received, chunk]) : chunk;
    const headerEnd = this.received.indexOf('\r\n\r\n');
    if (headerEnd < 0) return;
    const head = this.received.toString('latin1', 0, headerEnd);
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    const status = Number(head.slice(9, 12));
    if (!length) {
      this.socket.destroy(new Error('answer without Content-Length'));
      return;
    }
    const end = headerEnd + 4 + Number(length[1]);
    if (this.received.length < end) return;
    this.received = this.received.subarray(end);
    const pending = this.pending;
    this.pending = undefined;
    if (status === 200) pending?.resolve();
    else pending?.reject(new Error(`HTTP ${status}`));
  }
}

function socketPatcher(options: PatchLoadOptions): PatchOne & {
  close(): void;
} {
  const target = new URL(options.url);
  const port = Number(target.port);
  const contentType =
    options.change === 'image'
      ? 'application/strategic-merge-patch+json'
      : 'application/merge-patch+json';
  const idle: SocketConnection[] = [];
  const all: SocketConnection[] = [];
  const patchOne = async (namespace: string, name: string, patch: object) => {
    const connection =
      idle.pop() ??
      (() => {
        const opened = SocketConnection.open(target.hostname, port);
        all.push(opened);
        return opened;
      })();
    const body = JSON.stringify(patch);
    const head =
      `PATCH /apis/apps/v1/namespaces/${namespace}/deployments/${name} HTTP/1.1\r\n` +
      `Host: ${target.host}\r\nAuthorization: Bearer ${options.token}\r\n` +
      `Content-Type: ${contentType}\r\nContent-Length: ${Buffer.byteLength(
        body,
      )}\r\n\r\n`;
    try {
      await connection.send(head, body);
    } finally {
      if (connection.usable) idle.push(connection);
    }
  };
  return Object.assign(patchOne, {
    close: () => all.forEach(c => c.close()),
  });
}

/** Patches Deployments from `concurrency` loops for a bounded time. */
export async function runPatchLoad(
  options: PatchLoadOptions,
): Promise<PatchLoadResult> {
  const socket =
    options.client === 'raw-socket' ? socketPatcher(options) : undefined;
  const patchOne =
    socket ??
    (options.client === 'client-node'
      ? clientNodePatcher(options)
      : rawPatcher(options));
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const started = Date.now();
  const deadline = started + options.durationMs;
  const loop = async () => {
    while (Date.now() < deadline) {
      const index = next++;
      const [namespace, name] =
        options.targets[index % options.targets.length].split('/');
      const body = patchBody(
        options.change,
        Math.floor(index / options.targets.length) + 2,
      );
      const t0 = performance.now();
      try {
        await patchOne(namespace, name, body);
        latencies.push(performance.now() - t0);
      } catch {
        errors += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, loop));
  const seconds = (Date.now() - started) / 1000;
  socket?.close();
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round(
      (latencies[
        Math.min(latencies.length - 1, Math.floor(q * latencies.length))
      ] ?? 0) * 10,
    ) / 10;
  return {
    client: options.client,
    change: options.change,
    requests: latencies.length,
    errors,
    seconds,
    perSecond: Math.round(latencies.length / seconds),
    latencyMs: { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: at(1) },
  };
}

// As a worker thread: run once with workerData and post the result.
if (parentPort && workerData) {
  runPatchLoad(workerData as PatchLoadOptions).then(
    result => parentPort!.postMessage(result),
    error => parentPort!.postMessage({ error: String(error) }),
  );
}
