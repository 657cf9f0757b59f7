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
import { Entity } from '@backstage/catalog-model';
import {
  ChangeOptions,
  DistributionHubApi,
  Release,
} from '@sdh/plugin-distribution-hub-common';

/* Releases, components and API fakes for the requirements editor's tests. */

function component(name: string, title?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', ...(title ? { title } : {}) },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
  };
}

export const components: Entity[] = [
  component('orders-api', 'Orders API'),
  component('catalog-api', 'Catalog API'),
  component('storefront-web', 'Storefront Web'),
  component('payments-worker', 'Payments Worker'),
  component('search-indexer'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'rita.release', namespace: 'default' },
    spec: { profile: { displayName: 'Rita Release' } },
  },
];

export const draftRelease: Release = {
  id: 'rel-1',
  track: 'shopfront',
  version: '1.1.0',
  name: 'Summer',
  status: 'draft',
  requirements: {
    stages: [
      {
        name: 'Back ends',
        apps: [
          {
            entityRef: 'component:default/orders-api',
            image: 'shopfront/orders-api:1.0.0',
          },
          { entityRef: 'component:default/catalog-api' },
        ],
      },
      {
        name: 'Front end',
        apps: [
          {
            entityRef: 'component:default/storefront-web',
            image: 'shopfront/storefront-web:1.0.0',
            instructions: 'Purge the **CDN** after the rollout.',
          },
        ],
      },
    ],
  },
  locked: false,
  revision: 7,
  createdBy: 'user:default/rita.release',
  createdAt: '2026-05-01T10:00:00Z',
  updatedAt: '2026-05-02T10:00:00Z',
};

export const lockedRelease: Release = {
  ...draftRelease,
  status: 'ready',
  locked: true,
  lockedBy: 'user:default/rita.release',
  lockedAt: '2026-05-03T09:30:00Z',
  revision: 8,
};

export const catalogApiImages = {
  entityRef: 'component:default/catalog-api',
  repository: 'registry.example.com/shopfront/catalog-api',
  images: [
    {
      tag: '1.1.0',
      digest: `sha256:${'ab12cd34ef56'.repeat(5)}abcd`,
      reference: `registry.example.com/shopfront/catalog-api:1.1.0@sha256:${'ab12cd34ef56'.repeat(
        5,
      )}abcd`,
    },
    {
      tag: '1.0.0',
      digest: `sha256:${'0f1e2d3c4b5a'.repeat(5)}0f1e`,
      reference: `registry.example.com/shopfront/catalog-api:1.0.0@sha256:${'0f1e2d3c4b5a'.repeat(
        5,
      )}0f1e`,
    },
  ],
};

/** An error the way DistributionHubClient throws one (a ResponseError). */
export function responseError(statusCode: number, message: string) {
  return Object.assign(
    new Error(`Request failed with ${statusCode}, ${message}`),
    {
      name: 'ResponseError',
      statusCode,
      body: {
        error: { name: 'InputError', message },
        request: { method: 'PUT', url: '/releases/rel-1/requirements' },
        response: { statusCode },
      },
    },
  );
}

export type FakeHubApi = jest.Mocked<
  Pick<
    DistributionHubApi,
    'putRequirements' | 'lockRelease' | 'unlockRelease' | 'listImages'
  >
>;

/** The hub API as the editor uses it, answering like the server would. */
export function fakeHubApi(release: Release = draftRelease): FakeHubApi {
  let current = release;
  return {
    putRequirements: jest.fn(async (_id, requirements, _options) => {
      current = { ...current, requirements, revision: current.revision + 1 };
      return current;
    }),
    lockRelease: jest.fn(async (_id: string, _options?: ChangeOptions) => {
      current = {
        ...current,
        locked: true,
        status: 'ready',
        lockedBy: 'user:default/rita.release',
        lockedAt: '2026-05-03T09:30:00Z',
        revision: current.revision + 1,
      };
      return current;
    }),
    unlockRelease: jest.fn(async (_id: string, _options?: ChangeOptions) => {
      current = {
        ...current,
        locked: false,
        status: 'draft',
        lockedBy: undefined,
        lockedAt: undefined,
        revision: current.revision + 1,
      };
      return current;
    }),
    listImages: jest.fn(async entityRef => {
      if (entityRef === 'component:default/catalog-api') {
        return catalogApiImages;
      }
      throw responseError(
        404,
        `No image repository for ${entityRef}: add the distribution-hub.io/image-repository annotation`,
      );
    }),
  };
}
