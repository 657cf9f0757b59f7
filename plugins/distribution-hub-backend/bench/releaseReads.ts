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
 * Latency of the hub's two heaviest reads, through HTTP on the real router,
 * service and store: a release with 200 applications in 5 stages, and a
 * track with 1,000 releases. Runs on SQLite and, when reachable, PostgreSQL
 * (BENCH_POSTGRES_URL, default postgresql://postgres@127.0.0.1:5432).
 * Goal: p95 under 50 ms. The health route, measured in the same process, is
 * the baseline the ratios are taken against.
 *
 *   yarn workspace @sdh/plugin-distribution-hub-backend bench
 */

import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Knex } from 'knex';
import { AddressInfo } from 'net';
import { distributionHubPlugin } from '../src/plugin';
import { call, measureLatency, onEachDatabase } from './benchSupport';

const APPS_PER_STAGE = 40;
const STAGES = 5;
const RELEASES = 1000;
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 300);

const components = Array.from({ length: APPS_PER_STAGE * STAGES }, (_, i) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: `app-${i}`, namespace: 'default' },
  spec: {
    type: 'service',
    owner: 'group:default/platform',
    lifecycle: 'production',
  },
}));

function measure(base: string, path: string) {
  return measureLatency(() => call(base, 'GET', path), {
    samples: SAMPLES,
    warmUp: 20,
  });
}

async function run(engine: string, knex: Knex) {
  const backend = await startTestBackend({
    features: [
      distributionHubPlugin,
      mockServices.database.factory({ knex }),
      catalogServiceMock.factory({ entities: components }),
      mockServices.rootConfig.factory({ data: {} }),
    ],
  });
  const { port } = backend.server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}/api/distribution-hub`;

  await call(base, 'POST', '/tracks', { name: 'big' });
  const big = await call(base, 'POST', '/tracks/big/releases', {
    version: '1.0.0',
  });
  await call(base, 'PUT', `/releases/${big.id}/requirements`, {
    stages: Array.from({ length: STAGES }, (_, s) => ({
      name: `Stage ${s + 1}`,
      apps: Array.from({ length: APPS_PER_STAGE }, (_a, a) => ({
        entityRef: `component:default/app-${s * APPS_PER_STAGE + a}`,
        image: `registry.example.com/shop/app-${s * APPS_PER_STAGE + a}:1.0.0`,
        instructions:
          '## Steps\n\n1. Drain traffic.\n2. Deploy.\n3. Check the dashboards.',
      })),
    })),
  });
  await call(base, 'POST', '/tracks', { name: 'many' });
  for (let i = 0; i < RELEASES; i++) {
    await call(base, 'POST', '/tracks/many/releases', {
      version: `${Math.floor(i / 100)}.${Math.floor(i / 10) % 10}.${i % 10}`,
    });
  }

  const baseline = await measure(base, '/health');
  const release = await measure(base, `/releases/${big.id}`);
  const list = await measure(base, '/tracks/many/releases');
  await backend.stop();

  const row = (name: string, r: { p50: number; p95: number }) =>
    `${engine.padEnd(10)} ${name.padEnd(34)} p50 ${r.p50
      .toFixed(2)
      .padStart(7)} ms  p95 ${r.p95
      .toFixed(2)
      .padStart(7)} ms  p95/health-p95 ${(r.p95 / baseline.p95)
      .toFixed(1)
      .padStart(5)}x  ${
      r.p95 < 50 ? 'goal met (<50 ms)' : 'GOAL MISSED (>=50 ms)'
    }`;
  console.log(row('GET /health (baseline)', baseline));
  console.log(row('GET /releases/:id (200 apps)', release));
  console.log(row('GET /tracks/:track/releases (1000)', list));
}

async function main() {
  console.log(
    `${SAMPLES} sequential requests per route after 20 warm-up requests`,
  );
  await onEachDatabase('dh_bench', run);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
