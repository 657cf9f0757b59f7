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
import { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import { HubServer, startHub, waitForCatalog } from '../__testUtils__/startHub';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const BASE = '/api/distribution-hub';
const auth = mockCredentials.user.header('user:default/carl.success');

async function waitForEntity(
  server: HubServer,
  kind: string,
  name: string,
  accept: (entity: Entity) => boolean = () => true,
): Promise<Entity> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const response = await request(server)
      .get(`/api/catalog/entities/by-name/${kind}/default/${name}`)
      .set('Authorization', auth);
    if (response.status === 200 && accept(response.body)) {
      return response.body;
    }
    if (Date.now() > deadline) {
      throw new Error(`${kind} ${name} did not reach the catalog`);
    }
    await new Promise(resolve => setTimeout(resolve, 200));
  }
}

describe.each(databases.eachSupportedId())(
  'tenants from the portal on %p',
  databaseId => {
    let server: HubServer;
    const post = (path: string, body: object) =>
      request(server)
        .post(BASE + path)
        .set('Authorization', auth)
        .send(body);
    const patch = (path: string, body: object, ifMatch?: number) => {
      const req = request(server)
        .patch(BASE + path)
        .set('Authorization', auth);
      req.set('If-Match', ifMatch === undefined ? '*' : String(ifMatch));
      return req.send(body);
    };

    beforeAll(async () => {
      server = await startHub(databases, databaseId);
      await waitForCatalog(server);
    });

    it('lists the registered clusters by name only', async () => {
      const response = await request(server)
        .get(`${BASE}/clusters`)
        .set('Authorization', auth);
      expect(response.body).toEqual({
        items: [{ name: 'demo-eu' }, { name: 'demo-us' }],
      });
    });

    it('onboards a tenant and an installation that reach the catalog like YAML ones', async () => {
      const tenant = await post('/tenants', {
        id: 'umbrella',
        title: 'Umbrella Corp',
        owner: 'group:customer-success',
        contacts: ['user:jane.doe'],
        ring: 'canary',
      });
      expect(tenant.status).toBe(201);
      expect(tenant.body).toMatchObject({
        revision: 1,
        createdBy: 'user:default/carl.success',
        entity: {
          kind: 'Tenant',
          metadata: { name: 'umbrella', title: 'Umbrella Corp' },
        },
      });

      const installation = await post('/installations', {
        id: 'umbrella-prod',
        title: 'Umbrella Prod',
        tenant: 'umbrella',
        owner: 'group:customer-success',
        tier: 'production',
        environments: [{ cluster: 'demo-eu', namespace: 'umbrella-prod' }],
        maintenanceWindows: [
          {
            days: ['sun'],
            start: '01:00',
            end: '04:00',
            timezone: 'Europe/Paris',
          },
        ],
      });
      expect(installation.status).toBe(201);

      const inCatalog = await waitForEntity(
        server,
        'installation',
        'umbrella-prod',
        e => (e.relations ?? []).some(r => r.type === 'partOf'),
      );
      expect(inCatalog.spec).toMatchObject({
        tier: 'production',
        tenant: 'umbrella',
      });
      expect(
        (inCatalog.relations ?? []).map(r => `${r.type} ${r.targetRef}`).sort(),
      ).toEqual([
        'ownedBy group:default/customer-success',
        'partOf tenant:default/umbrella',
      ]);
      const tenantEntity = await waitForEntity(
        server,
        'tenant',
        'umbrella',
        e => (e.relations ?? []).some(r => r.type === 'hasPart'),
      );
      expect(tenantEntity.spec).toEqual({
        owner: 'group:customer-success',
        contacts: ['user:jane.doe'],
        ring: 'canary',
      });

      const listed = await request(server)
        .get(`${BASE}/installations`)
        .set('Authorization', auth);
      expect(
        listed.body.items.map((r: any) => r.entity.metadata.name),
      ).toContain('umbrella-prod');
      const one = await request(server)
        .get(`${BASE}/tenants/umbrella`)
        .set('Authorization', auth);
      expect(one.headers.etag).toBe('"1"');
      expect(one.body.entity.spec.ring).toBe('canary');

      // Display names can change; IDs cannot.
      const renamed = await patch(
        '/tenants/umbrella',
        { title: 'Umbrella Corporation' },
        1,
      );
      expect(renamed.status).toBe(200);
      expect(renamed.body.revision).toBe(2);
      await waitForEntity(
        server,
        'tenant',
        'umbrella',
        e => e.metadata.title === 'Umbrella Corporation',
      );
      const stale = await patch('/tenants/umbrella', { title: 'Umbrella' }, 1);
      expect(stale.status).toBe(409);
      const blind = await request(server)
        .patch(`${BASE}/installations/umbrella-prod`)
        .set('Authorization', auth)
        .send({ title: 'Blind' });
      expect(blind.status).toBe(400);
      expect(blind.body.error.message).toMatch(
        /^If-Match header is required to change an installation/,
      );
      const idChange = await patch('/tenants/umbrella', { id: 'umbrella-2' });
      expect(idChange.status).toBe(400);
      expect(idChange.body.error.message).toBe(
        'Invalid request: body.id is not a known field',
      );

      const moved = await patch('/installations/umbrella-prod', {
        environments: [
          { cluster: 'demo-eu', namespace: 'umbrella-prod' },
          { cluster: 'demo-us', namespace: 'umbrella-prod-us' },
        ],
      });
      expect(moved.status).toBe(200);
      await waitForEntity(
        server,
        'installation',
        'umbrella-prod',
        e => (e.spec as any).environments.length === 2,
      );
    });

    it('refuses an environment that is already mapped, saying where', async () => {
      await post('/tenants', { id: 'wayne', owner: 'group:customer-success' });
      const yamlTaken = await post('/installations', {
        id: 'wayne-prod',
        tenant: 'wayne',
        owner: 'group:customer-success',
        tier: 'production',
        environments: [{ cluster: 'demo-eu', namespace: 'flareup-prod' }],
      });
      expect(yamlTaken.status).toBe(409);
      expect(yamlTaken.body.error.message).toBe(
        'The environment demo-eu/flareup-prod is already mapped to installation flareup-prod (defined in the catalog)',
      );

      const first = await post('/installations', {
        id: 'wayne-qa',
        tenant: 'tenant:default/wayne',
        owner: 'group:customer-success',
        tier: 'qa',
        environments: [{ cluster: 'demo-us', namespace: 'wayne-qa' }],
      });
      expect(first.status).toBe(201);
      const portalTaken = await post('/installations', {
        id: 'wayne-qa-2',
        tenant: 'wayne',
        owner: 'group:customer-success',
        tier: 'qa',
        environments: [{ cluster: 'demo-us', namespace: 'wayne-qa' }],
      });
      expect(portalTaken.status).toBe(409);
      expect(portalTaken.body.error.message).toMatch(
        /demo-us\/wayne-qa is already mapped to installation wayne-qa/,
      );
      // The same namespace on the other cluster is another environment.
      const otherCluster = await post('/installations', {
        id: 'wayne-qa-eu',
        tenant: 'wayne',
        owner: 'group:customer-success',
        tier: 'qa',
        environments: [{ cluster: 'demo-eu', namespace: 'wayne-qa' }],
      });
      expect(otherCluster.status).toBe(201);
    });

    it('validates tenants and installations with the catalog rules and the registered clusters', async () => {
      const cases: Array<[string, object, number, RegExp]> = [
        ['/tenants', { id: 'Bad Name', owner: 'group:x' }, 400, /id/],
        [
          '/tenants',
          { id: 'acme', owner: 'component:x' },
          400,
          /spec\.owner "component:x" must reference a Group or User/,
        ],
        [
          '/tenants',
          { id: 'flareup', owner: 'group:customer-success' },
          409,
          /already defined in the catalog/,
        ],
        [
          '/installations',
          {
            id: 'x-prod',
            tenant: 'nobody',
            owner: 'group:x',
            tier: 'production',
            environments: [{ cluster: 'demo-eu', namespace: 'x' }],
          },
          400,
          /spec\.tenant "nobody" is not a known tenant/,
        ],
        [
          '/installations',
          {
            id: 'x-prod',
            tenant: 'flareup',
            owner: 'group:x',
            tier: 'production',
            environments: [{ cluster: 'mars', namespace: 'x' }],
          },
          400,
          /spec\.environments\[0\]\.cluster "mars" is not a registered cluster; registered: demo-eu, demo-us/,
        ],
        [
          '/installations',
          {
            id: 'x-prod',
            tenant: 'flareup',
            owner: 'group:x',
            tier: 'production',
            environments: [{ cluster: 'demo-eu', namespace: 'X_Prod' }],
          },
          400,
          /spec\.environments\[0\]\.namespace "X_Prod" is not a DNS-1123 label/,
        ],
        [
          '/installations',
          {
            id: 'x-prod',
            tenant: 'flareup',
            owner: 'group:x',
            tier: 'production',
            environments: [{ cluster: 'demo-eu', namespace: 'x-prod' }],
            maintenanceWindows: [
              {
                days: ['someday'],
                start: '25:00',
                end: '01:00',
                timezone: 'Nowhere/City',
              },
            ],
          },
          400,
          /spec\.maintenanceWindows\[0\]\.days\[0\].*spec\.maintenanceWindows\[0\]\.start "25:00".*Nowhere\/City/,
        ],
        [
          '/installations',
          {
            id: 'x-prod',
            tenant: 'flareup',
            owner: 'group:x',
            tier: 'prod',
            environments: [],
          },
          400,
          /tier/,
        ],
      ];
      for (const [path, body, status, message] of cases) {
        const response = await post(path, body);
        expect({ path, status: response.status }).toEqual({ path, status });
        expect(response.body.error.message).toMatch(message);
      }
      const yamlEdit = await patch('/installations/flareup-prod', {
        title: 'x',
      });
      expect(yamlEdit.status).toBe(409);
      expect(yamlEdit.body.error.message).toMatch(
        /is defined in the catalog .*; edit it there/,
      );
    });
  },
);
