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
 * track with 1,000 releases, each with a description and 5-20 kB of
 * Markdown release notes as release managers write them. Runs on SQLite
 * and, when reachable, PostgreSQL
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
import { Knex } from 'knex';
import { AddressInfo } from 'net';
import { distributionHubPlugin } from '../src/plugin';
import { call, measureLatency, onEachDatabase } from './benchSupport';

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

/** A deterministic pseudo-random number in [0, 1) for release `i`. */
function random(i: number, salt: number): number {
  const x = Math.sin(i * 12.9898 + salt * 78.233) * 43758.5453;
  return x - Math.floor(x);
}

const AREAS = ['checkout', 'search', 'catalog', 'payments', 'accounts'];

/** A description of one to four sentences (70 to 300 characters). */
function description(i: number): string {
  const sentences = [
    `Release ${i} of the shop suite for the ${AREAS[i % AREAS.length]} team.`,
    'Rolls out to canary tenants first, then to everyone after a day of bake time.',
    'Requires the database migration of the orders service to have run.',
    'Customers on the legacy payment provider must be moved before upgrading; see the notes.',
  ];
  return sentences.slice(0, 1 + Math.floor(random(i, 1) * 4)).join(' ');
}

/**
 * Release notes in Markdown of 5 to 20 kB: headings, change lists with
 * links, a table of images and an upgrade snippet, as the portal's editor
 * produces them.
 */
function notes(i: number): string {
  const size = 5_000 + Math.floor(random(i, 2) * 15_000);
  const parts = [
    `# Release ${i}\n\nThis release brings the changes below to every installation. Read the **upgrade steps** before starting a rollout.\n`,
  ];
  for (let n = 0; parts.join('\n').length < size; n++) {
    const area = AREAS[(i + n) % AREAS.length];
    parts.push(
      `## ${area[0].toUpperCase()}${area.slice(1)} (${n + 1})\n`,
      `- Faster ${area} pages: responses are cached for 30 seconds ([SHOP-${
        1000 + n
      }](https://issues.example.com/SHOP-${1000 + n})).`,
      `- Fixed: a ${area} request could time out under load when the upstream answered slowly.`,
      `- The \`${area}.retries\` setting now defaults to 3; set it to 0 to restore the old behaviour.\n`,
      '| Application | Image | Notes |\n| --- | --- | --- |',
      `| ${area}-api | registry.example.com/shop/${area}-api:${i}.${n}.0 | restart required |`,
      `| ${area}-worker | registry.example.com/shop/${area}-worker:${i}.${n}.0 | none |\n`,
      '```yaml\n# values.yaml\n' +
        `${area}:\n  replicas: 3\n  retries: 3\n  cacheSeconds: 30\n` +
        '```\n',
    );
  }
  return parts.join('\n').slice(0, size);
}

/**
 * Latency of a GET up to its last byte, as a browser's network timing
 * shows it. The body is not parsed: this client shares the server's event
 * loop, so parsing half a megabyte of JSON here would delay the server too.
 */
function measure(base: string, path: string) {
  return measureLatency(
    async () => {
      const response = await fetch(`${base}${path}`, {
        headers: { Authorization: auth },
      });
      await response.arrayBuffer();
      if (response.status !== 200) {
        throw new Error(`GET ${path} answered ${response.status}`);
      }
    },
    { samples: SAMPLES, warmUp: 20 },
  );
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
  let notesBytes = 0;
  for (let i = 0; i < RELEASES; i++) {
    const created = await call(base, 'POST', '/tracks/many/releases', {
      version: `${Math.floor(i / 100)}.${Math.floor(i / 10) % 10}.${i % 10}`,
      description: description(i),
    });
    const text = notes(i);
    notesBytes += Buffer.byteLength(text);
    await call(base, 'PATCH', `/releases/${created.id}`, { notes: text });
  }
  if (engine === 'sqlite') {
    console.log(
      `${RELEASES} releases with ${(notesBytes / 1e6).toFixed(1)} MB of notes`,
    );
  }

  const baseline = await measure(base, '/health');
  const release = await measure(base, `/releases/${big.id}`);
  const list = await measure(base, '/tracks/many/releases');
  const listBytes = Buffer.byteLength(
    JSON.stringify(await call(base, 'GET', '/tracks/many/releases')),
  );
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
  console.log(
    `${engine.padEnd(10)} the list answers ${(listBytes / 1e6).toFixed(2)} MB`,
  );
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
