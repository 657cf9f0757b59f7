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
import {
  acmeProd,
  fakeTenantsApi,
  fill,
  FakeTenantsApi,
  portalRecord,
  renderWithHub,
  responseError,
} from '../TenantsTab/__testUtils__/tenantsHub';
import {
  InstallationDialog,
  InstallationDialogProps,
} from './InstallationDialog';

// Typing into several fields, as a user does, takes a few seconds.
jest.setTimeout(30_000);

async function renderDialog(
  props: Partial<InstallationDialogProps> = {},
  options: { api?: FakeTenantsApi } = {},
) {
  const api = options.api ?? fakeTenantsApi();
  const onSaved = jest.fn();
  await renderWithHub(
    <InstallationDialog
      open
      onClose={jest.fn()}
      onSaved={onSaved}
      tenantRef="tenant:default/flareup"
      {...props}
    />,
    { api },
  );
  return { api, onSaved };
}

function environment(index: number) {
  return within(screen.getByRole('group', { name: `Environment ${index}` }));
}

/** Fills what a new installation needs, but its environments. */
async function fillBasics(id: string) {
  await fill(screen.getByLabelText('Installation ID'), id);
  await userEvent.selectOptions(screen.getByLabelText('Tier'), 'staging');
}

describe('InstallationDialog', () => {
  it('creates an installation of the tenant, with a cluster and a namespace', async () => {
    const { api, onSaved } = await renderDialog();

    expect(
      screen.getByRole('heading', { name: 'New installation' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByText('Tenant: Flareup.xyz (tenant:default/flareup)'),
    ).toBeInTheDocument();
    // The tenant's owner looks after a new installation, at first.
    await waitFor(() =>
      expect(screen.getByLabelText('Owner')).toHaveValue(
        'group:default/customer-success',
      ),
    );

    await fill(screen.getByLabelText('Installation ID'), 'flareup-stg');
    await fill(screen.getByLabelText('Display name'), 'Flareup Staging');
    await userEvent.selectOptions(screen.getByLabelText('Tier'), 'staging');

    const cluster = environment(1).getByLabelText('Cluster');
    await waitFor(() =>
      expect(
        within(cluster)
          .getAllByRole('option')
          .map(o => o.textContent),
      ).toEqual(['Choose a cluster', 'demo-eu', 'demo-us']),
    );
    await userEvent.selectOptions(cluster, 'demo-us');
    const namespace = environment(1).getByLabelText('Namespace');
    await fill(namespace, 'Flareup_Stg');
    expect(
      environment(1).getByText(
        'spec.environments[0].namespace "Flareup_Stg" is not a DNS-1123 label (lower-case letters, digits and \'-\', starting and ending with a letter or digit)',
      ),
    ).toBeInTheDocument();
    expect(namespace).toHaveAttribute('aria-invalid', 'true');
    await userEvent.clear(namespace);
    await fill(namespace, 'flareup-stg');
    expect(namespace).toHaveAttribute('aria-invalid', 'false');

    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    expect(api.createInstallation).toHaveBeenCalledWith({
      id: 'flareup-stg',
      title: 'Flareup Staging',
      tenant: 'tenant:default/flareup',
      owner: 'group:default/customer-success',
      tier: 'staging',
      environments: [{ cluster: 'demo-us', namespace: 'flareup-stg' }],
    });
  });

  it('adds and removes environments', async () => {
    const { api, onSaved } = await renderDialog();
    await fillBasics('flareup-stg');

    expect(
      environment(1).getByRole('button', { name: 'Remove environment 1' }),
    ).toBeDisabled();
    await userEvent.click(
      screen.getByRole('button', { name: 'Add environment' }),
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Add environment' }),
    );
    await waitFor(() =>
      expect(environment(1).getAllByRole('option')).toHaveLength(3),
    );
    await userEvent.selectOptions(
      environment(1).getByLabelText('Cluster'),
      'demo-eu',
    );
    await fill(environment(1).getByLabelText('Namespace'), 'stg-a');
    await userEvent.selectOptions(
      environment(2).getByLabelText('Cluster'),
      'demo-eu',
    );
    await fill(environment(2).getByLabelText('Namespace'), 'stg-b');
    await userEvent.selectOptions(
      environment(3).getByLabelText('Cluster'),
      'demo-us',
    );
    await fill(environment(3).getByLabelText('Namespace'), 'stg-c');
    await userEvent.click(
      environment(2).getByRole('button', { name: 'Remove environment 2' }),
    );
    expect(screen.queryByRole('group', { name: 'Environment 3' })).toBeNull();
    expect(environment(2).getByLabelText('Namespace')).toHaveValue('stg-c');

    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(api.createInstallation.mock.calls[0][0].environments).toEqual([
      { cluster: 'demo-eu', namespace: 'stg-a' },
      { cluster: 'demo-us', namespace: 'stg-c' },
    ]);
  });

  it('refuses an environment another installation has, and says which', async () => {
    const api = fakeTenantsApi({ installations: [portalRecord(acmeProd)] });
    await renderDialog({}, { api });
    await fillBasics('flareup-prod2');

    await waitFor(() =>
      expect(environment(1).getAllByRole('option')).toHaveLength(3),
    );
    await userEvent.selectOptions(
      environment(1).getByLabelText('Cluster'),
      'demo-eu',
    );
    // Defined in catalog YAML.
    await fill(environment(1).getByLabelText('Namespace'), 'flareup-prod');
    expect(
      await environment(1).findByText(
        'Already mapped to installation flareup-prod',
      ),
    ).toBeInTheDocument();
    // The same namespace on another cluster is free.
    await userEvent.selectOptions(
      environment(1).getByLabelText('Cluster'),
      'demo-us',
    );
    expect(
      environment(1).queryByText(/Already mapped/),
    ).not.toBeInTheDocument();
    // Created in the portal.
    await userEvent.selectOptions(
      environment(1).getByLabelText('Cluster'),
      'demo-eu',
    );
    await userEvent.clear(environment(1).getByLabelText('Namespace'));
    await fill(environment(1).getByLabelText('Namespace'), 'acme-prod');
    expect(
      environment(1).getByText('Already mapped to installation acme-prod'),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(api.createInstallation).not.toHaveBeenCalled();
  });

  it("shows the server's 409 on the environment it names", async () => {
    const api = fakeTenantsApi();
    const message =
      'The environment demo-us/flareup-next is already mapped to installation flareup-next (defined in the catalog)';
    api.createInstallation.mockRejectedValueOnce(
      await responseError(409, 'ConflictError', message),
    );
    const { onSaved } = await renderDialog({}, { api });
    await fillBasics('flareup-stg');
    await userEvent.click(
      screen.getByRole('button', { name: 'Add environment' }),
    );
    await waitFor(() =>
      expect(environment(1).getAllByRole('option')).toHaveLength(3),
    );
    await userEvent.selectOptions(
      environment(1).getByLabelText('Cluster'),
      'demo-eu',
    );
    await fill(environment(1).getByLabelText('Namespace'), 'flareup-stg');
    await userEvent.selectOptions(
      environment(2).getByLabelText('Cluster'),
      'demo-us',
    );
    await fill(environment(2).getByLabelText('Namespace'), 'flareup-next');

    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(await environment(2).findByText(message)).toBeInTheDocument();
    expect(environment(2).getByLabelText('Namespace')).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    expect(environment(1).queryByText(message)).not.toBeInTheDocument();
    expect(onSaved).not.toHaveBeenCalled();

    // Changing the environment clears the refusal.
    await userEvent.type(environment(2).getByLabelText('Namespace'), '-2');
    expect(screen.queryByText(message)).not.toBeInTheDocument();
  });

  it('takes maintenance windows: days, start, end and time zone', async () => {
    const { api, onSaved } = await renderDialog();
    await fillBasics('flareup-stg');
    await waitFor(() =>
      expect(environment(1).getAllByRole('option')).toHaveLength(3),
    );
    await userEvent.selectOptions(
      environment(1).getByLabelText('Cluster'),
      'demo-eu',
    );
    await fill(environment(1).getByLabelText('Namespace'), 'flareup-stg');

    expect(
      screen.getByText(
        'None: rollouts may change this installation at any time.',
      ),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Add maintenance window' }),
    );
    const window = within(
      screen.getByRole('group', { name: 'Maintenance window 1' }),
    );
    await userEvent.click(window.getByRole('checkbox', { name: 'Sat' }));
    await userEvent.click(window.getByRole('checkbox', { name: 'Sun' }));
    await fill(window.getByLabelText('Start'), '2:00');
    expect(
      window.getByText(
        'spec.maintenanceWindows[0].start "2:00" is not a time of day written HH:MM (24-hour, e.g. 02:00)',
      ),
    ).toBeInTheDocument();
    await userEvent.clear(window.getByLabelText('Start'));
    await fill(window.getByLabelText('Start'), '02:00');
    await fill(window.getByLabelText('End'), '05:00');
    const zone = window.getByLabelText('Time zone');
    await userEvent.clear(zone);
    await fill(zone, 'Europe/Atlantis');
    expect(
      window.getByText(
        'spec.maintenanceWindows[0].timezone "Europe/Atlantis" is not a known IANA time zone (e.g. Europe/Berlin, America/New_York, UTC)',
      ),
    ).toBeInTheDocument();
    await userEvent.clear(zone);
    await fill(zone, 'Europe/Berl');
    await userEvent.click(
      await screen.findByRole('option', { name: 'Europe/Berlin' }),
    );
    expect(zone).toHaveValue('Europe/Berlin');

    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(api.createInstallation.mock.calls[0][0].maintenanceWindows).toEqual([
      {
        days: ['sat', 'sun'],
        start: '02:00',
        end: '05:00',
        timezone: 'Europe/Berlin',
      },
    ]);
  });

  it('shows every problem on Save and sends nothing', async () => {
    const { api } = await renderDialog();
    await waitFor(() =>
      expect(screen.getByLabelText('Owner')).toHaveValue(
        'group:default/customer-success',
      ),
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Add maintenance window' }),
    );

    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(
      await screen.findByText('Installation ID is required'),
    ).toBeInTheDocument();
    expect(screen.getByText('spec.tier is missing')).toBeInTheDocument();
    expect(
      environment(1).getByText(
        'spec.environments[0].cluster must not be empty',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'spec.maintenanceWindows[0].days must list at least 1 item',
      ),
    ).toBeInTheDocument();
    expect(api.createInstallation).not.toHaveBeenCalled();
  });

  it('edits an installation with its ID read-only and sends the revision', async () => {
    const existing = portalRecord(acmeProd, 5);
    const api = fakeTenantsApi({ installations: [existing] });
    const { onSaved } = await renderDialog(
      { existing, tenantRef: 'tenant:default/acme' },
      { api },
    );

    expect(
      screen.getByRole('heading', { name: 'Edit installation acme-prod' }),
    ).toBeInTheDocument();
    const id = screen.getByLabelText('Installation ID');
    expect(id).toHaveValue('acme-prod');
    expect(id).toHaveAttribute('readonly');
    expect(screen.getByLabelText('Tier')).toHaveValue('production');
    expect(environment(1).getByLabelText('Namespace')).toHaveValue('acme-prod');
    const window = within(
      screen.getByRole('group', { name: 'Maintenance window 1' }),
    );
    expect(window.getByRole('checkbox', { name: 'Sat' })).toBeChecked();
    expect(window.getByRole('checkbox', { name: 'Mon' })).not.toBeChecked();
    expect(window.getByLabelText('Time zone')).toHaveValue('Europe/Berlin');
    // Its own environment is not "already mapped".
    expect(screen.queryByText(/Already mapped/)).not.toBeInTheDocument();

    await userEvent.selectOptions(screen.getByLabelText('Tier'), 'staging');
    await userEvent.click(
      screen.getByRole('button', { name: 'Remove maintenance window 1' }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(api.updateInstallation).toHaveBeenCalledWith(
      'acme-prod',
      {
        title: 'Acme Prod',
        description: '',
        owner: 'group:default/customer-success',
        tier: 'staging',
        environments: [{ cluster: 'demo-eu', namespace: 'acme-prod' }],
        maintenanceWindows: [],
      },
      { revision: 5 },
    );
  });
});
