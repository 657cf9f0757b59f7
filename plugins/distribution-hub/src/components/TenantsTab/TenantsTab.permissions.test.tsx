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
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { InstallationDialog } from '../InstallationDialog';
import { TenantDialog } from '../TenantDialog';
import { TenantsTab } from './TenantsTab';
import {
  acmeProd,
  acmeTenant,
  fakeTenantsApi,
  portalRecord,
  renderWithHub,
} from './__testUtils__/tenantsHub';

/*
 * Under a policy that denies managing tenants. Kept apart from the other
 * tests: permission decisions are cached for the whole test file.
 */

function portalApi() {
  return fakeTenantsApi({
    tenants: [portalRecord(acmeTenant, 2)],
    installations: [portalRecord(acmeProd, 4)],
  });
}

describe('without the tenant manage permission', () => {
  it('the Tenants tab disables every action, saying why', async () => {
    await renderWithHub(<TenantsTab />, { api: portalApi(), allow: false });
    await screen.findByText('Acme Corp');

    const newTenant = screen.getByRole('button', { name: 'New tenant' });
    await waitFor(() => expect(newTenant).toBeDisabled());
    const actions = screen.getAllByRole('button', {
      name: /^(Edit|New installation)$/,
    });
    // Edit on Acme and Acme Prod, New installation on each of 3 tenants.
    expect(actions).toHaveLength(5);
    for (const button of actions) {
      expect(button).toBeDisabled();
    }
    // The tenants are still listed, read-only.
    expect(screen.getByText('Flareup.xyz')).toBeInTheDocument();

    await userEvent.hover(newTenant.parentElement!);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'You do not have permission to create tenants',
    );
  });

  it('the tenant dialog cannot be saved, and says why', async () => {
    await renderWithHub(
      <TenantDialog open onClose={jest.fn()} onSaved={jest.fn()} />,
      { allow: false },
    );

    const save = screen.getByRole('button', { name: 'Save' });
    await waitFor(() => expect(save).toBeDisabled());
    await userEvent.hover(save.parentElement!);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'You do not have permission to manage tenants',
    );
    expect(
      within(screen.getByRole('dialog')).getByRole('button', {
        name: 'Cancel',
      }),
    ).toBeEnabled();
  });

  it('the installation dialog cannot be saved', async () => {
    await renderWithHub(
      <InstallationDialog
        open
        onClose={jest.fn()}
        onSaved={jest.fn()}
        tenantRef="tenant:default/flareup"
      />,
      { allow: false },
    );

    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled(),
    );
  });
});
