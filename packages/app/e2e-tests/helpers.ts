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

/**
 * Saves a screenshot for the docs when SCREENSHOT_DIR is set. `height`
 * makes the window that tall for the picture (the portal's pages scroll
 * inside the window, so a full-page screenshot would not show more).
 */
export async function screenshot(
  page: Page,
  name: string,
  options: { height?: number } = {},
) {
  if (!screenshotDir) {
    return;
  }
  const size = page.viewportSize();
  if (options.height && size) {
    await page.setViewportSize({ width: size.width, height: options.height });
    // Let windowed lists render the rows the taller window shows.
    await page.waitForTimeout(500);
  }
  await page.screenshot({ path: `${screenshotDir}/${name}.png` });
  if (options.height && size) {
    await page.setViewportSize(size);
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

/** The demo's simulated clusters (scripts/start-demo.sh), with their tokens. */
export const demoClusters = {
  'demo-eu': {
    url: process.env.DEMO_EU_URL ?? 'http://127.0.0.1:6443',
    token: 'demo-eu-token',
  },
  'demo-us': {
    url: process.env.DEMO_US_URL ?? 'http://127.0.0.1:6444',
    token: 'demo-us-token',
  },
};

type DemoCluster = keyof typeof demoClusters;

/** A request to a demo cluster's API (or its /__simulator admin API). */
export async function clusterRequest(
  page: Page,
  cluster: DemoCluster,
  method: 'GET' | 'POST' | 'PATCH',
  path: string,
  body?: unknown,
) {
  const { url, token } = demoClusters[cluster];
  const response = await page.request.fetch(`${url}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body !== undefined
        ? {
            'Content-Type':
              method === 'PATCH'
                ? 'application/merge-patch+json'
                : 'application/json',
          }
        : {}),
    },
    ...(body !== undefined ? { data: JSON.stringify(body) } : {}),
  });
  expect(
    response.ok(),
    `${method} ${cluster} ${path}: ${response.status()} ${await response.text()}`,
  ).toBe(true);
  return response.json();
}

/**
 * Puts the demo clusters back to their seeded state (the images before any
 * rollout, the broken payments-worker of initech-qa broken again), so a
 * test that rolls out sees the same clusters on a portal that is reused.
 */
export async function resetDemoClusters(page: Page) {
  for (const cluster of Object.keys(demoClusters) as DemoCluster[]) {
    await clusterRequest(page, cluster, 'POST', '/__simulator/reset');
  }
}

/** A Deployment's rollout as `kubectl rollout status` sees it. */
export async function deploymentStatus(
  page: Page,
  cluster: DemoCluster,
  namespace: string,
  name: string,
): Promise<{ reason?: string; available: boolean; images: string[] }> {
  const deployment = await clusterRequest(
    page,
    cluster,
    'GET',
    `/apis/apps/v1/namespaces/${namespace}/deployments/${name}`,
  );
  const conditions: { type: string; status: string; reason?: string }[] =
    deployment.status?.conditions ?? [];
  const progressing = conditions.find(c => c.type === 'Progressing');
  const replicas = deployment.spec?.replicas ?? 1;
  return {
    reason: progressing?.reason,
    available:
      (deployment.status?.observedGeneration ?? 0) >=
        deployment.metadata.generation &&
      (deployment.status?.updatedReplicas ?? 0) === replicas &&
      (deployment.status?.availableReplicas ?? 0) === replicas,
    images: deployment.spec.template.spec.containers.map(
      (c: { image: string }) => c.image,
    ),
  };
}

/**
 * Removes a workload's simulator.distribution-hub.io/broken-images
 * annotation (what the demo seed breaks it with), then waits until its
 * rollout has completed: its pods stuck on the image start and the
 * Deployment is available again with NewReplicaSetAvailable.
 */
export async function repairDeployment(
  page: Page,
  cluster: DemoCluster,
  namespace: string,
  name: string,
) {
  await clusterRequest(
    page,
    cluster,
    'PATCH',
    `/apis/apps/v1/namespaces/${namespace}/deployments/${name}`,
    {
      metadata: {
        annotations: { 'simulator.distribution-hub.io/broken-images': null },
      },
    },
  );
  await expect
    .poll(
      async () => {
        const status = await deploymentStatus(page, cluster, namespace, name);
        return status.available && status.reason === 'NewReplicaSetAvailable';
      },
      { timeout: 120_000, intervals: [500] },
    )
    .toBe(true);
}

/**
 * Keeps the frontend dev server from reloading the page when a source file
 * changes (its client hears of rebuilds on a WebSocket at /ws), so a test
 * that checks the page is never reloaded sees only the app's own reloads.
 */
export async function withoutDevServerReloads(page: Page) {
  await page.routeWebSocket(/^wss?:\/\/[^/]+\/ws$/, () => {
    // Never connected to the dev server: the page's client waits quietly.
  });
}
