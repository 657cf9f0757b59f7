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
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { DistributionHubClient } from '@sdh/plugin-distribution-hub-common';
import { distributionHubApiRef } from './api';
import { rootRouteRef } from './routes';

/**
 * The Software Distribution Hub plugin for apps on the legacy frontend
 * system. Apps on the new frontend system use the `/alpha` export.
 *
 * @public
 */
export const distributionHubPlugin = createPlugin({
  id: 'distribution-hub',
  apis: [
    createApiFactory({
      api: distributionHubApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new DistributionHubClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: { root: rootRouteRef },
});

/**
 * The Release Hub page: tracks, tenants, a page per track and per release.
 * Mount it at /release-hub.
 *
 * @public
 */
export const ReleaseHubPage = distributionHubPlugin.provide(
  createRoutableExtension({
    name: 'ReleaseHubPage',
    component: () =>
      import('./components/ReleaseHubPage').then(m => m.ReleaseHubPage),
    mountPoint: rootRouteRef,
  }),
);

/**
 * The releases that include a Component, with its image in each; for
 * Component entity pages.
 *
 * @public
 */
export const EntityComponentReleasesCard = distributionHubPlugin.provide(
  createComponentExtension({
    name: 'EntityComponentReleasesCard',
    component: {
      lazy: () =>
        import('./components/ComponentReleasesCard').then(
          m => m.ComponentReleasesCard,
        ),
    },
  }),
);

/**
 * A Tenant's ID, owner, contacts and ring; for Tenant entity pages.
 *
 * @public
 */
export const EntityTenantDetailsCard = distributionHubPlugin.provide(
  createComponentExtension({
    name: 'EntityTenantDetailsCard',
    component: {
      lazy: () =>
        import('./components/TenantDetailsCard').then(m => m.TenantDetailsCard),
    },
  }),
);

/**
 * A Tenant's installations with tier and environments; for Tenant pages.
 *
 * @public
 */
export const EntityTenantInstallationsCard = distributionHubPlugin.provide(
  createComponentExtension({
    name: 'EntityTenantInstallationsCard',
    component: {
      lazy: () =>
        import('./components/TenantInstallationsCard').then(
          m => m.TenantInstallationsCard,
        ),
    },
  }),
);

/**
 * An Installation's tenant, tier, environments, maintenance windows and
 * contacts; for Installation entity pages.
 *
 * @public
 */
export const EntityInstallationDetailsCard = distributionHubPlugin.provide(
  createComponentExtension({
    name: 'EntityInstallationDetailsCard',
    component: {
      lazy: () =>
        import('./components/InstallationDetailsCard').then(
          m => m.InstallationDetailsCard,
        ),
    },
  }),
);

/**
 * What the hub released to an Installation and what runs there now, per
 * application and environment, with drift; its last rollout and next
 * maintenance window; for Installation entity pages.
 *
 * @public
 */
export const EntityInstallationDeployedCard = distributionHubPlugin.provide(
  createComponentExtension({
    name: 'EntityInstallationDeployedCard',
    component: {
      lazy: () =>
        import('./components/InstallationDeployedCard').then(
          m => m.InstallationDeployedCard,
        ),
    },
  }),
);

/**
 * The rollouts that reached an Installation, with their outcome; for
 * Installation entity pages.
 *
 * @public
 */
export const EntityInstallationRolloutsCard = distributionHubPlugin.provide(
  createComponentExtension({
    name: 'EntityInstallationRolloutsCard',
    component: {
      lazy: () =>
        import('./components/InstallationRolloutsCard').then(
          m => m.InstallationRolloutsCard,
        ),
    },
  }),
);

/**
 * A Tenant's installations with the release each runs and its last
 * rollout; for Tenant entity pages.
 *
 * @public
 */
export const EntityTenantReleasesCard = distributionHubPlugin.provide(
  createComponentExtension({
    name: 'EntityTenantReleasesCard',
    component: {
      lazy: () =>
        import('./components/TenantReleasesCard').then(
          m => m.TenantReleasesCard,
        ),
    },
  }),
);
