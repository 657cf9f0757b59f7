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
import { Knex } from 'knex';
import { ReleaseStore } from '../database/ReleaseStore';
import { FleetStore } from './FleetStore';
import { RolloutStore } from './RolloutStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const ACME = 'installation:default/acme-prod';
const GLOBEX = 'installation:default/globex-prod';
const API = 'component:default/api';
const WEB = 'component:default/web';
const ENV = { cluster: 'eu', namespace: 'shop' };

/** A rollout of a release to some installations, created at `createdAt`. */
async function rollout(
  store: RolloutStore,
  id: string,
  release: { id: string; version: string; track?: string },
  createdAt: number,
  installations: string[],
) {
  await store.insertRollout(
    {
      id,
      releaseId: release.id,
      track: release.track ?? 'shop',
      version: release.version,
      status: 'completed',
      request: { targets: {} },
      stages: [],
      waves: [{ name: 'All', bakeMinutes: 0, size: installations.length }],
      skipped: [],
      maxParallel: 10,
      respectWindows: false,
      autoRollback: false,
      createdBy: 'user:default/rita',
      createdAt,
    },
    installations.map(installationRef => ({
      installationRef,
      tenantRef: 'tenant:default/acme',
      tier: 'production',
      wave: 0,
      environments: [ENV],
      contacts: [],
    })),
  );
}

async function finish(
  knex: Knex,
  rolloutId: string,
  installationRef: string,
  state: string,
  at: number,
) {
  await knex('rollout_targets')
    .where({ rollout_id: rolloutId, installation_ref: installationRef })
    .update({ state, finished_at: at, updated_at: at });
}

async function deployed(
  knex: Knex,
  rolloutId: string,
  installationRef: string,
  entityRef: string,
  image: string,
  healthyAt: number | null,
) {
  await knex('rollout_deployments').insert({
    rollout_id: rolloutId,
    installation_ref: installationRef,
    stage: 0,
    entity_ref: entityRef,
    cluster: ENV.cluster,
    namespace: ENV.namespace,
    image,
    state: healthyAt === null ? 'failed' : 'healthy',
    healthy_at: healthyAt,
  });
}

describe.each(databases.eachSupportedId())('FleetStore on %p', databaseId => {
  let knex: Knex;
  let fleet: FleetStore;
  const R1 = { id: 'release-1', version: '1.0.0' };
  const R2 = { id: 'release-2', version: '2.0.0' };

  beforeAll(async () => {
    knex = await databases.init(databaseId);
    const database = mockServices.database({ knex });
    await ReleaseStore.create({ database });
    const store = await RolloutStore.create({ database });
    fleet = await FleetStore.create({ database });

    // acme gets 1.0.0, then 2.0.0, then 1.0.0 again (its api fails);
    // globex gets 1.0.0 and is still pending in 2.0.0.
    await rollout(store, 'ro-1', R1, 1_000, [ACME, GLOBEX]);
    await finish(knex, 'ro-1', ACME, 'completed', 5_000);
    await finish(knex, 'ro-1', GLOBEX, 'completed', 6_000);
    await deployed(knex, 'ro-1', ACME, API, 'shop/api:1.0.0', 5_000);
    await deployed(knex, 'ro-1', ACME, WEB, 'shop/web:1.0.0', 5_000);
    await deployed(knex, 'ro-1', GLOBEX, API, 'shop/api:1.0.0', 6_000);
    await rollout(store, 'ro-2', R2, 2_000, [ACME, GLOBEX]);
    await finish(knex, 'ro-2', ACME, 'completed', 7_000);
    await deployed(knex, 'ro-2', ACME, API, 'shop/api:2.0.0', 7_000);
    await rollout(store, 'ro-3', R1, 3_000, [ACME]);
    await finish(knex, 'ro-3', ACME, 'completed', 9_000);
    await deployed(knex, 'ro-3', ACME, API, 'shop/api:1.0.0', null);
    // Another track's rollout, created at the same time as ro-3: the
    // greater id comes last.
    await rollout(
      store,
      'ro-4',
      { id: 'release-9', version: '9.0.0', track: 'other' },
      3_000,
      [ACME],
    );
    await deployed(knex, 'ro-4', ACME, WEB, 'other/web:9.0.0', 8_000);
  });

  it('merges completions per installation and release, first and last', async () => {
    const completions = await fleet.completions('shop');
    expect(
      completions.sort((a, b) =>
        `${a.installationRef} ${a.version}`.localeCompare(
          `${b.installationRef} ${b.version}`,
        ),
      ),
    ).toEqual([
      {
        installationRef: ACME,
        releaseId: R1.id,
        track: 'shop',
        version: '1.0.0',
        first: 5_000,
        last: 9_000,
      },
      {
        installationRef: ACME,
        releaseId: R2.id,
        track: 'shop',
        version: '2.0.0',
        first: 7_000,
        last: 7_000,
      },
      {
        installationRef: GLOBEX,
        releaseId: R1.id,
        track: 'shop',
        version: '1.0.0',
        first: 6_000,
        last: 6_000,
      },
    ]);
    expect(await fleet.completions('other')).toEqual([]);
  });

  it('finds the target of the newest rollout of each installation', async () => {
    const last = async (track?: string) =>
      Object.fromEntries(
        (await fleet.lastTargets(track)).map(t => [
          t.installationRef,
          [t.rolloutId, t.releaseId, t.version, t.state],
        ]),
      );
    expect(await last()).toEqual({
      [ACME]: ['ro-4', 'release-9', '9.0.0', 'pending'],
      [GLOBEX]: ['ro-2', R2.id, '2.0.0', 'pending'],
    });
    expect(await last('shop')).toEqual({
      [ACME]: ['ro-3', R1.id, '1.0.0', 'completed'],
      [GLOBEX]: ['ro-2', R2.id, '2.0.0', 'pending'],
    });
  });

  it('finds the latest healthy image of each application, with its release', async () => {
    const latest = async (track?: string) => {
      const { images, releases } = await fleet.latestImages(track);
      return Object.fromEntries(
        images.map(i => [
          `${i.installationRef} ${i.entityRef}`,
          [i.image, releases.get(i.rolloutId)?.version],
        ]),
      );
    };
    // acme's api failed in ro-3: 2.0.0 is the last that went healthy.
    expect(await latest('shop')).toEqual({
      [`${ACME} ${API}`]: ['shop/api:2.0.0', '2.0.0'],
      [`${ACME} ${WEB}`]: ['shop/web:1.0.0', '1.0.0'],
      [`${GLOBEX} ${API}`]: ['shop/api:1.0.0', '1.0.0'],
    });
    expect(await latest()).toEqual({
      [`${ACME} ${API}`]: ['shop/api:2.0.0', '2.0.0'],
      [`${ACME} ${WEB}`]: ['other/web:9.0.0', '9.0.0'],
      [`${GLOBEX} ${API}`]: ['shop/api:1.0.0', '1.0.0'],
    });
    expect(await latest('other')).toEqual({
      [`${ACME} ${WEB}`]: ['other/web:9.0.0', '9.0.0'],
    });
  });
});
