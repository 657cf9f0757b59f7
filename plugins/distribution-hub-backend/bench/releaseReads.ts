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

import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import knexFactory, { Knex } from 'knex';
import { AddressInfo } from 'net';
import { distributionHubPlugin } from '../src/plugin';

const APPS_PER_STAGE = 40;
const STAGES = 5;
const RELEASES = 1000;
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 300);
const auth = mockCredentials.user.header('user:default/bench');

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

async function sqlite(): Promise<{ knex: Knex; drop: () => Promise<void> }> {
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  return { knex, drop: () => knex.destroy() };
}

async function postgres(): Promise<
  { knex: Knex; drop: () => Promise<void> } | undefined
> {
  const url =
    process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432';
  const admin = knexFactory({ client: 'pg', connection: url });
  const name = `dh_bench_${Date.now()}`;
  try {
    await admin.raw(`create database ${name}`);
  } catch (error) {
    await admin.destroy();
    console.log(`PostgreSQL not reachable at ${url}: ${error}; skipping it`);
    return undefined;
  }
  const knex = knexFactory({
    client: 'pg',
    connection: `${url.replace(/\/$/, '')}/${name}`,
  });
  return {
    knex,
    drop: async () => {
      await knex.destroy();
      await admin.raw(`drop database ${name}`);
      await admin.destroy();
    },
  };
}

async function call(base: string, method: string, path: string, body?: object) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { Authorization: auth, 'Content-Type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  }
  return text ? JSON.parse(text) : undefined;
}

function percentile(sorted: number[], p: number): number {
  return sorted[
    Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
  ];
}

async function measure(base: string, path: string) {
  for (let i = 0; i < 20; i++) await call(base, 'GET', path); // warm-up
  const times: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const start = process.hrtime.bigint();
    await call(base, 'GET', path);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
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
  const engines: Array<
    [
      string,
      () => Promise<{ knex: Knex; drop: () => Promise<void> } | undefined>,
    ]
  > = [
    ['sqlite', sqlite],
    ['postgres', postgres],
  ];
  for (const [engine, open] of engines) {
    const db = await open();
    if (db) {
      try {
        await run(engine, db.knex);
      } finally {
        await db.drop();
      }
    }
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
