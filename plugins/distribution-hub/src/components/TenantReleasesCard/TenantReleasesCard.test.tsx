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
import { Entity } from '@backstage/catalog-model';
import {
  fakeDeploymentsApi,
  fakeRolloutSignals,
  fleetView,
} from '../../__testUtils__/deployments';
import {
  DeploymentsRenderOptions,
  renderEntityCard,
  tableBodyRows,
} from '../../__testUtils__/renderWithDeployments';
import { flareupProd, flareupTenant } from '../../testUtils/entities';
import { responseError } from '../TenantsTab/__testUtils__/tenantsHub';
import { TenantReleasesCard } from './TenantReleasesCard';

function renderCard(
  options: DeploymentsRenderOptions & { entity?: Entity } = {},
) {
  return renderEntityCard(<TenantReleasesCard />, {
    ...options,
    entity: options.entity ?? flareupTenant,
  });
}

function bodyRows() {
  return tableBodyRows('Installed releases');
}

describe('TenantReleasesCard', () => {
  it('lists the installations with their release and last rollout, from one fleet request', async () => {
    const api = await renderCard();

    expect(
      await screen.findByRole('table', { name: 'Installed releases' }),
    ).toBeInTheDocument();
    expect(api.getFleet).toHaveBeenCalledTimes(1);
    expect(api.getFleet).toHaveBeenCalledWith({
      tenant: 'tenant:default/flareup',
    });
    expect(api.getInstallationState).not.toHaveBeenCalled();
    expect(
      screen.getByRole('heading', { name: 'Installed releases' }),
    ).toBeInTheDocument();

    expect(bodyRows()).toEqual([
      [
        'flareup-prod',
        'production',
        '2.0.0core',
        '1 release behind',
        '2.1.0Failed2 hours ago',
      ],
      [
        'flareup-qa',
        'qa',
        '2.1.0core',
        'Up to date',
        '2.1.0Completed5 hours ago',
      ],
      [
        'flareup-dev',
        'development',
        '2.1.0core',
        'Up to date',
        '2.1.0Completed5 hours ago',
      ],
    ]);

    expect(screen.getByRole('link', { name: 'flareup-prod' })).toHaveAttribute(
      'href',
      '/catalog/default/installation/flareup-prod',
    );
    const prod = screen.getByRole('row', { name: /^flareup-prod/ });
    expect(within(prod).getByRole('link', { name: '2.0.0' })).toHaveAttribute(
      'href',
      '/release-hub/releases/r-200/overview',
    );
    expect(
      within(prod).getByRole('link', { name: 'Rollouts of 2.1.0' }),
    ).toHaveAttribute('href', '/release-hub/releases/r-210/rollouts');
    expect(
      screen.getByRole('link', { name: 'Open the fleet' }),
    ).toHaveAttribute(
      'href',
      '/release-hub/fleet?tenant=tenant%3Adefault%2Fflareup',
    );
  });

  it("reads the fleet again when a rollout changes one of the tenant's installations", async () => {
    const signals = fakeRolloutSignals();
    const api = await renderCard({ signals });
    await screen.findByRole('table', { name: 'Installed releases' });

    signals.publish({
      rolloutId: 'ro-9',
      releaseId: 'r-300',
      installationRefs: ['installation:default/initech-prod'],
    });
    expect(api.getFleet).toHaveBeenCalledTimes(1);

    signals.publish({
      rolloutId: 'ro-9',
      releaseId: 'r-300',
      installationRefs: ['installation:default/flareup-qa'],
    });
    await waitFor(() => expect(api.getFleet).toHaveBeenCalledTimes(2));
    expect(api.getFleet).toHaveBeenLastCalledWith({
      tenant: 'tenant:default/flareup',
    });
    expect(
      await screen.findByRole('table', { name: 'Installed releases' }),
    ).toBeInTheDocument();
  });

  it('says which installations never got a release', async () => {
    await renderCard({
      entity: {
        ...flareupTenant,
        metadata: { name: 'initech', namespace: 'default' },
      },
    });

    await screen.findByRole('table', { name: 'Installed releases' });
    expect(bodyRows()).toEqual([
      [
        'initech-prod',
        'production',
        '1.4.0core',
        '2 releases behind',
        '1.4.0Completed5 hours ago',
      ],
      [
        'initech-qa',
        'qa',
        '2.0.0core',
        '1 release behind',
        '2.0.0Completed5 hours ago',
      ],
      ['initech-dev', 'development', 'None yet', '—', 'Never rolled out'],
    ]);
  });

  it('says helpfully when no release was rolled out to the tenant yet', async () => {
    const fleet = fleetView();
    fleet.installations = fleet.installations
      .filter(i => i.tenantRef === 'tenant:default/flareup')
      .map(i => ({
        ...i,
        release: undefined,
        lastRollout: undefined,
        applications: {},
      }));
    fleet.releases = [];
    await renderCard({ api: fakeDeploymentsApi({ fleet }) });

    expect(
      await screen.findByText(
        /^No release has been rolled out to this tenant yet/,
      ),
    ).toBeInTheDocument();
    expect(bodyRows()).toHaveLength(3);
    expect(screen.getAllByText('Never rolled out')).toHaveLength(3);
  });

  it('says so when the hub knows no installation of the tenant', async () => {
    await renderCard({
      entity: {
        ...flareupTenant,
        metadata: { name: 'umbrella', namespace: 'default' },
      },
    });

    expect(
      await screen.findByText(
        /^The hub knows no installation of this tenant yet/,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it("shows the server's message when the fleet cannot be loaded", async () => {
    const api = fakeDeploymentsApi();
    api.getFleet.mockRejectedValue(
      await responseError(400, 'InputError', 'Unknown tenant flareup'),
    );
    await renderCard({ api });

    expect(
      await screen.findByText(
        "Could not load the releases of this tenant's installations: Unknown tenant flareup",
      ),
    ).toBeInTheDocument();
  });

  it('shows versions as text when the app does not mount the hub', async () => {
    await renderCard({ mountHub: false });

    await screen.findByRole('table', { name: 'Installed releases' });
    expect(screen.getAllByText('2.0.0')).not.toHaveLength(0);
    expect(
      screen.queryByRole('link', { name: '2.0.0' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: 'Open the fleet' }),
    ).not.toBeInTheDocument();
  });

  it('renders nothing for an entity that is not a tenant', async () => {
    const api = await renderCard({ entity: flareupProd });

    expect(screen.queryByText('Installed releases')).not.toBeInTheDocument();
    expect(api.getFleet).not.toHaveBeenCalled();
  });
});
