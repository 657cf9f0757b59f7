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

import { expect, Page, test } from '@playwright/test';
import { screenshot, signInAsGuest } from './helpers';

const run = Date.now().toString(36);
const trackId = `e2e-${run}`;
const tenantId = `tenant-${run}`;

async function addApplication(page: Page, search: string, title: string) {
  const picker = page.getByRole('textbox', { name: 'Add application' });
  await picker.click();
  await picker.fill(search);
  await page
    .getByRole('option', { name: new RegExp(title) })
    .first()
    .click();
  await expect(
    page.getByTestId(`app-${title.toLowerCase().replace(/ /g, '-')}`),
  ).toBeVisible();
}

async function setImage(page: Page, title: string, image: string) {
  const field = page.getByRole('textbox', { name: `Image for ${title}` });
  await field.click();
  await field.fill(image);
  await field.press('Enter');
  await expect(field).toHaveValue(image);
}

test("a release manager's whole path: track, release, requirements, lock, ready, clone, tenant", async ({
  page,
}) => {
  test.setTimeout(300_000);
  await signInAsGuest(page);
  await page.getByRole('link', { name: 'Release Hub' }).click();
  await expect(page).toHaveURL(/\/release-hub\/tracks$/);
  await expect(
    page.getByRole('link', { name: 'Shopfront Suite' }),
  ).toBeVisible();
  await screenshot(page, 'tracks');

  // A new track.
  await page.getByRole('button', { name: 'New track' }).click();
  let dialog = page.getByRole('dialog');
  await dialog.getByLabel('ID').fill(trackId);
  await dialog.getByLabel('Title').fill(`E2E Suite ${run}`);
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(page).toHaveURL(new RegExp(`/release-hub/tracks/${trackId}$`));

  // Release 1.0.0; the version is checked as it is typed.
  await page.getByRole('button', { name: 'New release' }).click();
  dialog = page.getByRole('dialog');
  await dialog.getByLabel('Version').fill('v1');
  await expect(dialog.getByRole('button', { name: 'Create' })).toBeDisabled();
  await dialog.getByLabel('Version').fill('1.0.0');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(page).toHaveURL(/\/release-hub\/releases\/[^/]+\/overview$/);
  await expect(
    page.getByRole('heading', { name: /Release 1\.0\.0/ }),
  ).toBeVisible();

  // Three applications in two stages, the third moved by drag and drop.
  await page.getByRole('tab', { name: 'Requirements' }).click();
  await addApplication(page, 'Orders', 'Orders API');
  await addApplication(page, 'Catalog', 'Catalog API');
  await addApplication(page, 'Storefront', 'Storefront Web');
  await page.getByRole('button', { name: 'Add stage' }).click();
  await expect(page.getByTestId('stage-1')).toBeVisible();
  await page
    .getByTestId('app-storefront-web')
    .dragTo(page.getByTestId('stage-1'), { sourcePosition: { x: 12, y: 12 } });
  await expect(
    page.getByTestId('stage-1').getByTestId('app-storefront-web'),
  ).toBeVisible();
  await expect(
    page.getByTestId('stage-0').getByTestId('app-orders-api'),
  ).toBeVisible();
  await expect(
    page.getByTestId('stage-0').getByTestId('app-catalog-api'),
  ).toBeVisible();

  // Images, typed and checked as they are typed.
  const invalid = page.getByRole('textbox', { name: 'Image for Orders API' });
  await invalid.fill('Shopfront/Orders API');
  await expect(page.getByText(/is not an OCI image reference/)).toBeVisible();
  await setImage(page, 'Orders API', 'shopfront/orders-api:1.0.0');
  await setImage(page, 'Catalog API', 'shopfront/catalog-api:1.0.0');
  await setImage(page, 'Storefront Web', 'shopfront/storefront-web:1.0.0');

  // Instructions in Markdown.
  await page
    .getByRole('button', { name: 'Instructions for Orders API' })
    .click();
  dialog = page.getByRole('dialog');
  await dialog
    .getByRole('textbox')
    .first()
    .fill('Run the **database migration** first.');
  await dialog.getByRole('button', { name: 'Apply' }).click();

  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('button', { name: 'Save' })).toBeDisabled();
  await page.getByRole('button', { name: 'Lock requirements' }).click();
  await expect(page.getByText(/Requirements locked by/)).toBeVisible();
  await screenshot(page, 'requirements');

  // Ready for release, after a confirmation that says what it does.
  await page.getByRole('tab', { name: 'Overview' }).click();
  await page.getByRole('button', { name: 'Ready for release' }).click();
  dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await expect(
    page.getByText('Ready for release', { exact: true }).first(),
  ).toBeVisible();
  await screenshot(page, 'release-overview');

  // Editing is blocked while locked.
  await page.getByRole('tab', { name: 'Requirements' }).click();
  await expect(page.getByText(/Requirements locked by/)).toBeVisible();
  await expect(
    page.getByRole('textbox', { name: 'Add application' }),
  ).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Save' })).toHaveCount(0);
  await expect(
    page.getByRole('textbox', { name: 'Image for Orders API' }),
  ).not.toBeEditable();

  // 1.0.1, cloned from 1.0.0.
  await page.getByRole('link', { name: trackId }).click();
  await page.getByRole('button', { name: 'New release' }).click();
  dialog = page.getByRole('dialog');
  await dialog.getByLabel('Version').fill('1.0.1');
  await dialog.getByLabel('Clone a release').check();
  await expect(dialog.getByLabel('Release to clone')).toHaveValue(/.+/);
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(
    page.getByRole('heading', { name: /Release 1\.0\.1/ }),
  ).toBeVisible();
  await page.getByRole('tab', { name: 'Requirements' }).click();
  await expect(
    page.getByTestId('stage-1').getByTestId('app-storefront-web'),
  ).toBeVisible();
  await expect(
    page.getByRole('textbox', { name: 'Image for Orders API' }),
  ).toHaveValue('shopfront/orders-api:1.0.0');
  await page.getByRole('link', { name: trackId }).click();
  await expect(
    page.getByRole('link', { name: '1.0.1', exact: true }),
  ).toBeVisible();
  await screenshot(page, 'track');

  // Onboard a tenant with an installation mapped to a cluster namespace.
  await page.getByRole('link', { name: 'Release Hub' }).click();
  await page.getByRole('tab', { name: 'Tenants' }).click();
  await page.getByRole('button', { name: 'New tenant' }).click();
  dialog = page.getByRole('dialog');
  await dialog.getByLabel('Tenant ID').fill(tenantId);
  await dialog.getByLabel('Display name').fill(`Tenant ${run}`);
  await dialog.getByLabel('Owner').fill('group:default/customer-success');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  const tenantRow = page.getByRole('row', {
    name: new RegExp(`Tenant ${run}`),
  });
  await expect(tenantRow).toBeVisible({ timeout: 30_000 });

  await tenantRow.getByRole('button', { name: 'New installation' }).click();
  dialog = page.getByRole('dialog');
  await dialog.getByLabel('Installation ID').fill(`${tenantId}-qa`);
  // Pre-filled from the tenant once the catalog has it; set it either way.
  await dialog.getByLabel('Owner').fill('group:default/customer-success');
  await dialog.getByLabel('Tier').selectOption('qa');
  await dialog.getByLabel('Cluster').selectOption('demo-eu');
  // An environment another installation already has is refused, saying where.
  await dialog.getByLabel('Namespace').fill('flareup-prod');
  await expect(
    dialog.getByText(/Already mapped to installation flareup-prod/),
  ).toBeVisible();
  await dialog.getByLabel('Namespace').fill(`${tenantId}-qa`);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`demo-eu / ${tenantId}-qa`)).toBeVisible({
    timeout: 30_000,
  });
  await screenshot(page, 'tenants');
});
