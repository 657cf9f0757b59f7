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

import { screen } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  distributionHubPlugin,
  EntityInstallationDeployedCard,
  EntityInstallationDetailsCard,
  EntityInstallationRolloutsCard,
  EntityTenantDetailsCard,
  EntityTenantInstallationsCard,
  EntityTenantReleasesCard,
} from './plugin';
import { distributionHubApiRef } from './api';
import { fakeDeploymentsApi } from './__testUtils__/deployments';
import * as publicApi from './index';
import { allEntities, flareupProd, flareupTenant } from './testUtils/entities';

async function renderInEntityPage(entity: Entity, card: JSX.Element) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [catalogApiRef, catalogApiMock({ entities: allEntities })],
        [distributionHubApiRef, fakeDeploymentsApi()],
      ]}
    >
      <EntityProvider entity={entity}>{card}</EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('distributionHubPlugin (legacy frontend system)', () => {
  it('has the plugin ID distribution-hub', () => {
    expect(distributionHubPlugin.getId()).toBe('distribution-hub');
  });

  it('exports the plugin and its cards from the package entry point', () => {
    expect(publicApi.distributionHubPlugin).toBe(distributionHubPlugin);
    expect(publicApi.EntityTenantDetailsCard).toBe(EntityTenantDetailsCard);
    expect(publicApi.EntityTenantInstallationsCard).toBe(
      EntityTenantInstallationsCard,
    );
    expect(publicApi.EntityInstallationDetailsCard).toBe(
      EntityInstallationDetailsCard,
    );
    expect(publicApi.EntityTenantReleasesCard).toBe(EntityTenantReleasesCard);
    expect(publicApi.EntityInstallationDeployedCard).toBe(
      EntityInstallationDeployedCard,
    );
    expect(publicApi.EntityInstallationRolloutsCard).toBe(
      EntityInstallationRolloutsCard,
    );
  });

  it('renders EntityTenantReleasesCard on a tenant page', async () => {
    await renderInEntityPage(flareupTenant, <EntityTenantReleasesCard />);

    expect(
      await screen.findByRole('table', { name: 'Installed releases' }),
    ).toBeInTheDocument();
    expect(screen.getByText('1 release behind')).toBeInTheDocument();
  });

  it('renders EntityInstallationDeployedCard on an installation page', async () => {
    await renderInEntityPage(flareupProd, <EntityInstallationDeployedCard />);

    expect(
      await screen.findByRole('table', { name: 'Deployed applications' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Drift')).toBeInTheDocument();
  });

  it('renders EntityInstallationRolloutsCard on an installation page', async () => {
    await renderInEntityPage(flareupProd, <EntityInstallationRolloutsCard />);

    expect(
      await screen.findByRole('table', { name: 'Rollout history' }),
    ).toBeInTheDocument();
    expect(screen.getByText('2.1.0')).toBeInTheDocument();
  });

  it('renders EntityTenantDetailsCard on a tenant page', async () => {
    await renderInEntityPage(flareupTenant, <EntityTenantDetailsCard />);

    expect(await screen.findByText('Flareup.xyz')).toBeInTheDocument();
    expect(screen.getByText('Tenant ID')).toBeInTheDocument();
    expect(screen.getByText('canary')).toBeInTheDocument();
  });

  it('renders EntityTenantInstallationsCard on a tenant page', async () => {
    await renderInEntityPage(flareupTenant, <EntityTenantInstallationsCard />);

    expect(
      await screen.findByRole('link', { name: 'Flareup Prod' }),
    ).toHaveAttribute('href', '/catalog/default/installation/flareup-prod');
    expect(screen.getByText('Installations')).toBeInTheDocument();
  });

  it('renders EntityInstallationDetailsCard on an installation page', async () => {
    await renderInEntityPage(flareupProd, <EntityInstallationDetailsCard />);

    expect(await screen.findByText('Installation ID')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'flareup' })).toHaveAttribute(
      'href',
      '/catalog/default/tenant/flareup',
    );
    expect(
      await screen.findByRole('link', { name: 'jane.doe' }),
    ).toBeInTheDocument();
  });
});
