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
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  acmeTenant,
  fakeTenantsApi,
  fill,
  FakeTenantsApi,
  portalRecord,
  renderWithHub,
  responseError,
} from '../TenantsTab/__testUtils__/tenantsHub';
import { TenantDialog, TenantDialogProps } from './TenantDialog';

async function renderDialog(
  props: Partial<TenantDialogProps> = {},
  options: { api?: FakeTenantsApi; allow?: boolean } = {},
) {
  const api = options.api ?? fakeTenantsApi();
  const onSaved = jest.fn();
  const onClose = jest.fn();
  await renderWithHub(
    <TenantDialog open onClose={onClose} onSaved={onSaved} {...props} />,
    { api, allow: options.allow },
  );
  return { api, onSaved, onClose };
}

async function pickOption(label: string, typed: string, option: RegExp) {
  await fill(screen.getByLabelText(label), typed);
  await userEvent.click(await screen.findByRole('option', { name: option }));
}

// Typing into several fields, as a user does, takes a few seconds.
jest.setTimeout(30_000);

describe('TenantDialog', () => {
  it('creates a tenant with what was entered', async () => {
    const { api, onSaved } = await renderDialog();

    expect(
      screen.getByRole('heading', { name: 'New tenant' }),
    ).toBeInTheDocument();
    await fill(screen.getByLabelText('Tenant ID'), 'globex');
    await fill(screen.getByLabelText('Display name'), 'Globex Inc.');
    await fill(screen.getByLabelText('Description'), 'A customer in Europe.');
    await pickOption('Owner', 'customer', /customer-success/);
    expect(screen.getByLabelText('Owner')).toHaveValue(
      'group:default/customer-success',
    );
    await pickOption('Contacts', 'Jane', /Jane Doe/);
    await pickOption('Contacts', 'Omar', /Omar Haddad/);
    await fill(screen.getByLabelText('Ring'), 'canary');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    expect(api.createTenant).toHaveBeenCalledWith({
      id: 'globex',
      title: 'Globex Inc.',
      description: 'A customer in Europe.',
      owner: 'group:default/customer-success',
      contacts: ['user:default/jane.doe', 'user:default/omar.haddad'],
      ring: 'canary',
    });
    expect(onSaved.mock.calls[0][0].entity.metadata.name).toBe('globex');
  });

  it('leaves optional fields out and suggests the ID from the display name', async () => {
    const { api, onSaved } = await renderDialog();

    await fill(screen.getByLabelText('Display name'), 'Umbrella Ltd');
    expect(screen.getByLabelText('Tenant ID')).toHaveValue('umbrella-ltd');
    await pickOption('Owner', 'platform', /group:default\/platform/);
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(api.createTenant).toHaveBeenCalledWith({
      id: 'umbrella-ltd',
      title: 'Umbrella Ltd',
      owner: 'group:default/platform',
    });
  });

  it('shows each problem next to its field and sends nothing', async () => {
    const { api } = await renderDialog();

    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(
      await screen.findByText('Tenant ID is required'),
    ).toBeInTheDocument();
    expect(screen.getByText('spec.owner is missing')).toBeInTheDocument();
    expect(screen.getByLabelText('Tenant ID')).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    expect(screen.getByLabelText('Owner')).toHaveAttribute(
      'aria-invalid',
      'true',
    );

    // Checked as it is typed.
    await fill(screen.getByLabelText('Tenant ID'), 'Globex_1');
    expect(
      screen.getByText(
        `Tenant ID "Globex_1" is not a lower-case slug: use a–z, 0–9 and '-', starting and ending with a letter or digit`,
      ),
    ).toBeInTheDocument();
    await fill(screen.getByLabelText('Ring'), 'Wave_1');
    expect(
      screen.getByText(
        'spec.ring "Wave_1" is not a DNS-1123 label (lower-case letters, digits and \'-\', starting and ending with a letter or digit)',
      ),
    ).toBeInTheDocument();
    await fill(screen.getByLabelText('Owner'), 'component:payments');
    expect(
      screen.getByText(
        /spec\.owner "component:payments" must reference a Group or User/,
      ),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(api.createTenant).not.toHaveBeenCalled();
  });

  it('takes an owner typed as a ref, noting one the catalog does not have', async () => {
    await renderDialog();

    await fill(screen.getByLabelText('Owner'), 'group:default/ghosts');
    expect(screen.queryByText(/Not in the catalog/)).not.toBeInTheDocument();
    await userEvent.tab();

    expect(
      screen.getByText('Not in the catalog: group:default/ghosts'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Owner')).toHaveValue('group:default/ghosts');
    expect(screen.getByLabelText('Owner')).toHaveAttribute(
      'aria-invalid',
      'false',
    );
  });

  it('says an ID is taken before the server does', async () => {
    await renderDialog();

    await fill(screen.getByLabelText('Tenant ID'), 'flareup');

    expect(
      await screen.findByText('A tenant with the ID "flareup" already exists'),
    ).toBeInTheDocument();
  });

  it("shows the server's refusal next to the field it is about", async () => {
    const api = fakeTenantsApi();
    api.createTenant.mockRejectedValueOnce(
      await responseError(
        409,
        'ConflictError',
        'A tenant with the ID "globex" is already defined in the catalog',
      ),
    );
    const { onSaved } = await renderDialog({}, { api });

    await fill(screen.getByLabelText('Tenant ID'), 'globex');
    await pickOption('Owner', 'customer', /customer-success/);
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    const message = await screen.findByText(
      'A tenant with the ID "globex" is already defined in the catalog',
    );
    expect(message.closest('.MuiFormControl-root')).toContainElement(
      screen.getByLabelText('Tenant ID'),
    );
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('shows a refusal about no field at the top of the form', async () => {
    const api = fakeTenantsApi();
    api.createTenant.mockRejectedValueOnce(
      await responseError(
        403,
        'NotAllowedError',
        'You may not manage tenants and installations',
      ),
    );
    await renderDialog({}, { api });

    await fill(screen.getByLabelText('Tenant ID'), 'globex');
    await pickOption('Owner', 'customer', /customer-success/);
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'You may not manage tenants and installations',
    );
    // Saving can be tried again.
    expect(screen.getByRole('button', { name: 'Save' })).toBeEnabled();
  });

  it('edits a tenant with its ID read-only and sends the revision', async () => {
    const existing = portalRecord(acmeTenant, 3);
    const api = fakeTenantsApi({ tenants: [existing] });
    const { onSaved } = await renderDialog({ existing }, { api });

    expect(
      screen.getByRole('heading', { name: 'Edit tenant acme' }),
    ).toBeInTheDocument();
    const id = screen.getByLabelText('Tenant ID');
    expect(id).toHaveValue('acme');
    expect(id).toHaveAttribute('readonly');
    expect(screen.getByText(/IDs are immutable/)).toBeInTheDocument();
    await userEvent.type(id, 'x');
    expect(id).toHaveValue('acme');

    expect(screen.getByLabelText('Display name')).toHaveValue('Acme Corp');
    expect(screen.getByLabelText('Owner')).toHaveValue(
      'group:default/customer-success',
    );
    expect(
      await screen.findByRole('button', { name: 'Jane Doe' }),
    ).toBeInTheDocument();

    await userEvent.clear(screen.getByLabelText('Display name'));
    await fill(screen.getByLabelText('Display name'), 'ACME');
    await fill(screen.getByLabelText('Ring'), 'canary');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(api.updateTenant).toHaveBeenCalledWith(
      'acme',
      {
        title: 'ACME',
        description: 'Pays on time.',
        owner: 'group:default/customer-success',
        contacts: ['user:default/jane.doe'],
        ring: 'canary',
      },
      { revision: 3 },
    );
    expect(api.createTenant).not.toHaveBeenCalled();
  });
});
