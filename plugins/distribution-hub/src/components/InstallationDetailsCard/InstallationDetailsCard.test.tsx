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
  CatalogApi,
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  InstallationEntityV1alpha1,
  TenantEntityV1alpha1,
} from '@sdh/plugin-distribution-hub-common';
import {
  allEntities,
  flareupProd,
  flareupQa,
  flareupTenant,
} from '../../testUtils/entities';
import { rootRouteRef } from '../../routes';
import { InstallationDetailsCard } from './InstallationDetailsCard';

async function renderCard(
  entity: Entity,
  catalogApi: Partial<CatalogApi> = catalogApiMock({ entities: allEntities }),
  options: { mountHub?: boolean } = {},
) {
  return renderInTestApp(
    <TestApiProvider apis={[[catalogApiRef, catalogApi]]}>
      <EntityProvider entity={entity}>
        <InstallationDetailsCard />
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

const initechProd: InstallationEntityV1alpha1 = {
  apiVersion: 'distribution-hub.io/v1alpha1',
  kind: 'Installation',
  metadata: { name: 'initech-prod', namespace: 'default' },
  spec: {
    tenant: 'initech',
    owner: 'group:customer-success',
    tier: 'production',
    environments: [{ cluster: 'demo-eu', namespace: 'initech-prod' }],
  },
};

describe('InstallationDetailsCard', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it("shows the tenant, tier, environments, windows and the tenant's contacts", async () => {
    // Wednesday, 25 November 2026.
    jest.useFakeTimers({
      now: new Date('2026-11-25T12:00:00Z'),
      doNotFake: [
        'setTimeout',
        'clearTimeout',
        'setInterval',
        'clearInterval',
        'setImmediate',
        'clearImmediate',
        'queueMicrotask',
        'nextTick',
        'hrtime',
        'performance',
        'requestAnimationFrame',
        'cancelAnimationFrame',
        'requestIdleCallback',
        'cancelIdleCallback',
      ],
    });

    await renderCard(flareupProd);

    expect(screen.getByText('Installation')).toBeInTheDocument();
    expect(screen.getByText('flareup-prod')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'flareup' })).toHaveAttribute(
      'href',
      '/catalog/default/tenant/flareup',
    );
    expect(screen.getByText('production')).toBeInTheDocument();
    expect(screen.getByText('demo-eu / flareup-prod')).toBeInTheDocument();
    expect(screen.getByText('demo-us / flareup-prod-us')).toBeInTheDocument();
    expect(
      screen.getByText('Sat, Sun 02:00–05:00 (Europe/Berlin)'),
    ).toBeInTheDocument();

    // The next window is Saturday 02:00 in Berlin; name its weekday as the
    // viewer's clock has it (Saturday from UTC-1 eastwards, else Friday).
    const nextStart = new Date('2026-11-28T01:00:00Z');
    const weekday = new Intl.DateTimeFormat(undefined, {
      weekday: 'short',
    }).format(nextStart);
    expect(screen.getByText(/^Next:/)).toHaveTextContent(
      new RegExp(`^Next: ${weekday}, .* your time$`),
    );

    // The contacts are read from the tenant entity in the catalog.
    expect(
      await screen.findByRole('link', { name: 'jane.doe' }),
    ).toHaveAttribute('href', '/catalog/default/user/jane.doe');
    expect(screen.getByRole('link', { name: 'omar.haddad' })).toHaveAttribute(
      'href',
      '/catalog/default/user/omar.haddad',
    );

    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('says rollouts may change an installation without windows at any time', async () => {
    await renderCard(flareupQa);

    expect(
      screen.getByText(
        'None: rollouts may change this installation at any time.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/^Next:/)).not.toBeInTheDocument();
    // The tenant was written as a full entity ref.
    expect(screen.getByRole('link', { name: 'flareup' })).toHaveAttribute(
      'href',
      '/catalog/default/tenant/flareup',
    );
    expect(
      await screen.findByRole('link', { name: 'jane.doe' }),
    ).toBeInTheDocument();
  });

  it('looks the tenant up in the namespace of the installation', async () => {
    const emeaTenant: TenantEntityV1alpha1 = {
      apiVersion: 'distribution-hub.io/v1alpha1',
      kind: 'Tenant',
      metadata: { name: 'acme', namespace: 'emea' },
      spec: { owner: 'group:customer-success', contacts: ['user:mei.tanaka'] },
    };
    const emeaInstallation: InstallationEntityV1alpha1 = {
      ...initechProd,
      metadata: { name: 'acme-prod', namespace: 'emea' },
      spec: { ...initechProd.spec, tenant: 'acme' },
    };

    await renderCard(
      emeaInstallation,
      catalogApiMock({ entities: [...allEntities, emeaTenant] }),
    );

    expect(screen.getByRole('link', { name: 'emea/acme' })).toHaveAttribute(
      'href',
      '/catalog/emea/tenant/acme',
    );
    expect(
      await screen.findByRole('link', { name: 'mei.tanaka' }),
    ).toHaveAttribute('href', '/catalog/default/user/mei.tanaka');
  });

  it('says so when the tenant lists no contacts', async () => {
    await renderCard(initechProd);

    expect(
      await screen.findByText('None listed on the tenant'),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'initech' })).toBeInTheDocument();
  });

  it('says so when the tenant is not in the catalog', async () => {
    await renderCard({
      ...initechProd,
      spec: { ...initechProd.spec, tenant: 'umbrella' },
    });

    expect(
      await screen.findByText(
        'The tenant tenant:default/umbrella is not in the catalog',
      ),
    ).toBeInTheDocument();
    // The installation's own fields are still shown.
    expect(screen.getByText('demo-eu / initech-prod')).toBeInTheDocument();
  });

  it('says so when the tenant ref points at something else than a tenant', async () => {
    await renderCard({
      ...initechProd,
      spec: { ...initechProd.spec, tenant: 'component:default/payments' },
    });

    expect(
      await screen.findByText(
        'The tenant component:default/payments is not in the catalog',
      ),
    ).toBeInTheDocument();
  });

  it('shows an error text when the tenant cannot be loaded', async () => {
    const catalogApi = catalogApiMock.mock({
      getEntityByRef: jest
        .fn()
        .mockRejectedValue(new Error('catalog is unavailable')),
    });

    await renderCard(flareupProd, catalogApi);

    expect(
      await screen.findByText(
        "Could not load the tenant's contacts: catalog is unavailable",
      ),
    ).toBeInTheDocument();
    expect(catalogApi.getEntityByRef).toHaveBeenCalledWith(
      'tenant:default/flareup',
    );
  });

  it('warns in red when the environments are claimed by another installation', async () => {
    await renderCard({
      ...flareupProd,
      metadata: {
        ...flareupProd.metadata,
        annotations: {
          'distribution-hub.io/environment-conflicts':
            'demo-eu/flareup-prod is already claimed by installation:default/flareup-legacy',
        },
      },
    });

    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent(
      'Environment conflict: demo-eu/flareup-prod is already claimed by installation:default/flareup-legacy. Rollouts will not deploy this installation there until the environment is freed or changed.',
    );
    expect(alert).toHaveClass('MuiAlert-standardError');
    expect(
      await screen.findByRole('link', { name: 'jane.doe' }),
    ).toBeInTheDocument();
  });

  it('links to the installation in the Release Hub when the app mounts it', async () => {
    await renderCard(flareupQa, undefined, { mountHub: true });

    expect(
      screen.getByRole('link', { name: /Open in Release Hub/ }),
    ).toHaveAttribute(
      'href',
      '/release-hub/tenants?highlight=installation%3Adefault%2Fflareup-qa',
    );
    expect(
      await screen.findByRole('link', { name: 'jane.doe' }),
    ).toBeInTheDocument();
  });

  it('has no hub link when the app does not mount the hub', async () => {
    await renderCard(flareupQa);

    expect(screen.getByText('demo-eu / flareup-qa')).toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: /Release Hub/ }),
    ).not.toBeInTheDocument();
    expect(
      await screen.findByRole('link', { name: 'jane.doe' }),
    ).toBeInTheDocument();
  });

  it('renders nothing for an entity that is not an installation', async () => {
    const getEntityByRef = jest.fn();
    await renderCard(flareupTenant, catalogApiMock.mock({ getEntityByRef }));

    expect(screen.queryByText('Installation ID')).not.toBeInTheDocument();
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
    expect(getEntityByRef).not.toHaveBeenCalled();
  });
});
