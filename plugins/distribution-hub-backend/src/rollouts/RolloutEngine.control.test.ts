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
import { Rollout } from '@sdh/plugin-distribution-hub-common';
import { buildFleet, FleetOptions } from './__testUtils__/fleet';
import {
  createHarness,
  runUntil,
  startSimulator,
  TestClock,
} from './__testUtils__/harness';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const MINUTE = 60_000;

describe.each(databases.eachSupportedId())('Rollout control on %p', id => {
  let simulator: ClusterSimulator | undefined;
  afterEach(async () => {
    await simulator?.close();
    simulator = undefined;
  });

  async function setUp(
    options: Partial<FleetOptions> & { installations: number },
    clock = new TestClock(),
  ) {
    const clusters = options.clusters ?? ['eu', 'edge'];
    const fleet = buildFleet({
      stages: 2,
      appsPerStage: 1,
      ...options,
      clusters,
    });
    simulator = await startSimulator(fleet.seed, clusters);
    const hub = await createHarness({
      knex: await databases.init(id),
      simulator,
      clusters,
      entities: fleet.entities,
      release: fleet.release,
      clock,
    });
    const targets = async (rollout: Rollout) =>
      (await hub.service.listTargets(rollout.id, { limit: 500 })).items;
    return { fleet, hub, sim: simulator, clock, targets };
  }

  it('deploys waves in order and bakes between them (injected clock)', async () => {
    const { hub, clock, targets } = await setUp({
      installations: 6,
      tenants: 3,
      rings: { 0: 'canary' },
    });
    const rollout = await hub.start({
      targets: {},
      waves: [
        { name: 'Canary', select: { rings: ['canary'] }, bakeMinutes: 30 },
      ],
    });
    expect(rollout.waves).toEqual([
      { name: 'Canary', bakeMinutes: 30, size: 2 },
      { name: 'Everyone else', bakeMinutes: 0, size: 4 },
    ]);
    await runUntil(hub.engine, async () =>
      (await targets(rollout))
        .filter(t => t.wave === 0)
        .every(t => t.state === 'completed'),
    );
    // Ticks during the bake start nothing in the next wave.
    for (let i = 0; i < 5; i++) await hub.engine.tick();
    const baking = (await targets(rollout)).filter(t => t.wave === 1);
    expect(baking.map(t => t.state)).toEqual(Array(4).fill('pending'));
    expect(baking[0].detail).toMatch(/^Baking the previous wave until /);

    clock.advance(31 * MINUTE);
    await hub.engine.runUntilIdle();
    const all = await targets(rollout);
    expect(all.map(t => t.state)).toEqual(Array(6).fill('completed'));
    const canaryFinished = Math.max(
      ...all.filter(t => t.wave === 0).map(t => Date.parse(t.finishedAt!)),
    );
    for (const target of all.filter(t => t.wave === 1)) {
      expect(Date.parse(target.startedAt!)).toBeGreaterThanOrEqual(
        canaryFinished + 30 * MINUTE,
      );
    }
  });

  it('halts at the failure threshold, leaving the rest pending', async () => {
    const { hub, sim, targets } = await setUp({
      installations: 5,
      clusterOf: i => (i < 3 ? 'edge' : 'eu'),
    });
    sim.cluster('edge').updateControllerSettings({
      brokenImagePattern: /app-1-1:2\.0\.0$/,
    });
    const rollout = await hub.start({
      targets: {},
      maxParallel: 1,
      failureThreshold: { count: 2 },
    });
    await runUntil(
      hub.engine,
      async () =>
        (await hub.service.getRollout(rollout.id)).status === 'halted',
    );
    const halted = await hub.service.getRollout(rollout.id);
    expect(halted.counts).toMatchObject({
      failed: 2,
      pending: 3,
      completed: 0,
    });
    for (let i = 0; i < 5; i++) await hub.engine.tick();
    const pending = (await targets(rollout)).filter(t => t.state === 'pending');
    expect(pending).toHaveLength(3);
    expect(pending[0].detail).toBe(
      'Halted: the failure threshold (2) was reached',
    );
    await expect(hub.service.resume(rollout.id)).rejects.toThrow(
      /halted with 2 failed installations \(threshold 2\)/,
    );
    // A percentage is of the rollout's targets: 40% of 5 is 2.
    const second = await hub.start({
      targets: {},
      failureThreshold: { percent: 40 },
    });
    expect(second.failureLimit).toBe(2);
  });

  it('holds a target for its maintenance window and the rollout for notBefore', async () => {
    // Wednesday 25 November 2026, 10:00 UTC.
    const clock = new TestClock(Date.parse('2026-11-25T10:00:00Z'));
    const { hub, sim, targets } = await setUp(
      {
        installations: 2,
        windowsOf: i =>
          i === 0
            ? [
                {
                  days: ['sat'],
                  start: '02:00',
                  end: '05:00',
                  timezone: 'Europe/Berlin',
                },
              ]
            : undefined,
      },
      clock,
    );
    const notBefore = '2026-11-25T12:00:00.000Z';
    const rollout = await hub.start({ targets: {}, notBefore });
    for (let i = 0; i < 5; i++) await hub.engine.tick();
    const before = await targets(rollout);
    expect(before.map(t => t.state)).toEqual(['pending', 'pending']);
    expect(before[1].detail).toBe(`Waiting until ${notBefore} (notBefore)`);
    const changes = sim
      .cluster('edge')
      .imageHistory.list({ namespace: 'inst-0001' })
      .filter(c => c.previousImage !== undefined);
    expect(changes).toEqual([]); // nothing but the seeded creation

    clock.set(Date.parse('2026-11-25T12:00:01Z'));
    await runUntil(hub.engine, async () =>
      (await targets(rollout)).some(t => t.state === 'completed'),
    );
    const waiting = await targets(rollout);
    expect(waiting.map(t => t.state)).toEqual(['pending', 'completed']);
    // Saturday 02:00 in Berlin (CET, UTC+1) is 01:00 UTC.
    expect(waiting[0].detail).toBe(
      'Waiting for its maintenance window (sat 02:00-05:00 Europe/Berlin), next at 2026-11-28T01:00:00.000Z',
    );
    expect(waiting[0].notBefore).toBe('2026-11-28T01:00:00.000Z');

    clock.set(Date.parse('2026-11-28T01:30:00Z'));
    await hub.engine.runUntilIdle();
    expect((await targets(rollout)).map(t => t.state)).toEqual([
      'completed',
      'completed',
    ]);
  });

  it('pauses, resumes and cancels', async () => {
    const { hub, targets } = await setUp({ installations: 4 });
    const rollout = await hub.start({ targets: {}, maxParallel: 1 });
    await runUntil(hub.engine, async () =>
      (await targets(rollout)).some(t => t.state === 'completed'),
    );
    await hub.service.pause(rollout.id);
    await expect(hub.service.pause(rollout.id)).resolves.toMatchObject({
      status: 'paused',
    });
    // The target in progress stops at its next step; nothing new starts.
    await new Promise(r => setTimeout(r, 500));
    for (let i = 0; i < 5; i++) await hub.engine.tick();
    const paused = await targets(rollout);
    const completedWhilePaused = paused.filter(
      t => t.state === 'completed',
    ).length;
    expect(completedWhilePaused).toBeLessThan(4);
    expect(paused.filter(t => t.state === 'pending').length).toBeGreaterThan(0);
    expect(paused.find(t => t.state === 'pending')?.detail).toBe('Paused');

    await hub.service.resume(rollout.id);
    await hub.engine.runUntilIdle();
    expect((await hub.service.getRollout(rollout.id)).status).toBe('completed');
    await expect(hub.service.pause(rollout.id)).rejects.toThrow(
      `Rollout ${rollout.id} cannot be paused: it is completed`,
    );

    const second = await hub.start({ targets: {}, maxParallel: 1 });
    const cancelled = await hub.service.cancel(second.id);
    expect(cancelled.status).toBe('cancelled');
    await hub.engine.runUntilIdle();
    const after = await hub.service.getRollout(second.id);
    expect(after.counts.cancelled + after.counts.completed).toBe(4);
    expect(after.counts.cancelled).toBeGreaterThan(0);
    await expect(hub.service.resume(second.id)).rejects.toThrow(
      /cannot be resumed: it is cancelled/,
    );
  });

  it('starts no new step while the release is on hold, and cancels when it is rescinded', async () => {
    const { hub, fleet, targets } = await setUp({ installations: 3 });
    const rollout = await hub.start({ targets: {}, maxParallel: 1 });
    await runUntil(hub.engine, async () =>
      (await targets(rollout)).some(t => t.state === 'completed'),
    );
    await hub.service.onReleaseStatus(fleet.release.id, 'on-hold');
    await new Promise(r => setTimeout(r, 500));
    for (let i = 0; i < 5; i++) await hub.engine.tick();
    const held = await targets(rollout);
    const settledCount = held.filter(t => t.state === 'completed').length;
    expect(settledCount).toBeLessThan(3);
    expect(held.find(t => t.state === 'pending')?.detail).toBe(
      'Release on hold: no new step starts',
    );
    for (let i = 0; i < 5; i++) await hub.engine.tick();
    expect(
      (await targets(rollout)).filter(t => t.state === 'completed').length,
    ).toBe(settledCount);

    await hub.service.onReleaseStatus(fleet.release.id, 'ready');
    await hub.engine.runUntilIdle();
    expect((await hub.service.getRollout(rollout.id)).status).toBe('completed');

    const second = await hub.start({ targets: {}, maxParallel: 1 });
    await hub.service.onReleaseStatus(fleet.release.id, 'rescinded');
    await hub.engine.runUntilIdle();
    const rescinded = await hub.service.getRollout(second.id);
    expect(rescinded.status).toBe('cancelled');
    expect(rescinded.counts.pending + rescinded.counts.ongoing).toBe(0);
  });

  it('retries a rolled-back installation once its cluster is fixed', async () => {
    const { hub, sim, targets } = await setUp({
      installations: 2,
      clusterOf: i => (i === 0 ? 'edge' : 'eu'),
    });
    sim.cluster('edge').updateControllerSettings({
      brokenImagePattern: /app-2-1:2\.0\.0$/,
    });
    const rollout = await hub.start({ targets: {}, autoRollback: true });
    await hub.engine.runUntilIdle();
    expect((await targets(rollout)).map(t => t.state)).toEqual([
      'rolled-back',
      'completed',
    ]);
    await expect(hub.service.retry(rollout.id, 'inst-0001')).rejects.toThrow(
      'Installation installation:default/inst-0001 is completed: only a failed, rolled-back or cancelled installation can be retried',
    );

    sim.cluster('edge').updateControllerSettings({
      brokenImagePattern: /:never-broken$/,
    });
    await hub.service.retry(rollout.id, 'inst-0000');
    expect((await hub.service.getRollout(rollout.id)).status).toBe('running');
    await hub.engine.runUntilIdle();
    expect((await targets(rollout)).map(t => t.state)).toEqual([
      'completed',
      'completed',
    ]);
    expect((await hub.service.getRollout(rollout.id)).status).toBe('completed');
  });
});
