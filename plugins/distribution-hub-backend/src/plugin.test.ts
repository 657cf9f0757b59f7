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
import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  NotificationSendOptions,
  notificationService,
} from '@backstage/plugin-notifications-node';
import {
  SignalPayload,
  signalsServiceRef,
} from '@backstage/plugin-signals-node';
import request from 'supertest';
import { eventually } from './__testUtils__/eventually';
import { FakeDeployer, fakeDeployerModule } from './__testUtils__/FakeDeployer';
import {
  HubServer,
  startHub,
  waitForInstallations,
} from './__testUtils__/startHub';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const BASE = '/api/distribution-hub';
const RITA = 'user:default/rita.release';

describe.each(databases.eachSupportedId())(
  'the plugin, wired, on %p',
  databaseId => {
    const deployer = new FakeDeployer();
    const signals: SignalPayload[] = [];
    const notifications: NotificationSendOptions[] = [];
    let server: HubServer;

    const api = {
      get: (path: string) =>
        request(server)
          .get(BASE + path)
          .set('Authorization', mockCredentials.user.header(RITA)),
      // A PUT overwrites whatever is current (If-Match: *).
      send: (method: 'post' | 'put', path: string, body: object = {}) =>
        request(server)
          [method](BASE + path)
          .set('Authorization', mockCredentials.user.header(RITA))
          .set(method === 'put' ? { 'If-Match': '*' } : {})
          .send(body),
    };

    beforeAll(async () => {
      server = await startHub(databases, databaseId, [
        // A module's deployer comes before the hub's own Kubernetes
        // deployer, which would fail: startHub's clusters are unreachable.
        fakeDeployerModule(deployer),
        createServiceFactory({
          service: signalsServiceRef,
          deps: {},
          factory: () => ({
            publish: async (signal: SignalPayload) => {
              signals.push(signal);
            },
          }),
        }),
        createServiceFactory({
          service: notificationService,
          deps: {},
          factory: () => ({
            send: async (options: NotificationSendOptions) => {
              notifications.push(options);
            },
          }),
        }),
      ]);
      await waitForInstallations(server);
    });

    it('deploys, reports, notifies and retries through the engine', async () => {
      await api.send('post', '/tracks', { name: 'wired' });
      const { body: release } = await api.send(
        'post',
        '/tracks/wired/releases',
        { version: '2.0.0' },
      );
      await api.send('put', `/releases/${release.id}/requirements`, {
        stages: [
          {
            apps: [
              {
                entityRef: 'catalog-api',
                image: 'shopfront/catalog-api:2.0.0',
              },
              { entityRef: 'orders-api', image: 'shopfront/orders-api:2.0.0' },
            ],
          },
          {
            apps: [
              {
                entityRef: 'storefront-web',
                image: 'shopfront/storefront-web:2.0.0',
              },
            ],
          },
        ],
      });
      await api.send('post', `/releases/${release.id}/lock`);
      await api.send('post', `/releases/${release.id}/status`, {
        status: 'ready',
      });

      deployer.unhealthyNamespaces.add('initech-qa');
      const started = await api.send(
        'post',
        `/releases/${release.id}/rollouts`,
        { targets: { tiers: ['qa'] }, respectMaintenanceWindows: false },
      );
      expect(started.status).toBe(201);
      const id = started.body.id;

      const ended = await eventually(
        () => api.get(`/rollouts/${id}`),
        r => r.body.status !== 'running',
      );
      expect(ended.body).toMatchObject({
        status: 'completed-with-failures',
        counts: { completed: 1, failed: 1 },
      });
      const failed = await api.get(`/rollouts/${id}/targets?state=failed`);
      expect(failed.body.items).toEqual([
        expect.objectContaining({
          installationRef: 'installation:default/initech-qa',
          failure: {
            stage: 0,
            application: expect.stringMatching(/^component:default\//),
            environment: { cluster: 'demo-us', namespace: 'initech-qa' },
            reason: 'ImagePullBackOff',
          },
        }),
      ]);

      expect(
        (await api.get(`/releases/${release.id}`)).body.deployment,
      ).toEqual({ state: 'partially-released', completed: 1, total: 7 });

      // Notifications: the failure to the creators and the tenant's
      // contact, the ending to the creators.
      const link = `/release-hub/releases/${release.id}/rollouts`;
      await eventually(
        async () => notifications.length,
        count => count >= 2,
      );
      expect(notifications).toEqual([
        {
          recipients: {
            type: 'entity',
            entityRef: [RITA, 'user:default/mei.tanaka'],
          },
          payload: expect.objectContaining({
            title: 'wired 2.0.0 failed on initech-qa',
            description: expect.stringMatching(
              /in stage 1 on demo-us\/initech-qa: ImagePullBackOff$/,
            ),
            link,
            severity: 'high',
          }),
        },
        {
          recipients: { type: 'entity', entityRef: [RITA] },
          payload: expect.objectContaining({
            title: 'Rollout of wired 2.0.0 finished with failures',
            description: '1 of 2 installations completed, 1 did not.',
            link,
          }),
        },
      ]);

      // Signals: coalesced broadcasts naming the rollout and what changed.
      const final = await eventually(
        async () => signals,
        all => all.some(s => s.message.status === 'completed-with-failures'),
      );
      expect(
        final.every(
          s =>
            s.channel === 'distribution-hub:rollouts' &&
            s.recipients.type === 'broadcast' &&
            s.message.rolloutId === id &&
            s.message.releaseId === release.id,
        ),
      ).toBe(true);
      expect(
        final.flatMap(s => (s.message.installationRefs as string[]) ?? []),
      ).toEqual(
        expect.arrayContaining([
          'installation:default/flareup-qa',
          'installation:default/initech-qa',
        ]),
      );

      // What runs: as deployed, then drifted by hand.
      const state = await api.get('/installations/flareup-qa/state');
      expect(state.body).toMatchObject({
        installationRef: 'installation:default/flareup-qa',
        drift: false,
      });
      expect(state.body.applications).toHaveLength(3);
      expect(state.body.applications[0]).toMatchObject({
        entityRef: 'component:default/catalog-api',
        environment: { cluster: 'demo-eu', namespace: 'flareup-qa' },
        intended: {
          image: 'shopfront/catalog-api:2.0.0',
          releaseId: release.id,
          version: '2.0.0',
        },
        live: [
          {
            kind: 'Deployment',
            name: 'catalog-api',
            container: 'app',
            image: 'shopfront/catalog-api:2.0.0',
          },
        ],
        drift: false,
      });
      deployer.live.set('demo-eu/flareup-qa/component:default/catalog-api', [
        {
          kind: 'Deployment',
          name: 'catalog-api',
          container: 'app',
          image: 'shopfront/catalog-api:hotfix',
        },
      ]);
      const drifted = await api.get('/installations/flareup-qa/state');
      expect(drifted.body.drift).toBe(true);
      expect(drifted.body.applications[0].drift).toBe(true);

      // Retry once the cluster is fixed: the rollout completes.
      deployer.unhealthyNamespaces.clear();
      const retried = await api.send(
        'post',
        `/rollouts/${id}/targets/initech-qa/retry`,
      );
      expect(retried.status).toBe(200);
      expect(retried.body.state).toBe('pending');
      const completed = await eventually(
        () => api.get(`/rollouts/${id}`),
        r => r.body.status === 'completed',
      );
      expect(completed.body.counts).toMatchObject({ completed: 2, failed: 0 });
      expect(
        (await api.get(`/releases/${release.id}`)).body.deployment,
      ).toEqual({ state: 'partially-released', completed: 2, total: 7 });
      await eventually(
        async () => notifications.map(n => n.payload.title),
        titles => titles.includes('Rollout of wired 2.0.0 completed'),
      );
    });
  },
);
