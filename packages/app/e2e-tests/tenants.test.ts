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

import { expect, test } from '@playwright/test';
import { screenshot, signInAsGuest } from './helpers';

test('a new user finds the tenants in the catalog and reaches an installation from its tenant', async ({
  page,
}) => {
  // Run alone (as for its screenshots), this test bears the portal's first
  // load, which on a busy machine takes more than the default two minutes.
  test.slow();
  await signInAsGuest(page);

  // The catalog's kind filter lists the hub's kinds.
  await page.getByLabel('Kind').getByRole('button').click();
  await expect(
    page.getByRole('option', { name: 'Installation' }),
  ).toBeVisible();
  await page.getByRole('option', { name: 'Tenant' }).click();

  const flareup = page.getByRole('link', { name: 'Flareup.xyz' });
  await expect(flareup).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'Globex Corporation' }),
  ).toBeVisible();
  await expect(page.getByRole('link', { name: 'Initech' })).toBeVisible();
  await flareup.click();

  // The tenant page: its own details and its installations.
  await expect(page.getByText('Tenant ID')).toBeVisible();
  await expect(page.getByText('canary', { exact: true })).toBeVisible();
  await expect(
    page.getByRole('link', { name: /Jane Doe/ }).first(),
  ).toBeVisible();
  const installations = page
    .getByRole('table')
    .filter({ hasText: 'Environments' });
  await expect(installations.getByRole('row')).toHaveCount(3); // header + 2
  await expect(installations.getByText('demo-eu / flareup-prod')).toBeVisible();
  await expect(installations.getByText('demo-eu / flareup-qa')).toBeVisible();
  // The relations graph and the releases card load after the rest of the
  // page; the picture waits for both. The graph: the tenant, its owner and
  // its two installations, titled once their entities are read.
  const graph = page.locator('svg').filter({ has: page.getByTestId('node') });
  await expect(graph.getByTestId('node')).toHaveCount(4);
  for (const title of ['Flareup.xyz', 'Customer Success', 'Flareup Prod']) {
    await expect(
      graph.getByTestId('node').filter({ hasText: title }),
    ).toBeVisible();
  }
  const releases = page.getByRole('table', { name: 'Installed releases' });
  await expect(releases.getByRole('row')).toHaveCount(3); // header + 2
  // Tall enough for the releases card and the whole tenant card.
  await screenshot(page, 'tenant-page', { height: 1200 });

  await installations.getByRole('link', { name: 'Flareup Prod' }).click();

  // The installation page.
  await expect(page.getByText('Installation ID')).toBeVisible();
  await expect(
    page.getByText('flareup-prod', { exact: true }).first(),
  ).toBeVisible();
  await expect(
    page.getByText('production', { exact: true }).first(),
  ).toBeVisible();
  await expect(page.getByText('demo-eu / flareup-prod')).toBeVisible();
  await expect(
    page.getByText('Sat, Sun 02:00–05:00 (Europe/Berlin)'),
  ).toBeVisible();
  await expect(
    page.getByText(/^(Next: .* your time|Open now, until .* your time)$/),
  ).toBeVisible();
  await expect(
    page.getByRole('link', { name: /Jane Doe/ }).first(),
  ).toBeVisible();
  await screenshot(page, 'installation-page');
});
