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
import { ReactElement } from 'react';
import { configure } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Entity } from '@backstage/catalog-model';
import { ConsumedResponse, ResponseError } from '@backstage/errors';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  CatalogApi,
  catalogApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  ApplicationRelease,
  DistributionHubApi,
  InstallationEntityV1alpha1,
  PortalEntityRecord,
  TenantEntityV1alpha1,
} from '@sdh/plugin-distribution-hub-common';
import { distributionHubApiRef } from '../../../api';
import { rootRouteRef } from '../../../routes';
import { allEntities } from '../../../testUtils/entities';

// Loads and polls finish later on a busy machine; wait for them longer
// than the default second before calling a test failed.
configure({ asyncUtilTimeout: 5000 });

/*
 * Test doubles for the tenant views: portal-created entities, a fake hub
 * API over them, a catalog that can change during a test, and a renderer
 * with the hub's routes and a permission policy.
 */

const PORTAL_ANNOTATIONS = {
  'backstage.io/managed-by-location': 'distribution-hub:portal',
  'backstage.io/managed-by-origin-location': 'distribution-hub:portal',
};

/** A tenant created in the portal. */
export const acmeTenant: TenantEntityV1alpha1 = {
  apiVersion: 'distribution-hub.io/v1alpha1',
  kind: 'Tenant',
  metadata: {
    name: 'acme',
    namespace: 'default',
    title: 'Acme Corp',
    description: 'Pays on time.',
    annotations: PORTAL_ANNOTATIONS,
  },
  spec: {
    owner: 'group:default/customer-success',
    contacts: ['user:default/jane.doe'],
  },
};

/** An installation created in the portal. */
export const acmeProd: InstallationEntityV1alpha1 = {
  apiVersion: 'distribution-hub.io/v1alpha1',
  kind: 'Installation',
  metadata: {
    name: 'acme-prod',
    namespace: 'default',
    title: 'Acme Prod',
    annotations: PORTAL_ANNOTATIONS,
  },
  spec: {
    tenant: 'tenant:default/acme',
    owner: 'group:default/customer-success',
    tier: 'production',
    environments: [{ cluster: 'demo-eu', namespace: 'acme-prod' }],
    maintenanceWindows: [
      {
        days: ['sat', 'sun'],
        start: '02:00',
        end: '05:00',
        timezone: 'Europe/Berlin',
      },
    ],
  },
};

/** A group besides customer-success, to pick as owner. */
export const platformGroup: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'platform', namespace: 'default', title: 'Platform' },
  spec: { type: 'team', children: [] },
};

/** The shared fixtures, the portal's entities and one more group. */
export const hubEntities: Entity[] = [
  ...allEntities,
  acmeTenant,
  acmeProd,
  platformGroup,
];

/** The record the API keeps of a portal-created entity. */
export function portalRecord<T extends Entity>(
  entity: T,
  revision = 1,
): PortalEntityRecord<T> {
  return {
    entity,
    revision,
    createdBy: 'user:default/jane.doe',
    createdAt: '2026-11-01T10:00:00.000Z',
    updatedBy: 'user:default/jane.doe',
    updatedAt: '2026-11-02T10:00:00.000Z',
  };
}

/** A ResponseError as DistributionHubClient throws it for a failed request. */
export async function responseError(
  status: number,
  name: string,
  message: string,
): Promise<ResponseError> {
  const statusTexts: Record<number, string> = {
    400: 'Bad Request',
    403: 'Forbidden',
    404: 'Not Found',
    409: 'Conflict',
  };
  const body = JSON.stringify({
    error: { name, message },
    request: { method: 'POST', url: '/api/distribution-hub' },
    response: { statusCode: status },
  });
  const response = {
    ok: false,
    status,
    statusText: statusTexts[status] ?? 'Error',
    headers: {
      get: (header: string) =>
        header.toLocaleLowerCase('en-US') === 'content-type'
          ? 'application/json; charset=utf-8'
          : null,
    },
    text: async () => body,
  } as unknown as ConsumedResponse & { text(): Promise<string> };
  return ResponseError.fromResponse(response);
}

export type FakeTenantsApi = jest.Mocked<
  Pick<
    DistributionHubApi,
    | 'listClusters'
    | 'listPortalTenants'
    | 'listPortalInstallations'
    | 'createTenant'
    | 'updateTenant'
    | 'createInstallation'
    | 'updateInstallation'
    | 'listReleasesWithApplication'
  >
>;

const PORTAL = {
  'backstage.io/managed-by-location': 'distribution-hub:portal',
};

/**
 * A fake hub API that keeps what is created in memory, as the backend
 * does, with portal records of the given entities.
 */
export function fakeTenantsApi(
  options: {
    tenants?: PortalEntityRecord<TenantEntityV1alpha1>[];
    installations?: PortalEntityRecord<InstallationEntityV1alpha1>[];
    clusters?: string[];
    releases?: ApplicationRelease[];
  } = {},
): FakeTenantsApi {
  const tenants = [...(options.tenants ?? [])];
  const installations = [...(options.installations ?? [])];
  const metadata = (input: {
    id: string;
    title?: string;
    description?: string;
  }) => ({
    name: input.id,
    namespace: 'default',
    ...(input.title ? { title: input.title } : {}),
    ...(input.description ? { description: input.description } : {}),
    annotations: PORTAL,
  });
  return {
    listClusters: jest.fn(
      async () => options.clusters ?? ['demo-eu', 'demo-us'],
    ),
    listPortalTenants: jest.fn(async () => [...tenants]),
    listPortalInstallations: jest.fn(async () => [...installations]),
    createTenant: jest.fn(async input => {
      const record = portalRecord<TenantEntityV1alpha1>({
        apiVersion: 'distribution-hub.io/v1alpha1',
        kind: 'Tenant',
        metadata: metadata(input),
        spec: {
          owner: input.owner,
          ...(input.contacts?.length ? { contacts: input.contacts } : {}),
          ...(input.ring ? { ring: input.ring } : {}),
        },
      });
      tenants.push(record);
      return record;
    }),
    updateTenant: jest.fn(async (id, change, _changeOptions) => {
      const index = tenants.findIndex(r => r.entity.metadata.name === id);
      const current = tenants[index];
      const record = portalRecord<TenantEntityV1alpha1>(
        {
          ...current.entity,
          metadata: {
            ...metadata({
              id,
              title: change.title,
              description: change.description,
            }),
          },
          spec: {
            owner: change.owner ?? current.entity.spec.owner,
            ...(change.contacts?.length ? { contacts: change.contacts } : {}),
            ...(change.ring ? { ring: change.ring } : {}),
          },
        },
        current.revision + 1,
      );
      tenants[index] = record;
      return record;
    }),
    createInstallation: jest.fn(async input => {
      const record = portalRecord<InstallationEntityV1alpha1>({
        apiVersion: 'distribution-hub.io/v1alpha1',
        kind: 'Installation',
        metadata: metadata(input),
        spec: {
          tenant: input.tenant,
          owner: input.owner,
          tier: input.tier,
          environments: input.environments,
          ...(input.maintenanceWindows?.length
            ? { maintenanceWindows: input.maintenanceWindows }
            : {}),
        },
      });
      installations.push(record);
      return record;
    }),
    updateInstallation: jest.fn(async (id, change, _changeOptions) => {
      const index = installations.findIndex(r => r.entity.metadata.name === id);
      const current = installations[index];
      const spec = { ...current.entity.spec, ...change };
      const record = portalRecord<InstallationEntityV1alpha1>(
        {
          ...current.entity,
          metadata: metadata({
            id,
            title: change.title,
            description: change.description,
          }),
          spec: {
            tenant: spec.tenant,
            owner: spec.owner,
            tier: spec.tier,
            environments: spec.environments,
            ...(spec.maintenanceWindows?.length
              ? { maintenanceWindows: spec.maintenanceWindows }
              : {}),
          },
        },
        current.revision + 1,
      );
      installations[index] = record;
      return record;
    }),
    listReleasesWithApplication: jest.fn(
      async (_entityRef: string) => options.releases ?? [],
    ),
  };
}

/** A catalog whose entities a test can change, as the provider would. */
export function mutableCatalog(entities: Entity[]) {
  const list = [...entities];
  const api = new Proxy({} as CatalogApi, {
    get(_target, property) {
      const current = catalogApiMock({ entities: list }) as unknown as Record<
        string | symbol,
        unknown
      >;
      const value = current[property];
      return typeof value === 'function' ? value.bind(current) : value;
    },
  });
  return {
    api,
    /** Adds an entity, or replaces the one with the same kind and name. */
    put(entity: Entity) {
      const index = list.findIndex(
        e => e.kind === entity.kind && e.metadata.name === entity.metadata.name,
      );
      if (index >= 0) {
        list[index] = entity;
      } else {
        list.push(entity);
      }
    },
  };
}

/**
 * Renders a view with the hub's API, a catalog, a permission policy and
 * the catalog's and (unless left out) the hub's routes.
 */
export async function renderWithHub(
  element: ReactElement,
  options: {
    api?: Partial<DistributionHubApi>;
    catalogApi?: Partial<CatalogApi>;
    allow?: boolean;
    mountHub?: boolean;
    routeEntries?: string[];
  } = {},
) {
  const {
    api = fakeTenantsApi(),
    catalogApi = catalogApiMock({ entities: hubEntities }),
    allow = true,
    mountHub = true,
    routeEntries,
  } = options;
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [distributionHubApiRef, api],
        [catalogApiRef, catalogApi],
        [
          permissionApiRef,
          mockApis.permission({
            authorize: allow ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
          }),
        ],
      ]}
    >
      {element}
    </TestApiProvider>,
    {
      routeEntries,
      mountedRoutes: {
        ...(mountHub ? { '/release-hub': rootRouteRef } : {}),
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    },
  );
}

/**
 * Replaces a field's text as a user pasting it would: one change, where
 * typing makes one per character (and a slow test on a busy machine).
 */
export async function fill(element: HTMLElement, text: string) {
  await userEvent.clear(element);
  if (text !== '') {
    await userEvent.paste(text);
  }
}
