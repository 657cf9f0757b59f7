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

import { expect, Page } from '@playwright/test';

const backend = process.env.BACKEND_URL ?? 'http://localhost:7007';
const screenshotDir = process.env.SCREENSHOT_DIR;

/** Saves a screenshot for the docs when SCREENSHOT_DIR is set. */
export async function screenshot(page: Page, name: string) {
  if (screenshotDir) {
    await page.screenshot({ path: `${screenshotDir}/${name}.png` });
  }
}

export async function signInAsGuest(page: Page) {
  // The frontend dev server can be up before the backend is.
  await expect
    .poll(
      async () =>
        (
          await page.request
            .get(`${backend}/.backstage/health/v1/readiness`)
            .catch(() => undefined)
        )?.status(),
      { timeout: 300_000, intervals: [1000] },
    )
    .toBe(200);
  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  await expect(enter).toBeVisible();
  await enter.click();
  await expect(
    page.getByRole('heading', { name: /Catalog/ }).first(),
  ).toBeVisible();
}
