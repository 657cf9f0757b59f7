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
import {
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import fs from 'fs';
import { Knex } from 'knex';
import os from 'os';
import path from 'path';
import request from 'supertest';
import { catalogModuleDistributionHub } from './module';

jest.setTimeout(120_000);

const examples = path.resolve(__dirname, '../../../examples');

type Server = Awaited<ReturnType<typeof startTestBackend>>['server'];

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

async function startCatalog(databaseId: TestDatabaseId, locations: string[]) {
  const knex = await databases.init(databaseId);
  const { server } = await startTestBackend({
    features: [
      catalogPlugin,
      catalogModuleDistributionHub,
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({
        data: {
          catalog: {
            processingInterval: { seconds: 1 },
            rules: [
              {
                allow: [
                  'Component',
                  'System',
                  'Group',
                  'User',
                  'Location',
                  'Tenant',
                  'Installation',
                ],
              },
            ],
            locations: locations.map(target => ({ type: 'file', target })),
          },
        },
      }),
    ],
  });
  return { server, knex };
}

async function getEntity(
  server: Server,
  kind: string,
  name: string,
): Promise<Entity | undefined> {
  const response = await request(server).get(
    `/api/catalog/entities/by-name/${kind}/default/${name}`,
  );
  return response.status === 200 ? response.body : undefined;
}

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = await probe();
    if (value) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${what}`);
    }
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}

function relationsOf(entity: Entity): string[] {
  return (entity.relations ?? []).map(r => `${r.type} ${r.targetRef}`).sort();
}

function writeYaml(dir: string, file: string, content: string): string {
  const target = path.join(dir, file);
  fs.writeFileSync(target, content);
  return target;
}

const installationYaml = (name: string, namespace: string) => `
apiVersion: distribution-hub.io/v1alpha1
kind: Installation
metadata:
  name: ${name}
spec:
  tenant: acme
  owner: group:ops
  tier: qa
  environments:
    - { cluster: demo-eu, namespace: ${namespace} }
`;

const CONFLICTS = 'distribution-hub.io/environment-conflicts';

async function claimRows(knex: Knex) {
  return knex('distribution_hub_environment_claims')
    .orderBy(['cluster', 'namespace'])
    .select('cluster', 'namespace', 'installation_ref', 'claimed_at');
}

/**
 * Waits until the catalog has processed each entity again from start to end:
 * it moves an entity's next_update_at when it takes it up, so two moves mean
 * one whole run in between.
 */
async function waitForReprocessing(knex: Knex, entityRefs: string[]) {
  const nextUpdate = async (ref: string) =>
    String(
      (await knex('refresh_state').where({ entity_ref: ref }).first())
        ?.next_update_at,
    );
  for (const ref of entityRefs) {
    let seen = await nextUpdate(ref);
    for (let moves = 0; moves < 2; moves++) {
      const previous = seen;
      seen = await waitFor(`${ref} processed again`, async () => {
        const current = await nextUpdate(ref);
        return current !== previous && current;
      });
    }
  }
}

/**
 * acme-qa claims demo-eu/shared, then acme-qa-copy claims it too and is
 * flagged. The copy is added only once acme-qa's claim is recorded, so that
 * acme-qa is first whatever order the catalog processes them in.
 */
async function startWithConflict(databaseId: TestDatabaseId) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dh-claims-'));
  const first = writeYaml(
    dir,
    'first.yaml',
    installationYaml('acme-qa', 'shared'),
  );
  const second = writeYaml(dir, 'second.yaml', '');
  const { server, knex } = await startCatalog(databaseId, [first, second]);

  await waitFor('the claim of acme-qa', async () =>
    (
      await claimRows(knex)
    ).some(r => r.installation_ref === 'installation:default/acme-qa'),
  );
  writeYaml(dir, 'second.yaml', installationYaml('acme-qa-copy', 'shared'));
  const copy = await waitFor('acme-qa-copy flagged', async () => {
    const entity = await getEntity(server, 'installation', 'acme-qa-copy');
    return entity?.metadata.annotations?.[CONFLICTS] ? entity : undefined;
  });
  return { server, knex, dir, copy };
}

describe.each(databases.eachSupportedId())(
  'catalog module distribution-hub on %p',
  databaseId => {
    it('ingests the demo tenants and installations with their relations', async () => {
      const { server } = await startCatalog(databaseId, [
        path.join(examples, 'org.yaml'),
        path.join(examples, 'tenants.yaml'),
      ]);

      const installations = [
        'flareup-prod',
        'flareup-qa',
        'globex-prod',
        'globex-staging',
        'globex-dev',
        'initech-prod',
        'initech-qa',
      ];
      for (const name of installations) {
        await waitFor(`installation ${name}`, () =>
          getEntity(server, 'installation', name),
        );
      }

      const flareupProd = (await getEntity(
        server,
        'installation',
        'flareup-prod',
      ))!;
      expect(relationsOf(flareupProd)).toEqual([
        'ownedBy group:default/customer-success',
        'partOf tenant:default/flareup',
      ]);
      expect(
        flareupProd.metadata.annotations?.[
          'distribution-hub.io/environment-conflicts'
        ],
      ).toBeUndefined();

      // The reverse relations land on the tenant and the owner group.
      const globex = await waitFor(
        'globex with its three installations',
        async () => {
          const entity = await getEntity(server, 'tenant', 'globex');
          return entity &&
            relationsOf(entity).filter(r => r.startsWith('hasPart')).length ===
              3
            ? entity
            : undefined;
        },
      );
      expect(relationsOf(globex)).toEqual([
        'hasPart installation:default/globex-dev',
        'hasPart installation:default/globex-prod',
        'hasPart installation:default/globex-staging',
        'ownedBy group:default/customer-success',
      ]);
      const platform = await waitFor('platform owning globex-dev', async () => {
        const entity = await getEntity(server, 'group', 'platform');
        return entity &&
          relationsOf(entity).includes(
            'ownerOf installation:default/globex-dev',
          )
          ? entity
          : undefined;
      });
      expect(relationsOf(platform)).toContain(
        'ownerOf installation:default/globex-dev',
      );

      const tenants = await request(server)
        .get('/api/catalog/entities')
        .query({ filter: 'kind=tenant' });
      expect(tenants.body.map((e: Entity) => e.metadata.name).sort()).toEqual([
        'flareup',
        'globex',
        'initech',
      ]);
    });

    it('rejects invalid entities through validate-entity with the field named', async () => {
      const { server } = await startCatalog(databaseId, []);
      const validate = (entity: object) =>
        request(server)
          .post('/api/catalog/validate-entity')
          .send({ location: 'url:https://example.com/tenants.yaml', entity });
      const installation = (spec: object) => ({
        apiVersion: 'distribution-hub.io/v1alpha1',
        kind: 'Installation',
        metadata: { name: 'acme-prod' },
        spec: {
          tenant: 'acme',
          owner: 'group:ops',
          tier: 'production',
          environments: [{ cluster: 'demo-eu', namespace: 'acme-prod' }],
          ...spec,
        },
      });

      const valid = await validate(installation({}));
      expect(valid.status).toBe(200);

      const cases: Array<[object, RegExp]> = [
        [{ tenant: undefined }, /spec\.tenant is missing/],
        [
          { tenant: 'group:acme' },
          /spec\.tenant "group:acme" must reference a Tenant/,
        ],
        [
          { tenant: 'tenant:' },
          /spec\.tenant "tenant:" is not an entity reference/,
        ],
        [
          { tier: 'prod' },
          /spec\.tier must be one of production, staging, qa, development; got "prod"/,
        ],
        [
          { environments: [{ cluster: 'demo-eu', namespace: 'Acme_Prod' }] },
          /spec\.environments\[0\]\.namespace "Acme_Prod" is not a DNS-1123 label/,
        ],
        [
          {
            maintenanceWindows: [
              {
                days: ['sat'],
                start: '02:00',
                end: '05:00',
                timezone: 'Mars/Olympus',
              },
            ],
          },
          /spec\.maintenanceWindows\[0\]\.timezone "Mars\/Olympus" is not a known IANA time zone/,
        ],
        [
          {
            maintenanceWindows: [
              { days: ['sat'], start: '2:00', end: '05:00', timezone: 'UTC' },
            ],
          },
          /spec\.maintenanceWindows\[0\]\.start "2:00" is not a time of day written HH:MM/,
        ],
        [
          {
            maintenanceWindows: [
              { days: ['sat'], start: '02:00', end: '5:00', timezone: 'UTC' },
            ],
          },
          /spec\.maintenanceWindows\[0\]\.end "5:00" is not a time of day written HH:MM/,
        ],
        [
          {
            maintenanceWindows: [
              {
                days: ['caturday'],
                start: '02:00',
                end: '05:00',
                timezone: 'UTC',
              },
            ],
          },
          /spec\.maintenanceWindows\[0\]\.days\[0\] must be one of sun, mon, tue, wed, thu, fri, sat; got "caturday"/,
        ],
        [
          {
            environments: [
              { cluster: 'demo-eu', namespace: 'acme-prod' },
              { cluster: 'demo-eu', namespace: 'acme-prod' },
            ],
          },
          /spec\.environments\[1\] repeats the environment demo-eu\/acme-prod, already listed at spec\.environments\[0\]/,
        ],
      ];
      for (const [spec, message] of cases) {
        const response = await validate(installation(spec));
        expect(response.status).toBe(400);
        expect(response.body.errors[0].message).toMatch(message);
      }

      const tenant = await validate({
        apiVersion: 'distribution-hub.io/v1alpha1',
        kind: 'Tenant',
        metadata: { name: 'acme' },
        spec: { owner: 'group:ops', contacts: ['group:ops'] },
      });
      expect(tenant.status).toBe(400);
      expect(tenant.body.errors[0].message).toMatch(
        /spec\.contacts\[0\] "group:ops" must reference a User/,
      );
    });

    it('flags the installation that claims an environment second, and lets go when the first moves away', async () => {
      const { server, knex, dir, copy } = await startWithConflict(databaseId);
      expect(copy.metadata.annotations![CONFLICTS]).toBe(
        'demo-eu/shared is already claimed by installation:default/acme-qa',
      );
      const original = await getEntity(server, 'installation', 'acme-qa');
      expect(original!.metadata.annotations?.[CONFLICTS]).toBeUndefined();

      // The first claimant moves to another namespace: the claim passes on.
      writeYaml(dir, 'first.yaml', installationYaml('acme-qa', 'elsewhere'));
      await waitFor('acme-qa-copy no longer flagged', async () => {
        const entity = await getEntity(server, 'installation', 'acme-qa-copy');
        return entity && !entity.metadata.annotations?.[CONFLICTS];
      });
      await waitFor('acme-qa claiming demo-eu/elsewhere', async () => {
        const rows = await claimRows(knex);
        return rows.some(
          r =>
            r.namespace === 'elsewhere' &&
            r.installation_ref === 'installation:default/acme-qa',
        );
      });
      expect(
        (await claimRows(knex)).map(r => [r.namespace, r.installation_ref]),
      ).toEqual([
        ['elsewhere', 'installation:default/acme-qa'],
        ['shared', 'installation:default/acme-qa-copy'],
      ]);
    });

    it('changes no claim when validate-entity is given an edited or made-up installation', async () => {
      const { server, knex } = await startWithConflict(databaseId);
      const before = await claimRows(knex);
      expect(before.map(r => [r.namespace, r.installation_ref])).toEqual([
        ['shared', 'installation:default/acme-qa'],
      ]);

      const validate = (
        name: string,
        environments: Array<{ cluster: string; namespace: string }>,
      ) =>
        request(server)
          .post('/api/catalog/validate-entity')
          .send({
            location: 'url:https://example.com/installations.yaml',
            entity: {
              apiVersion: 'distribution-hub.io/v1alpha1',
              kind: 'Installation',
              metadata: { name },
              spec: {
                tenant: 'acme',
                owner: 'group:ops',
                tier: 'qa',
                environments,
              },
            },
          });

      // Edited copies of the first claimant: moved to another namespace, and
      // to the same namespace on another cluster. Both drop demo-eu/shared.
      expect(
        (
          await validate('acme-qa', [
            { cluster: 'demo-eu', namespace: 'elsewhere' },
          ])
        ).status,
      ).toBe(200);
      expect(
        (
          await validate('acme-qa', [
            { cluster: 'demo-us', namespace: 'shared' },
          ])
        ).status,
      ).toBe(200);
      // Made-up installations, one wanting the claimed environment and one a
      // free one. A conflict is an annotation on the stored installation, not
      // a validation error, so both pass.
      expect(
        (await validate('ghost', [{ cluster: 'demo-eu', namespace: 'shared' }]))
          .status,
      ).toBe(200);
      expect(
        (await validate('ghost', [{ cluster: 'demo-eu', namespace: 'ghost' }]))
          .status,
      ).toBe(200);
      expect(await claimRows(knex)).toEqual(before);

      // The catalog's own processing afterwards finds the claims as they were.
      await waitForReprocessing(knex, [
        'installation:default/acme-qa',
        'installation:default/acme-qa-copy',
      ]);
      expect(await claimRows(knex)).toEqual(before);
      const first = await getEntity(server, 'installation', 'acme-qa');
      expect(first!.metadata.annotations?.[CONFLICTS]).toBeUndefined();
      const second = await getEntity(server, 'installation', 'acme-qa-copy');
      expect(second!.metadata.annotations?.[CONFLICTS]).toBe(
        'demo-eu/shared is already claimed by installation:default/acme-qa',
      );
      expect(await getEntity(server, 'installation', 'ghost')).toBeUndefined();
    });
  },
);
