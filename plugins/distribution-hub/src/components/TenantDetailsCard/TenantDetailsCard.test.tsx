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
  allEntities,
  flareupTenant,
  initechTenant,
  paymentsComponent,
} from '../../testUtils/entities';
import { rootRouteRef } from '../../routes';
import { TenantDetailsCard } from './TenantDetailsCard';

async function renderCard(
  entity: Entity,
  options: { mountHub?: boolean } = {},
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[[catalogApiRef, catalogApiMock({ entities: allEntities })]]}
    >
      <EntityProvider entity={entity}>
        <TenantDetailsCard />
      </EntityProvider>
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        ...(options.mountHub ? { '/release-hub': rootRouteRef } : {}),
      },
    },
  );
}

describe('TenantDetailsCard', () => {
  it('shows the tenant ID, title, owner, contacts and ring', async () => {
    await renderCard(flareupTenant);

    expect(screen.getByText('Tenant')).toBeInTheDocument();
    expect(screen.getByText('flareup')).toBeInTheDocument();
    expect(screen.getByText('Flareup.xyz')).toBeInTheDocument();
    expect(screen.getByText('canary')).toBeInTheDocument();

    expect(
      screen.getByRole('link', { name: 'customer-success' }),
    ).toHaveAttribute('href', '/catalog/default/group/customer-success');
    expect(screen.getByRole('link', { name: 'jane.doe' })).toHaveAttribute(
      'href',
      '/catalog/default/user/jane.doe',
    );
    // A contact written without a kind is a User.
    expect(screen.getByRole('link', { name: 'omar.haddad' })).toHaveAttribute(
      'href',
      '/catalog/default/user/omar.haddad',
    );
  });

  it('falls back to the name and says when there is no ring or contact', async () => {
    await renderCard(initechTenant);

    // The ID and the name row both show the entity name.
    expect(screen.getAllByText('initech')).toHaveLength(2);
    expect(
      screen.getByText('none (rolled out with everyone else)'),
    ).toBeInTheDocument();
    expect(screen.getByText('None listed')).toBeInTheDocument();
    // An owner written without a kind is a Group.
    expect(
      screen.getByRole('link', { name: 'customer-success' }),
    ).toHaveAttribute('href', '/catalog/default/group/customer-success');
  });

  it('links to the tenant in the Release Hub when the app mounts it', async () => {
    await renderCard(flareupTenant, { mountHub: true });

    expect(
      screen.getByRole('link', { name: /Open in Release Hub/ }),
    ).toHaveAttribute(
      'href',
      '/release-hub/tenants?highlight=tenant%3Adefault%2Fflareup',
    );
  });

  it('has no hub link when the app does not mount the hub', async () => {
    await renderCard(flareupTenant);

    expect(screen.getByText('Flareup.xyz')).toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: /Release Hub/ }),
    ).not.toBeInTheDocument();
  });

  it('renders nothing for an entity that is not a tenant', async () => {
    await renderCard(paymentsComponent);

    expect(screen.queryByText('Tenant')).not.toBeInTheDocument();
    expect(screen.queryByText('Tenant ID')).not.toBeInTheDocument();
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
  });

  it('renders nothing for a Tenant kind of another apiVersion', async () => {
    await renderCard({ ...flareupTenant, apiVersion: 'backstage.io/v1alpha1' });

    expect(screen.queryByText('Tenant ID')).not.toBeInTheDocument();
  });
});
