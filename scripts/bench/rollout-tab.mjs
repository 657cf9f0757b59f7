#!/usr/bin/env node
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
 * Browser benchmark of a release's Rollouts tab with a rollout to 10,000
 * installations, in the real portal:
 *
 * - 10,000 installations of 100 tenants are catalog entities, read by the
 *   catalog from a generated YAML file (a file location added through
 *   app-config); the benchmark waits until the catalog has them all;
 * - a rollout of the demo release shopfront 1.0.0 (Ready for release) to all
 *   of them is started through the API. The backend runs without the
 *   rollout worker (distributionHub.rollouts.workerEnabled: false), so every
 *   target stays Yet to trigger: the figures are those of the tab and the
 *   targets route, not of the clusters (none are started);
 * - time to first render of the Rollouts tab, in Chromium: from the click on
 *   the tab (the app is loaded, on the release's Overview) until the first
 *   rows of the installations table and the rollout's counts are on screen.
 *   Median (min-max) of BENCH_RUNS in-app navigations after one warm-up.
 *   Goal: under 1.5 s;
 * - the targets route (GET /rollouts/:id/targets): p50/p95/max of 200
 *   requests one after another, over pages (cursor), state, tier and tenant
 *   filters. Goal: p95 under 150 ms.
 *
 *   yarn bench:rollouts-ui
 *
 * By default it measures the production build of the frontend (`yarn build`
 * of packages/app, served by the backend on 7007; the backend runs as
 * `yarn start` runs it). BENCH_BUILDS=development,production measures the
 * development server (3000) too; BENCH_SKIP_BUILD=1 serves the
 * packages/app/dist already there; BENCH_RUNS=n sets the measured navigations
 * (default 5); BENCH_INSTALLATIONS=n the installations (default 10,000);
 * BENCH_TRACE=1 lists the requests of the slowest measured navigation.
 * It refuses to run when something already listens on 3000 or 7007, and
 * stops what it started. The machine's load average is printed with the
 * figures: other work on the machine slows them down.
 */
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parse } from 'yaml';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const INSTALLATIONS = Number(process.env.BENCH_INSTALLATIONS ?? 10_000);
const TENANTS = Math.max(1, Math.round(INSTALLATIONS / 100));
const TIERS = ['production', 'staging', 'qa', 'development'];
const DEV_APP = 'http://localhost:3000';
const BACKEND = 'http://localhost:7007';
const TARGET_REQUESTS = 200;
const GOAL_RENDER_MS = 1500;
const GOAL_P95_MS = 150;

const tenantName = t => `bench-tenant-${String(t).padStart(3, '0')}`;
const installationName = i => `bench-${String(i).padStart(5, '0')}`;

/** The benchmark's tenants and installations, as catalog YAML. */
function benchEntities() {
  const docs = [];
  for (let t = 0; t < TENANTS; t++) {
    docs.push(
      [
        'apiVersion: distribution-hub.io/v1alpha1',
        'kind: Tenant',
        'metadata:',
        `  name: ${tenantName(t)}`,
        `  title: Bench Tenant ${t}`,
        'spec:',
        '  owner: group:customer-success',
        ...(t % 10 === 0 ? ['  ring: canary'] : []),
      ].join('\n'),
    );
  }
  for (let i = 0; i < INSTALLATIONS; i++) {
    const name = installationName(i);
    docs.push(
      [
        'apiVersion: distribution-hub.io/v1alpha1',
        'kind: Installation',
        'metadata:',
        `  name: ${name}`,
        `  title: Bench ${String(i).padStart(5, '0')}`,
        'spec:',
        `  tenant: ${tenantName(i % TENANTS)}`,
        '  owner: group:customer-success',
        `  tier: ${TIERS[i % TIERS.length]}`,
        '  environments:',
        `    - { cluster: ${
          i % 2 ? 'demo-us' : 'demo-eu'
        }, namespace: ${name} }`,
      ].join('\n'),
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'hub-rollout-bench-'));
  const file = join(dir, 'installations.yaml');
  writeFileSync(file, `${docs.join('\n---\n')}\n`);
  return file;
}

/**
 * Backend settings for the run, as APP_CONFIG_ variables: the catalog's
 * locations from app-config.yaml plus the benchmark's file (a list is
 * replaced as a whole), and no rollout worker.
 */
function benchConfig(entitiesFile) {
  const config = parse(readFileSync(join(ROOT, 'app-config.yaml'), 'utf8'));
  const locations = [
    ...(config.catalog?.locations ?? []),
    { type: 'file', target: entitiesFile },
  ];
  return {
    APP_CONFIG_catalog_locations: JSON.stringify(locations),
    // The demo re-processes every entity each 20 s, to show its data soon
    // after start; with 10,000 more that would keep the backend busy all
    // the time. Backstage's default is 100 to 150 s.
    APP_CONFIG_catalog_processingInterval: JSON.stringify({ minutes: 2 }),
    APP_CONFIG_distributionHub_rollouts_workerEnabled: 'false',
  };
}

const sleep = ms => new Promise(r => setTimeout(r, ms));

async function responds(url) {
  try {
    await fetch(url, { signal: AbortSignal.timeout(5000) });
    return true;
  } catch {
    return false;
  }
}

async function waitFor(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await sleep(1000);
  }
  throw new Error(`${url} did not come up`);
}

function load() {
  return loadavg()
    .map(n => n.toFixed(2))
    .join(' ');
}

/** Runs a command to its end, its output kept for when it fails. */
function run(command, args, env = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', d => (output += d));
    child.stderr.on('data', d => (output += d));
    child.on('error', reject);
    child.on('exit', code =>
      code === 0
        ? resolvePromise()
        : reject(
            new Error(
              `${command} ${args.join(' ')} failed (${code}):\n${output.slice(
                -4000,
              )}`,
            ),
          ),
    );
  });
}

/** Servers started here, stopped on the way out whatever happens. */
const servers = new Set();

function startServer(args, env) {
  const child = spawn('yarn', args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: 'ignore',
    detached: true,
  });
  servers.add(child);
  return child;
}

async function stopServer(child, urls) {
  servers.delete(child);
  const signal = sig => {
    try {
      process.kill(-child.pid, sig);
    } catch {
      // already gone
    }
  };
  signal('SIGTERM');
  const deadline = Date.now() + 30_000;
  for (const url of urls) {
    while ((await responds(url)) && Date.now() < deadline) {
      await sleep(500);
    }
  }
  signal('SIGKILL');
}

function killServers() {
  for (const child of servers) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    killServers();
    process.exit(130);
  });
}

async function token() {
  const response = await fetch(`${BACKEND}/api/auth/guest/refresh`);
  return (await response.json()).backstageIdentity.token;
}

async function api(path, init = {}) {
  const response = await fetch(`${BACKEND}${path}`, {
    ...init,
    headers: {
      Authorization: `Bearer ${await token()}`,
      ...(init.body ? { 'Content-Type': 'application/json' } : {}),
      ...init.headers,
    },
  });
  if (!response.ok) {
    throw new Error(
      `${init.method ?? 'GET'} ${path}: ${
        response.status
      } ${await response.text()}`,
    );
  }
  return response.json();
}

/** Waits until the catalog holds every benchmark installation. */
async function waitForCatalog() {
  const started = Date.now();
  let last = -1;
  for (;;) {
    const bench = await api(
      '/api/catalog/entities/by-query?filter=kind=installation&limit=1&fields=metadata.name&fullTextFilterTerm=bench-&fullTextFilterFields=metadata.name',
    ).catch(() => ({ totalItems: 0 }));
    const count = bench.totalItems ?? 0;
    if (count !== last) {
      console.log(
        `  catalog: ${count} of ${INSTALLATIONS} installations after ${Math.round(
          (Date.now() - started) / 1000,
        )} s, load ${load()}`,
      );
      last = count;
    }
    if (count >= INSTALLATIONS) {
      return Math.round((Date.now() - started) / 1000);
    }
    if (Date.now() - started > 30 * 60_000) {
      throw new Error('The catalog did not ingest the installations in 30 min');
    }
    await sleep(5000);
  }
}

/** Starts the rollout of shopfront 1.0.0 to every benchmark installation. */
async function startRollout() {
  const { items } = await api(
    '/api/distribution-hub/tracks/shopfront/releases',
  );
  const release = items.find(r => r.version === '1.0.0');
  if (!release || release.status !== 'ready') {
    throw new Error(
      'The demo release shopfront 1.0.0 is not Ready for release',
    );
  }
  const tenants = Array.from(
    { length: TENANTS },
    (_, t) => `tenant:default/${tenantName(t)}`,
  );
  const started = performance.now();
  const rollout = await api(
    `/api/distribution-hub/releases/${release.id}/rollouts`,
    {
      method: 'POST',
      body: JSON.stringify({
        targets: { tenants },
        respectMaintenanceWindows: false,
      }),
    },
  );
  return {
    release,
    rollout,
    startMs: Math.round(performance.now() - started),
  };
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

/**
 * TARGET_REQUESTS reads of the targets route, one after another: pages
 * through all targets, through the pending ones, through one tier, and the
 * first page of single tenants.
 */
async function targetsLatency(rolloutId) {
  const auth = { Authorization: `Bearer ${await token()}` };
  const times = [];
  const read = async query => {
    const started = performance.now();
    const response = await fetch(
      `${BACKEND}/api/distribution-hub/rollouts/${rolloutId}/targets?${query}`,
      { headers: auth },
    );
    const body = await response.json();
    times.push(performance.now() - started);
    if (!response.ok) {
      throw new Error(`targets?${query}: ${response.status}`);
    }
    return body;
  };
  const walk = async (query, pages) => {
    let cursor;
    for (let i = 0; i < pages; i++) {
      const page = await read(
        `${query}&limit=100${
          cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''
        }`,
      );
      cursor = page.nextCursor;
      if (!cursor) cursor = undefined;
    }
  };
  const share = TARGET_REQUESTS / 10;
  await walk('', share * 4); // all targets, page after page
  await walk('state=pending', share * 2);
  await walk('tier=qa', share * 2);
  for (let t = 0; t < share * 2; t++) {
    await read(`tenant=${tenantName(t % TENANTS)}&limit=100`);
  }
  times.sort((a, b) => a - b);
  return {
    count: times.length,
    p50: percentile(times, 0.5),
    p95: percentile(times, 0.95),
    max: times[times.length - 1],
  };
}

/**
 * RUNS in-app navigations to the Rollouts tab (a click on the tab from the
 * release's Overview, the app already loaded) after one warm-up, each until
 * the first rows of the installations table and the counts are visible.
 */
async function measureTab(app, releaseId, total) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage({
      viewport: { width: 1400, height: 900 },
    });
    await page.goto(app);
    await page.getByRole('button', { name: 'Enter' }).click();
    await page.getByRole('link', { name: 'Release Hub' }).waitFor();
    const times = [];
    const buttonTimes = [];
    const requests = [];
    page.on('requestfinished', request => {
      const timing = request.timing();
      requests.push({
        url: request.url(),
        at: timing.startTime,
        ms: timing.responseEnd,
      });
    });
    let slowest;
    for (let i = 0; i < RUNS + 1; i++) {
      await page.goto(`${app}/release-hub/releases/${releaseId}/overview`);
      const tab = page.getByRole('tab', { name: 'Rollouts' });
      await tab.waitFor({ timeout: 60_000 });
      const rollout = page.getByRole('region', {
        name: 'Rollout',
        exact: true,
      });
      // Let the overview's own requests settle.
      await page.waitForLoadState('networkidle');
      requests.length = 0;
      const clickedAt = Date.now();
      const started = Date.now();
      await tab.click();
      await Promise.all([
        rollout
          .getByRole('table', { name: 'Installations' })
          .locator('[role="row"][aria-rowindex="2"]')
          .waitFor({ timeout: 60_000 }),
        rollout
          .getByRole('button', { name: `All ${total}`, exact: true })
          .waitFor({ timeout: 60_000 }),
        rollout
          .getByRole('button', { name: `Yet to trigger ${total}`, exact: true })
          .waitFor({ timeout: 60_000 }),
      ]);
      const elapsed = Date.now() - started;
      // Start rollout is enabled once the catalog's installations were
      // read and the permission policy asked (after the first render).
      await page
        .getByRole('button', { name: 'Start rollout' })
        .and(page.locator(':enabled'))
        .waitFor({ timeout: 60_000 });
      const enabled = Date.now() - started;
      if (i > 0) {
        times.push(elapsed);
        buttonTimes.push(enabled);
        if (!slowest || elapsed > slowest.elapsed) {
          slowest = {
            elapsed,
            requests: requests
              .filter(r => r.at >= clickedAt - 50)
              .map(r => ({ ...r, at: Math.round(r.at - clickedAt) })),
          };
        }
      }
    }
    times.sort((a, b) => a - b);
    buttonTimes.sort((a, b) => a - b);
    return {
      median: times[Math.floor(times.length / 2)],
      min: times[0],
      max: times[times.length - 1],
      button: {
        median: buttonTimes[Math.floor(buttonTimes.length / 2)],
        min: buttonTimes[0],
        max: buttonTimes[buttonTimes.length - 1],
      },
      slowest,
    };
  } finally {
    await browser.close();
  }
}

async function measure(app, name, env) {
  console.log(`\n${name}`);
  const loadStart = load();
  const catalogSeconds = await waitForCatalog();
  const { release, rollout, startMs } = await startRollout();
  console.log(
    `  rollout ${rollout.id} of shopfront 1.0.0 to ${rollout.total} installations started in ${startMs} ms`,
  );
  const loadBefore = load();
  const tab = await measureTab(app, release.id, rollout.total);
  const targets = await targetsLatency(rollout.id);
  return {
    name,
    env,
    catalogSeconds,
    total: rollout.total,
    tab,
    targets,
    load: `${loadBefore} -> ${load()}`,
    loadStart,
  };
}

function report(r) {
  const ms = n => `${Math.round(n)} ms`;
  console.log(`\n${r.name}`);
  console.log(
    `  load average (1, 5, 15 min) ${r.load}, ${
      cpus().length
    } cores; catalog ingestion of ${INSTALLATIONS} installations: ${
      r.catalogSeconds
    } s`,
  );
  console.log(
    `  Rollouts tab, first render (${
      r.total
    } installations, all Yet to trigger): median ${ms(r.tab.median)} (${
      r.tab.min
    }-${r.tab.max}) of ${RUNS} in-app navigations   ${
      r.tab.median < GOAL_RENDER_MS
        ? `goal met (<${GOAL_RENDER_MS / 1000} s)`
        : `GOAL MISSED (>=${GOAL_RENDER_MS / 1000} s)`
    }`,
  );
  console.log(
    `  Start rollout enabled (all installations read from the catalog, the permission policy asked): median ${ms(
      r.tab.button.median,
    )} (${r.tab.button.min}-${r.tab.button.max})`,
  );
  if (process.env.BENCH_TRACE && r.tab.slowest) {
    console.log(
      `  the slowest navigation's requests (first render after ${r.tab.slowest.elapsed} ms): start after the click, duration`,
    );
    for (const q of r.tab.slowest.requests) {
      const url = new URL(q.url);
      console.log(
        `    +${String(q.at).padStart(5)} ms ${String(
          Math.round(q.ms),
        ).padStart(5)} ms  ${url.pathname}${url.search}`.slice(0, 200),
      );
    }
  }
  console.log(
    `  GET /rollouts/:id/targets, ${
      r.targets.count
    } requests (pages, state, tier, tenant): p50 ${r.targets.p50.toFixed(
      1,
    )} ms, p95 ${r.targets.p95.toFixed(1)} ms, max ${r.targets.max.toFixed(
      1,
    )} ms   ${
      r.targets.p95 < GOAL_P95_MS
        ? `goal met (p95 <${GOAL_P95_MS} ms)`
        : `GOAL MISSED (p95 >=${GOAL_P95_MS} ms)`
    }`,
  );
}

async function assertPortsFree() {
  for (const url of [DEV_APP, BACKEND]) {
    if (await responds(url)) {
      throw new Error(
        `Something already listens at ${url}: stop it first (the benchmark starts its own portal)`,
      );
    }
  }
}

async function main() {
  const builds = (process.env.BENCH_BUILDS ?? 'production').split(',');
  await assertPortsFree();
  const file = benchEntities();
  const env = benchConfig(file);
  console.log(
    `${INSTALLATIONS} installations of ${TENANTS} tenants in ${file}; load ${load()}`,
  );
  const results = [];

  if (builds.includes('production')) {
    const dist = join(ROOT, 'packages/app/dist/index.html');
    if (process.env.BENCH_SKIP_BUILD && existsSync(dist)) {
      console.log('Serving the production build already in packages/app/dist');
    } else {
      console.log(`Building the app for production (load ${load()}) ...`);
      const started = Date.now();
      await run('yarn', ['workspace', 'app', 'build']);
      console.log(`  built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    }
  }

  if (builds.includes('development')) {
    console.log('Starting the portal (yarn start) ...');
    const portal = startServer(['start'], env);
    try {
      await waitFor(`${BACKEND}/.backstage/health/v1/readiness`, 300_000);
      await waitFor(DEV_APP, 300_000);
      results.push(
        await measure(
          DEV_APP,
          'Development build (yarn start, dev server on 3000)',
          env,
        ),
      );
    } finally {
      await stopServer(portal, [DEV_APP, BACKEND]);
    }
  }

  if (builds.includes('production')) {
    console.log(
      'Starting the backend, serving the production build, on 7007 ...',
    );
    const backend = startServer(['workspace', 'backend', 'start'], {
      ...env,
      APP_CONFIG_app_baseUrl: BACKEND,
    });
    try {
      await waitFor(`${BACKEND}/.backstage/health/v1/readiness`, 300_000);
      results.push(
        await measure(
          BACKEND,
          'Production build (yarn build, served by the backend on 7007)',
          env,
        ),
      );
    } finally {
      await stopServer(backend, [BACKEND]);
    }
  }

  results.forEach(report);
}

main().catch(error => {
  console.error(error);
  killServers();
  process.exit(1);
});
