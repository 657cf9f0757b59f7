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
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  BackendFeature,
  createServiceFactory,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { JsonObject } from '@backstage/types';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleDistributionHub from '@sdh/plugin-catalog-backend-module-distribution-hub';
import path from 'path';
import request from 'supertest';
import { distributionHubPlugin } from '../plugin';

const examples = resolvePackagePath(
  '@sdh/plugin-distribution-hub-backend',
  '../../examples',
);

export type HubServer = Awaited<ReturnType<typeof startTestBackend>>['server'];

/** Where the hub's API is mounted. */
const HUB_API = '/api/distribution-hub';

/**
 * Requests to the hub's API on `server` as user:default/rita.release; a
 * change's `ifMatch` is sent as If-Match. PATCH and PUT without one send
 * `If-Match: *` (overwrite whatever is current), which the hub requires
 * to be said explicitly.
 */
export function hubClient(server: HubServer) {
  const auth = mockCredentials.user.header('user:default/rita.release');
  const send =
    (method: 'post' | 'patch' | 'put') =>
    (route: string, body: object = {}, ifMatch?: number) => {
      const req = request(server)
        [method](HUB_API + route)
        .set('Authorization', auth);
      if (ifMatch !== undefined) req.set('If-Match', `"${ifMatch}"`);
      else if (method !== 'post') req.set('If-Match', '*');
      return req.send(body);
    };
  return {
    get: (route: string) =>
      request(server)
        .get(HUB_API + route)
        .set('Authorization', auth),
    post: send('post'),
    patch: send('patch'),
    put: send('put'),
  };
}

export type HubClient = ReturnType<typeof hubClient>;

/**
 * Starts a backend with the real catalog (holding the demo components) and
 * the hub, on a fresh database of the given engine. `hubConfig` is merged
 * into `distributionHub`.
 */
export async function startHub(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
  extraFeatures: BackendFeature[] = [],
  hubConfig: JsonObject = {},
): Promise<HubServer> {
  const knex = await databases.init(databaseId);
  const events = mockServices.events();
  const { server } = await startTestBackend({
    features: [
      catalogPlugin,
      catalogModuleDistributionHub,
      distributionHubPlugin,
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({
        data: {
          distributionHub: hubConfig,
          catalog: {
            rules: [
              {
                allow: [
                  'Component',
                  'System',
                  'Group',
                  'User',
                  'Tenant',
                  'Installation',
                ],
              },
            ],
            locations: ['entities.yaml', 'org.yaml', 'tenants.yaml'].map(
              file => ({ type: 'file', target: path.join(examples, file) }),
            ),
          },
          kubernetes: {
            clusterLocatorMethods: [
              {
                type: 'config',
                clusters: [
                  {
                    name: 'demo-eu',
                    url: 'http://127.0.0.1:1',
                    authProvider: 'serviceAccount',
                  },
                  {
                    name: 'demo-us',
                    url: 'http://127.0.0.1:2',
                    authProvider: 'serviceAccount',
                  },
                ],
              },
            ],
          },
        },
      }),
      // One events service for all plugins, as the real one is for a
      // process: the hub's announcements reach the catalog module.
      createServiceFactory({
        service: eventsServiceRef,
        deps: {},
        factory: () => events,
      }),
      ...extraFeatures,
    ],
  });
  return server;
}

/** The components of examples/entities.yaml. */
const DEMO_COMPONENTS = [
  'storefront-web',
  'catalog-api',
  'orders-api',
  'payments-worker',
  'search-indexer',
];

/** Waits until the catalog has ingested the demo components and installations. */
export async function waitForCatalog(server: HubServer) {
  // Each examples file is its own location, ingested in no set order:
  // requirements name the components, so wait for those too.
  const entities = [
    'installation/default/initech-qa',
    ...DEMO_COMPONENTS.map(name => `component/default/${name}`),
  ];
  const deadline = Date.now() + 60_000;
  for (const entity of entities) {
    for (;;) {
      const response = await request(server)
        .get(`/api/catalog/entities/by-name/${entity}`)
        .set('Authorization', mockCredentials.user.header());
      if (response.status === 200) {
        break;
      }
      if (Date.now() > deadline) {
        throw new Error(`The catalog did not ingest the demo ${entity}`);
      }
      await new Promise(resolve => setTimeout(resolve, 200));
    }
  }
}

/**
 * Waits until the catalog holds every demo tenant and installation (7
 * installations of 3 tenants), for tests that select them all.
 */
export async function waitForInstallations(server: HubServer) {
  await waitForCatalog(server);
  const deadline = Date.now() + 60_000;
  for (;;) {
    const response = await request(server)
      .get('/api/catalog/entities/by-query')
      .query({ filter: 'kind=installation,kind=tenant', limit: 100 })
      .set('Authorization', mockCredentials.user.header());
    if (response.body.items?.length === 10) {
      return;
    }
    if (Date.now() > deadline) {
      throw new Error('The catalog did not ingest every installation');
    }
    await new Promise(resolve => setTimeout(resolve, 200));
  }
}
