#!/usr/bin/env node
/*
 * Browser benchmark of the Release Hub: time to first render, in Chromium,
 * of a release's requirements with 200 applications in 5 stages and of the
 * tracks list with 500 tracks, against a 1-application release measured the
 * same way in the same run (the baseline). Goal: under 1 s each.
 *
 * It measures two builds of the frontend, one after the other, each with
 * demo data generated for the benchmark:
 *
 * - development: what `yarn start` serves (the dev server on 3000, React's
 *   development build, the backend on 7007);
 * - production: what users get, `yarn build` of packages/app served by the
 *   backend's app plugin on 7007 (app.baseUrl set to the backend's). The
 *   backend itself runs as `yarn start` runs it: only the frontend differs.
 *
 *   yarn bench:ui
 *
 * BENCH_BUILDS=development or production measures one of them only;
 * BENCH_SKIP_BUILD=1 serves the packages/app/dist already there;
 * BENCH_RUNS=n sets the measured navigations per figure (default 5);
 * PORTAL_URL (and BACKEND_URL) measure a portal already running with the
 * benchmark data instead, and start nothing.
 *
 * The machine's load average is printed with the figures: other work on the
 * machine slows them down. A backend that restarts during a navigation (the
 * development backend does when its sources change) has that navigation
 * measured again.
 */
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const DEV_APP = 'http://localhost:3000';
const BACKEND = process.env.BACKEND_URL ?? 'http://localhost:7007';
const components = [
  'catalog-api',
  'orders-api',
  'payments-worker',
  'search-indexer',
  'storefront-web',
];

function demoData() {
  const lines = ['tracks:'];
  lines.push(
    '  - name: bench-big',
    '    title: Benchmark big release',
    '    createdBy: user:default/rita.release',
    '    releases:',
  );
  const release = (version, stages, perStage) => {
    lines.push(
      `      - version: ${version}`,
      '        requirements:',
      '          stages:',
    );
    for (let s = 0; s < stages; s++) {
      lines.push(`            - name: Stage ${s + 1}`, '              apps:');
      for (let a = 0; a < perStage; a++) {
        const n = s * perStage + a;
        const name = n < components.length ? components[n] : `bench-app-${n}`;
        lines.push(
          `                - entityRef: component:default/${name}`,
          `                  image: shopfront/${name}:1.0.${n}`,
        );
      }
    }
  };
  release('2.0.0', 5, 40);
  release('1.0.0', 1, 1);
  for (let i = 0; i < 499; i++) {
    lines.push(
      `  - name: bench-track-${String(i).padStart(3, '0')}`,
      `    title: Benchmark track ${i}`,
      '    createdBy: user:default/rita.release',
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'hub-bench-'));
  const file = join(dir, 'releases.yaml');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
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

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    for (const child of servers) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    process.exit(130);
  });
}

async function token() {
  const response = await fetch(`${BACKEND}/api/auth/guest/refresh`);
  return (await response.json()).backstageIdentity.token;
}

/** The benchmark releases' IDs; they change when the backend restarts. */
async function releaseIds() {
  try {
    const response = await fetch(
      `${BACKEND}/api/distribution-hub/tracks/bench-big/releases`,
      { headers: { Authorization: `Bearer ${await token()}` } },
    );
    const { items } = await response.json();
    return Object.fromEntries(items.map(r => [r.version, r.id]));
  } catch {
    return undefined;
  }
}

async function currentIds() {
  for (let i = 0; i < 60; i++) {
    const ids = await releaseIds();
    if (ids?.['1.0.0'] && ids['2.0.0']) return ids;
    await sleep(2000);
  }
  throw new Error('The benchmark releases cannot be read from the backend');
}

/**
 * RUNS in-app navigations (a click on a link, as a user moves around the
 * portal; the app itself is already loaded), after one that warms caches:
 * from the click until `ready` is visible. A navigation during which the
 * backend restarted is measured again.
 */
async function timeToRender(page, state, from, click, ready) {
  const times = [];
  for (let i = 0; i < RUNS + 1; i++) {
    for (let attempt = 1; ; attempt++) {
      const ids = state.ids;
      try {
        await page.goto(from(ids));
        await click(page).waitFor({ timeout: 60_000 });
        const start = Date.now();
        await click(page).click();
        await ready(page);
        const elapsed = Date.now() - start;
        const after = await releaseIds();
        if (after?.['2.0.0'] === ids['2.0.0']) {
          if (i > 0) times.push(elapsed);
          break;
        }
        throw new Error('the backend restarted');
      } catch (error) {
        if (attempt >= 3) throw error;
        state.retries += 1;
        await waitFor(`${BACKEND}/.backstage/health/v1/readiness`, 300_000);
        state.ids = await currentIds();
      }
    }
  }
  times.sort((a, b) => a - b);
  return {
    median: times[Math.floor(times.length / 2)],
    min: times[0],
    max: times[times.length - 1],
  };
}

/** The three figures, measured in a portal served from `app`. */
async function measure(app) {
  const state = { ids: await currentIds(), retries: 0 };
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

    const cards = n => async p => {
      await p
        .locator('[data-testid^="app-"]')
        .nth(n - 1)
        .waitFor({ timeout: 60_000 });
    };
    const rows = text => async p => {
      await p.getByRole('link', { name: text }).waitFor({ timeout: 60_000 });
    };
    // Requirements tab of each release, clicked from its overview.
    const requirementsTab = p => p.getByRole('tab', { name: 'Requirements' });
    const overview = version => ids =>
      `${app}/release-hub/releases/${ids[version]}/overview`;
    const loadBefore = load();
    const small = await timeToRender(
      page,
      state,
      overview('1.0.0'),
      requirementsTab,
      cards(1),
    );
    const big = await timeToRender(
      page,
      state,
      overview('2.0.0'),
      requirementsTab,
      cards(200),
    );
    // The tracks list, clicked from the Tenants tab.
    const tracks = await timeToRender(
      page,
      state,
      () => `${app}/release-hub/tenants`,
      p => p.getByRole('tab', { name: 'Release tracks' }),
      rows('Benchmark big release'),
    );
    return {
      small,
      big,
      tracks,
      retries: state.retries,
      load: `${loadBefore} -> ${load()}`,
    };
  } finally {
    await browser.close();
  }
}

function report(name, figures) {
  const { small, big, tracks } = figures;
  const ms = f =>
    `${String(f.median).padStart(6)} ms (${f.min}-${f.max})`.padEnd(24);
  const line = (what, f) =>
    `  ${what.padEnd(48)} ${ms(f)} ${(f.median / small.median)
      .toFixed(2)
      .padStart(5)}x baseline   ${
      f.median < 1000 ? 'goal met (<1 s)' : 'GOAL MISSED (>=1 s)'
    }`;
  console.log(
    `\n${name}: median (min-max) of ${RUNS} in-app navigations after one warm-up, Chromium headless`,
  );
  console.log(
    `  load average (1, 5, 15 min) ${figures.load}, ${cpus().length} cores${
      figures.retries
        ? `; ${figures.retries} navigation(s) measured again after a backend restart`
        : ''
    }`,
  );
  console.log(
    `  ${'baseline: release with 1 application'.padEnd(48)} ${ms(small)}`,
  );
  console.log(line('release with 200 applications in 5 stages', big));
  console.log(line('tracks list, 500 tracks (first page rendered)', tracks));
}

async function assertPortsFree() {
  for (const url of [DEV_APP, BACKEND]) {
    if (await responds(url)) {
      throw new Error(
        `Something already listens at ${url}: stop it, or set PORTAL_URL to measure it`,
      );
    }
  }
}

async function main() {
  if (process.env.PORTAL_URL) {
    await waitFor(`${BACKEND}/.backstage/health/v1/readiness`, 300_000);
    report(
      `Portal at ${process.env.PORTAL_URL}`,
      await measure(process.env.PORTAL_URL),
    );
    return;
  }
  const builds = (process.env.BENCH_BUILDS ?? 'development,production').split(
    ',',
  );
  await assertPortsFree();
  const file = demoData();
  const results = {};

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
    console.log(`Starting the portal (yarn start) with data from ${file} ...`);
    const portal = startServer(['start'], {
      APP_CONFIG_distributionHub_demoData_releasesFile: file,
    });
    try {
      await waitFor(`${BACKEND}/.backstage/health/v1/readiness`, 300_000);
      await waitFor(DEV_APP, 300_000);
      results.development = await measure(DEV_APP);
    } finally {
      await stopServer(portal, [DEV_APP, BACKEND]);
    }
  }

  if (builds.includes('production')) {
    console.log(
      'Starting the backend, serving the production build, on 7007 ...',
    );
    const backend = startServer(['workspace', 'backend', 'start'], {
      APP_CONFIG_distributionHub_demoData_releasesFile: file,
      APP_CONFIG_app_baseUrl: BACKEND,
    });
    try {
      await waitFor(`${BACKEND}/.backstage/health/v1/readiness`, 300_000);
      results.production = await measure(BACKEND);
    } finally {
      await stopServer(backend, [BACKEND]);
    }
  }

  if (results.development) {
    report(
      'Development build (yarn start, dev server on 3000)',
      results.development,
    );
  }
  if (results.production) {
    report(
      'Production build (yarn build, served by the backend on 7007)',
      results.production,
    );
  }
  if (results.development && results.production) {
    const ratio = key =>
      (
        results.development[key].median / results.production[key].median
      ).toFixed(1);
    console.log(
      `\nDevelopment / production: ${ratio('small')}x (baseline), ${ratio(
        'big',
      )}x (200 applications), ${ratio('tracks')}x (tracks list)`,
    );
  }
}

main().catch(error => {
  console.error(error);
  for (const child of servers) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  process.exit(1);
});
