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

/* A benchmark script, not part of the plugin: it uses the test utilities
 * and dev dependencies (the simulator), and prints. */
/* eslint-disable no-console, no-restricted-imports, @backstage/no-undeclared-imports */

/*
 * Throughput of the rollout engine: one release (S stages × A applications)
 * rolled out to N installations on simulated clusters whose rollouts take
 * no time, by worker processes (the same entry point the crash tests kill,
 * src/rollouts/__testUtils__/workerProcess.ts), each one backend replica's
 * engine, on SQLite (a file) and PostgreSQL. Prints
 *
 *  - steps per second: a step is one application deployed and healthy on
 *    one environment (N × S × A steps), over the time from the rollout's
 *    creation to its completion as the database records them;
 *  - database statements per step, counted by knex's `query` event in the
 *    workers (everything they run, idle ticks included);
 *  - on PostgreSQL, two worker processes against one;
 *  - Kubernetes API requests per application deployment, from the
 *    simulator's request counters (goal: at most 3 on average).
 *
 *   yarn workspace @sdh/plugin-distribution-hub-backend bench:rollouts \
 *     [--installations 2000] [--stages 3] [--apps 5] [--clusters 4] \
 *     [--max-parallel 200] [--concurrency 100] [--databases sqlite,postgres] \
 *     [--workers 1,2] [--pool-max N]
 *
 * --concurrency is each worker's engine concurrency (targets in flight);
 * --workers the worker processes of each PostgreSQL run; --pool-max their
 * PostgreSQL pool (knex's default, 10, otherwise). SQLite runs one worker.
 * PostgreSQL: BENCH_POSTGRES_URL (default postgresql://postgres@127.0.0.1:5432);
 * a database is created per run and dropped after it.
 */

import { mockCredentials } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ClusterSimulator } from '@sdh/cluster-simulator';
import knexFactory, { Knex } from 'knex';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildFleet, Fleet, NEW_TAG } from '../rollouts/__testUtils__/fleet';
import {
  createWorkerKnex,
  migrate,
  WorkerDatabase,
  WorkerProcess,
} from '../rollouts/__testUtils__/workerProcess';
import { RolloutEngineOptions } from '../rollouts/RolloutEngine';
import { RolloutService } from '../rollouts/RolloutService';
import { RolloutStore } from '../rollouts/RolloutStore';
import { DeploymentRow, RolloutRow, TargetRow } from '../rollouts/rolloutRows';

const CLUSTER_TOKEN = 'bench-token';

interface Settings {
  installations: number;
  stages: number;
  apps: number;
  clusters: number;
  maxParallel: number;
  concurrency: number;
  databases: ('sqlite' | 'postgres')[];
  /** Worker processes per PostgreSQL run, e.g. [1, 2]. */
  workers: number[];
  /** The workers' PostgreSQL pool size; knex's default when absent. */
  poolMax?: number;
  postgresUrl: string;
}

function parseArgs(argv: string[]): Settings {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new Error(`Unexpected argument ${arg}`);
    const [name, inline] = arg.slice(2).split('=', 2);
    values.set(name, inline ?? argv[++i]);
  }
  const number = (name: string, fallback: number) => {
    const text = values.get(name);
    values.delete(name);
    if (text === undefined) return fallback;
    const value = Number(text);
    if (!Number.isInteger(value) || value <= 0) {
      throw new Error(`--${name} takes a positive integer, not ${text}`);
    }
    return value;
  };
  const settings: Settings = {
    installations: number('installations', 2000),
    stages: number('stages', 3),
    apps: number('apps', 5),
    clusters: number('clusters', 4),
    maxParallel: number('max-parallel', 200),
    concurrency: number('concurrency', 100),
    databases: (values.get('databases') ?? 'sqlite,postgres')
      .split(',')
      .map(d => {
        if (d !== 'sqlite' && d !== 'postgres') {
          throw new Error(`--databases takes sqlite and/or postgres, not ${d}`);
        }
        return d;
      }),
    workers: (values.get('workers') ?? '1,2').split(',').map(text => {
      const value = Number(text);
      if (!Number.isInteger(value) || value <= 0) {
        throw new Error(`--workers takes positive integers, not ${text}`);
      }
      return value;
    }),
    poolMax: values.has('pool-max') ? number('pool-max', 10) : undefined,
    postgresUrl:
      process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432',
  };
  values.delete('databases');
  values.delete('workers');
  if (values.size > 0) {
    throw new Error(`Unknown options: ${[...values.keys()].join(', ')}`);
  }
  return settings;
}

/** Engine options of every worker: the defaults, wider. */
function engineOptions(settings: Settings): Partial<RolloutEngineOptions> {
  return { concurrency: settings.concurrency };
}

interface Database {
  knex: Knex;
  worker: WorkerDatabase;
  drop(): Promise<void>;
}

async function sqliteDatabase(): Promise<Database> {
  const dir = mkdtempSync(join(tmpdir(), 'dh-bench-rollouts-'));
  const filename = join(dir, 'hub.sqlite');
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename },
    useNullAsDefault: true,
  });
  return {
    knex,
    worker: { client: 'better-sqlite3', filename },
    drop: async () => {
      await knex.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function postgresDatabase(
  url: string,
  runNumber: number,
  poolMax?: number,
): Promise<Database> {
  const admin = knexFactory({ client: 'pg', connection: url });
  const name = `dh_bench_rollouts_${Date.now()}_${runNumber}`;
  await admin.raw('create database ??', [name]);
  const worker: WorkerDatabase = {
    client: 'pg',
    connection: url,
    database: name,
    ...(poolMax ? { poolMax } : {}),
  };
  const knex = createWorkerKnex(worker);
  return {
    knex,
    worker,
    drop: async () => {
      await knex.destroy();
      await admin.raw('drop database if exists ?? with (force)', [name]);
      await admin.destroy();
    },
  };
}

interface RunResult {
  label: string;
  workers: number;
  steps: number;
  seconds: number;
  queries: number;
  k8sRequests: number;
  k8sByVerb: Record<string, number>;
  appliedBy: Record<string, number>;
  maxOngoing: number;
  /** CPU seconds each worker process used during the rollout. */
  workerCpu: number[];
  /** CPU seconds of this process (the simulator, mostly). */
  simulatorCpu: number;
  /** Milliseconds from applied to healthy, per deployment: p50, p95. */
  healthyAfterApply: [number, number];
  /** Milliseconds from admission to completion, per target: p50, p95. */
  targetDuration: [number, number];
}

/** User + system CPU seconds of a process (Linux /proc). */
function cpuSecondsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15, in clock ticks (100 a second).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

function percentiles(values: number[]): [number, number] {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
  return [at(0.5), at(0.95)];
}

async function run(
  label: string,
  settings: Settings,
  fleet: Fleet,
  simulator: ClusterSimulator,
  clusters: string[],
  database: Database,
  workerCount: number,
): Promise<RunResult> {
  const { knex } = database;
  // This process creates the rollout and watches; the workers deploy.
  await migrate(knex);
  const store = RolloutStore.fromKnex(knex);
  const service = RolloutService.create({
    store,
    catalog: catalogServiceMock({ entities: fleet.entities }),
    getRelease: async () => fleet.release,
    events: { rolloutChanged: () => {} },
  });
  for (const name of clusters) simulator.cluster(name).reset();

  const workers = Array.from({ length: workerCount }, (_, i) =>
    WorkerProcess.start({
      workerId: `bench-worker-${i + 1}`,
      database: database.worker,
      clusters: clusters.map(name => ({
        name,
        url: simulator.cluster(name).url,
        token: CLUSTER_TOKEN,
      })),
      engine: engineOptions(settings),
      tickMs: 100,
    }),
  );
  try {
    await Promise.all(workers.map(w => w.waitFor('ready', 60_000)));
    for (const name of clusters) simulator.cluster(name).resetRequests();

    const actor = {
      ref: 'user:default/release-manager',
      credentials: mockCredentials.user('user:default/release-manager'),
    };
    const cpuAtStart = process.cpuUsage();
    const workerCpuAtStart = workers.map(w => cpuSecondsOf(w.child.pid!));
    const rollout = await service.createRollout(
      fleet.release.id,
      { targets: {}, maxParallel: settings.maxParallel },
      actor,
      async () => [],
    );
    let maxOngoing = 0;
    for (;;) {
      const current = await store.getRollout(rollout.id);
      if (current?.status !== 'running') {
        if (current?.status !== 'completed') {
          throw new Error(`${label}: rollout ended ${current?.status}`);
        }
        break;
      }
      const [{ count }] = await knex<TargetRow>('rollout_targets')
        .where({ rollout_id: rollout.id, state: 'ongoing' })
        .count({ count: '*' });
      maxOngoing = Math.max(maxOngoing, Number(count));
      for (const w of workers) {
        if (!w.running) {
          throw new Error(`${w.config.workerId} exited: ${w.stderr}`);
        }
      }
      await new Promise(r => setTimeout(r, 250));
    }
    const k8s = clusters.map(name =>
      simulator.cluster(name).counters.snapshot(),
    );
    const workerCpu = workers.map(w => cpuSecondsOf(w.child.pid!));
    const simulatorCpu =
      (process.cpuUsage(cpuAtStart).user +
        process.cpuUsage(cpuAtStart).system) /
      1e6;

    const stats = await Promise.all(
      workers.map(async w => {
        const printed = w.waitFor('stats', 30_000);
        await w.kill('SIGTERM');
        return printed;
      }),
    );
    const row = await knex<RolloutRow>('rollouts')
      .where({ id: rollout.id })
      .first();
    const seconds = (Number(row!.finished_at) - Number(row!.created_at)) / 1000;
    const deployments = await knex<DeploymentRow>('rollout_deployments')
      .where({ rollout_id: rollout.id })
      .select('state', 'applied_by', 'applied_at', 'healthy_at');
    const targets = await knex<TargetRow>('rollout_targets')
      .where({ rollout_id: rollout.id })
      .select('started_at', 'finished_at');
    const unhealthy = deployments.filter(d => d.state !== 'healthy');
    const expected = settings.installations * settings.stages * settings.apps;
    if (deployments.length !== expected || unhealthy.length > 0) {
      throw new Error(
        `${label}: ${deployments.length} deployments (expected ${expected}), ${unhealthy.length} not healthy`,
      );
    }
    const changes = clusters.reduce(
      (sum, name) =>
        sum +
        simulator
          .cluster(name)
          .imageHistory.list()
          .filter(c => c.image.endsWith(`:${NEW_TAG}`)).length,
      0,
    );
    if (changes !== expected) {
      throw new Error(
        `${label}: the clusters saw ${changes} image changes, expected ${expected}`,
      );
    }
    const appliedBy: Record<string, number> = {};
    for (const d of deployments) {
      appliedBy[d.applied_by!] = (appliedBy[d.applied_by!] ?? 0) + 1;
    }
    const k8sByVerb: Record<string, number> = {};
    for (const snapshot of k8s) {
      for (const [verb, count] of Object.entries(snapshot.byVerb)) {
        k8sByVerb[verb] = (k8sByVerb[verb] ?? 0) + count;
      }
    }
    return {
      label,
      workers: workerCount,
      steps: expected,
      seconds,
      queries: stats.reduce((sum, s) => sum + s.queries, 0),
      k8sRequests: k8s.reduce((sum, s) => sum + s.total, 0),
      k8sByVerb,
      appliedBy,
      maxOngoing,
      workerCpu: workerCpu.map((cpu, i) => cpu - workerCpuAtStart[i]),
      simulatorCpu,
      healthyAfterApply: percentiles(
        deployments.map(d => Number(d.healthy_at) - Number(d.applied_at)),
      ),
      targetDuration: percentiles(
        targets.map(t => Number(t.finished_at) - Number(t.started_at)),
      ),
    };
  } finally {
    await Promise.all(workers.map(w => w.kill('SIGKILL')));
  }
}

function report(result: RunResult) {
  const perStep = (n: number) => (n / result.steps).toFixed(2);
  console.log(
    [
      `${result.label}: ${result.steps} steps in ${result.seconds.toFixed(
        1,
      )} s = ${(result.steps / result.seconds).toFixed(0)} steps/s`,
      `  database statements: ${result.queries} = ${perStep(
        result.queries,
      )} per step`,
      `  Kubernetes API requests: ${result.k8sRequests} = ${perStep(
        result.k8sRequests,
      )} per application deployment (${Object.entries(result.k8sByVerb)
        .map(([verb, n]) => `${verb} ${perStep(n)}`)
        .join(', ')})`,
      `  applied by: ${Object.entries(result.appliedBy)
        .map(([worker, n]) => `${worker} ${n}`)
        .join(', ')}; most targets ongoing at once (sampled): ${
        result.maxOngoing
      }`,
      `  per target, admitted to completed: p50 ${result.targetDuration[0]} ms, p95 ${result.targetDuration[1]} ms; per deployment, applied to healthy: p50 ${result.healthyAfterApply[0]} ms, p95 ${result.healthyAfterApply[1]} ms`,
      `  CPU during the rollout: worker process${
        result.workers > 1 ? 'es' : ''
      } ${result.workerCpu
        .map(c => `${c.toFixed(1)} s`)
        .join(' + ')}, simulator (this process) ${result.simulatorCpu.toFixed(
        1,
      )} s`,
    ].join('\n'),
  );
}

async function main() {
  const settings = parseArgs(process.argv.slice(2));
  const clusters = Array.from(
    { length: settings.clusters },
    (_, i) => `bench-${i + 1}`,
  );
  const setupStarted = Date.now();
  const fleet = buildFleet({
    installations: settings.installations,
    tenants: Math.min(settings.installations, 20),
    clusters,
    stages: settings.stages,
    appsPerStage: settings.apps,
  });
  // Rollouts take no time: pods are ready at once and the controller
  // observes a change at once (no time scaling, so progress deadlines stay
  // 30 real seconds and a busy machine does not fail rollouts).
  const controller = {
    timeScale: 1,
    podStartSeconds: 0,
    observeDelaySeconds: 0,
  };
  const simulator = await ClusterSimulator.create({
    clusters: clusters.map(name => ({ name, tokens: [CLUSTER_TOKEN] })),
    controller,
    seed: fleet.seed as any,
  });
  console.log(
    [
      `Rollout benchmark: ${settings.installations} installations × ${
        settings.stages
      } stages × ${settings.apps} applications = ${
        settings.installations * settings.stages * settings.apps
      } steps, on ${settings.clusters} simulated clusters (${JSON.stringify(
        controller,
      )}, 1 replica per Deployment)`,
      `  rollout maxParallel ${
        settings.maxParallel
      }; each worker process: engine ${JSON.stringify(
        engineOptions(settings),
      )} over the defaults, tick every 100 ms, ${
        settings.poolMax
          ? `PostgreSQL pool of ${settings.poolMax}`
          : "knex's default pool (PostgreSQL: 10 connections)"
      }`,
      `  set-up (fleet, simulator seed) ${(
        (Date.now() - setupStarted) /
        1000
      ).toFixed(1)} s`,
    ].join('\n'),
  );

  const results: RunResult[] = [];
  let runs = 0;
  try {
    for (const kind of settings.databases) {
      const plans = kind === 'sqlite' ? [1] : settings.workers;
      for (const workerCount of plans) {
        const database =
          kind === 'sqlite'
            ? await sqliteDatabase()
            : await postgresDatabase(
                settings.postgresUrl,
                ++runs,
                settings.poolMax,
              );
        const label = `${
          kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'
        }, ${workerCount} worker process${workerCount > 1 ? 'es' : ''}`;
        try {
          const result = await run(
            label,
            settings,
            fleet,
            simulator,
            clusters,
            database,
            workerCount,
          );
          results.push(result);
          report(result);
        } finally {
          await database.drop();
        }
      }
    }
  } finally {
    await simulator.close();
  }
  const pg1 = results.find(
    r => r.label.startsWith('PostgreSQL') && r.workers === 1,
  );
  const pg2 = results.find(
    r => r.label.startsWith('PostgreSQL') && r.workers === 2,
  );
  if (pg1 && pg2) {
    console.log(
      `PostgreSQL, 2 worker processes / 1: ${(
        pg2.steps /
        pg2.seconds /
        (pg1.steps / pg1.seconds)
      ).toFixed(2)}× the steps per second`,
    );
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
