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
import { spawn } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { DEPLOYMENTS, NAMESPACES } from '../src/api/resources';
import { KubeObject } from '../src/api/types';
import { ClusterSimulator } from '../src/ClusterSimulator';
import type { PatchLoadOptions, PatchLoadResult } from './patchLoad';

/**
 * The simulator's benchmark, run with `yarn bench`: PATCH throughput, then
 * memory holding 10,000 namespaces × 10 Deployments against an empty
 * simulator. Each phase runs in a fresh process so that neither skews the
 * other; the memory phase measures the empty and the loaded simulator in the
 * same process. Knobs: BENCH_SECONDS (10 per run), BENCH_CONCURRENCY (32),
 * BENCH_NAMESPACES (10000), BENCH_DEPLOYMENTS_PER_NAMESPACE (10),
 * BENCH_REPLICAS (1).
 */

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const NAMESPACE_COUNT = Number(process.env.BENCH_NAMESPACES ?? 10_000);
const PER_NAMESPACE = Number(process.env.BENCH_DEPLOYMENTS_PER_NAMESPACE ?? 10);
const REPLICAS = Number(process.env.BENCH_REPLICAS ?? 1);
const TOKEN = 'bench-token';

function deployment(namespace: string, name: string): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name,
      namespace,
      labels: { app: name, 'backstage.io/kubernetes-id': name },
    },
    spec: {
      replicas: REPLICAS,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          containers: [
            {
              name: 'app',
              image: `bench/${name}:1.0.0`,
              ports: [{ containerPort: 8080 }],
              env: [{ name: 'MODE', value: 'production' }],
              resources: { requests: { cpu: '100m', memory: '128Mi' } },
            },
          ],
        },
      },
    },
  };
}

const mib = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

async function settledMemory() {
  const gc = (globalThis as { gc?: (options?: object) => void }).gc;
  // Full, memory-reducing collections with pauses, as V8's memory reducer
  // does in an idle process, so that freed pages go back too.
  for (let i = 0; i < 3; i++) {
    gc?.({ type: 'major', execution: 'sync', flavor: 'last-resort' });
    await sleep(200);
  }
  const usage = process.memoryUsage();
  return {
    rss: usage.rss,
    heapUsed: usage.heapUsed,
    heapTotal: usage.heapTotal,
  };
}

function patchLoad(options: PatchLoadOptions): Promise<PatchLoadResult> {
  // The load runs in a worker thread, so that client and server each get a core.
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./patchLoad.ts', import.meta.url), {
      workerData: options,
    });
    worker.once('message', message => {
      worker.terminate();
      if (message.error) reject(new Error(message.error));
      else resolve(message);
    });
    worker.once('error', reject);
  });
}

async function throughputPhase() {
  const simulator = await ClusterSimulator.create({
    clusters: [{ name: 'bench', tokens: [TOKEN] }],
    controller: { timeScale: 100 },
  });
  const cluster = simulator.cluster('bench');
  const targets: string[] = [];
  for (let n = 0; n < 100; n++) {
    const namespace = `tenant-${n}`;
    cluster.api.create(NAMESPACES, '', { metadata: { name: namespace } });
    for (let d = 0; d < 10; d++) {
      const name = `app-${d}`;
      cluster.api.create(DEPLOYMENTS, namespace, deployment(namespace, name));
      cluster.controller.settle(DEPLOYMENTS, namespace, name);
      targets.push(`${namespace}/${name}`);
    }
  }
  console.log(
    `PATCH throughput: ${targets.length} Deployments, concurrency ${CONCURRENCY}, ${SECONDS} s per run, ` +
      `time scale 100 (image patches roll out with pods becoming ready in 20 ms)`,
  );
  const runs: [PatchLoadOptions['client'], PatchLoadOptions['change']][] = [
    ['raw-keep-alive', 'image'],
    ['client-node', 'image'],
    ['raw-keep-alive', 'annotation'],
  ];
  for (const [client, change] of runs) {
    cluster.counters.reset();
    const busyBefore = performance.eventLoopUtilization();
    const result = await patchLoad({
      url: cluster.url,
      token: TOKEN,
      targets,
      concurrency: CONCURRENCY,
      durationMs: SECONDS * 1000,
      client,
      change,
    });
    const busy = performance.eventLoopUtilization(busyBefore);
    const served = cluster.counters.count({
      verb: 'patch',
      resource: 'deployments',
    });
    // Time the server's event loop was busy per patch, its controller's rollout work included.
    const busyPerPatchUs = Math.round(
      (busy.active * 1000) / Math.max(1, served),
    );
    console.log(
      `  ${change} patches via ${client}: ${result.perSecond} patches/s ` +
        `(${result.requests} in ${result.seconds.toFixed(1)} s, ${
          result.errors
        } errors, server counted ${served}; ` +
        `latency ms p50 ${result.latencyMs.p50} p90 ${result.latencyMs.p90} p99 ${result.latencyMs.p99}; ` +
        `server thread busy ${Math.round(
          busy.utilization * 100,
        )}%, ${busyPerPatchUs} µs per patch)`,
    );
  }
  const log = cluster.requestLog;
  console.log(
    `  afterwards: ${cluster.imageHistory.size} image changes and ${
      cluster.rolloutHistory.size
    } completed rollouts recorded, ${cluster.store.count('pods')} pods; ` +
      `request log keeps the last ${log.size} of ${
        log.size + log.evicted
      } requests (bound ${log.capacity}), heap used ${mib(
        process.memoryUsage().heapUsed,
      )} MiB`,
  );
  await simulator.close();
}

async function memoryPhase() {
  const simulator = await ClusterSimulator.create({
    clusters: [{ name: 'memory', tokens: [TOKEN] }],
  });
  const cluster = simulator.cluster('memory');
  const empty = await settledMemory();
  const started = Date.now();
  for (let n = 0; n < NAMESPACE_COUNT; n++) {
    const namespace = `tenant-${String(n).padStart(5, '0')}`;
    cluster.api.create(NAMESPACES, '', { metadata: { name: namespace } });
    for (let d = 0; d < PER_NAMESPACE; d++) {
      const name = `app-${d}`;
      cluster.api.create(DEPLOYMENTS, namespace, deployment(namespace, name));
      cluster.controller.settle(DEPLOYMENTS, namespace, name);
    }
  }
  const seconds = (Date.now() - started) / 1000;
  const full = await settledMemory();
  const objects = cluster.describe().objects as Record<string, number>;
  console.log(
    `memory: ${objects.namespaces} namespaces, ${objects.deployments} Deployments of ${REPLICAS} replica(s), ` +
      `settled (status written, ${
        objects.pods
      } pods stored), created through the API layer in ${seconds.toFixed(1)} s`,
  );
  console.log(
    `  empty simulator: RSS ${mib(empty.rss)} MiB, heap used ${mib(
      empty.heapUsed,
    )} MiB`,
  );
  console.log(
    `  loaded:          RSS ${mib(full.rss)} MiB, heap used ${mib(
      full.heapUsed,
    )} MiB (heap reserved ${mib(full.heapTotal)} MiB)`,
  );
  console.log(
    `  ratio loaded/empty: RSS ×${(full.rss / empty.rss).toFixed(1)}, heap ×${(
      full.heapUsed / empty.heapUsed
    ).toFixed(1)}; ` +
      `heap per Deployment with its pod(s): ${Math.round(
        (full.heapUsed - empty.heapUsed) / objects.deployments,
      )} bytes`,
  );
  console.log(
    `  records kept: ${cluster.imageHistory.size} image changes, ${cluster.rolloutHistory.size} completed rollouts (settled), ` +
      `${cluster.requestLog.size} requests (this phase bypasses HTTP)`,
  );
  console.log(
    `  goal < 1 GiB RSS: ${full.rss < 1024 ** 3 ? 'met' : 'NOT met'}`,
  );
  await simulator.close();
}

function runPhase(phase: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), `--phase=${phase}`],
      {
        stdio: 'inherit',
        env: process.env,
      },
    );
    child.on('exit', code =>
      code === 0
        ? resolve()
        : reject(new Error(`${phase} phase exited with ${code}`)),
    );
  });
}

async function main() {
  const phase = process.argv
    .find(a => a.startsWith('--phase='))
    ?.slice('--phase='.length);
  if (phase === 'throughput') return throughputPhase();
  if (phase === 'memory') return memoryPhase();
  console.log(
    `cluster-simulator benchmark: ${cpus().length} cores, Node ${
      process.versions.node
    }, load average ${loadavg()[0].toFixed(2)}`,
  );
  if (!(globalThis as { gc?: () => void }).gc)
    console.log('(without --expose-gc the memory figures include garbage)');
  await runPhase('throughput');
  await runPhase('memory');
  console.log(
    `load average at the end: ${loadavg()[0].toFixed(
      2,
    )} (other work on the machine slows the figures)`,
  );
  return undefined;
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
