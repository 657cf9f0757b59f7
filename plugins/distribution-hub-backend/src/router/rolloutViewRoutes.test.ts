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
import request from 'supertest';
import { eventually } from '../__testUtils__/eventually';
import {
  FakeDeployer,
  fakeDeployerModule,
} from '../__testUtils__/FakeDeployer';
import {
  HubServer,
  startHub,
  waitForInstallations,
} from '../__testUtils__/startHub';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const BASE = '/api/distribution-hub';
const APPS = ['catalog-api', 'orders-api', 'storefront-web'];
const ref = (name: string) => `installation:default/${name}`;
const image = (app: string, tag: string) => `shopfront/${app}:${tag}`;

describe.each(databases.eachSupportedId())(
  'rollout views on %p',
  databaseId => {
    const deployer = new FakeDeployer();
    let server: HubServer;
    const auth = () => mockCredentials.user.header('user:default/rita.release');
    const get = (path: string) =>
      request(server)
        .get(BASE + path)
        .set('Authorization', auth());
    const post = (path: string, body: object = {}) =>
      request(server)
        .post(BASE + path)
        .set('Authorization', auth())
        .send(body);

    /** A release of the `views` track whose images carry its version. */
    async function release(
      version: string,
      status: 'draft' | 'ready' | 'on-hold' | 'rescinded' = 'ready',
    ): Promise<string> {
      await post('/tracks', { name: 'views' });
      const { body } = await post('/tracks/views/releases', { version });
      await request(server)
        .put(`${BASE}/releases/${body.id}/requirements`)
        .set('Authorization', auth())
        .set('If-Match', '*')
        .send({
          stages: [
            {
              apps: APPS.slice(0, 2).map(a => ({
                entityRef: a,
                image: image(a, version),
              })),
            },
            { apps: [{ entityRef: APPS[2], image: image(APPS[2], version) }] },
          ],
        })
        .expect(200);
      if (status === 'draft') return body.id;
      await post(`/releases/${body.id}/lock`).expect(200);
      await post(`/releases/${body.id}/status`, { status: 'ready' }).expect(
        200,
      );
      if (status !== 'ready') {
        await post(`/releases/${body.id}/status`, { status }).expect(200);
      }
      return body.id;
    }

    /** Starts a rollout and waits for it to finish. */
    async function rollOut(releaseId: string, targets: object) {
      const started = await post(`/releases/${releaseId}/rollouts`, {
        targets,
        respectMaintenanceWindows: false,
      });
      expect(started.status).toBe(201);
      const ended = await eventually(
        () => get(`/rollouts/${started.body.id}`),
        r => r.body.status !== 'running',
      );
      return ended.body;
    }

    let first: string;
    let rolloutA: any;
    let rolloutB: any;
    let second: string;

    beforeAll(async () => {
      server = await startHub(databases, databaseId, [
        fakeDeployerModule(deployer),
      ]);
      await waitForInstallations(server);
      first = await release('1.1.0');
    });

    it('previews a rollout page by page, storing nothing', async () => {
      const preview = await post(
        `/releases/${first}/rollouts/preview?limit=2`,
        { targets: { tiers: ['production'] } },
      );
      expect(preview.status).toBe(200);
      expect(preview.body).toMatchObject({
        total: 3,
        offset: 0,
        waves: [{ name: 'All', bakeMinutes: 0, size: 3 }],
        skipped: [],
        byTier: { production: 3 },
        byTenant: {
          'tenant:default/flareup': 1,
          'tenant:default/globex': 1,
          'tenant:default/initech': 1,
        },
      });
      const [flareup, globex] = preview.body.targets;
      expect(preview.body.targets).toHaveLength(2);
      expect(flareup).toMatchObject({
        installationRef: ref('flareup-prod'),
        tenantRef: 'tenant:default/flareup',
        tier: 'production',
        ring: 'canary',
        wave: 0,
        nextWindow: {
          start: expect.any(String),
          end: expect.any(String),
          open: expect.any(Boolean),
        },
        windowFarAway: false,
      });
      expect(flareup.changes).toEqual(
        APPS.map(app => ({
          entityRef: `component:default/${app}`,
          environment: { cluster: 'demo-eu', namespace: 'flareup-prod' },
          current: [image(app, '1.0.0')],
          next: image(app, '1.1.0'),
          drift: false,
        })),
      );
      // Two environments: each application on both.
      expect(globex.installationRef).toBe(ref('globex-prod'));
      expect(globex.changes).toHaveLength(6);

      const rest = await post(
        `/releases/${first}/rollouts/preview?offset=2&limit=2`,
        { targets: { tiers: ['production'] } },
      );
      expect(rest.body.targets.map((t: any) => t.installationRef)).toEqual([
        ref('initech-prod'),
      ]);
      expect(rest.body.byTier).toEqual({ production: 3 });

      const anyTime = await post(`/releases/${first}/rollouts/preview`, {
        targets: { installations: ['flareup-prod'] },
        respectMaintenanceWindows: false,
      });
      expect(anyTime.body.targets[0].nextWindow).toBeUndefined();
      const later = await post(`/releases/${first}/rollouts/preview`, {
        targets: { installations: ['flareup-prod'] },
        notBefore: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      });
      expect(later.body.targets[0].windowFarAway).toBe(true);

      // A cluster that cannot be read spoils only its environment.
      deployer.unreadableNamespaces.add('globex-prod-eu');
      const unreadable = await post(`/releases/${first}/rollouts/preview`, {
        targets: { installations: ['globex-prod'] },
      });
      deployer.unreadableNamespaces.clear();
      const target = unreadable.body.targets[0];
      expect(target.liveError).toBe('connect ECONNREFUSED demo-eu');
      expect(
        target.changes.map((c: any) => [c.environment.cluster, c.current]),
      ).toEqual(
        expect.arrayContaining([
          ['demo-eu', []],
          ['demo-us', [image('catalog-api', '1.0.0')]],
        ]),
      );

      expect((await get(`/releases/${first}/rollouts`)).body.items).toEqual([]);
    });

    it('refuses a preview as it would refuse the rollout', async () => {
      const draft = await release('0.9.0', 'draft');
      const cases: Array<[string, object, number, RegExp]> = [
        [first, { targets: { installations: ['ghost'] } }, 400, /"ghost"/],
        [first, { targets: { tiers: ['prod'] } }, 400, /body\.targets\.tiers/],
        [draft, { targets: {} }, 409, /is not Ready for release/],
        ['00000000-0000-4000-8000-000000000000', { targets: {} }, 404, /./],
      ];
      for (const [id, body, status, message] of cases) {
        const response = await post(`/releases/${id}/rollouts/preview`, body);
        expect([response.status, response.body.error?.message]).toEqual([
          status,
          expect.stringMatching(message),
        ]);
      }
      for (const query of ['limit=101', 'limit=0', 'offset=-1', 'offset=x']) {
        const response = await post(
          `/releases/${first}/rollouts/preview?${query}`,
          { targets: {} },
        );
        expect(response.status).toBe(400);
        expect(response.body.error.message).toMatch(/query\.(limit|offset)/);
      }
    });

    it('shows a failed target with what ran before and what it replaced', async () => {
      deployer.unhealthyNamespaces.add('initech-qa');
      rolloutA = await rollOut(first, {});
      deployer.unhealthyNamespaces.clear();
      expect(rolloutA).toMatchObject({
        status: 'completed-with-failures',
        counts: { completed: 6, failed: 1 },
      });

      const failed = await get(`/rollouts/${rolloutA.id}/targets/initech-qa`);
      expect(failed.status).toBe(200);
      expect(failed.body).toMatchObject({
        installationRef: ref('initech-qa'),
        state: 'failed',
        failure: { stage: 0, reason: 'ImagePullBackOff' },
        environments: [{ cluster: 'demo-us', namespace: 'initech-qa' }],
      });
      const deployments = failed.body.deployments;
      expect(deployments.map((d: any) => [d.stage, d.entityRef])).toEqual([
        [0, 'component:default/catalog-api'],
        [0, 'component:default/orders-api'],
        [1, 'component:default/storefront-web'],
      ]);
      expect(deployments).toContainEqual({
        stage: 0,
        entityRef: expect.any(String),
        environment: { cluster: 'demo-us', namespace: 'initech-qa' },
        image: expect.stringMatching(/:1\.1\.0$/),
        previous: [expect.stringMatching(/:1\.0\.0$/)],
        before: [expect.stringMatching(/:1\.0\.0$/)],
        state: 'failed',
        reason: 'ImagePullBackOff',
        appliedAt: expect.any(String),
      });
      expect(deployments[2]).toEqual({
        stage: 1,
        entityRef: 'component:default/storefront-web',
        environment: { cluster: 'demo-us', namespace: 'initech-qa' },
        image: image('storefront-web', '1.1.0'),
        before: [image('storefront-web', '1.0.0')],
        state: 'pending',
      });

      const encoded = encodeURIComponent(ref('flareup-qa'));
      const done = await get(`/rollouts/${rolloutA.id}/targets/${encoded}`);
      expect(done.body.state).toBe('completed');
      expect(
        done.body.deployments.every(
          (d: any) => d.state === 'healthy' && d.healthyAt,
        ),
      ).toBe(true);

      expect((await get(`/rollouts/${rolloutA.id}/targets/ghost`)).status).toBe(
        404,
      );
      expect(
        (
          await get(
            '/rollouts/00000000-0000-4000-8000-000000000000/targets/flareup-qa',
          )
        ).status,
      ).toBe(404);
      expect(
        (
          await get(
            `/rollouts/${rolloutA.id}/targets/${encodeURIComponent(
              'component:default/x',
            )}`,
          )
        ).status,
      ).toBe(400);
    });

    it('filters targets by tier', async () => {
      const targets = (query: string) =>
        get(`/rollouts/${rolloutA.id}/targets?${query}`);
      const production = await targets('tier=production');
      expect(production.body.items.map((t: any) => t.installationRef)).toEqual([
        ref('flareup-prod'),
        ref('globex-prod'),
        ref('initech-prod'),
      ]);
      for (const query of ['tier=qa,development', 'tier=qa&tier=development']) {
        const response = await targets(query);
        expect(response.body.items.map((t: any) => t.tier).sort()).toEqual([
          'development',
          'qa',
          'qa',
        ]);
      }
      const combined = await targets('tier=qa&state=failed&limit=1');
      expect(combined.body.items.map((t: any) => t.installationRef)).toEqual([
        ref('initech-qa'),
      ]);
      const paged = await targets('tier=production&limit=2');
      const next = await targets(
        `tier=production&limit=2&cursor=${paged.body.nextCursor}`,
      );
      expect(next.body.items.map((t: any) => t.installationRef)).toEqual([
        ref('initech-prod'),
      ]);
      const bad = await targets('tier=prod');
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(
        /query\.tier "prod" is not a tier/,
      );
    });

    it('lists the rollouts of an installation, newest first', async () => {
      second = await release('2.0.0');
      rolloutB = await rollOut(second, { tiers: ['qa'] });
      expect(rolloutB.status).toBe('completed');

      const qa = await get('/installations/initech-qa/rollouts');
      expect(qa.status).toBe(200);
      expect(qa.body.items).toEqual([
        {
          rolloutId: rolloutB.id,
          releaseId: second,
          track: 'views',
          version: '2.0.0',
          rolloutCreatedAt: rolloutB.createdAt,
          target: expect.objectContaining({ state: 'completed' }),
        },
        {
          rolloutId: rolloutA.id,
          releaseId: first,
          track: 'views',
          version: '1.1.0',
          rolloutCreatedAt: rolloutA.createdAt,
          target: expect.objectContaining({
            state: 'failed',
            failure: expect.objectContaining({ reason: 'ImagePullBackOff' }),
          }),
        },
      ]);
      const dev = await get(
        `/installations/${encodeURIComponent(ref('globex-dev'))}/rollouts`,
      );
      expect(dev.body.items.map((r: any) => r.rolloutId)).toEqual([
        rolloutA.id,
      ]);
      expect((await get('/installations/ghost/rollouts')).status).toBe(404);

      // What B replaced on flareup-qa is what A put there.
      const detail = await get(`/rollouts/${rolloutB.id}/targets/flareup-qa`);
      expect(detail.body.deployments[0]).toMatchObject({
        image: image('catalog-api', '2.0.0'),
        before: [image('catalog-api', '1.1.0')],
        previous: [image('catalog-api', '1.1.0')],
        state: 'healthy',
      });
    });

    it('previews drift: what runs is not what the hub deployed', async () => {
      const third = await release('3.0.0');
      deployer.live.set('demo-eu/flareup-prod/component:default/catalog-api', [
        {
          kind: 'Deployment',
          name: 'catalog-api',
          container: 'app',
          image: image('catalog-api', 'hotfix'),
        },
      ]);
      const preview = await post(`/releases/${third}/rollouts/preview`, {
        targets: { installations: ['flareup-prod', 'flareup-qa'] },
      });
      expect(preview.status).toBe(200);
      const changes = Object.fromEntries(
        preview.body.targets.map((t: any) => [
          t.installationRef,
          t.changes.map((c: any) => [c.current, c.next, c.drift]),
        ]),
      );
      expect(changes).toEqual({
        [ref('flareup-prod')]: [
          [
            [image('catalog-api', 'hotfix')],
            image('catalog-api', '3.0.0'),
            true,
          ],
          [[image('orders-api', '1.1.0')], image('orders-api', '3.0.0'), false],
          [
            [image('storefront-web', '1.1.0')],
            image('storefront-web', '3.0.0'),
            false,
          ],
        ],
        [ref('flareup-qa')]: APPS.map(app => [
          [image(app, '2.0.0')],
          image(app, '3.0.0'),
          false,
        ]),
      });
    });

    it('shows the fleet: releases, how far behind, adoption and progress', async () => {
      // 3.0.0 is ready (made above); newer ones count only when ready to
      // be rolled out: not on hold, rescinded or draft.
      await release('3.1.0', 'on-hold');
      await release('3.5.0', 'rescinded');
      await release('4.0.0', 'draft');

      const fleet = await get('/fleet');
      expect(fleet.status).toBe(200);
      const rows = Object.fromEntries(
        fleet.body.installations.map((i: any) => [i.installationRef, i]),
      );
      expect(Object.keys(rows)).toHaveLength(7);
      expect(rows[ref('flareup-qa')]).toEqual({
        installationRef: ref('flareup-qa'),
        tenantRef: 'tenant:default/flareup',
        tier: 'qa',
        release: { id: second, track: 'views', version: '2.0.0' },
        releasesBehind: 1,
        lastRollout: {
          rolloutId: rolloutB.id,
          releaseId: second,
          version: '2.0.0',
          state: 'completed',
          at: expect.any(String),
        },
        applications: Object.fromEntries(
          APPS.map(app => [
            `component:default/${app}`,
            { image: image(app, '2.0.0'), releaseId: second, version: '2.0.0' },
          ]),
        ),
      });
      expect(rows[ref('globex-prod')]).toMatchObject({
        tenantRef: 'tenant:default/globex',
        release: { id: first, version: '1.1.0' },
        releasesBehind: 2,
        lastRollout: { rolloutId: rolloutA.id, state: 'completed' },
        applications: {
          'component:default/catalog-api': {
            image: image('catalog-api', '1.1.0'),
            releaseId: first,
            version: '1.1.0',
          },
        },
      });
      expect(fleet.body.applications).toEqual(
        APPS.map(app => `component:default/${app}`),
      );
      expect(fleet.body.releases).toEqual([
        { id: second, track: 'views', version: '2.0.0', installations: 2 },
        { id: first, track: 'views', version: '1.1.0', installations: 5 },
      ]);
      const progress = fleet.body.progress;
      expect(progress.map((p: any) => p.version)).toEqual(['2.0.0', '1.1.0']);
      const final = (p: any) => p.points[p.points.length - 1].installations;
      expect(progress.map(final)).toEqual([2, 6]);
      for (const { points } of progress) {
        const times = points.map((p: any) => Date.parse(p.time));
        expect(times).toEqual([...times].sort((a, b) => a - b));
      }

      const qa = await get('/fleet?tier=qa');
      expect(qa.body.installations.map((i: any) => i.installationRef)).toEqual([
        ref('flareup-qa'),
        ref('initech-qa'),
      ]);
      expect(qa.body.releases).toEqual([
        { id: second, track: 'views', version: '2.0.0', installations: 2 },
      ]);
      // Of the two, only flareup-qa completed 1.1.0.
      expect(qa.body.progress.map(final)).toEqual([2, 1]);

      for (const tenant of ['globex', 'tenant:default/globex']) {
        const globex = await get(`/fleet?tenant=${encodeURIComponent(tenant)}`);
        expect(globex.body.installations).toHaveLength(3);
      }
      const otherTrack = await get('/fleet?track=other');
      expect(otherTrack.body).toMatchObject({
        applications: [],
        releases: [],
        progress: [],
      });
      expect(otherTrack.body.installations[0]).toEqual({
        installationRef: ref('flareup-prod'),
        tenantRef: 'tenant:default/flareup',
        tier: 'production',
        releasesBehind: 0,
        applications: {},
      });
      for (const query of ['tier=prod', 'tenant=component%3Ax', 'track=Bad']) {
        const bad = await get(`/fleet?${query}`);
        expect([query, bad.status]).toEqual([query, 400]);
        expect(bad.body.error.message).toMatch(/query\.(tier|tenant|track)/);
      }
    });
  },
);
