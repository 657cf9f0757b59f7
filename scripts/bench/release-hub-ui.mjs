#!/usr/bin/env node
/*
 * Browser benchmark of the Release Hub: time to first render, in Chromium,
 * of a release's requirements with 200 applications in 5 stages and of the
 * tracks list with 500 tracks, against a 1-application release and a
 * 1-track search measured the same way in the same run (the baseline).
 * Goal: under 1 s each.
 *
 * It starts the portal (yarn start) with demo data generated for the
 * benchmark, unless PORTAL_URL points at one already running with it.
 *
 *   yarn bench:ui
 */
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const APP = process.env.PORTAL_URL ?? 'http://localhost:3000';
const BACKEND = process.env.BACKEND_URL ?? 'http://localhost:7007';
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
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

async function waitFor(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise(r => setTimeout(r, 1000));
  }
  throw new Error(`${url} did not come up`);
}

async function token() {
  const response = await fetch(`${BACKEND}/api/auth/guest/refresh`);
  return (await response.json()).backstageIdentity.token;
}

async function releaseIds(auth) {
  const response = await fetch(
    `${BACKEND}/api/distribution-hub/tracks/bench-big/releases`,
    {
      headers: { Authorization: `Bearer ${auth}` },
    },
  );
  const { items } = await response.json();
  return Object.fromEntries(items.map(r => [r.version, r.id]));
}

/**
 * Median of RUNS in-app navigations (a click on a link, as a user moves
 * around the portal; the app itself is already loaded): from the click until
 * `ready` is visible.
 */
async function timeToRender(page, from, click, ready) {
  const times = [];
  for (let i = 0; i < RUNS + 1; i++) {
    await page.goto(from);
    await click(page).waitFor({ timeout: 60_000 });
    const start = Date.now();
    await click(page).click();
    await ready(page);
    if (i > 0) times.push(Date.now() - start); // the first run warms caches
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

async function main() {
  let portal;
  if (!process.env.PORTAL_URL) {
    const file = demoData();
    console.log(`Starting the portal with benchmark data from ${file} ...`);
    portal = spawn('yarn', ['start'], {
      env: {
        ...process.env,
        APP_CONFIG_distributionHub_demoData_releasesFile: file,
      },
      stdio: 'ignore',
      detached: true,
    });
  }
  try {
    await waitFor(`${BACKEND}/.backstage/health/v1/readiness`, 300_000);
    await waitFor(APP, 300_000);
    const ids = await releaseIds(await token());
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
      ],
    });
    const page = await browser.newPage({
      viewport: { width: 1400, height: 900 },
    });
    await page.goto(APP);
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
    const small = await timeToRender(
      page,
      `${APP}/release-hub/releases/${ids['1.0.0']}/overview`,
      requirementsTab,
      cards(1),
    );
    const big = await timeToRender(
      page,
      `${APP}/release-hub/releases/${ids['2.0.0']}/overview`,
      requirementsTab,
      cards(200),
    );
    // The tracks list, clicked from the Tenants tab.
    const tracks = await timeToRender(
      page,
      `${APP}/release-hub/tenants`,
      p => p.getByRole('tab', { name: 'Release tracks' }),
      rows('Benchmark big release'),
    );
    await browser.close();

    const line = (what, ms, baseline) =>
      `${what.padEnd(52)} ${String(ms).padStart(6)} ms   ${(
        ms / baseline
      ).toFixed(2)}x baseline   ${
        ms < 1000 ? 'goal met (<1 s)' : 'GOAL MISSED (>=1 s)'
      }`;
    console.log(
      `Median of ${RUNS} in-app navigations after one warm-up, Chromium headless, development build`,
    );
    console.log(
      `${'baseline: release with 1 application'.padEnd(52)} ${String(
        small,
      ).padStart(6)} ms`,
    );
    console.log(line('release with 200 applications in 5 stages', big, small));
    console.log(
      line('tracks list, 500 tracks (first page rendered)', tracks, small),
    );
  } finally {
    if (portal) process.kill(-portal.pid, 'SIGTERM');
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
