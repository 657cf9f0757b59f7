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
const CLUSTERS = ['eu', 'us'];

describe.each(databases.eachSupportedId())('Rollout engine on %p', id => {
  let simulator: ClusterSimulator | undefined;
  afterEach(async () => {
    await simulator?.close();
    simulator = undefined;
  });

  it('rolls a 3-stage release out to 7 installations on 2 clusters, stage after healthy stage', async () => {
    const fleet = buildFleet({
      installations: 7,
      clusters: CLUSTERS,
      stages: 3,
      appsPerStage: 2,
    });
    simulator = await startSimulator(fleet.seed, CLUSTERS);
    const knex = await databases.init(id);
    const hub = await createHarness({
      knex,
      simulator,
      clusters: CLUSTERS,
      entities: fleet.entities,
      release: fleet.release,
    });

    const rollout = await hub.start({ targets: {}, maxParallel: 4 });
    expect(rollout).toMatchObject({ status: 'running', total: 7 });
    await hub.engine.runUntilIdle();

    const done = await hub.service.getRollout(rollout.id);
    expect(done.status).toBe('completed');
    expect(done.counts.completed).toBe(7);
    const { items } = await hub.service.listTargets(rollout.id, {});
    expect(items.map(t => t.state)).toEqual(Array(7).fill('completed'));

    for (const ref of fleet.installationRefs) {
      const { cluster, namespace } = fleet.environmentOf.get(ref)!;
      const sim = simulator.cluster(cluster);
      const changes = sim.imageHistory.list({ namespace });
      const rollouts = sim.rolloutHistory.list({
        namespace,
        outcome: 'complete',
      });
      fleet.appNames.forEach((apps, stage) => {
        for (const app of apps) {
          // Exactly one change to the new image per application.
          const toNew = changes.filter(
            c => c.name === app && c.image === imageOf(app, NEW_TAG),
          );
          expect(toNew).toHaveLength(1);
          expect(toNew[0].previousImage).toBe(imageOf(app, OLD_TAG));
          if (stage === 0) continue;
          // Every patch of this stage comes after every application of the
          // previous stage was rolled out and healthy on the cluster.
          for (const previousApp of fleet.appNames[stage - 1]) {
            const healthy = rollouts.find(
              r =>
                r.name === previousApp &&
                r.images[previousApp] === imageOf(previousApp, NEW_TAG),
            );
            expect(healthy).toBeDefined();
            expect(toNew[0].sequence).toBeGreaterThan(healthy!.sequence);
          }
        }
      });
    }
  });
});
