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
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { InstallationEnvironment } from '@sdh/plugin-distribution-hub-common';
import {
  ApplicationWorkloads,
  Deployer,
  DeploymentError,
  WorkloadImage,
} from '@sdh/plugin-distribution-hub-node';
import { Knex } from 'knex';
import { ReleaseStore } from '../database/ReleaseStore';
import { hasDrift, InstallationStateService } from './InstallationStateService';
import { RolloutReadStore } from './RolloutReadStore';
import { RolloutStore } from './RolloutStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const credentials = mockCredentials.user();
const ACME = 'installation:default/acme-prod';
const EU = { cluster: 'eu', namespace: 'acme' };
const US = { cluster: 'us', namespace: 'acme' };

const deployment = (
  kind: string,
  name: string,
  image: string,
  container = 'app',
) => ({
  kind,
  name,
  container,
  image,
});

/** A deployer answering from a table per cluster, or failing. */
class FakeDeployer implements Partial<Deployer> {
  readonly calls: Array<{ cluster: string; apps: ApplicationWorkloads[] }> = [];
  constructor(
    private readonly live: Record<
      string,
      Record<string, WorkloadImage[]> | Error | 'hang'
    >,
  ) {}
  handles(environment: InstallationEnvironment) {
    return environment.cluster in this.live;
  }
  async inspect(
    environment: InstallationEnvironment,
    apps: ApplicationWorkloads[],
  ) {
    this.calls.push({ cluster: environment.cluster, apps });
    const live = this.live[environment.cluster];
    if (live === 'hang') return new Promise<never>(() => {});
    if (live instanceof Error) throw live;
    return new Map(apps.map(a => [a.entityRef, live[a.entityRef] ?? []]));
  }
}

async function seedRollout(
  knex: Knex,
  store: RolloutStore,
  id: string,
  version: string,
  deployments: Array<{
    entityRef: string;
    environment: typeof EU;
    image: string;
    state: string;
    healthyAt?: number;
  }>,
) {
  await store.insertRollout(
    {
      id,
      releaseId: `release-${version}`,
      track: 'shop',
      version,
      status: 'completed',
      request: { targets: {} },
      stages: [
        {
          apps: [
            {
              entityRef: 'component:default/api',
              image: 'x',
              kubernetesId: 'api',
            },
            {
              entityRef: 'component:default/web',
              image: 'x',
              kubernetesId: 'web',
              labelSelector: 'app=web',
            },
          ],
        },
      ],
      waves: [{ name: 'All', bakeMinutes: 0, size: 1 }],
      skipped: [],
      maxParallel: 10,
      respectWindows: false,
      autoRollback: false,
      createdBy: 'user:default/rita',
      createdAt: 1_000,
    },
    [
      {
        installationRef: ACME,
        tenantRef: 'tenant:default/acme',
        tier: 'production',
        wave: 0,
        environments: [EU, US],
        contacts: [],
      },
    ],
  );
  await knex('rollout_deployments').insert(
    deployments.map(d => ({
      rollout_id: id,
      installation_ref: ACME,
      stage: 0,
      entity_ref: d.entityRef,
      cluster: d.environment.cluster,
      namespace: d.environment.namespace,
      image: d.image,
      state: d.state,
      healthy_at: d.healthyAt ?? null,
    })),
  );
}

describe('hasDrift', () => {
  const intended = 'shop/api:2.0.0';
  it('compares the container that runs the image repository, not sidecars', () => {
    expect(
      hasDrift(intended, [
        deployment('Deployment', 'api', intended),
        deployment('Deployment', 'api', 'envoy:1.30', 'proxy'),
      ]),
    ).toBe(false);
    expect(
      hasDrift(intended, [
        deployment('Deployment', 'api', 'shop/api:1.9.0'),
        deployment('Deployment', 'api', 'envoy:1.30', 'proxy'),
      ]),
    ).toBe(true);
  });

  it('flags any workload that runs something else, or no workload at all', () => {
    expect(hasDrift(intended, [])).toBe(true);
    expect(
      hasDrift(intended, [
        deployment('Deployment', 'api', intended),
        deployment('StatefulSet', 'api-worker', 'shop/api:hotfix'),
      ]),
    ).toBe(true);
    // A single container counts even under another repository.
    expect(
      hasDrift(intended, [deployment('Deployment', 'api', 'mirror/api:2.0.0')]),
    ).toBe(true);
    // Two containers, neither of the repository: cannot be the release.
    expect(
      hasDrift(intended, [
        deployment('Deployment', 'api', 'a:1', 'one'),
        deployment('Deployment', 'api', 'b:1', 'two'),
      ]),
    ).toBe(true);
  });
});

describe.each(databases.eachSupportedId())(
  'InstallationStateService on %p',
  databaseId => {
    let knex: Knex;
    let store: RolloutStore;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      const database = mockServices.database({ knex });
      await ReleaseStore.create({ database });
      store = await RolloutStore.create({ database });
      // An older rollout, then a newer one on the EU cluster; a restored
      // (rolled back) deployment does not count.
      await seedRollout(knex, store, 'r1', '1.0.0', [
        {
          entityRef: 'component:default/api',
          environment: EU,
          image: 'shop/api:1.0.0',
          state: 'healthy',
          healthyAt: 10_000,
        },
        {
          entityRef: 'component:default/api',
          environment: US,
          image: 'shop/api:1.0.0',
          state: 'healthy',
          healthyAt: 11_000,
        },
        {
          entityRef: 'component:default/web',
          environment: EU,
          image: 'shop/web:1.0.0',
          state: 'healthy',
          healthyAt: 12_000,
        },
      ]);
      await seedRollout(knex, store, 'r2', '2.0.0', [
        {
          entityRef: 'component:default/api',
          environment: EU,
          image: 'shop/api:2.0.0',
          state: 'healthy',
          healthyAt: 20_000,
        },
        {
          entityRef: 'component:default/web',
          environment: EU,
          image: 'shop/web:2.0.0',
          state: 'restored',
        },
        {
          entityRef: 'component:default/api',
          environment: US,
          image: 'shop/api:2.0.0',
          state: 'failed',
        },
      ]);
    });

    function service(
      deployer: FakeDeployer,
      entities = [{ kind: 'Installation', metadata: { name: 'acme-prod' } }],
    ) {
      return InstallationStateService.create({
        store: RolloutReadStore.fromKnex(knex),
        deployers: [deployer as unknown as Deployer],
        catalog: catalogServiceMock({ entities: entities as any }),
        inspectTimeoutMs: 200,
      });
    }

    it('compares what the hub deployed last with what runs', async () => {
      const deployer = new FakeDeployer({
        eu: {
          'component:default/api': [
            deployment('Deployment', 'api', 'shop/api:2.0.0'),
          ],
          'component:default/web': [
            deployment('Deployment', 'web', 'shop/web:hotfix'),
          ],
        },
        us: {
          'component:default/api': [
            deployment('Deployment', 'api', 'shop/api:1.0.0'),
          ],
        },
      });
      const state = await service(deployer).getState('acme-prod', credentials);
      expect(state).toEqual({
        installationRef: ACME,
        drift: true,
        applications: [
          {
            entityRef: 'component:default/api',
            environment: EU,
            intended: {
              image: 'shop/api:2.0.0',
              releaseId: 'release-2.0.0',
              version: '2.0.0',
              at: new Date(20_000).toISOString(),
            },
            live: [deployment('Deployment', 'api', 'shop/api:2.0.0')],
            drift: false,
          },
          {
            entityRef: 'component:default/api',
            environment: US,
            intended: {
              image: 'shop/api:1.0.0',
              releaseId: 'release-1.0.0',
              version: '1.0.0',
              at: new Date(11_000).toISOString(),
            },
            live: [deployment('Deployment', 'api', 'shop/api:1.0.0')],
            drift: false,
          },
          {
            entityRef: 'component:default/web',
            environment: EU,
            intended: {
              image: 'shop/web:1.0.0',
              releaseId: 'release-1.0.0',
              version: '1.0.0',
              at: new Date(12_000).toISOString(),
            },
            live: [deployment('Deployment', 'web', 'shop/web:hotfix')],
            drift: true,
          },
        ],
      });
      // One call per environment, with each app's labels from the snapshot.
      expect(deployer.calls).toEqual(
        expect.arrayContaining([
          {
            cluster: 'eu',
            apps: expect.arrayContaining([
              { entityRef: 'component:default/api', kubernetesId: 'api' },
              {
                entityRef: 'component:default/web',
                kubernetesId: 'web',
                labelSelector: 'app=web',
              },
            ]),
          },
          {
            cluster: 'us',
            apps: [{ entityRef: 'component:default/api', kubernetesId: 'api' }],
          },
        ]),
      );
      expect(deployer.calls).toHaveLength(2);
    });

    it('reports an unreachable, slow or unknown cluster instead of failing', async () => {
      const state = await service(
        new FakeDeployer({
          eu: DeploymentError.from(EU, new Error('connect ECONNREFUSED')),
          us: 'hang',
        }),
      ).getState(ACME, credentials);
      expect(state.drift).toBe(false);
      expect(
        state.applications.map(a => [a.environment.cluster, a.liveError]),
      ).toEqual([
        ['eu', 'Cluster eu is unreachable (connect ECONNREFUSED)'],
        ['us', 'Cluster us did not answer within 200 ms'],
        ['eu', 'Cluster eu is unreachable (connect ECONNREFUSED)'],
      ]);
      expect(state.applications[0].live).toBeUndefined();
      expect(state.applications[0].intended?.version).toBe('2.0.0');

      const unknown = await service(new FakeDeployer({})).getState(
        ACME,
        credentials,
      );
      expect(unknown.applications[0].liveError).toMatch(
        /No deployer handles cluster eu/,
      );
    });

    it('answers for installations without deployments, and 404 for strangers', async () => {
      const svc = service(new FakeDeployer({}), [
        { kind: 'Installation', metadata: { name: 'acme-prod' } },
        { kind: 'Installation', metadata: { name: 'acme-qa' } },
      ]);
      await expect(svc.getState('acme-qa', credentials)).resolves.toEqual({
        installationRef: 'installation:default/acme-qa',
        applications: [],
        drift: false,
      });
      await expect(svc.getState('ghost', credentials)).rejects.toMatchObject({
        name: 'NotFoundError',
      });
      // Gone from the catalog, the deployments still show.
      const gone = service(new FakeDeployer({}), []);
      expect(
        (await gone.getState(ACME, credentials)).applications,
      ).toHaveLength(3);
      await expect(
        svc.getState('component:default/api', credentials),
      ).rejects.toMatchObject({ name: 'InputError' });
    });
  },
);
