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
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { CatalogProcessorCache } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { JsonValue } from '@backstage/types';
import { EnvironmentClaimStore } from '../claims/EnvironmentClaimStore';
import { catalogHolderCheck } from '../claims/catalogClaims';
import { DistributionHubEntitiesProcessor } from './DistributionHubEntitiesProcessor';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const CONFLICTS = 'distribution-hub.io/environment-conflicts';

const installation = (name: string, namespace: string): Entity => ({
  apiVersion: 'distribution-hub.io/v1alpha1',
  kind: 'Installation',
  metadata: { name, namespace: 'default' },
  spec: {
    tenant: 'acme',
    owner: 'group:ops',
    tier: 'qa',
    environments: [{ cluster: 'demo-eu', namespace }],
  },
});

/** The per-entity cache the catalog keeps between processing runs. */
function memoryCache(): CatalogProcessorCache {
  const values = new Map<string, JsonValue>();
  return {
    get: async <T extends JsonValue>(key: string) =>
      values.get(key) as T | undefined,
    set: async (key, value) => {
      values.set(key, value);
    },
  };
}

const location = { type: 'url', target: 'https://example.com/x.yaml' };

describe.each(databases.eachSupportedId())(
  'DistributionHubEntitiesProcessor on %p',
  databaseId => {
    async function setUp() {
      const knex = await databases.init(databaseId);
      const claims = await EnvironmentClaimStore.create({
        database: mockServices.database({ knex }),
      });
      const processor = DistributionHubEntitiesProcessor.create({
        claims,
        logger: mockServices.logger.mock(),
        isStillClaimedBy: catalogHolderCheck({
          catalog: catalogServiceMock({
            entities: [installation('acme-qa', 'shared')],
          }),
          auth: mockServices.auth(),
        }),
      });
      const process = (entity: Entity, cache: CatalogProcessorCache) =>
        processor.postProcessEntity(entity, location, () => {}, cache);
      const rows = () =>
        knex('distribution_hub_environment_claims')
          .orderBy('namespace')
          .select('namespace', 'installation_ref');
      return { process, rows };
    }

    it('records claims from the second run on an entity, keeping its cache', async () => {
      const { process, rows } = await setUp();
      const cache = memoryCache();

      await process(installation('acme-qa', 'shared'), cache);
      expect(await rows()).toEqual([]);
      await process(installation('acme-qa', 'shared'), cache);
      expect(await rows()).toEqual([
        {
          namespace: 'shared',
          installation_ref: 'installation:default/acme-qa',
        },
      ]);
    });

    it('flags a made-up installation as validate-entity runs it (empty cache) and records nothing', async () => {
      const { process, rows } = await setUp();
      const cache = memoryCache();
      await process(installation('acme-qa', 'shared'), cache);
      await process(installation('acme-qa', 'shared'), cache);
      const before = await rows();

      const ghost = await process(
        installation('ghost', 'shared'),
        memoryCache(),
      );
      expect(ghost.metadata.annotations?.[CONFLICTS]).toBe(
        'demo-eu/shared is already claimed by installation:default/acme-qa',
      );
      const free = await process(installation('ghost', 'free'), memoryCache());
      expect(free.metadata.annotations?.[CONFLICTS]).toBeUndefined();
      const moved = await process(
        installation('acme-qa', 'elsewhere'),
        memoryCache(),
      );
      expect(moved.metadata.annotations?.[CONFLICTS]).toBeUndefined();

      expect(await rows()).toEqual(before);
    });
  },
);
