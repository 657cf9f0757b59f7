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
import { convertLegacyRouteRefs } from '@backstage/core-compat-api';
import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import RocketLaunchIcon from '@material-ui/icons/FlightTakeoff';
import { DistributionHubClient } from '@sdh/plugin-distribution-hub-common';
import { distributionHubApiRef } from './api';
import { rootRouteRef } from './routes';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import {
  isInstallationEntity,
  isTenantEntity,
} from '@sdh/plugin-distribution-hub-common';

/** @alpha */
export const distributionHubApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: distributionHubApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new DistributionHubClient({ discoveryApi, fetchApi }),
    }),
});

/** @alpha */
export const releaseHubPage = PageBlueprint.make({
  params: {
    path: '/release-hub',
    title: 'Release Hub',
    icon: <RocketLaunchIcon />,
    noHeader: true,
    routeRef: convertLegacyRouteRefs({ root: rootRouteRef }).root,
    loader: () =>
      import('./components/ReleaseHubPage').then(m => <m.ReleaseHubPage />),
  },
});

/** @alpha */
export const componentReleasesEntityCard = EntityCardBlueprint.make({
  name: 'component-releases',
  params: {
    filter: entity => entity.kind.toLocaleLowerCase('en-US') === 'component',
    loader: () =>
      import('./components/ComponentReleasesCard').then(m => (
        <m.ComponentReleasesCard />
      )),
  },
});

/** @alpha */
export const tenantDetailsEntityCard = EntityCardBlueprint.make({
  name: 'tenant-details',
  params: {
    filter: isTenantEntity,
    type: 'info',
    loader: () =>
      import('./components/TenantDetailsCard').then(m => (
        <m.TenantDetailsCard />
      )),
  },
});

/** @alpha */
export const tenantInstallationsEntityCard = EntityCardBlueprint.make({
  name: 'tenant-installations',
  params: {
    filter: isTenantEntity,
    loader: () =>
      import('./components/TenantInstallationsCard').then(m => (
        <m.TenantInstallationsCard />
      )),
  },
});

/** @alpha */
export const installationDetailsEntityCard = EntityCardBlueprint.make({
  name: 'installation-details',
  params: {
    filter: isInstallationEntity,
    loader: () =>
      import('./components/InstallationDetailsCard').then(m => (
        <m.InstallationDetailsCard />
      )),
  },
});

/** @alpha */
export const installationDeployedEntityCard = EntityCardBlueprint.make({
  name: 'installation-deployed',
  params: {
    filter: isInstallationEntity,
    loader: () =>
      import('./components/InstallationDeployedCard').then(m => (
        <m.InstallationDeployedCard />
      )),
  },
});

/** @alpha */
export const installationRolloutsEntityCard = EntityCardBlueprint.make({
  name: 'installation-rollouts',
  params: {
    filter: isInstallationEntity,
    loader: () =>
      import('./components/InstallationRolloutsCard').then(m => (
        <m.InstallationRolloutsCard />
      )),
  },
});

/** @alpha */
export const tenantReleasesEntityCard = EntityCardBlueprint.make({
  name: 'tenant-releases',
  params: {
    filter: isTenantEntity,
    loader: () =>
      import('./components/TenantReleasesCard').then(m => (
        <m.TenantReleasesCard />
      )),
  },
});

/**
 * The Software Distribution Hub plugin for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'distribution-hub',
  title: 'Release Hub',
  icon: <RocketLaunchIcon />,
  info: { packageJson: () => import('../package.json') },
  routes: convertLegacyRouteRefs({ root: rootRouteRef }),
  extensions: [
    distributionHubApi,
    releaseHubPage,
    componentReleasesEntityCard,
    tenantDetailsEntityCard,
    tenantInstallationsEntityCard,
    tenantReleasesEntityCard,
    installationDetailsEntityCard,
    installationDeployedEntityCard,
    installationRolloutsEntityCard,
  ],
});
