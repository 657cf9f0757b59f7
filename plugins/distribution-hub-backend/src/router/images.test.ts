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
import { createBackendModule } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { ANNOTATION_IMAGE_REPOSITORY } from '@sdh/plugin-distribution-hub-common';
import request from 'supertest';
import {
  HubClient,
  hubClient,
  HubServer,
  startHub,
  waitForCatalog,
} from '../__testUtils__/startHub';
import { TestPusher } from '../images/__testUtils__/push';
import {
  registryDescribe,
  startRegistry,
  TestRegistry,
} from '../images/__testUtils__/registry';

jest.setTimeout(120_000);

const describeWithRegistry = registryDescribe();

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const LOCATION = 'images-test:entities';

function component(name: string, repository?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      annotations: {
        'backstage.io/managed-by-location': LOCATION,
        'backstage.io/managed-by-origin-location': LOCATION,
        ...(repository ? { [ANNOTATION_IMAGE_REPOSITORY]: repository } : {}),
      },
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'group:a-team' },
  };
}

/**
 * Adds components to the catalog beside the demo ones: those whose
 * annotation must name the test registry's port, which the demo YAML cannot.
 */
function catalogComponents(entities: Entity[]) {
  return createBackendModule({
    pluginId: 'catalog',
    moduleId: 'images-test-components',
    register(reg) {
      reg.registerInit({
        deps: { processing: catalogProcessingExtensionPoint },
        async init({ processing }) {
          processing.addEntityProvider({
            getProviderName: () => 'images-test-components',
            async connect(connection) {
              await connection.applyMutation({
                type: 'full',
                entities: entities.map(entity => ({
                  entity,
                  locationKey: LOCATION,
                })),
              });
            },
          });
        },
      });
    },
  });
}

async function waitForComponent(server: HubServer, name: string) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const response = await request(server)
      .get(`/api/catalog/entities/by-name/component/default/${name}`)
      .set('Authorization', mockCredentials.user.header());
    if (response.status === 200) {
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(`Component ${name} did not reach the catalog`);
    }
    await new Promise(resolve => setTimeout(resolve, 200));
  }
}

describeWithRegistry('GET /images against docker-registry', () => {
  let registry: TestRegistry;
  const digests: Record<string, string> = {};

  beforeAll(async () => {
    registry = await startRegistry();
    const pusher = new TestPusher(registry.url);
    // The demo's orders-api names shopfront/orders-api, on the default registry.
    digests.v1 = await pusher.pushImage('shopfront/orders-api', ['1.0.0']);
    digests.v11 = await pusher.pushImage('shopfront/orders-api', [
      '1.1.0',
      'latest',
    ]);
    digests.v2 = await pusher.pushIndex('shopfront/orders-api', ['2.0.0']);
    digests.billing = await pusher.pushImage('team/billing', ['0.9.0']);
  });

  afterAll(async () => {
    await registry?.stop();
  });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let server: HubServer;
    let api: HubClient;

    beforeAll(async () => {
      server = await startHub(
        databases,
        databaseId,
        [
          catalogComponents([
            component('billing', `${registry.host}/team/billing`),
            component('unpushed', `${registry.host}/team/unpushed`),
            component('elsewhere', 'registry.example.com/team/elsewhere'),
            component('no-images'),
          ]),
        ],
        {
          imageRegistries: [{ host: registry.host, insecure: true }],
          defaultImageRegistry: registry.host,
        },
      );
      api = hubClient(server);
      await waitForCatalog(server);
      for (const name of ['billing', 'unpushed', 'elsewhere', 'no-images']) {
        await waitForComponent(server, name);
      }
    });

    it('lists the tags and digests pushed to the repository a Component names', async () => {
      const response = await api.get('/images?entityRef=orders-api');
      expect(response.status).toBe(200);
      const repository = `${registry.host}/shopfront/orders-api`;
      const image = (tag: string, digest: string) => ({
        tag,
        digest,
        reference: `${repository}:${tag}@${digest}`,
      });
      expect(response.body).toEqual({
        entityRef: 'component:default/orders-api',
        repository,
        images: [
          // A multi-arch tag lists its index's digest.
          image('2.0.0', digests.v2),
          image('1.1.0', digests.v11),
          image('1.0.0', digests.v1),
          image('latest', digests.v11),
        ],
      });
    });

    it('reads a repository that names its registry host', async () => {
      const response = await api.get(
        `/images?entityRef=${encodeURIComponent('component:default/billing')}`,
      );
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        entityRef: 'component:default/billing',
        repository: `${registry.host}/team/billing`,
        images: [
          {
            tag: '0.9.0',
            digest: digests.billing,
            reference: `${registry.host}/team/billing:0.9.0@${digests.billing}`,
          },
        ],
      });
    });

    it('explains why a Component has no images to list', async () => {
      const noAnnotation = await api.get('/images?entityRef=no-images');
      expect(noAnnotation.status).toBe(400);
      expect(noAnnotation.body.error.message).toBe(
        `Component component:default/no-images names no image repository; add the annotation ${ANNOTATION_IMAGE_REPOSITORY} (e.g. registry.example.com/shop/orders-api) to it`,
      );

      const unknownComponent = await api.get('/images?entityRef=ghost');
      expect(unknownComponent.status).toBe(404);
      expect(unknownComponent.body.error.message).toBe(
        'Component component:default/ghost is not in the catalog',
      );

      const unknownRepository = await api.get('/images?entityRef=unpushed');
      expect(unknownRepository.status).toBe(404);
      expect(unknownRepository.body.error.message).toContain(
        `${registry.host}/team/unpushed`,
      );

      const otherRegistry = await api.get('/images?entityRef=elsewhere');
      expect(otherRegistry.status).toBe(400);
      expect(otherRegistry.body.error.message).toMatch(
        /registry registry\.example\.com, which is not configured under distributionHub\.imageRegistries/,
      );

      const notComponent = await api.get(
        `/images?entityRef=${encodeURIComponent(
          'system:default/shopfront-suite',
        )}`,
      );
      expect(notComponent.status).toBe(400);
      expect(notComponent.body.error.message).toMatch(
        /must reference a Component, not a system/,
      );
    });
  });
});
