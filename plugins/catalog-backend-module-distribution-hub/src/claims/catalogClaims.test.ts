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
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { EnvironmentClaimStore } from './EnvironmentClaimStore';
import { catalogHolderCheck, sweepStaleClaims } from './catalogClaims';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const installation = (name: string, ...namespaces: string[]): Entity => ({
  apiVersion: 'distribution-hub.io/v1alpha1',
  kind: 'Installation',
  metadata: { name, namespace: 'default' },
  spec: {
    tenant: 'acme',
    owner: 'group:ops',
    tier: 'qa',
    environments: namespaces.map(namespace => ({
      cluster: 'demo-eu',
      namespace,
    })),
  },
});

const env = (namespace: string) => ({ cluster: 'demo-eu', namespace });
const ref = (name: string) => `installation:default/${name}`;

describe.each(databases.eachSupportedId())(
  'environment claims on %p',
  databaseId => {
    async function setUp(entities: Entity[]) {
      const knex = await databases.init(databaseId);
      const claims = await EnvironmentClaimStore.create({
        database: mockServices.database({ knex }),
      });
      const catalog = catalogServiceMock({ entities });
      const auth = mockServices.auth();
      const isStillClaimedBy = catalogHolderCheck({ catalog, auth });
      const holders = async () =>
        (await claims.listClaims())
          .map(c => [c.namespace, c.installationRef])
          .sort();
      return { knex, claims, catalog, auth, isStillClaimedBy, holders };
    }

    it('keeps the first claim, reports the second, and never releases a claim the claimant stops listing', async () => {
      const { claims, isStillClaimedBy, holders } = await setUp([
        installation('first', 'shared'),
        installation('second', 'shared'),
      ]);

      expect(
        await claims.claim(ref('first'), [env('shared')], isStillClaimedBy),
      ).toEqual([]);
      expect(
        await claims.claim(ref('second'), [env('shared')], isStillClaimedBy),
      ).toEqual([{ environment: env('shared'), claimedBy: ref('first') }]);
      // A copy of first listing another environment (say, one submitted for
      // validation) adds a claim but takes none away.
      expect(
        await claims.claim(ref('first'), [env('other')], isStillClaimedBy),
      ).toEqual([]);
      expect(await holders()).toEqual([
        ['other', ref('first')],
        ['shared', ref('first')],
      ]);
      // Looking up conflicts records nothing.
      expect(
        await claims.findConflicts(
          ref('ghost'),
          [env('shared'), env('free')],
          isStillClaimedBy,
        ),
      ).toEqual([{ environment: env('shared'), claimedBy: ref('first') }]);
      expect(await holders()).toEqual([
        ['other', ref('first')],
        ['shared', ref('first')],
      ]);
    });

    it('passes a claim on once the catalog has its holder no longer listing the environment', async () => {
      const { claims, catalog, auth, holders } = await setUp([
        installation('first', 'elsewhere'),
        installation('second', 'shared'),
      ]);
      const isStillClaimedBy = catalogHolderCheck({ catalog, auth });
      await claims.claim(ref('first'), [env('shared')], async () => true);

      expect(
        await claims.claim(ref('second'), [env('shared')], isStillClaimedBy),
      ).toEqual([]);
      expect(await holders()).toEqual([['shared', ref('second')]]);
    });

    it('sweeps the claims of installations the catalog no longer has listing them, once they are old enough', async () => {
      const { claims, catalog, auth, holders } = await setUp([
        installation('kept', 'kept'),
        installation('moved', 'elsewhere'),
      ]);
      const keep = async () => true;
      await claims.claim(ref('kept'), [env('kept')], keep);
      await claims.claim(ref('moved'), [env('moved')], keep);
      await claims.claim(ref('deleted'), [env('deleted')], keep);
      const logger = mockServices.logger.mock();

      // Too young: the catalog may not have stored them yet.
      expect(await sweepStaleClaims({ claims, catalog, auth, logger })).toBe(0);
      expect(await holders()).toHaveLength(3);

      const later = new Date(Date.now() + 11 * 60_000);
      expect(
        await sweepStaleClaims({
          claims,
          catalog,
          auth,
          logger,
          now: later,
          batchSize: 1,
        }),
      ).toBe(2);
      expect(await holders()).toEqual([['kept', ref('kept')]]);
    });

    it('releases a swept claim only while the same installation holds it', async () => {
      const { claims, holders } = await setUp([]);
      await claims.claim(ref('old'), [env('shared')], async () => true);
      const listed = await claims.listClaims();
      // Taken over between the sweep's reading and its release.
      await claims.claim(ref('new'), [env('shared')], async () => false);

      expect(await claims.release(listed)).toBe(0);
      expect(await holders()).toEqual([['shared', ref('new')]]);
    });
  },
);
