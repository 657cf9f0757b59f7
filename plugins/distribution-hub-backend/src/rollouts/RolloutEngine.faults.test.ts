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
import { buildFleet, imageOf, NEW_TAG, OLD_TAG } from './__testUtils__/fleet';
import { createHarness, startSimulator } from './__testUtils__/harness';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())('Rollout faults on %p', id => {
  let simulator: ClusterSimulator | undefined;
  afterEach(async () => {
    await simulator?.close();
    simulator = undefined;
  });

  async function setUp(
    options: { installations: number; clusterOf?: (i: number) => string },
    clusters = ['eu', 'edge'],
  ) {
    const fleet = buildFleet({
      installations: options.installations,
      clusters,
      clusterOf: options.clusterOf,
      stages: 3,
      appsPerStage: 1,
    });
    simulator = await startSimulator(fleet.seed, clusters);
    const hub = await createHarness({
      knex: await databases.init(id),
      simulator,
      clusters,
      entities: fleet.entities,
      release: fleet.release,
    });
    return { fleet, hub, simulator };
  }

  const imagesIn = (
    sim: ClusterSimulator,
    cluster: string,
    namespace: string,
  ) =>
    sim
      .cluster(cluster)
      .imageHistory.list({ namespace })
      // Changes only, not the seeded creation.
      .filter(c => c.previousImage !== undefined)
      .map(c => `${c.name}=${c.image}`);

  it.each([false, true])(
    "fails only the installation whose image cannot start, with the cluster's reason (rollback %p)",
    async autoRollback => {
      const {
        fleet,
        hub,
        simulator: sim,
      } = await setUp({
        installations: 4,
        clusterOf: i => (i === 3 ? 'edge' : 'eu'),
      });
      // On the edge cluster the second stage's image never becomes ready.
      sim.cluster('edge').updateControllerSettings({
        brokenImagePattern: /app-2-1:2\.0\.0$/,
      });

      const rollout = await hub.start({ targets: {}, autoRollback });
      await hub.engine.runUntilIdle();

      const done = await hub.service.getRollout(rollout.id);
      expect(done.status).toBe('completed-with-failures');
      const { items } = await hub.service.listTargets(rollout.id, {});
      expect(items.map(t => [t.installationRef, t.state])).toEqual([
        ['installation:default/inst-0000', 'completed'],
        ['installation:default/inst-0001', 'completed'],
        ['installation:default/inst-0002', 'completed'],
        [
          'installation:default/inst-0003',
          autoRollback ? 'rolled-back' : 'failed',
        ],
      ]);
      expect(items[3].failure).toEqual({
        stage: 1,
        stageName: 'Stage 2',
        application: 'component:default/app-2-1',
        environment: { cluster: 'edge', namespace: 'inst-0003' },
        reason:
          'deployment "app-2-1" exceeded its progress deadline (edge/inst-0003)',
      });
      expect(hub.recorded.failures).toEqual([
        expect.objectContaining({
          installationRef: 'installation:default/inst-0003',
          rolledBack: autoRollback,
        }),
      ]);

      // Stage 3 never reached the failed installation.
      const history = imagesIn(sim, 'edge', 'inst-0003');
      expect(history).not.toContain(`app-3-1=${imageOf('app-3-1', NEW_TAG)}`);
      const live = sim
        .cluster('edge')
        .imageHistory.list({ namespace: 'inst-0003' });
      const lastImage = (app: string) =>
        live.filter(c => c.name === app).pop()?.image;
      // Rolled back: the images it had; otherwise left as they failed.
      const kept = autoRollback ? OLD_TAG : NEW_TAG;
      expect(lastImage('app-1-1')).toBe(imageOf('app-1-1', kept));
      expect(lastImage('app-2-1')).toBe(imageOf('app-2-1', kept));
      // The other installations got every stage, once.
      for (const ref of fleet.installationRefs.slice(0, 3)) {
        const { namespace } = fleet.environmentOf.get(ref)!;
        expect(imagesIn(sim, 'eu', namespace).sort()).toEqual(
          fleet.appNames.flat().map(app => `${app}=${imageOf(app, NEW_TAG)}`),
        );
      }
    },
  );

  it('completes through 30% injected 503s and added latency', async () => {
    const { fleet, hub, simulator: sim } = await setUp({ installations: 6 });
    for (const cluster of ['eu', 'edge']) {
      sim.cluster(cluster).faults.update({
        errorRate: 0.3,
        errorCodes: [503],
        latencyMs: 10,
        latencyJitterMs: 30,
      });
    }
    const rollout = await hub.start({ targets: {} });
    await hub.engine.runUntilIdle({ timeoutMs: 90_000 });

    expect((await hub.service.getRollout(rollout.id)).counts.completed).toBe(6);
    for (const ref of fleet.installationRefs) {
      const { cluster, namespace } = fleet.environmentOf.get(ref)!;
      for (const app of fleet.appNames.flat()) {
        const changes = sim
          .cluster(cluster)
          .imageHistory.list({ namespace, name: app })
          .filter(c => c.image === imageOf(app, NEW_TAG));
        expect(changes).toHaveLength(1);
      }
    }
    const injected = sim.cluster('eu').counters.snapshot().byCode['503'] ?? 0;
    expect(injected).toBeGreaterThan(0);
  });

  it('fails only the installations of a cluster that is down, saying it is unreachable', async () => {
    const { hub, simulator: sim } = await setUp({ installations: 4 });
    // Every connection to the edge cluster is dropped without an answer.
    sim.cluster('edge').faults.update({ dropRate: 1 });

    const rollout = await hub.start({ targets: {} });
    await hub.engine.runUntilIdle({ timeoutMs: 90_000 });

    const { items } = await hub.service.listTargets(rollout.id, {});
    const byRef = Object.fromEntries(items.map(t => [t.installationRef, t]));
    expect(byRef['installation:default/inst-0000'].state).toBe('completed');
    expect(byRef['installation:default/inst-0002'].state).toBe('completed');
    for (const ref of ['inst-0001', 'inst-0003']) {
      const target = byRef[`installation:default/${ref}`];
      expect(target.state).toBe('failed');
      expect(target.failure?.reason).toMatch(/^Cluster edge is unreachable/);
      expect(target.failure?.environment).toEqual({
        cluster: 'edge',
        namespace: ref,
      });
    }
  });
});
