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
 * What the HTTP benchmarks of the hub share: a fresh database on SQLite and,
 * when reachable, PostgreSQL (BENCH_POSTGRES_URL, default
 * postgresql://postgres@127.0.0.1:5432); authenticated calls to the hub's
 * API; and latency percentiles of a repeated read.
 */

import { mockCredentials } from '@backstage/backend-test-utils';
import knexFactory, { Knex } from 'knex';

const auth = mockCredentials.user.header('user:default/bench');

interface BenchDatabase {
  knex: Knex;
  drop: () => Promise<void>;
}

async function sqlite(): Promise<BenchDatabase> {
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  return { knex, drop: () => knex.destroy() };
}

/** A new database named `${prefix}_<now>`, or undefined when PostgreSQL is not reachable. */
async function postgres(prefix: string): Promise<BenchDatabase | undefined> {
  const url =
    process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432';
  const admin = knexFactory({ client: 'pg', connection: url });
  const name = `${prefix}_${Date.now()}`;
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

/**
 * Runs the benchmark on a fresh SQLite database, then on a fresh PostgreSQL
 * database (named after `postgresPrefix`) when one can be created; each is
 * dropped afterwards.
 */
export async function onEachDatabase(
  postgresPrefix: string,
  run: (engine: 'sqlite' | 'postgres', knex: Knex) => Promise<void>,
) {
  for (const [engine, open] of [
    ['sqlite', sqlite],
    ['postgres', () => postgres(postgresPrefix)],
  ] as const) {
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

/**
 * A call to the hub's API at `base` as user:default/bench; the parsed
 * answer, or throws. Changes overwrite whatever is current (If-Match: *).
 */
export async function call(
  base: string,
  method: string,
  path: string,
  body?: object,
) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      Authorization: auth,
      'Content-Type': 'application/json',
      ...(method === 'PUT' || method === 'PATCH' ? { 'If-Match': '*' } : {}),
    },
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

/**
 * Milliseconds `read` takes, p50 and p95 over `samples` sequential reads
 * after `warmUp` reads that are not counted.
 */
export async function measureLatency(
  read: () => Promise<unknown>,
  options: { samples: number; warmUp: number },
): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < options.warmUp; i++) await read();
  const times: number[] = [];
  for (let i = 0; i < options.samples; i++) {
    const start = process.hrtime.bigint();
    await read();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}
