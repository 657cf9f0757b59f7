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
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { TenantEntityV1alpha1 } from '@sdh/plugin-distribution-hub-common';
import { TenantsTab } from './TenantsTab';
import {
  acmeProd,
  acmeTenant,
  fakeTenantsApi,
  fill,
  hubEntities,
  mutableCatalog,
  portalRecord,
  renderWithHub,
} from './__testUtils__/tenantsHub';

// Typing into several fields, as a user does, takes a few seconds.
jest.setTimeout(30_000);

function portalApi() {
  return fakeTenantsApi({
    tenants: [portalRecord(acmeTenant, 2)],
    installations: [portalRecord(acmeProd, 4)],
  });
}

/** The table row that shows an entity with this display text. */
function row(name: string) {
  const link = screen.getAllByText(name)[0];
  return within(link.closest('tr')!);
}

describe('TenantsTab', () => {
  it('lists every tenant with its installations and where each is defined', async () => {
    await renderWithHub(<TenantsTab />, { api: portalApi() });

    expect(
      await screen.findByRole('link', { name: 'Flareup.xyz' }),
    ).toHaveAttribute('href', '/catalog/default/tenant/flareup');
    expect(screen.getByText('3 tenants, 4 installations')).toBeInTheDocument();

    // Tenants by name; each tenant's installations follow it, production first.
    const names = screen
      .getAllByRole('row')
      .slice(1)
      .map(r => within(r).getAllByRole('cell')[0].textContent);
    expect(names).toEqual(
      [
        'acme',
        'Acme Prodacme-prod',
        'Flareup.xyzflareup',
        'Flareup Prodflareup-prod',
        'Flareup QAflareup-qa',
        'flareup-dev',
        'initech',
        'No installations yet.',
      ].map(n => (n === 'acme' ? 'Acme Corpacme' : n)),
    );

    const flareup = row('Flareup.xyz');
    expect(flareup.getByText('canary')).toBeInTheDocument();
    expect(
      flareup.getByRole('link', { name: 'customer-success' }),
    ).toHaveAttribute('href', '/catalog/default/group/customer-success');
    expect(flareup.getByText('YAML')).toBeInTheDocument();
    expect(
      flareup.getByText('Defined in the catalog (YAML)'),
    ).toBeInTheDocument();
    expect(flareup.queryByRole('button', { name: 'Edit' })).toBeNull();
    expect(
      flareup.getByRole('button', { name: 'New installation' }),
    ).toBeEnabled();

    const prod = row('Flareup Prod');
    expect(prod.getByRole('link', { name: 'Flareup Prod' })).toHaveAttribute(
      'href',
      '/catalog/default/installation/flareup-prod',
    );
    expect(prod.getByText('production')).toBeInTheDocument();
    expect(prod.getByText('demo-eu / flareup-prod')).toBeInTheDocument();
    expect(prod.getByText('demo-us / flareup-prod-us')).toBeInTheDocument();
    expect(prod.getByText('Defined in the catalog (YAML)')).toBeInTheDocument();

    const acme = row('Acme Corp');
    expect(acme.getByText('Portal')).toBeInTheDocument();
    expect(acme.getByRole('button', { name: 'Edit' })).toBeEnabled();
    const acmeProdRow = row('Acme Prod');
    expect(acmeProdRow.getByText('Portal')).toBeInTheDocument();
    expect(acmeProdRow.getByText('demo-eu / acme-prod')).toBeInTheDocument();
    expect(acmeProdRow.getByRole('button', { name: 'Edit' })).toBeEnabled();

    // A tenant's installations fold away.
    await userEvent.click(
      screen.getByRole('button', { name: 'Hide installations of Flareup.xyz' }),
    );
    expect(screen.queryByText('Flareup Prod')).not.toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Show installations of Flareup.xyz' }),
    );
    expect(screen.getByText('Flareup Prod')).toBeInTheDocument();
  });

  it('filters tenants and installations', async () => {
    await renderWithHub(<TenantsTab />, { api: portalApi() });
    await screen.findByText('Flareup.xyz');

    await fill(screen.getByLabelText('Filter'), 'qa');

    expect(screen.getByText('Flareup QA')).toBeInTheDocument();
    expect(screen.queryByText('Flareup Prod')).not.toBeInTheDocument();
    expect(screen.queryByText('Acme Corp')).not.toBeInTheDocument();

    await userEvent.clear(screen.getByLabelText('Filter'));
    await fill(screen.getByLabelText('Filter'), 'nothing-like-it');
    expect(
      screen.getByText('No tenant or installation matches “nothing-like-it”.'),
    ).toBeInTheDocument();
  });

  it('creates a tenant, then shows it once the catalog has it', async () => {
    const catalog = mutableCatalog(hubEntities);
    const api = portalApi();
    await renderWithHub(<TenantsTab />, { api, catalogApi: catalog.api });
    await screen.findByText('Flareup.xyz');

    await userEvent.click(screen.getByRole('button', { name: 'New tenant' }));
    const dialog = within(await screen.findByRole('dialog'));
    await fill(dialog.getByLabelText('Tenant ID'), 'globex');
    await fill(dialog.getByLabelText('Display name'), 'Globex');
    await fill(
      dialog.getByLabelText('Owner'),
      'group:default/customer-success',
    );
    await userEvent.click(dialog.getByRole('button', { name: 'Save' }));

    expect(
      await screen.findByText(/Tenant Globex created\./),
    ).toHaveTextContent(
      'Tenant Globex created. Waiting for the catalog to show it…',
    );
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(api.createTenant).toHaveBeenCalledWith({
      id: 'globex',
      title: 'Globex',
      owner: 'group:default/customer-success',
    });
    // Shown from the portal's record until the catalog has it.
    const globex = row('Globex');
    expect(globex.getByText('Not in the catalog yet')).toBeInTheDocument();
    expect(globex.getByText('Portal')).toBeInTheDocument();
    expect(globex.queryByRole('link', { name: 'Globex' })).toBeNull();

    // The entity provider delivers it to the catalog.
    const [record] = (await api.listPortalTenants()).filter(
      r => r.entity.metadata.name === 'globex',
    );
    catalog.put(record.entity);

    expect(
      await screen.findByRole('link', { name: 'Globex' }, { timeout: 8000 }),
    ).toHaveAttribute('href', '/catalog/default/tenant/globex');
    expect(screen.getByText('Tenant Globex created.')).toBeInTheDocument();
    expect(screen.queryByText(/Waiting for the catalog/)).toBeNull();
    expect(screen.queryByText('Not in the catalog yet')).toBeNull();
    expect(screen.getByText('4 tenants, 4 installations')).toBeInTheDocument();
  });

  it('says so when the catalog takes longer than it waits', async () => {
    jest.useFakeTimers({ advanceTimers: true });
    try {
      const api = portalApi();
      await renderWithHub(<TenantsTab />, { api });
      await screen.findByText('Flareup.xyz');
      const user = userEvent.setup({
        advanceTimers: jest.advanceTimersByTime,
      });

      await user.click(screen.getByRole('button', { name: 'New tenant' }));
      const dialog = within(await screen.findByRole('dialog'));
      await user.type(dialog.getByLabelText('Tenant ID'), 'globex');
      await user.type(dialog.getByLabelText('Owner'), 'customer-success');
      await user.click(dialog.getByRole('button', { name: 'Save' }));
      await screen.findByText(/Waiting for the catalog/);
      const loads = api.listPortalTenants.mock.calls.length;

      for (let i = 0; i < 16; i++) {
        await act(() => jest.advanceTimersByTimeAsync(1000));
      }

      expect(
        await screen.findByText(/The catalog has not shown it yet/),
      ).toBeInTheDocument();
      // It looked about once a second, then stopped.
      const looks = api.listPortalTenants.mock.calls.length - loads;
      expect(looks).toBeGreaterThanOrEqual(5);
      expect(looks).toBeLessThanOrEqual(16);
      await act(() => jest.advanceTimersByTimeAsync(5000));
      expect(api.listPortalTenants.mock.calls.length - loads).toBe(looks);
    } finally {
      jest.useRealTimers();
    }
  });

  it('edits a portal tenant with its revision', async () => {
    const catalog = mutableCatalog(hubEntities);
    const api = portalApi();
    await renderWithHub(<TenantsTab />, { api, catalogApi: catalog.api });
    await screen.findByText('Acme Corp');

    await userEvent.click(
      row('Acme Corp').getByRole('button', { name: 'Edit' }),
    );
    const dialog = within(await screen.findByRole('dialog'));
    expect(dialog.getByLabelText('Tenant ID')).toHaveAttribute('readonly');
    await fill(dialog.getByLabelText('Ring'), 'canary');
    await userEvent.click(dialog.getByRole('button', { name: 'Save' }));

    expect(
      await screen.findByText(/Tenant Acme Corp saved\./),
    ).toBeInTheDocument();
    expect(api.updateTenant).toHaveBeenCalledWith(
      'acme',
      expect.objectContaining({ ring: 'canary' }),
      { revision: 2 },
    );
    // The portal's record shows at once; the catalog follows.
    expect(row('Acme Corp').getByText('canary')).toBeInTheDocument();
    const [record] = await api.listPortalTenants();
    catalog.put(record.entity as TenantEntityV1alpha1);
    await waitFor(
      () => expect(screen.queryByText(/Waiting for the catalog/)).toBeNull(),
      { timeout: 8000 },
    );
  });

  it('creates an installation for the tenant of its row', async () => {
    const api = portalApi();
    await renderWithHub(<TenantsTab />, { api });
    await screen.findByText('Flareup.xyz');

    await userEvent.click(
      row('Flareup.xyz').getByRole('button', { name: 'New installation' }),
    );
    const dialog = within(await screen.findByRole('dialog'));
    expect(
      await dialog.findByText('Tenant: Flareup.xyz (tenant:default/flareup)'),
    ).toBeInTheDocument();
    await fill(dialog.getByLabelText('Installation ID'), 'flareup-stg');
    await userEvent.selectOptions(dialog.getByLabelText('Tier'), 'staging');
    await waitFor(() =>
      expect(
        within(dialog.getByLabelText('Cluster')).getAllByRole('option'),
      ).toHaveLength(3),
    );
    await userEvent.selectOptions(dialog.getByLabelText('Cluster'), 'demo-eu');
    await fill(dialog.getByLabelText('Namespace'), 'flareup-stg');
    await userEvent.click(dialog.getByRole('button', { name: 'Save' }));

    expect(
      await screen.findByText(/Installation flareup-stg created\./),
    ).toBeInTheDocument();
    expect(api.createInstallation).toHaveBeenCalledWith(
      expect.objectContaining({
        id: 'flareup-stg',
        tenant: 'tenant:default/flareup',
        tier: 'staging',
        environments: [{ cluster: 'demo-eu', namespace: 'flareup-stg' }],
      }),
    );
    // It is listed under its tenant straight away.
    expect(
      row('flareup-stg').getByText('demo-eu / flareup-stg'),
    ).toBeInTheDocument();
  });

  it('opens a portal installation for editing', async () => {
    const api = portalApi();
    await renderWithHub(<TenantsTab />, { api });
    await screen.findByText('Acme Prod');

    await userEvent.click(
      row('Acme Prod').getByRole('button', { name: 'Edit' }),
    );

    const dialog = within(await screen.findByRole('dialog'));
    expect(
      dialog.getByRole('heading', { name: 'Edit installation acme-prod' }),
    ).toBeInTheDocument();
    expect(dialog.getByLabelText('Installation ID')).toHaveAttribute(
      'readonly',
    );
    await userEvent.click(dialog.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('picks out the row a link into the hub names', async () => {
    await renderWithHub(<TenantsTab />, {
      api: portalApi(),
      routeEntries: [
        `/release-hub/tenants?highlight=${encodeURIComponent(
          'installation:default/flareup-qa',
        )}`,
      ],
    });

    await screen.findByText('Flareup QA');
    expect(screen.getByText('Flareup QA').closest('tr')).toHaveClass(
      'Mui-selected',
    );
    expect(screen.getByText('Flareup Prod').closest('tr')).not.toHaveClass(
      'Mui-selected',
    );
  });

  it('says so when there are no tenants', async () => {
    await renderWithHub(<TenantsTab />, {
      catalogApi: catalogApiMock({ entities: [] }),
    });

    expect(await screen.findByText('No tenants yet')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'New tenant' })).toBeEnabled();
  });

  it('shows an error panel when the catalog cannot be read', async () => {
    await renderWithHub(<TenantsTab />, {
      catalogApi: catalogApiMock.mock({
        getEntities: jest.fn().mockRejectedValue(new Error('catalog is down')),
      }),
    });

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not load tenants',
    );
  });

  it('lists YAML entities read-only when the portal records cannot be read', async () => {
    const api = portalApi();
    api.listPortalTenants.mockRejectedValue(new Error('hub is down'));
    await renderWithHub(<TenantsTab />, { api });

    expect(
      await screen.findByText(/Could not load what was created in the portal/),
    ).toHaveTextContent('hub is down');
    expect(screen.getByText('Flareup.xyz')).toBeInTheDocument();
    // Acme is in the catalog, so it is listed, but cannot be edited now.
    expect(
      row('Acme Corp').getByRole('button', { name: 'Edit' }),
    ).toBeDisabled();
  });
});
