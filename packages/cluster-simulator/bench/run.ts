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
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { DEPLOYMENTS, NAMESPACES } from '../src/api/resources';
import { KubeObject } from '../src/api/types';
import { ClusterSimulator } from '../src/ClusterSimulator';
import type { SimulatedCluster } from '../src/SimulatedCluster';
import type { PatchLoadOptions, PatchLoadResult } from './patchLoad';

/**
 * The simulator's benchmark, run with `yarn bench`: PATCH throughput on
 * 1,000 Deployments, then memory holding 10,000 namespaces × 10 Deployments
 * against an empty simulator, then PATCH throughput again on that loaded
 * store; last, the verdict on each goal. Each phase runs in a fresh process
 * so that neither skews the other; the memory phase measures the empty and
 * the loaded simulator in the same process. Knobs: BENCH_SECONDS (10 per
 * run), BENCH_CONCURRENCY (32), BENCH_NAMESPACES (10000),
 * BENCH_DEPLOYMENTS_PER_NAMESPACE (10), BENCH_REPLICAS (1), and
 * BENCH_CPU_PROFILE (a directory: a CPU profile of the server thread per run).
 */

/** The goals on the development machine. */
const GOAL_PATCHES_PER_SECOND = 2000;
const GOAL_RSS_BYTES = 1024 ** 3;

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARM_UP_SECONDS = Math.min(3, SECONDS);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const NAMESPACE_COUNT = Number(process.env.BENCH_NAMESPACES ?? 10_000);
const PER_NAMESPACE = Number(process.env.BENCH_DEPLOYMENTS_PER_NAMESPACE ?? 10);
const REPLICAS = Number(process.env.BENCH_REPLICAS ?? 1);
const PROFILE_DIR = process.env.BENCH_CPU_PROFILE;
const TOKEN = 'bench-token';

/** What a phase reports to the main process for the verdicts. */
interface PhaseResult {
  /** Image patches per second via raw sockets, the goal's measure. */
  imagePatchesPerSecond?: number;
  rss?: number;
}

const report = (result: PhaseResult) => process.send?.(result);

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

type PatchRun = [PatchLoadOptions['client'], PatchLoadOptions['change']];

/** Runs the patch loads one after the other; returns image patches/s via raw sockets. */
async function patchRuns(
  cluster: SimulatedCluster,
  targets: string[],
  runs: PatchRun[],
  label: string,
): Promise<number | undefined> {
  let imagePatchesPerSecond: number | undefined;
  // Not counted: the first seconds run on code not yet optimized and a
  // young generation not yet grown, which the first run alone would pay for.
  const [firstClient, firstChange] = runs[0];
  await patchLoad({
    url: cluster.url,
    token: TOKEN,
    targets,
    concurrency: CONCURRENCY,
    durationMs: WARM_UP_SECONDS * 1000,
    client: firstClient,
    change: firstChange,
  });
  console.log(
    `  (warm-up: ${WARM_UP_SECONDS} s of ${firstChange} patches via ${firstClient}, not counted)`,
  );
  for (const [client, change] of runs) {
    cluster.counters.reset();
    const profiler = PROFILE_DIR ? await startProfile() : undefined;
    const load = loadavg()[0];
    const cpuBefore = serverThreadCpuMs();
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
    const cpuAfter = serverThreadCpuMs();
    if (profiler) {
      await profiler.stop(
        join(PROFILE_DIR!, `${label}-${change}-${client}.cpuprofile`),
      );
    }
    const served = cluster.counters.count({
      verb: 'patch',
      resource: 'deployments',
    });
    // Time the server's event loop was busy per patch, its controller's rollout work included.
    const busyPerPatchUs = Math.round(
      (busy.active * 1000) / Math.max(1, served),
    );
    const cpuPerPatch =
      cpuBefore !== undefined && cpuAfter !== undefined
        ? `, CPU ${Math.round(
            ((cpuAfter - cpuBefore) * 1000) / Math.max(1, served),
          )} µs per patch`
        : '';
    console.log(
      `  ${change} patches via ${client}: ${result.perSecond} patches/s ` +
        `(${result.requests} in ${result.seconds.toFixed(1)} s, ${
          result.errors
        } errors, server counted ${served}; ` +
        `latency ms p50 ${result.latencyMs.p50} p90 ${result.latencyMs.p90} p99 ${result.latencyMs.p99}; ` +
        `server thread busy ${Math.round(
          busy.utilization * 100,
        )}%, ${busyPerPatchUs} µs per patch${cpuPerPatch}; load average ${load.toFixed(
          2,
        )})`,
    );
    if (client === 'raw-socket' && change === 'image') {
      imagePatchesPerSecond = result.perSecond;
    }
  }
  return imagePatchesPerSecond;
}

/**
 * CPU time (ms) this process's main thread, the server's, has used, from
 * Linux's /proc; undefined elsewhere. Unlike its busy time, it does not
 * grow when other work on the machine takes the core away.
 */
function serverThreadCpuMs(): number | undefined {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    // Fields after the command name: utime and stime are the 12th and 13th, in 1/100 s.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/** A CPU profile of this (the server's) thread, for BENCH_CPU_PROFILE. */
async function startProfile() {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    async stop(file: string) {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
      console.log(`  (CPU profile of the server thread: ${file})`);
    },
  };
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
  const imagePatchesPerSecond = await patchRuns(
    cluster,
    targets,
    [
      ['raw-socket', 'image'],
      ['raw-keep-alive', 'image'],
      ['client-node', 'image'],
      ['raw-socket', 'annotation'],
      ['raw-keep-alive', 'annotation'],
    ],
    'small',
  );
  report({ imagePatchesPerSecond });
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
    // As in the throughput phase, for the patches on the loaded store after.
    controller: { timeScale: 100 },
  });
  const cluster = simulator.cluster('memory');
  const empty = await settledMemory();
  const started = Date.now();
  const namespaceName = (n: number) => `tenant-${String(n).padStart(5, '0')}`;
  for (let n = 0; n < NAMESPACE_COUNT; n++) {
    const namespace = namespaceName(n);
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
    `  goal < 1 GiB RSS: ${full.rss < GOAL_RSS_BYTES ? 'met' : 'NOT met'}`,
  );
  // Patches spread over the whole loaded store: each wakes a settled
  // Deployment that was stored long ago, the case the hub's deployer meets.
  const targets: string[] = [];
  for (let n = 0; n < NAMESPACE_COUNT; n++) {
    for (let d = 0; d < PER_NAMESPACE; d++) {
      targets.push(`${namespaceName(n)}/app-${d}`);
    }
  }
  console.log(
    `PATCH throughput on this loaded store: ${targets.length} Deployments round robin, concurrency ${CONCURRENCY}, ${SECONDS} s per run, time scale 100`,
  );
  const imagePatchesPerSecond = await patchRuns(
    cluster,
    targets,
    [
      ['raw-socket', 'image'],
      ['raw-socket', 'annotation'],
    ],
    'loaded',
  );
  report({ rss: full.rss, imagePatchesPerSecond });
  await simulator.close();
}

function runPhase(phase: string): Promise<PhaseResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), `--phase=${phase}`],
      {
        stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
        env: process.env,
      },
    );
    let result: PhaseResult = {};
    child.on('message', message => {
      result = { ...result, ...(message as PhaseResult) };
    });
    child.on('exit', code =>
      code === 0
        ? resolve(result)
        : reject(new Error(`${phase} phase exited with ${code}`)),
    );
  });
}

const number = (n: number) => n.toLocaleString('en-US');
const verdict = (met: boolean) => (met ? 'met' : 'NOT met');

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
  const small = await runPhase('throughput');
  const loaded = await runPhase('memory');
  const rates = [small, loaded].map(r => r.imagePatchesPerSecond ?? 0);
  console.log(
    `goals (PATCH/s: image patches, each starting a rollout, from the raw-socket client):`,
  );
  console.log(
    `  at least ${number(GOAL_PATCHES_PER_SECOND)} PATCH/s: ${verdict(
      rates.every(r => r >= GOAL_PATCHES_PER_SECOND),
    )} (${number(rates[0])}/s on 1,000 Deployments, ${number(
      rates[1],
    )}/s on the loaded store)`,
  );
  console.log(
    `  under 1 GiB RSS holding ${number(NAMESPACE_COUNT)} namespaces × ${number(
      PER_NAMESPACE,
    )} Deployments: ${verdict(
      loaded.rss !== undefined && loaded.rss < GOAL_RSS_BYTES,
    )} (${mib(loaded.rss ?? 0)} MiB)`,
  );
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
