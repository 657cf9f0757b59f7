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

import { expect, Locator, Page, test } from '@playwright/test';
import {
  deploymentStatus,
  repairDeployment,
  resetDemoClusters,
  screenshot,
  signInAsGuest,
  withoutDevServerReloads,
} from './helpers';

/*
 * The demo release 1.0.0 rolled out to every demo installation through the
 * simulated clusters (scripts/start-demo.sh, started by playwright.config.ts).
 * The demo seed breaks payments-worker 1.0.0 in initech-qa (demo-us) and
 * nowhere else: that installation fails when the Deployment exceeds its
 * progress deadline (60 s of simulated time); the test repairs the workload
 * on the cluster and retries it from the drawer.
 */

const TENANTS = [
  { id: 'flareup', title: 'Flareup.xyz' },
  { id: 'globex', title: 'Globex Corporation' },
  { id: 'initech', title: 'Initech' },
];
const INSTALLATIONS = 7;
const REASON =
  'deployment "payments-worker" exceeded its progress deadline (demo-us/initech-qa)';

/** The count on a state chip of the live rollout ("Completed 3" -> 3). */
async function chipCount(rollout: Locator, label: string): Promise<number> {
  const name = await rollout
    .getByRole('button', { name: new RegExp(`^${label} \\d+$`) })
    .textContent();
  return Number(name?.match(/(\d+)\s*$/)?.[1] ?? NaN);
}

async function pickTenant(page: Page, { id, title }: (typeof TENANTS)[0]) {
  const targets = page.getByRole('group', { name: 'Rollout targets' });
  const field = targets.getByRole('textbox', { name: 'Tenants' });
  await field.click();
  await field.fill(title);
  // An option reads as the title, then the entity ref.
  await page
    .getByRole('option', { name: `${title} tenant:default/${id}`, exact: true })
    .click();
  await expect(targets.getByRole('button', { name: title })).toBeVisible();
}

// A step that cannot happen fails in a minute rather than at the test's end.
test.use({ actionTimeout: 60_000 });

test('a release manager rolls a release out, watches it live, repairs a failed installation and retries it', async ({
  page,
}) => {
  // 60 s of progress deadline on the broken installation, a retry, and a
  // development server that may still be compiling.
  test.setTimeout(480_000);
  // Only the app's own reloads count (see the end).
  await withoutDevServerReloads(page);
  await signInAsGuest(page);
  // Every run meets the seeded clusters, also on a portal that is reused.
  await resetDemoClusters(page);
  expect(
    (await deploymentStatus(page, 'demo-us', 'initech-qa', 'payments-worker'))
      .images,
  ).toEqual(['shopfront/payments-worker:0.9.0']);

  // The release, Ready for release, from its track.
  await page.getByRole('link', { name: 'Release Hub' }).click();
  await page.getByRole('link', { name: 'Shopfront Suite' }).click();
  await page.getByRole('link', { name: '1.0.0', exact: true }).click();
  await expect(
    page.getByRole('heading', { name: /Release 1\.0\.0/ }),
  ).toBeVisible();
  await page.getByRole('tab', { name: 'Rollouts' }).click();
  await expect(page).toHaveURL(/\/release-hub\/releases\/[^/]+\/rollouts/);
  // Rollouts of earlier runs, on a reused portal.
  await expect(
    page.getByText(/^(Not rolled out yet|\d+ rollouts? of release 1\.0\.0)\.$/),
  ).toBeVisible();
  const earlier = Math.max(
    (await page
      .getByRole('table', { name: 'Rollout history' })
      .getByRole('row')
      .count()) - 1,
    0,
  );

  // A marker that a reload would lose: everything below happens live.
  await page.evaluate(() => {
    (window as unknown as { e2eNoReload: boolean }).e2eNoReload = true;
  });

  // Start rollout: the three demo tenants (every demo installation, and no
  // installation another test created), without waiting for maintenance
  // windows; the preview shows what changes where.
  await page.getByRole('button', { name: 'Start rollout' }).click();
  const dialog = page.getByRole('dialog', {
    name: 'Start rollout of release 1.0.0',
  });
  await expect(dialog).toBeVisible();
  for (const tenant of TENANTS) {
    await pickTenant(page, tenant);
  }
  await expect(
    dialog.getByRole('status', { name: 'Selected installations' }),
  ).toContainText(`${INSTALLATIONS} installations selected`);
  const windows = dialog.getByRole('checkbox', {
    name: "Wait for each installation's maintenance window",
  });
  await windows.uncheck();
  await expect(windows).not.toBeChecked();
  await dialog.getByRole('button', { name: 'Preview' }).click();
  const preview = dialog.getByRole('region', { name: 'Rollout preview' });
  await expect(preview).toContainText(`${INSTALLATIONS} installations`);
  const initechQa = preview.getByRole('table', {
    name: 'Changes on Initech QA',
  });
  await expect(
    initechQa.getByRole('row', { name: /payments-worker/ }),
  ).toContainText('shopfront/payments-worker:0.9.0');
  await expect(
    initechQa.getByRole('row', { name: /payments-worker/ }),
  ).toContainText('shopfront/payments-worker:1.0.0');
  await screenshot(page, 'rollout-preview');
  await dialog.getByRole('button', { name: 'Confirm and start' }).click();
  await expect(dialog).toBeHidden();

  // The new rollout, live: nothing finished at first, then installations
  // on their way, then all but one completed and initech-qa failed.
  const rollout = page.getByRole('region', { name: 'Rollout', exact: true });
  const progress = rollout.getByRole('progressbar', {
    name: 'Rollout progress',
  });
  const installations = rollout.getByRole('table', { name: 'Installations' });
  await expect(
    page.getByRole('table', { name: 'Rollout history' }).getByRole('row'),
  ).toHaveCount(earlier + 2); // the header, the new one, the earlier ones
  await expect(
    rollout.getByRole('button', { name: `All ${INSTALLATIONS}` }),
  ).toBeVisible();
  await expect(installations.getByRole('row')).toHaveCount(INSTALLATIONS + 1);
  expect(await chipCount(rollout, 'Completed')).toBe(0);
  await expect(progress).toHaveAttribute('aria-valuenow', '0');
  await expect(
    rollout.getByRole('button', { name: /^Ongoing [1-9]/ }),
  ).toBeVisible({ timeout: 60_000 });
  // Completed counts only go up, as the page hears of it.
  const seen: number[] = [];
  await expect
    .poll(
      async () => {
        const completed = await chipCount(rollout, 'Completed');
        if (seen[seen.length - 1] !== completed) seen.push(completed);
        return completed;
      },
      { timeout: 180_000, intervals: [250] },
    )
    .toBe(INSTALLATIONS - 1);
  expect(seen.length).toBeGreaterThan(1);
  expect([...seen].sort((a, b) => a - b)).toEqual(seen);

  const failedRow = installations.getByRole('row', { name: /^Initech QA/ });
  await expect(failedRow).toContainText('Failed', { timeout: 180_000 });
  await expect(failedRow).toContainText(REASON);
  await expect(rollout.getByRole('button', { name: 'Failed 1' })).toBeVisible();
  await expect(
    rollout.getByRole('button', { name: 'Ongoing 0' }),
  ).toBeVisible();
  await expect(progress).toHaveAttribute('aria-valuenow', '100');
  await expect(rollout).toContainText('Completed with failures');
  await screenshot(page, 'rollout-live', { height: 1250 });

  // Its details: the cluster's reason, and per application what ran before
  // and what was applied.
  await failedRow.getByRole('button', { name: 'Initech QA' }).click();
  const drawer = page.getByRole('dialog', { name: 'Initech QA' });
  await expect(
    drawer.getByRole('heading', { name: 'Initech QA', level: 2 }),
  ).toBeVisible();
  await expect(drawer.getByRole('alert')).toContainText(REASON);
  const applications = drawer.getByRole('table', {
    name: 'Applications on Initech QA',
  });
  const worker = applications.getByRole('row', { name: /payments-worker/ });
  await expect(worker).toContainText('shopfront/payments-worker:0.9.0');
  await expect(worker).toContainText('shopfront/payments-worker:1.0.0');
  await expect(worker).toContainText('Failed');
  const retry = drawer.getByRole('button', { name: 'Retry' });
  await expect(retry).toBeEnabled(); // once the permission is known
  await screenshot(page, 'rollout-drawer');

  // The workload repaired on the cluster, then retried from the drawer.
  await repairDeployment(page, 'demo-us', 'initech-qa', 'payments-worker');
  await retry.click();
  await expect(retry).toBeHidden({
    timeout: 60_000,
  });
  await expect(drawer.getByRole('alert')).toBeHidden({ timeout: 120_000 });
  await expect(worker).toContainText('Healthy', { timeout: 120_000 });
  await expect(
    applications.getByRole('row', { name: /storefront-web/ }),
  ).toContainText('Healthy', { timeout: 120_000 });
  await drawer.getByRole('button', { name: 'Close' }).click();
  await expect(drawer).toBeHidden();

  await expect(
    rollout.getByRole('button', { name: `Completed ${INSTALLATIONS}` }),
  ).toBeVisible({ timeout: 120_000 });
  await expect(rollout.getByRole('button', { name: 'Failed 0' })).toBeVisible();
  await expect(failedRow).toContainText('Completed');
  await expect(progress).toHaveAttribute('aria-valuenow', '100');
  const shown = page
    .getByRole('table', { name: 'Rollout history' })
    .locator('tr[aria-current="true"]');
  await expect(shown.getByRole('cell').nth(2)).toHaveText('Completed', {
    timeout: 60_000,
  });
  await expect(rollout).not.toContainText('Completed with failures');
  expect(
    await page.evaluate(
      () => (window as unknown as { e2eNoReload?: boolean }).e2eNoReload,
    ),
  ).toBe(true);

  // The cluster runs the release's images on initech-qa now.
  expect(
    await deploymentStatus(page, 'demo-us', 'initech-qa', 'payments-worker'),
  ).toMatchObject({
    available: true,
    images: ['shopfront/payments-worker:1.0.0'],
  });

  // The fleet, and the installation's page, say so too.
  await page.getByRole('link', { name: 'Release Hub' }).click();
  await page.getByRole('tab', { name: 'Fleet' }).click();
  await expect(page).toHaveURL(/\/release-hub\/fleet/);
  await expect(page.getByRole('link', { name: 'initech-qa' })).toBeVisible();
  await screenshot(page, 'fleet', { height: 1200 });

  await page.goto('/catalog/default/installation/initech-qa');
  const deployed = page
    .getByRole('heading', { name: 'Deployed' })
    .locator('xpath=ancestor::*[contains(@class, "MuiCard-root")][1]');
  await expect(deployed).toContainText('shopfront/payments-worker:1.0.0');
  await deployed.evaluate(card => card.scrollIntoView({ block: 'end' }));
  await screenshot(page, 'installation-deployed', { height: 1400 });
});
