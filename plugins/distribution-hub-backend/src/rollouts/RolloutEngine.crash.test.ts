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
import { TestDatabases } from '@backstage/backend-test-utils';
import { ClusterSimulator } from '@sdh/cluster-simulator';
import knexFactory, { Knex } from 'knex';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildFleet,
  Fleet,
  imageOf,
  NEW_TAG,
  OLD_TAG,
} from './__testUtils__/fleet';
import {
  CLUSTER_TOKEN,
  createHarness,
  startSimulator,
} from './__testUtils__/harness';
import {
  WorkerConfig,
  WorkerDatabase,
  WorkerProcess,
} from './__testUtils__/workerProcess';
import { RolloutEngineOptions } from './RolloutEngine';
import { DeploymentRow } from './rolloutRows';

/*
 * The engine in real processes: one killed with SIGKILL halfway through a
 * rollout and another taking over once its leases expire, and two running
 * at once on one PostgreSQL database. The simulator runs here; the workers
 * reach it over HTTP and share the database with this process, which only
 * creates the rollout and reads.
 */

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const CLUSTERS = ['eu', 'us'];

/** Short leases so a takeover after a crash is quick. */
const WORKER_ENGINE: Partial<RolloutEngineOptions> = {
  leaseMs: 1_500,
  concurrency: 20,
  stageTimeoutMs: 20_000,
  callAttempts: 3,
  callRetryDelayMs: 20,
  maxTransientAttempts: 5,
  backoffMs: 50,
};

const STARTUP_MS = 30_000;

async function waitUntil<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs: number,
  intervalMs = 50,
  diagnostics: () => string = () => '',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out after ${timeoutMs} ms waiting for ${what}${diagnostics()}`,
      );
    }
    await new Promise(r => setTimeout(r, intervalMs));
  }
}

describe.each(databases.eachSupportedId())(
  'Rollout worker processes on %p',
  id => {
    let simulator: ClusterSimulator | undefined;
    let workers: WorkerProcess[] = [];
    let cleanups: (() => Promise<void> | void)[] = [];

    afterEach(async () => {
      // Kill every worker, even when the test failed halfway.
      await Promise.all(workers.map(w => w.kill('SIGKILL')));
      workers = [];
      await simulator?.close();
      simulator = undefined;
      for (const cleanup of cleanups.reverse()) await cleanup();
      cleanups = [];
    });

    /** What the workers printed on stderr, for failure messages. */
    const workerLogs = () =>
      workers
        .map(
          w => `\n--- ${w.config.workerId} stderr:\n${w.stderr.slice(-4000)}`,
        )
        .join('');

    /** The database for this process and what tells a worker where it is. */
    async function openDatabase(): Promise<{
      knex: Knex;
      database: WorkerDatabase;
    }> {
      if (id === 'SQLITE_3') {
        // A file: the workers are other processes.
        const dir = mkdtempSync(join(tmpdir(), 'dh-rollout-crash-'));
        const filename = join(dir, 'hub.sqlite');
        const knex = knexFactory({
          client: 'better-sqlite3',
          connection: { filename },
          useNullAsDefault: true,
        });
        cleanups.push(async () => {
          await knex.destroy();
          rmSync(dir, { recursive: true, force: true });
        });
        return { knex, database: { client: 'better-sqlite3', filename } };
      }
      const knex = await databases.init(id);
      const connection = knex.client.config
        .connection as Knex.PgConnectionConfig;
      return { knex, database: { client: 'pg', connection } };
    }

    async function setUp(fleet: Fleet, timeScale: number) {
      simulator = await startSimulator(fleet.seed, CLUSTERS, timeScale);
      const { knex, database } = await openDatabase();
      const hub = await createHarness({
        knex,
        simulator,
        clusters: CLUSTERS,
        entities: fleet.entities,
        release: fleet.release,
      });
      // This process creates and reads; only the worker processes deploy.
      await hub.engine.stop();
      const sim = simulator;
      const startWorker = (
        workerId: string,
        engine: Partial<RolloutEngineOptions> = {},
      ) => {
        const config: WorkerConfig = {
          workerId,
          database,
          clusters: CLUSTERS.map(name => ({
            name,
            url: sim.cluster(name).url,
            token: CLUSTER_TOKEN,
          })),
          engine: { ...WORKER_ENGINE, ...engine },
          tickMs: 100,
        };
        const worker = WorkerProcess.start(config);
        workers.push(worker);
        return worker;
      };
      const deployments = () =>
        knex<DeploymentRow>('rollout_deployments').select(
          'installation_ref',
          'entity_ref',
          'namespace',
          'state',
          'applied_by',
          'applied_at',
        );
      const waitForStatus = (rolloutId: string, timeoutMs: number) =>
        waitUntil(
          `rollout ${rolloutId} to complete`,
          async () => {
            const rollout = await hub.store.getRollout(rolloutId);
            if (rollout?.status === 'running') return false;
            return rollout?.status;
          },
          timeoutMs,
          100,
          workerLogs,
        );
      return { knex, hub, startWorker, deployments, waitForStatus };
    }

    /** Each (namespace, application) changed once, from the old image to the new. */
    function expectOneChangeEach(fleet: Fleet) {
      for (const ref of fleet.installationRefs) {
        const { cluster, namespace } = fleet.environmentOf.get(ref)!;
        const changes = simulator!.cluster(cluster).imageHistory.list({
          namespace,
        });
        for (const app of fleet.appNames.flat()) {
          // Seeding records the creation (without a previous image).
          const ofApp = changes.filter(
            c => c.name === app && c.previousImage !== undefined,
          );
          expect({ namespace, app, changes: ofApp.length }).toEqual({
            namespace,
            app,
            changes: 1,
          });
          expect(ofApp[0]).toMatchObject({
            image: imageOf(app, NEW_TAG),
            previousImage: imageOf(app, OLD_TAG),
          });
        }
      }
    }

    it('carries a rollout on after its worker is killed with SIGKILL halfway', async () => {
      // 6 installations × 2 stages × 2 applications, 2 replicas each: a
      // Deployment takes about 0.4 s to roll out (pods start in 0.2 s), so
      // with 2 targets at a time the rollout lasts a few seconds.
      const fleet = buildFleet({
        installations: 6,
        clusters: CLUSTERS,
        stages: 2,
        appsPerStage: 2,
        replicas: 2,
      });
      const total = 6 * 2 * 2;
      const { hub, startWorker, deployments, waitForStatus } = await setUp(
        fleet,
        10,
      );
      const rollout = await hub.start({ targets: {}, maxParallel: 2 });

      const first = startWorker('worker-1');
      await first.waitFor('ready', STARTUP_MS);
      // Kill once the first targets are into their second stage, well
      // before the last deployment (targets go two at a time).
      const appliedAtKill = await waitUntil(
        'some deployments to be applied',
        async () => {
          const rows = await deployments();
          const applied = rows.filter(r => r.applied_at !== null).length;
          return applied >= 6 && applied;
        },
        30_000,
        20,
        workerLogs,
      );
      await first.kill('SIGKILL');
      expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
      expect(appliedAtKill).toBeLessThan(total / 2);
      const leftBehind = (
        await hub.store.listTargets(rollout.id, { limit: 100 })
      ).filter(t => t.state === 'ongoing');
      expect(leftBehind.length).toBeGreaterThan(0);

      const second = startWorker('worker-2');
      await second.waitFor('ready', STARTUP_MS);
      expect(await waitForStatus(rollout.id, 40_000)).toBe('completed');

      const { items } = await hub.service.listTargets(rollout.id, {});
      expect(items.map(t => t.state)).toEqual(Array(6).fill('completed'));
      const rows = await deployments();
      expect(rows).toHaveLength(total);
      expect(rows.filter(r => r.state !== 'healthy')).toEqual([]);
      const appliedBy = new Map<string, number>();
      for (const row of rows) {
        appliedBy.set(
          row.applied_by!,
          (appliedBy.get(row.applied_by!) ?? 0) + 1,
        );
      }
      expect([...appliedBy.keys()].sort()).toEqual(['worker-1', 'worker-2']);
      expectOneChangeEach(fleet);
      expect(second.stderr).not.toMatch(/"level":"error"/);
    });

    // PostgreSQL only: SQLite has one writer at a time and no SKIP LOCKED,
    // so a hub on SQLite runs a single replica.
    if (id === 'SQLITE_3') {
      return;
    }

    it('shares a rollout between two worker processes on one PostgreSQL database', async () => {
      // 20 installations × 2 stages × 2 applications.
      const fleet = buildFleet({
        installations: 20,
        clusters: CLUSTERS,
        stages: 2,
        appsPerStage: 2,
      });
      const { knex, hub, startWorker, deployments, waitForStatus } =
        await setUp(fleet, 10);
      // Each worker holds at most 4 targets: both must take some.
      const engine = { concurrency: 4, leaseMs: 3_000 };
      const a = startWorker('worker-a', engine);
      const b = startWorker('worker-b', engine);
      await Promise.all([
        a.waitFor('ready', STARTUP_MS),
        b.waitFor('ready', STARTUP_MS),
      ]);
      const maxParallel = 8;
      const rollout = await hub.start({ targets: {}, maxParallel });
      // Samples how many targets are ongoing while the rollout runs.
      let sampledPeak = 0;
      let sampling = true;
      const sampler = (async () => {
        while (sampling) {
          const [{ count }] = await knex('rollout_targets')
            .where({ rollout_id: rollout.id, state: 'ongoing' })
            .count({ count: '*' });
          sampledPeak = Math.max(sampledPeak, Number(count));
          await new Promise(r => setTimeout(r, 10));
        }
      })();
      cleanups.push(async () => {
        sampling = false;
        await sampler;
      });
      expect(await waitForStatus(rollout.id, 40_000)).toBe('completed');

      const rows = await deployments();
      expect(rows).toHaveLength(20 * 2 * 2);
      expect(rows.filter(r => r.state !== 'healthy')).toEqual([]);
      const appliedBy = new Set(rows.map(r => r.applied_by));
      expect([...appliedBy].sort()).toEqual(['worker-a', 'worker-b']);
      // A target's deployments are all applied by one worker: nobody
      // took a target over from a live worker.
      const byTarget = new Map<string, Set<string | null>>();
      for (const row of rows) {
        const set = byTarget.get(row.installation_ref) ?? new Set();
        set.add(row.applied_by);
        byTarget.set(row.installation_ref, set);
      }
      expect([...byTarget.entries()].filter(([, set]) => set.size > 1)).toEqual(
        [],
      );
      expectOneChangeEach(fleet);

      sampling = false;
      await sampler;
      // maxParallel held across both replicas. Each replica's controller
      // reads the ongoing count, then admits up to maxParallel minus it,
      // with nothing serializing the two: both can fill the same free
      // slots (seen as 9 or 10 ongoing of 8 in about half the runs).
      expect(
        sampledPeak <= maxParallel
          ? 'within maxParallel'
          : `${sampledPeak} targets ongoing at once, maxParallel ${maxParallel}`,
      ).toBe('within maxParallel');
      for (const w of [a, b]) {
        expect(w.stderr).not.toMatch(/"level":"error"/);
      }
    });
  },
);
