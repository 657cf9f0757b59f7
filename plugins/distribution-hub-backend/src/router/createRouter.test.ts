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
import {
  HubClient,
  hubClient,
  HubServer,
  startHub,
  waitForCatalog,
} from '../__testUtils__/startHub';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const BASE = '/api/distribution-hub';

const fullRequirements = {
  stages: [
    {
      name: 'Back ends',
      apps: [
        {
          entityRef: 'component:default/catalog-api',
          image: 'registry.example.com/shopfront/catalog-api:2.0.0',
          instructions: 'Run **migrations** first.',
        },
        {
          entityRef: 'orders-api',
          image:
            'shopfront/orders-api@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
        },
      ],
    },
    {
      name: 'Front end',
      apps: [
        {
          entityRef: 'component:storefront-web',
          image: 'shopfront/storefront-web:2.0.0',
        },
      ],
    },
  ],
};

describe.each(databases.eachSupportedId())(
  'distribution-hub API on %p',
  databaseId => {
    let server: HubServer;
    let api: HubClient;

    beforeAll(async () => {
      server = await startHub(databases, databaseId);
      api = hubClient(server);
      await waitForCatalog(server);
    });

    it('answers health without credentials and serves its OpenAPI document', async () => {
      const health = await request(server).get(`${BASE}/health`);
      expect(health.status).toBe(200);
      const doc = await api.get('/openapi.json');
      expect(doc.status).toBe(200);
      expect(doc.body.servers).toEqual([{ url: '/api/distribution-hub' }]);
      expect(Object.keys(doc.body.paths)).toEqual(
        expect.arrayContaining(['/tracks', '/releases/{id}/requirements']),
      );
    });

    it('creates, lists, searches, pages and edits tracks', async () => {
      const created = await api.post('/tracks', {
        name: 'shopfront',
        title: 'Shopfront Suite',
        description: 'The e-commerce product',
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        name: 'shopfront',
        title: 'Shopfront Suite',
        createdBy: 'user:default/rita.release',
        releaseCount: 0,
      });

      const duplicate = await api.post('/tracks', { name: 'shopfront' });
      expect(duplicate.status).toBe(409);
      expect(duplicate.body.error.message).toMatch(/already exists/);

      const invalid = await api.post('/tracks', { name: 'Shop Front' });
      expect(invalid.status).toBe(400);
      expect(invalid.body.error.message).toMatch(/name/);

      for (const name of ['analytics', 'billing', 'crm', 'docs']) {
        expect((await api.post('/tracks', { name })).status).toBe(201);
      }
      const first = await api.get('/tracks?limit=2');
      expect(first.body.totalCount).toBe(5);
      expect(first.body.items.map((t: any) => t.name)).toEqual([
        'analytics',
        'billing',
      ]);
      const second = await api.get(
        `/tracks?limit=2&cursor=${first.body.nextCursor}`,
      );
      expect(second.body.items.map((t: any) => t.name)).toEqual([
        'crm',
        'docs',
      ]);
      const last = await api.get(
        `/tracks?limit=2&cursor=${second.body.nextCursor}`,
      );
      expect(last.body.items.map((t: any) => t.name)).toEqual(['shopfront']);
      expect(last.body.nextCursor).toBeUndefined();

      const search = await api.get('/tracks?search=SUITE');
      expect(search.body.items.map((t: any) => t.name)).toEqual(['shopfront']);
      const nul = await api.get('/tracks?search=%00');
      expect(nul.status).toBe(400);
      expect(nul.body.error.message).toBe(
        'Invalid request: query.search contains a NUL character, which text cannot hold',
      );
      const nulBody = await api.patch('/tracks/crm', { title: 'a\u0000b' });
      expect(nulBody.status).toBe(400);
      expect(nulBody.body.error.message).toMatch(/body\.title contains a NUL/);
      const badCursor = await api.get('/tracks?cursor=nonsense');
      expect(badCursor.status).toBe(400);
      expect(badCursor.body.error.message).toMatch(/cursor/);

      const edited = await api.patch('/tracks/crm', { title: 'CRM' });
      expect(edited.status).toBe(200);
      expect(edited.body.title).toBe('CRM');
      expect((await api.get('/tracks/nope')).status).toBe(404);
      expect((await api.patch('/tracks/nope', { title: 'x' })).status).toBe(
        404,
      );
    });

    it('creates releases with semantic versions, newest first, and clones them', async () => {
      await api.post('/tracks', { name: 'versions' });
      for (const version of [
        '1.9.0',
        '1.10.0',
        '1.10.0-rc.1',
        '0.1.0+build.7',
        '1.10.0-rc.10',
        '1.10.0-rc.2',
        '1.10.0-beta.11',
        '1.10.0-beta.2',
        '1.10.0-beta',
        '1.10.0-alpha.beta',
        '1.10.0-alpha.1',
        '1.10.0-alpha',
        '10.0.0',
        '2.0.0',
      ]) {
        const created = await api.post('/tracks/versions/releases', {
          version,
        });
        expect(created.status).toBe(201);
        expect(created.body).toMatchObject({
          version,
          name: version,
          status: 'draft',
          revision: 1,
        });
      }
      const list = await api.get('/tracks/versions/releases');
      // Semantic version precedence: numeric identifiers compare as
      // numbers, a prerelease comes before its release.
      expect(list.body.items.map((r: any) => r.version)).toEqual([
        '10.0.0',
        '2.0.0',
        '1.10.0',
        '1.10.0-rc.10',
        '1.10.0-rc.2',
        '1.10.0-rc.1',
        '1.10.0-beta.11',
        '1.10.0-beta.2',
        '1.10.0-beta',
        '1.10.0-alpha.beta',
        '1.10.0-alpha.1',
        '1.10.0-alpha',
        '1.9.0',
        '0.1.0+build.7',
      ]);
      const track = await api.get('/tracks/versions');
      expect(track.body).toMatchObject({
        releaseCount: 14,
        latestVersion: '10.0.0',
      });

      const duplicate = await api.post('/tracks/versions/releases', {
        version: '1.9.0',
      });
      expect(duplicate.status).toBe(409);
      expect(duplicate.body.error.message).toMatch(
        /already has a release 1\.9\.0/,
      );
      for (const [version, existing] of [
        ['1.9.0+build.5', '1.9.0'],
        ['0.1.0', '0.1.0+build.7'],
      ]) {
        const samePrecedence = await api.post('/tracks/versions/releases', {
          version,
        });
        expect(samePrecedence.status).toBe(409);
        expect(samePrecedence.body.error.message).toBe(
          `Track "versions" already has release ${existing}, which ${version} equals in precedence (build metadata does not order versions)`,
        );
      }
      for (const version of ['v1.0.0', '1.0', '01.0.0', 'latest']) {
        const invalid = await api.post('/tracks/versions/releases', {
          version,
        });
        expect(invalid.status).toBe(400);
        expect(invalid.body.error.message).toMatch(/is not a semantic version/);
      }
      expect(
        (await api.post('/tracks/missing/releases', { version: '1.0.0' }))
          .status,
      ).toBe(404);

      const source = list.body.items.find((r: any) => r.version === '1.10.0');
      await api.put(`/releases/${source.id}/requirements`, fullRequirements);
      await api.post(`/releases/${source.id}/lock`);
      const clone = await api.post('/tracks/versions/releases', {
        version: '1.10.1',
        name: 'Autumn patch',
        cloneFrom: '1.10.0',
      });
      expect(clone.status).toBe(201);
      expect(clone.body).toMatchObject({
        name: 'Autumn patch',
        status: 'draft',
        locked: false,
        clonedFrom: source.id,
      });
      expect(clone.body.requirements.stages[0].apps[0]).toEqual({
        entityRef: 'component:default/catalog-api',
        image: 'registry.example.com/shopfront/catalog-api:2.0.0',
        instructions: 'Run **migrations** first.',
      });
      const badClone = await api.post('/tracks/versions/releases', {
        version: '2.0.1',
        cloneFrom: '9.9.9',
      });
      expect(badClone.status).toBe(400);
      expect(badClone.body.error.message).toMatch(
        /cloneFrom "9\.9\.9" is not a release of track "versions"/,
      );
    });

    it('validates requirements against the catalog and image references', async () => {
      await api.post('/tracks', { name: 'requirements' });
      const { body: release } = await api.post(
        '/tracks/requirements/releases',
        { version: '1.0.0' },
      );

      const cases: Array<[object, RegExp]> = [
        [
          {
            stages: [
              {
                apps: [
                  { entityRef: 'component:default/catalog-api' },
                  { entityRef: 'ghost-service' },
                ],
              },
            ],
          },
          /stages\[0\]\.apps\[1\]\.entityRef component:default\/ghost-service is not in the catalog/,
        ],
        [
          { stages: [{ apps: [{ entityRef: 'group:default/platform' }] }] },
          /stages\[0\]\.apps\[0\]\.entityRef "group:default\/platform" must reference a Component/,
        ],
        [
          {
            stages: [
              {
                apps: [
                  { entityRef: 'orders-api', image: 'Shopfront/Orders:1' },
                ],
              },
            ],
          },
          /stages\[0\]\.apps\[0\]\.image "Shopfront\/Orders:1" is not an OCI image reference/,
        ],
        [
          {
            stages: [
              {
                apps: [
                  { entityRef: 'orders-api', image: 'shopfront/orders-api' },
                ],
              },
            ],
          },
          /has neither a tag nor a digest/,
        ],
        [
          {
            stages: [
              { apps: [{ entityRef: 'orders-api' }] },
              { apps: [{ entityRef: 'component:default/orders-api' }] },
            ],
          },
          /stages\[1\]\.apps\[0\]\.entityRef component:default\/orders-api is already listed at stages\[0\]\.apps\[0\]/,
        ],
        [{ stages: [{ apps: [{ image: 'x:1' }] }] }, /entityRef/],
        [{ stages: 'all of them' }, /stages/],
      ];
      for (const [body, message] of cases) {
        const response = await api.put(
          `/releases/${release.id}/requirements`,
          body,
        );
        expect(response.status).toBe(400);
        expect(response.body.error.message).toMatch(message);
      }

      // A partial save: no image yet for one application.
      const partial = await api.put(`/releases/${release.id}/requirements`, {
        stages: [{ name: ' Core ', apps: [{ entityRef: 'orders-api' }] }],
      });
      expect(partial.status).toBe(200);
      expect(partial.body.requirements).toEqual({
        stages: [
          {
            name: 'Core',
            apps: [{ entityRef: 'component:default/orders-api' }],
          },
        ],
      });
      expect(partial.body.revision).toBe(2);

      const users = await api.get(
        `/releases?entityRef=${encodeURIComponent(
          'component:default/orders-api',
        )}`,
      );
      expect(
        users.body.items.filter((r: any) => r.track === 'requirements'),
      ).toEqual([
        expect.objectContaining({
          releaseId: release.id,
          version: '1.0.0',
          stageIndex: 0,
        }),
      ]);
      // The short forms name the same component.
      for (const short of ['orders-api', 'component:orders-api']) {
        const same = await api.get(
          `/releases?entityRef=${encodeURIComponent(short)}`,
        );
        expect(same.body.items).toEqual(users.body.items);
      }
      const invalid = await api.get(
        `/releases?entityRef=${encodeURIComponent('component:')}`,
      );
      expect(invalid.status).toBe(400);
      expect(invalid.body.error.message).toMatch(/entityRef "component:"/);
    });

    it('refuses to lock requirements with an empty stage', async () => {
      await api.post('/tracks', { name: 'stages' });
      const {
        body: { id },
      } = await api.post('/tracks/stages/releases', { version: '2.0.0' });
      // An empty stage is fine while editing, not in locked requirements.
      const saved = await api.put(`/releases/${id}/requirements`, {
        stages: [
          { name: 'Back ends', apps: [{ entityRef: 'orders-api' }] },
          { name: 'Front end', apps: [] },
          { apps: [] },
        ],
      });
      expect(saved.status).toBe(200);
      const emptyStage = await api.post(`/releases/${id}/lock`);
      expect(emptyStage.status).toBe(409);
      expect(emptyStage.body.error.message).toBe(
        'Release 2.0.0 cannot be locked: stage 2 ("Front end"), stage 3 have no applications; add one or remove the stage',
      );
    });

    it('enforces the lock and the lifecycle, and records every change', async () => {
      await api.post('/tracks', { name: 'lifecycle' });
      const { body: release } = await api.post('/tracks/lifecycle/releases', {
        version: '2.0.0',
      });
      const id = release.id;

      const emptyLock = await api.post(`/releases/${id}/lock`);
      expect(emptyLock.status).toBe(409);
      expect(emptyLock.body.error.message).toMatch(/has no applications/);

      await api.put(`/releases/${id}/requirements`, {
        stages: [
          {
            apps: [
              { entityRef: 'orders-api' },
              {
                entityRef: 'catalog-api',
                image: 'shopfront/catalog-api:2.0.0',
              },
            ],
          },
        ],
      });
      const notLocked = await api.post(`/releases/${id}/status`, {
        status: 'ready',
      });
      expect(notLocked.status).toBe(409);
      expect(notLocked.body.error.message).toMatch(
        /requirements are not locked/,
      );

      const locked = await api.post(`/releases/${id}/lock`);
      expect(locked.status).toBe(200);
      expect(locked.body).toMatchObject({
        locked: true,
        lockedBy: 'user:default/rita.release',
      });
      expect(locked.body.lockedAt).toEqual(expect.any(String));

      const editLocked = await api.put(
        `/releases/${id}/requirements`,
        fullRequirements,
      );
      expect(editLocked.status).toBe(409);
      expect(editLocked.body.error.message).toMatch(
        /are locked \(by user:default\/rita\.release/,
      );
      expect((await api.post(`/releases/${id}/lock`)).status).toBe(409);

      const noImage = await api.post(`/releases/${id}/status`, {
        status: 'ready',
      });
      expect(noImage.status).toBe(409);
      expect(noImage.body.error.message).toMatch(
        /no image for component:default\/orders-api/,
      );

      // Unlock, complete, lock again, then ready.
      expect((await api.post(`/releases/${id}/unlock`)).body.locked).toBe(
        false,
      );
      await api.put(`/releases/${id}/requirements`, fullRequirements);
      await api.post(`/releases/${id}/lock`);
      const ready = await api.post(`/releases/${id}/status`, {
        status: 'ready',
      });
      expect(ready.status).toBe(200);
      expect(ready.body.status).toBe('ready');

      const toDraft = await api.post(`/releases/${id}/status`, {
        status: 'draft',
      });
      expect(toDraft.status).toBe(409);
      expect(toDraft.body.error.message).toMatch(
        /unlock its requirements to take it back to Draft/,
      );
      expect(
        (await api.post(`/releases/${id}/status`, { status: 'on-hold' })).body
          .status,
      ).toBe('on-hold');
      expect(
        (await api.post(`/releases/${id}/status`, { status: 'ready' })).body
          .status,
      ).toBe('ready');

      // Unlocking a ready release drops it back to Draft.
      const unlocked = await api.post(`/releases/${id}/unlock`);
      expect(unlocked.body).toMatchObject({ locked: false, status: 'draft' });
      expect(unlocked.body.lockedBy).toBeUndefined();
      const draftToHold = await api.post(`/releases/${id}/status`, {
        status: 'on-hold',
      });
      expect(draftToHold.status).toBe(409);
      expect(draftToHold.body.error.message).toMatch(
        /cannot go from Draft to On hold/,
      );

      const rescinded = await api.post(`/releases/${id}/status`, {
        status: 'rescinded',
      });
      expect(rescinded.body.status).toBe('rescinded');
      for (const attempt of [
        api.patch(`/releases/${id}`, { notes: 'too late' }),
        api.put(`/releases/${id}/requirements`, fullRequirements),
        api.post(`/releases/${id}/lock`),
        api.post(`/releases/${id}/status`, { status: 'ready' }),
      ]) {
        const response = await attempt;
        expect(response.status).toBe(409);
        expect(response.body.error.message).toMatch(
          /is rescinded; it is read-only/,
        );
      }

      const history = await api.get(`/releases/${id}/history`);
      expect(history.body.items.map((h: any) => h.action)).toEqual([
        'created',
        'requirements-updated',
        'locked',
        'unlocked',
        'requirements-updated',
        'locked',
        'status-changed',
        'status-changed',
        'status-changed',
        'unlocked',
        'status-changed',
      ]);
      expect(history.body.items.map((h: any) => h.revision)).toEqual([
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
      ]);
      expect(history.body.items[10]).toMatchObject({
        actor: 'user:default/rita.release',
        changes: { status: { from: 'draft', to: 'rescinded' } },
      });
      expect(history.body.items[9].changes).toEqual({
        locked: { from: true, to: false },
        status: { from: 'ready', to: 'draft' },
      });
    });

    it('explains why images cannot be listed for an application', async () => {
      const noRegistry = await api.get('/images?entityRef=orders-api');
      expect(noRegistry.status).toBe(400);
      expect(noRegistry.body.error.message).toMatch(/registr/i);
      const unknown = await api.get(
        `/images?entityRef=${encodeURIComponent('component:default/ghost')}`,
      );
      expect(unknown.status).toBe(404);
      const missing = await api.get('/images');
      expect(missing.status).toBe(400);
      expect(missing.body.error.message).toMatch(/entityRef/);
    });

    it('refuses a change based on a stale revision', async () => {
      await api.post('/tracks', { name: 'concurrency' });
      const { body: release } = await api.post('/tracks/concurrency/releases', {
        version: '1.0.0',
      });
      const fetched = await api.get(`/releases/${release.id}`);
      expect(fetched.headers.etag).toBe('"1"');

      const first = await api.patch(
        `/releases/${release.id}`,
        { notes: '# Notes by Ana' },
        1,
      );
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({
        notes: '# Notes by Ana',
        revision: 2,
      });
      const second = await api.patch(
        `/releases/${release.id}`,
        { notes: '# Notes by Bo' },
        1,
      );
      expect(second.status).toBe(409);
      expect(second.body.error.message).toMatch(/is at revision 2, not 1/);
      expect((await api.get(`/releases/${release.id}`)).body.notes).toBe(
        '# Notes by Ana',
      );

      const garbage = await request(server)
        .patch(`${BASE}/releases/${release.id}`)
        .set('Authorization', mockCredentials.user.header())
        .set('If-Match', 'yesterday')
        .send({ notes: 'x' });
      expect(garbage.status).toBe(400);
      expect(garbage.body.error.message).toMatch(
        /If-Match "yesterday" is not a revision/,
      );

      // A client that never read the revision cannot overwrite silently:
      // it must send one, or "*" to overwrite on purpose.
      for (const [method, route, body] of [
        ['patch', `/releases/${release.id}`, { notes: 'blind' }],
        ['put', `/releases/${release.id}/requirements`, { stages: [] }],
      ] as const) {
        const blind = await request(server)
          [method](`${BASE}${route}`)
          .set('Authorization', mockCredentials.user.header())
          .send(body);
        expect(blind.status).toBe(400);
        expect(blind.body.error.message).toBe(
          'If-Match header is required to change a release: send the revision the change is based on (e.g. If-Match: "3"), or "*" to overwrite whatever is current',
        );
      }
      const deliberate = await request(server)
        .patch(`${BASE}/releases/${release.id}`)
        .set('Authorization', mockCredentials.user.header())
        .set('If-Match', '*')
        .send({ description: 'Overwritten on purpose' });
      expect(deliberate.status).toBe(200);
      expect(deliberate.body).toMatchObject({
        notes: '# Notes by Ana',
        description: 'Overwritten on purpose',
        revision: 3,
      });
      expect(
        (await api.get('/releases/00000000-0000-4000-8000-000000000000'))
          .status,
      ).toBe(404);
      expect((await api.get('/releases/not-a-uuid')).status).toBe(400);
    });
  },
);
