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
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { ResponseError } from '@backstage/errors';
import { DistributionHubClient } from '@sdh/plugin-distribution-hub-common';
import { AddressInfo } from 'net';
import {
  HubServer,
  startHub,
  waitForInstallations,
} from '../__testUtils__/startHub';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'DistributionHubClient against the real API on %p',
  databaseId => {
    let server: HubServer;
    let client: DistributionHubClient;

    beforeAll(async () => {
      // No rollout worker: rollouts stay where the API puts them.
      server = await startHub(databases, databaseId, [], {
        rollouts: { workerEnabled: false },
      });
      await waitForInstallations(server);
      const { port } = server.address() as AddressInfo;
      client = new DistributionHubClient({
        discoveryApi: {
          getBaseUrl: async pluginId =>
            `http://127.0.0.1:${port}/api/${pluginId}`,
        },
        fetchApi: {
          fetch: (input, init) =>
            fetch(input, {
              ...init,
              headers: {
                ...(init?.headers as Record<string, string>),
                Authorization: mockCredentials.user.header(),
              },
            }),
        },
      });
    });

    it('walks a release from draft to ready and reports conflicts as errors', async () => {
      await client.createTrack({ name: 'shop', title: 'Shop' });
      expect((await client.listTracks({ search: 'sho' })).items).toHaveLength(
        1,
      );
      const draft = await client.createRelease('shop', { version: '3.0.0' });
      const withApps = await client.putRequirements(
        draft.id,
        {
          stages: [
            {
              name: 'API',
              apps: [{ entityRef: 'orders-api', image: 'shop/orders:3.0.0' }],
            },
          ],
        },
        { revision: draft.revision },
      );
      const locked = await client.lockRelease(withApps.id, {
        revision: withApps.revision,
      });
      const ready = await client.setReleaseStatus(locked.id, 'ready', {
        revision: locked.revision,
      });
      expect(ready).toMatchObject({
        status: 'ready',
        locked: true,
        revision: 4,
      });
      expect((await client.listReleases('shop')).map(r => r.version)).toEqual([
        '3.0.0',
      ]);
      expect(
        (await client.getReleaseHistory(ready.id)).map(h => h.action),
      ).toEqual([
        'created',
        'requirements-updated',
        'locked',
        'status-changed',
      ]);
      expect(
        await client.listReleasesWithApplication(
          'component:default/orders-api',
        ),
      ).toEqual([
        expect.objectContaining({
          version: '3.0.0',
          image: 'shop/orders:3.0.0',
        }),
      ]);
      expect(await client.listClusters()).toEqual(['demo-eu', 'demo-us']);

      const stale = client.updateRelease(
        ready.id,
        { notes: 'x' },
        { revision: 1 },
      );
      await expect(stale).rejects.toBeInstanceOf(ResponseError);
      await expect(stale).rejects.toMatchObject({
        response: { status: 409 },
        body: {
          error: { message: expect.stringMatching(/is at revision 4, not 1/) },
        },
      });
    });

    it('starts, reads, pages and controls rollouts', async () => {
      await client.createTrack({ name: 'roll' });
      let release = await client.createRelease('roll', { version: '1.0.0' });
      release = await client.putRequirements(
        release.id,
        {
          stages: [
            { apps: [{ entityRef: 'orders-api', image: 'shop/orders:1.0.0' }] },
          ],
        },
        { revision: release.revision },
      );
      release = await client.lockRelease(release.id);
      release = await client.setReleaseStatus(release.id, 'ready');

      const rollout = await client.startRollout(release.id, {
        targets: { tiers: ['qa', 'development'] },
      });
      expect(rollout).toMatchObject({ status: 'running', total: 3 });
      expect((await client.listRollouts(release.id)).map(r => r.id)).toEqual([
        rollout.id,
      ]);
      expect((await client.getRollout(rollout.id)).counts.pending).toBe(3);

      const first = await client.listRolloutTargets(rollout.id, {
        states: ['pending', 'failed'],
        limit: 2,
      });
      expect(first.items).toHaveLength(2);
      const rest = await client.listRolloutTargets(rollout.id, {
        cursor: first.nextCursor,
      });
      expect(rest).toEqual({ items: [expect.anything()] });
      expect(
        (await client.listRolloutTargets(rollout.id, { tenant: 'initech' }))
          .items,
      ).toEqual([
        expect.objectContaining({
          installationRef: 'installation:default/initech-qa',
        }),
      ]);

      expect(
        (await client.listRolloutTargets(rollout.id, { tiers: ['qa'] })).items,
      ).toHaveLength(2);
      const qa = 'installation:default/initech-qa';
      expect(await client.getRolloutTarget(rollout.id, qa)).toMatchObject({
        installationRef: qa,
        state: 'pending',
        environments: [{ cluster: 'demo-us', namespace: 'initech-qa' }],
        deployments: [],
      });
      expect(
        (await client.listInstallationRollouts(qa)).map(r => r.rolloutId),
      ).toEqual([rollout.id]);
      // startHub's clusters are unreachable: the preview says so.
      const preview = await client.previewRollout(
        release.id,
        { targets: { tiers: ['qa'] } },
        { offset: 1, limit: 1 },
      );
      expect(preview).toMatchObject({ total: 2, offset: 1, byTier: { qa: 2 } });
      expect(preview.targets).toEqual([
        expect.objectContaining({
          installationRef: qa,
          liveError: expect.any(String),
        }),
      ]);
      const fleet = await client.getFleet({ tier: 'qa', tenant: 'initech' });
      expect(fleet.installations).toEqual([
        expect.objectContaining({ installationRef: qa, releasesBehind: 0 }),
      ]);

      expect((await client.pauseRollout(rollout.id)).status).toBe('paused');
      expect((await client.resumeRollout(rollout.id)).status).toBe('running');
      await expect(
        client.retryTarget(rollout.id, 'installation:default/initech-qa'),
      ).rejects.toMatchObject({ response: { status: 409 } });
      expect((await client.cancelRollout(rollout.id)).status).toBe('cancelled');

      expect(
        await client.getInstallationState('installation:default/initech-qa'),
      ).toEqual({
        installationRef: 'installation:default/initech-qa',
        applications: [],
        drift: false,
      });
      expect((await client.getRelease(release.id)).deployment).toEqual({
        state: 'not-released',
        completed: 0,
        total: 7,
      });
    });
  },
);
