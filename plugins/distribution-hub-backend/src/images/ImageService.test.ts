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
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ANNOTATION_IMAGE_REPOSITORY } from '@sdh/plugin-distribution-hub-common';
import { ImageService } from './ImageService';
import { TestPusher } from './__testUtils__/push';
import {
  registryDescribe,
  startRegistry,
  TestRegistry,
} from './__testUtils__/registry';

jest.setTimeout(60_000);

const describeWithRegistry = registryDescribe();

function component(name: string, repository?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      ...(repository
        ? { annotations: { [ANNOTATION_IMAGE_REPOSITORY]: repository } }
        : {}),
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
  };
}

describeWithRegistry('ImageService', () => {
  let registry: TestRegistry;
  let pusher: TestPusher;
  let now: number;
  const credentials = mockCredentials.user();

  beforeAll(async () => {
    registry = await startRegistry();
    pusher = new TestPusher(registry.url);
  });

  afterAll(async () => {
    await registry?.stop();
  });

  function createService(entities: Entity[]) {
    now = 1_000_000;
    const catalog = catalogServiceMock({ entities });
    const service = ImageService.create({
      catalog,
      config: mockServices.rootConfig({
        data: {
          distributionHub: {
            imageRegistries: [
              { host: registry.host, insecure: true },
              { host: 'registry.example.com' },
            ],
            defaultImageRegistry: registry.host,
          },
        },
      }),
      now: () => now,
    });
    return { service, catalog };
  }

  it('lists the images of the repository the Component names', async () => {
    const v1 = await pusher.pushImage('shop/orders-api', ['1.0.0']);
    const v2 = await pusher.pushImage('shop/orders-api', ['1.1.0', 'latest']);
    const { service, catalog } = createService([
      component('orders-api', `${registry.host}/shop/orders-api`),
    ]);
    const getEntityByRef = jest.spyOn(catalog, 'getEntityByRef');

    const repository = `${registry.host}/shop/orders-api`;
    await expect(
      service.listImages('orders-api', credentials),
    ).resolves.toEqual({
      entityRef: 'component:default/orders-api',
      repository,
      images: [
        { tag: '1.1.0', digest: v2, reference: `${repository}:1.1.0@${v2}` },
        { tag: '1.0.0', digest: v1, reference: `${repository}:1.0.0@${v1}` },
        { tag: 'latest', digest: v2, reference: `${repository}:latest@${v2}` },
      ],
    });
    expect(getEntityByRef).toHaveBeenCalledWith(
      'component:default/orders-api',
      { credentials },
    );
  });

  it('uses the default registry for a repository without a host', async () => {
    const digest = await pusher.pushImage('shop/billing', ['2.0.0']);
    const { service } = createService([component('billing', 'shop/billing')]);
    const listing = await service.listImages(
      'component:default/billing',
      credentials,
    );
    expect(listing.repository).toBe(`${registry.host}/shop/billing`);
    expect(listing.images).toEqual([
      {
        tag: '2.0.0',
        digest,
        reference: `${registry.host}/shop/billing:2.0.0@${digest}`,
      },
    ]);
  });

  it('reuses a listing for 30 seconds', async () => {
    await pusher.pushImage('shop/cached', ['1.0.0']);
    const { service } = createService([
      component('cached', `${registry.host}/shop/cached`),
    ]);
    const tags = async () =>
      (await service.listImages('cached', credentials)).images.map(i => i.tag);

    expect(await tags()).toEqual(['1.0.0']);
    await pusher.pushImage('shop/cached', ['1.1.0']);
    now += 29_999;
    expect(await tags()).toEqual(['1.0.0']);
    now += 1;
    expect(await tags()).toEqual(['1.1.0', '1.0.0']);
  });

  it('does not keep failures', async () => {
    const { service } = createService([
      component('later', `${registry.host}/shop/later`),
    ]);
    await expect(service.listImages('later', credentials)).rejects.toThrow(
      NotFoundError,
    );
    await pusher.pushImage('shop/later', ['0.1.0']);
    const listing = await service.listImages('later', credentials);
    expect(listing.images.map(i => i.tag)).toEqual(['0.1.0']);
  });

  it('throws NotFoundError for a Component the catalog lacks', async () => {
    const { service } = createService([]);
    await expect(service.listImages('ghost', credentials)).rejects.toThrow(
      new NotFoundError(
        'Component component:default/ghost is not in the catalog',
      ),
    );
  });

  it('throws InputError naming the annotation to add', async () => {
    const { service } = createService([component('bare')]);
    const error = await service.listImages('bare', credentials).catch(e => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe(
      `Component component:default/bare names no image repository; add the annotation ${ANNOTATION_IMAGE_REPOSITORY} (e.g. registry.example.com/shop/orders-api) to it`,
    );
  });

  it.each([
    [
      'elsewhere',
      'elsewhere.example.com/shop/app',
      'on registry elsewhere.example.com, which is not configured under distributionHub.imageRegistries',
    ],
    ['tagged', 'shop/app:1.0.0', 'is not an image repository'],
    ['upper', 'Shop/App', 'is not an image repository'],
  ])(
    'throws InputError for the annotation of %s',
    async (name, repository, message) => {
      const { service } = createService([component(name, repository)]);
      const error = await service.listImages(name, credentials).catch(e => e);
      expect(error).toBeInstanceOf(InputError);
      expect(error.message).toContain(message);
    },
  );

  it.each([
    ['system:default/shop', 'must reference a Component, not a system'],
    ['component:default/', 'is not an entity reference'],
    ['', 'is not an entity reference'],
  ])('throws InputError for entityRef %p', async (entityRef, message) => {
    const { service } = createService([]);
    const error = await service
      .listImages(entityRef, credentials)
      .catch(e => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain(message);
  });
});

describe('ImageService without a default registry', () => {
  it('asks for a host when the repository names none', async () => {
    const service = ImageService.create({
      catalog: catalogServiceMock({ entities: [component('app', 'shop/app')] }),
      config: mockServices.rootConfig({
        data: {
          distributionHub: {
            imageRegistries: [{ host: 'registry.example.com' }],
          },
        },
      }),
    });
    await expect(
      service.listImages('app', mockCredentials.user()),
    ).rejects.toThrow(
      'Component component:default/app has distribution-hub.io/image-repository "shop/app" without a registry host, and distributionHub.defaultImageRegistry is not configured; name the host in the annotation',
    );
  });
});
