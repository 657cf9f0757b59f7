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
import {
  createServer as createHttpServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { AddressInfo, Socket } from 'node:net';
import { stringify as toYaml } from 'yaml';
import {
  ADMIN_PREFIX,
  AdminTarget,
  handleAdmin,
  isAdminPath,
} from './admin/AdminApi';
import { FaultInjector } from './admin/FaultInjector';
import { ImageHistory } from './admin/ImageHistory';
import { RequestCounters } from './admin/RequestCounters';
import { RequestLog } from './admin/RequestLog';
import { RolloutHistory } from './admin/RolloutHistory';
import { Sequence } from './admin/Sequence';
import { ApiError, pathNotFound, unauthorized } from './api/errors';
import {
  NAMESPACES,
  RESOURCE_TYPES,
  resourceTypeForKind,
} from './api/resources';
import { ResourceApi } from './api/ResourceApi';
import { KubeObject } from './api/types';
import { ControllerSettings } from './controller/settings';
import { WorkloadController } from './controller/WorkloadController';
import { discoveryDocument, handleResource } from './server/ApiHandler';
import { sendError, sendJson } from './server/http';
import { route } from './server/router';
import { ObjectStore } from './store/ObjectStore';
import { TlsMaterial } from './tls/certificates';
import { JsonObject } from './util/json';

export interface SimulatedClusterOptions {
  /** The cluster's name, as app-config and kubeconfig files call it. */
  name: string;
  /** Bearer tokens the cluster accepts; at least one. */
  tokens: string[];
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Address to listen on; 127.0.0.1 by default. */
  host?: string;
  /** Serve HTTPS with this certificate instead of HTTP. */
  tls?: TlsMaterial;
  controller?: Partial<ControllerSettings>;
  /** Objects to create at start and after every reset, already settled. */
  seed?: KubeObject[];
  /** How many past events watches can resume from. */
  historySize?: number;
  /** How many requests the request log keeps (100,000 by default; 0 keeps none). */
  requestLogSize?: number;
  /** How many rollouts the rollout history keeps (100,000 by default). */
  rolloutHistorySize?: number;
  /**
   * Numbers the records of image history, request log and rollout history;
   * ClusterSimulator gives its clusters one to share. Its own by default.
   */
  sequence?: Sequence;
}

/** Namespaces every Kubernetes cluster starts with. */
const SYSTEM_NAMESPACES = [
  'default',
  'kube-system',
  'kube-public',
  'kube-node-lease',
];

const SEED_MANAGER = 'cluster-simulator-seed';

function bearerToken(request: IncomingMessage): string | undefined {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(.+)$/i.exec(header) : null;
  return match?.[1].trim();
}

function faultError(code: number): ApiError {
  if (code === 429) {
    return new ApiError(
      429,
      'TooManyRequests',
      'Too many requests, please try again later.',
      { retryAfterSeconds: 1 },
    );
  }
  if (code === 503) {
    return new ApiError(
      503,
      'ServiceUnavailable',
      'The server is currently unable to handle the request',
      { retryAfterSeconds: 1 },
    );
  }
  if (code === 504)
    return new ApiError(
      504,
      'Timeout',
      'The server was unable to return a response in the time allotted',
    );
  return new ApiError(
    code,
    'InternalError',
    'Internal error occurred: injected fault',
  );
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/**
 * One simulated Kubernetes cluster: its store, API semantics, controller,
 * admin API, and the HTTP(S) server that serves them on its own port with
 * its own bearer tokens.
 */
export class SimulatedCluster implements AdminTarget {
  readonly store: ObjectStore;
  readonly api: ResourceApi;
  readonly controller: WorkloadController;
  readonly faults = FaultInjector.create();
  readonly counters = RequestCounters.create();
  /** Numbers the records of imageHistory, requestLog and rolloutHistory, in the order they happen. */
  readonly sequence: Sequence;
  readonly imageHistory: ImageHistory;
  readonly requestLog: RequestLog;
  readonly rolloutHistory: RolloutHistory;
  private readonly sockets = new Set<Socket>();
  private readonly watches = new Set<() => void>();
  private readonly seedObjects: KubeObject[] = [];
  private server?: Server;
  private closed = false;

  static async create(
    options: SimulatedClusterOptions,
  ): Promise<SimulatedCluster> {
    if (
      options.tokens.length === 0 ||
      options.tokens.some(t => t.trim() === '')
    ) {
      throw new Error(
        `cluster ${options.name}: at least one non-empty token is required`,
      );
    }
    const cluster = new SimulatedCluster(options);
    cluster.createSystemNamespaces();
    if (options.seed) cluster.seed(options.seed);
    await cluster.listen(options.port ?? 0, options.host ?? '127.0.0.1');
    return cluster;
  }

  private constructor(private readonly options: SimulatedClusterOptions) {
    this.sequence = options.sequence ?? Sequence.create();
    this.imageHistory = ImageHistory.create(this.sequence);
    this.requestLog = RequestLog.create({
      sequence: this.sequence,
      capacity: options.requestLogSize,
    });
    this.rolloutHistory = RolloutHistory.create({
      sequence: this.sequence,
      capacity: options.rolloutHistorySize,
    });
    this.store = ObjectStore.create({ historySize: options.historySize });
    this.api = ResourceApi.create({
      store: this.store,
      imageHistory: this.imageHistory,
    });
    this.controller = WorkloadController.create({
      store: this.store,
      settings: options.controller,
      rolloutHistory: this.rolloutHistory,
    });
  }

  get name(): string {
    return this.options.name;
  }

  get tokens(): string[] {
    return [...this.options.tokens];
  }

  get port(): number {
    return (this.server?.address() as AddressInfo | null)?.port ?? 0;
  }

  get host(): string {
    return this.options.host ?? '127.0.0.1';
  }

  /** The API server URL, e.g. `http://127.0.0.1:6443`. */
  get url(): string {
    const host = this.host.includes(':') ? `[${this.host}]` : this.host;
    return `${this.options.tls ? 'https' : 'http'}://${
      host === '0.0.0.0' ? '127.0.0.1' : host
    }:${this.port}`;
  }

  /** Base64 PEM of the CA, for kubeconfig and Backstage `caData`; undefined without TLS. */
  get caData(): string | undefined {
    return this.options.tls?.caData;
  }

  controllerSettings(): ControllerSettings {
    return this.controller.settings;
  }

  updateControllerSettings(settings: Partial<ControllerSettings>): void {
    this.controller.updateSettings(settings);
  }

  /**
   * Creates or updates objects (Namespace, Deployment, StatefulSet,
   * DaemonSet) as server-side apply would, creating missing namespaces, and
   * settles workloads at once. They are kept and re-applied after reset().
   */
  seed(objects: KubeObject[]): void {
    for (const object of objects) {
      this.applySeedObject(object);
      this.seedObjects.push(object);
    }
  }

  /**
   * Back to the seeded state: objects, faults, counters, request log, image
   * and rollout history (the seeded workloads are recorded anew).
   */
  reset(): void {
    this.store.reset();
    this.faults.clear();
    this.resetRequests();
    this.imageHistory.reset();
    this.rolloutHistory.reset();
    this.createSystemNamespaces();
    for (const object of this.seedObjects) this.applySeedObject(object);
  }

  /** Clears the request counters and the request log. */
  resetRequests(): void {
    this.counters.reset();
    this.requestLog.reset();
  }

  describe(): JsonObject {
    const objects: Record<string, number> = {};
    for (const type of RESOURCE_TYPES)
      objects[type.resource] = this.store.count(type.resource);
    const settings = this.controller.settings;
    return {
      name: this.name,
      url: this.url,
      tls: Boolean(this.options.tls),
      resourceVersion: String(this.store.resourceVersion),
      objects,
      seededObjects: this.seedObjects.length,
      controller: {
        ...settings,
        brokenImagePattern: settings.brokenImagePattern.source,
      },
      faults: this.faults.settings,
      records: {
        sequence: this.sequence.current,
        requestLog: {
          kept: this.requestLog.size,
          capacity: this.requestLog.capacity,
          evicted: this.requestLog.evicted,
        },
        imageChanges: this.imageHistory.size,
        rollouts: {
          kept: this.rolloutHistory.size,
          capacity: this.rolloutHistory.capacity,
          evicted: this.rolloutHistory.evicted,
        },
      },
      adminPrefix: ADMIN_PREFIX,
    };
  }

  /** A kubeconfig (YAML) for this cluster, for kubectl or @kubernetes/client-node. */
  kubeconfig(options: { token?: string; namespace?: string } = {}): string {
    const cluster: JsonObject = { server: this.url };
    if (this.caData) cluster['certificate-authority-data'] = this.caData;
    return toYaml({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: this.name, cluster }],
      users: [
        {
          name: `${this.name}-user`,
          user: { token: options.token ?? this.options.tokens[0] },
        },
      ],
      contexts: [
        {
          name: this.name,
          context: {
            cluster: this.name,
            user: `${this.name}-user`,
            namespace: options.namespace ?? 'default',
          },
        },
      ],
      'current-context': this.name,
      preferences: {},
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.controller.close();
    this.api.close();
    for (const end of [...this.watches]) end();
    const server = this.server;
    if (!server) return;
    await new Promise<void>(resolve => {
      server.close(() => resolve());
      for (const socket of this.sockets) socket.destroy();
    });
  }

  private createSystemNamespaces(): void {
    for (const name of SYSTEM_NAMESPACES) {
      if (!this.store.get(NAMESPACES.resource, '', name)) {
        this.api.create(
          NAMESPACES,
          '',
          { metadata: { name } },
          { fieldManager: 'kube-apiserver' },
        );
      }
    }
  }

  private applySeedObject(object: KubeObject): void {
    const type = resourceTypeForKind(object.kind);
    if (!type || type.derived)
      throw new Error(`cannot seed kind ${object.kind}`);
    const namespace = type.namespaced
      ? object.metadata.namespace ?? 'default'
      : '';
    if (
      type.namespaced &&
      !this.store.get(NAMESPACES.resource, '', namespace)
    ) {
      this.api.create(
        NAMESPACES,
        '',
        { metadata: { name: namespace } },
        { fieldManager: SEED_MANAGER },
      );
    }
    const body = {
      ...object,
      metadata: {
        ...object.metadata,
        ...(type.namespaced ? { namespace } : {}),
      },
    };
    this.api.patch(
      type,
      namespace,
      object.metadata.name!,
      'apply',
      JSON.stringify(body),
      {
        fieldManager: SEED_MANAGER,
        force: true,
      },
    );
    if (type.workload)
      this.controller.settle(type, namespace, object.metadata.name!);
  }

  private async listen(port: number, host: string): Promise<void> {
    const handler = (request: IncomingMessage, response: ServerResponse) => {
      this.handle(request, response).catch(error => {
        if (!response.headersSent) {
          sendError(
            response,
            new ApiError(
              500,
              'InternalError',
              `Internal error occurred: ${(error as Error).message}`,
            ),
          );
        } else {
          response.destroy();
        }
      });
    };
    const tls = this.options.tls;
    const server = tls
      ? createHttpsServer({ key: tls.key, cert: tls.cert }, handler)
      : createHttpServer(handler);
    server.keepAliveTimeout = 65_000;
    server.on(tls ? 'secureConnection' : 'connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  }

  private async handle(
    request: IncomingMessage,
    response: ServerResponse,
  ): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://cluster');
    const method = request.method ?? 'GET';
    if (
      method === 'GET' &&
      ['/healthz', '/livez', '/readyz'].includes(url.pathname)
    ) {
      response.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
      response.end('ok');
      return;
    }
    const token = bearerToken(request);
    if (!token || !this.options.tokens.includes(token)) {
      sendError(response, unauthorized());
      return;
    }
    if (isAdminPath(url.pathname)) {
      try {
        await handleAdmin(this, request, response, url);
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        sendError(response, error);
      }
      return;
    }
    const target = route(method, url);
    const resource =
      target.kind === 'resource' ? target.type.resource : target.path;
    const counted = {
      verb: target.verb,
      resource,
      namespace: target.kind === 'resource' ? target.namespace : undefined,
      name: target.kind === 'resource' ? target.name : undefined,
    };
    const record = (code: number) => {
      const answered = { ...counted, code };
      this.counters.record(answered);
      this.requestLog.record(answered);
    };
    const fault = this.faults.decide(target.verb, resource);
    if (fault.delayMs > 0) await sleep(fault.delayMs);
    if (fault.drop) {
      record(0);
      request.socket.destroy();
      return;
    }
    // Count and log when the status line is written, before the client can see the answer.
    const writeHead = response.writeHead.bind(response) as (
      ...args: unknown[]
    ) => ServerResponse;
    let recorded = false;
    response.writeHead = ((...args: unknown[]) => {
      if (!recorded) {
        recorded = true;
        record(Number(args[0]));
      }
      return writeHead(...args);
    }) as ServerResponse['writeHead'];
    try {
      if (fault.errorCode) throw faultError(fault.errorCode);
      if (target.kind === 'nonResource') {
        const document = discoveryDocument(
          url.pathname,
          `${this.host}:${this.port}`,
        );
        if (document === undefined || method !== 'GET') throw pathNotFound();
        sendJson(response, 200, document);
        return;
      }
      await handleResource(
        this.api,
        this.store,
        target,
        request,
        response,
        url,
        end => {
          this.watches.add(end);
          return () => this.watches.delete(end);
        },
      );
    } catch (error) {
      if (error instanceof ApiError) {
        if (!response.headersSent) sendError(response, error);
        else response.destroy();
        return;
      }
      throw error;
    }
  }
}
