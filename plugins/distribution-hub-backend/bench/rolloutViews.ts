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
/*
 * Latency of the rollout views the UI reads most on a large fleet, through
 * HTTP on the real router, services and stores: a rollout's targets (first
 * page, a tier, a state, a deep cursor) and the fleet, with 10,000
 * installations × 5 applications and three rollouts (one completed, one
 * mixed, one pending). The catalog is the in-memory mock, so the fleet's
 * catalog read is timed apart. Runs on SQLite and, when reachable,
 * PostgreSQL (BENCH_POSTGRES_URL, default postgresql://postgres@127.0.0.1:5432);
 * BENCH_EXPLAIN=1 prints PostgreSQL's plans of the targets page.
 *
 *   yarn workspace @sdh/plugin-distribution-hub-backend bench:views
 */

import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Knex } from 'knex';
import { AddressInfo } from 'net';
import { distributionHubPlugin } from '../src/plugin';
import { FleetStore } from '../src/rollouts/FleetStore';
import { call, measureLatency, onEachDatabase } from './benchSupport';

const INSTALLATIONS = Number(process.env.BENCH_INSTALLATIONS ?? 10_000);
const APPS = 5;
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 100);
const TIERS = ['production', 'staging', 'qa', 'development'];

const apps = Array.from({ length: APPS }, (_, i) => `app-${i}`);
const entities = [
  ...apps.map(name => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: { 'backstage.io/kubernetes-id': name },
    },
    spec: { type: 'service', owner: 'group:default/a', lifecycle: 'prod' },
  })),
  ...Array.from({ length: 20 }, (_, t) => ({
    apiVersion: 'distribution-hub.io/v1alpha1',
    kind: 'Tenant',
    metadata: { name: `tenant-${t}`, namespace: 'default' },
    spec: { owner: 'group:default/a', contacts: [] },
  })),
  ...Array.from({ length: INSTALLATIONS }, (_, i) => ({
    apiVersion: 'distribution-hub.io/v1alpha1',
    kind: 'Installation',
    metadata: {
      name: `inst-${String(i).padStart(5, '0')}`,
      namespace: 'default',
    },
    spec: {
      tenant: `tenant-${i % 20}`,
      owner: 'group:default/a',
      tier: TIERS[i % TIERS.length],
      environments: [{ cluster: 'bench', namespace: `ns-${i}` }],
    },
  })),
];

async function release(base: string, version: string) {
  const created = await call(base, 'POST', '/tracks/bench/releases', {
    version,
  });
  await call(base, 'PUT', `/releases/${created.id}/requirements`, {
    stages: [
      {
        apps: apps.map(app => ({
          entityRef: `component:default/${app}`,
          image: `registry.example.com/${app}:${version}`,
        })),
      },
    ],
  });
  await call(base, 'POST', `/releases/${created.id}/lock`);
  await call(base, 'POST', `/releases/${created.id}/status`, {
    status: 'ready',
  });
  const rollout = await call(base, 'POST', `/releases/${created.id}/rollouts`, {
    targets: {},
  });
  return { releaseId: created.id as string, rolloutId: rollout.id as string };
}

/**
 * Moves a rollout's targets on as the engine would have: `state(i)` per
 * installation, healthy deployments for completed ones, a failed one for
 * failed ones; finished `minutes` after the start, spread over time.
 */
async function settle(
  knex: Knex,
  rolloutId: string,
  version: string,
  state: (i: number) => 'completed' | 'failed' | 'pending',
  start: number,
) {
  const refs: string[] = (
    await knex('rollout_targets')
      .where({ rollout_id: rolloutId })
      .orderBy('installation_ref')
      .select('installation_ref')
  ).map(r => r.installation_ref);
  const deployments: object[] = [];
  for (const [i, ref] of refs.entries()) {
    const s = state(i);
    if (s === 'pending') continue;
    const at = start + i * 1000;
    await knex('rollout_targets')
      .where({ rollout_id: rolloutId, installation_ref: ref })
      .update({ state: s, started_at: at, finished_at: at, updated_at: at });
    apps.forEach((app, a) =>
      deployments.push({
        rollout_id: rolloutId,
        installation_ref: ref,
        stage: 0,
        entity_ref: `component:default/${app}`,
        cluster: 'bench',
        namespace: `ns-${i}`,
        image: `registry.example.com/${app}:${version}`,
        state: s === 'failed' && a === 0 ? 'failed' : 'healthy',
        workloads: '[]',
        previous: '[]',
        applied_at: at,
        healthy_at: s === 'failed' && a === 0 ? null : at,
      }),
    );
  }
  for (let i = 0; i < deployments.length; i += 500) {
    await knex('rollout_deployments').insert(deployments.slice(i, i + 500));
  }
}

async function run(engine: string, knex: Knex) {
  const backend = await startTestBackend({
    features: [
      distributionHubPlugin,
      mockServices.database.factory({ knex }),
      catalogServiceMock.factory({ entities }),
      mockServices.rootConfig.factory({
        data: { distributionHub: { rollouts: { workerEnabled: false } } },
      }),
    ],
  });
  const { port } = backend.server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}/api/distribution-hub`;
  const seeding = Date.now();
  await call(base, 'POST', '/tracks', { name: 'bench' });
  const day = 86_400_000;
  const old = await release(base, '1.0.0');
  await knex.transaction(async tx => {
    await settle(
      tx,
      old.rolloutId,
      '1.0.0',
      () => 'completed',
      seeding - 30 * day,
    );
  });
  const mixed = await release(base, '1.1.0');
  await knex.transaction(async tx => {
    await settle(
      tx,
      mixed.rolloutId,
      '1.1.0',
      i => {
        if (i % 10 < 6) return 'completed';
        return i % 10 === 6 ? 'failed' : 'pending';
      },
      seeding - 10 * day,
    );
  });
  const fresh = await release(base, '2.0.0');
  if (engine === 'postgres') await knex.raw('analyze');
  console.log(
    `${engine}: seeded ${INSTALLATIONS} installations, 3 rollouts in ${(
      (Date.now() - seeding) /
      1000
    ).toFixed(0)} s`,
  );

  const page = await call(
    base,
    'GET',
    `/rollouts/${mixed.rolloutId}/targets?limit=100`,
  );
  // The cursor of page 51, or of the last page on a smaller fleet.
  let cursor = page.nextCursor;
  for (let i = 0; i < 49; i++) {
    const next = (
      await call(
        base,
        'GET',
        `/rollouts/${mixed.rolloutId}/targets?limit=100&cursor=${cursor}`,
      )
    ).nextCursor;
    if (!next) break;
    cursor = next;
  }
  const routes: Array<[string, string, number]> = [
    [
      'targets, first page (pending)',
      `/rollouts/${fresh.rolloutId}/targets`,
      SAMPLES * 3,
    ],
    [
      'targets, first page (mixed)',
      `/rollouts/${mixed.rolloutId}/targets`,
      SAMPLES * 3,
    ],
    [
      'targets ?tier=production',
      `/rollouts/${mixed.rolloutId}/targets?tier=production`,
      SAMPLES * 3,
    ],
    [
      'targets ?state=failed',
      `/rollouts/${mixed.rolloutId}/targets?state=failed`,
      SAMPLES * 3,
    ],
    [
      'targets, page 51 (cursor)',
      `/rollouts/${mixed.rolloutId}/targets?limit=100&cursor=${cursor}`,
      SAMPLES * 3,
    ],
    ['fleet', '/fleet', SAMPLES],
    ['fleet ?tier=production', '/fleet?tier=production', SAMPLES],
  ];
  for (const [name, path, samples] of routes) {
    const r = await measureLatency(() => call(base, 'GET', path), {
      samples,
      warmUp: 5,
    });
    console.log(
      `${engine.padEnd(9)} GET ${name.padEnd(32)} p50 ${r.p50
        .toFixed(1)
        .padStart(6)} ms  p95 ${r.p95.toFixed(1).padStart(6)} ms`,
    );
  }
  // The fleet's parts: its database reads, and the (mock) catalog read.
  const store = FleetStore.fromKnex(knex);
  const parts: Array<[string, () => Promise<unknown>]> = [
    ['fleet: completions query', () => store.completions()],
    ['fleet: last targets query', () => store.lastTargets()],
    ['fleet: latest images query', () => store.latestImages()],
  ];
  for (const [name, read] of parts) {
    const r = await measureLatency(read, { samples: 20, warmUp: 5 });
    console.log(
      `${engine.padEnd(9)} ${name.padEnd(36)} p50 ${r.p50
        .toFixed(1)
        .padStart(6)} ms  p95 ${r.p95.toFixed(1).padStart(6)} ms`,
    );
  }
  if (engine === 'postgres' && process.env.BENCH_EXPLAIN) {
    for (const where of ['', "and tier in ('production')"]) {
      const plan = await knex.raw(
        `explain analyze select * from rollout_targets where rollout_id = ? ${where} order by wave, installation_ref limit 101`,
        [mixed.rolloutId],
      );
      console.log(plan.rows.map((r: any) => r['QUERY PLAN']).join('\n'));
    }
  }
  await backend.stop();
}

async function main() {
  console.log(
    `${INSTALLATIONS} installations × ${APPS} applications; ${SAMPLES} (fleet) or ${
      SAMPLES * 3
    } (targets) sequential requests per route after 5 warm-up requests`,
  );
  await onEachDatabase('dh_views_bench', run);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
