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
import { Entity } from '@backstage/catalog-model';
import {
  fakeDeploymentsApi,
  fakeRolloutSignals,
  flareupProdState,
} from '../../__testUtils__/deployments';
import {
  DeploymentsRenderOptions,
  renderEntityCard,
} from '../../__testUtils__/renderWithDeployments';
import {
  flareupProd,
  flareupQa,
  flareupTenant,
} from '../../testUtils/entities';
import { responseError } from '../TenantsTab/__testUtils__/tenantsHub';
import { InstallationDeployedCard } from './InstallationDeployedCard';

function renderCard(
  options: DeploymentsRenderOptions & { entity?: Entity } = {},
) {
  return renderEntityCard(<InstallationDeployedCard />, {
    ...options,
    entity: options.entity ?? flareupProd,
  });
}

function row(name: string) {
  return screen.getByRole('row', { name });
}

describe('InstallationDeployedCard', () => {
  it('shows per application and environment the released and the running image, with a drift badge', async () => {
    const api = await renderCard();

    const table = await screen.findByRole('table', {
      name: 'Deployed applications',
    });
    expect(api.getInstallationState).toHaveBeenCalledWith(
      'installation:default/flareup-prod',
    );
    expect(
      screen.getByRole('heading', { name: 'Deployed' }),
    ).toBeInTheDocument();

    // payments on demo-eu runs what was released.
    const paymentsEu = row(
      'component:default/payments on demo-eu / flareup-prod',
    );
    expect(
      within(paymentsEu).getAllByText('registry.example.com/payments:2.0.0'),
    ).toHaveLength(2);
    expect(within(paymentsEu).getByText('In sync')).toBeInTheDocument();
    expect(
      within(paymentsEu).getByRole('link', { name: 'Release 2.0.0' }),
    ).toHaveAttribute('href', '/release-hub/releases/r-200/overview');
    expect(within(paymentsEu).queryByText('Drift')).not.toBeInTheDocument();

    // web on demo-eu drifted to a debug image.
    const webEu = row('component:default/web on demo-eu / flareup-prod');
    expect(
      within(webEu).getByText('registry.example.com/web:2.0.0'),
    ).toBeInTheDocument();
    expect(
      within(webEu).getByText('registry.example.com/web:2.0.0-debug'),
    ).toBeInTheDocument();
    expect(within(webEu).getByText('Drift')).toBeInTheDocument();

    // One link per application, on its first environment's row.
    expect(
      within(table).getByRole('link', { name: 'payments' }),
    ).toHaveAttribute('href', '/catalog/default/component/payments');
    expect(within(table).getByRole('link', { name: 'web' })).toHaveAttribute(
      'href',
      '/catalog/default/component/web',
    );

    expect(
      screen.getByText(
        /^Drift: 1 application runs something the hub did not release/,
      ),
    ).toBeInTheDocument();
  });

  it('says clearly when a cluster cannot be read', async () => {
    await renderCard();

    const paymentsUs = await screen.findByRole('row', {
      name: 'component:default/payments on demo-us / flareup-prod-us',
    });
    expect(
      within(paymentsUs).getByText('Unknown: the cluster could not be read'),
    ).toBeInTheDocument();
    expect(within(paymentsUs).getByText('Unreadable')).toBeInTheDocument();
    expect(within(paymentsUs).queryByText('Drift')).not.toBeInTheDocument();
    // What was released there is still shown.
    expect(
      within(paymentsUs).getByText('registry.example.com/payments:2.0.0'),
    ).toBeInTheDocument();

    // One message per environment, with the reason.
    expect(
      screen.getByText(
        'Could not read the cluster demo-us (namespace flareup-prod-us): connect ECONNREFUSED 127.0.0.1:6444 (the cluster demo-us did not answer). What runs there is unknown.',
      ),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/^Could not read the cluster/)).toHaveLength(1);
    // Each row names its cluster, and its namespace below it.
    expect(within(paymentsUs).getByText('demo-us')).toBeInTheDocument();
    expect(within(paymentsUs).getByText('flareup-prod-us')).toBeInTheDocument();
  });

  it("shows the last rollout with its failure, linking to the release's Rollouts tab, and the next window", async () => {
    const api = await renderCard();

    expect(
      await screen.findByRole('link', { name: 'core 2.1.0' }),
    ).toHaveAttribute('href', '/release-hub/releases/r-210/rollouts');
    expect(api.listInstallationRollouts).toHaveBeenCalledWith(
      'installation:default/flareup-prod',
    );
    expect(screen.getByText('Failed')).toBeInTheDocument();
    expect(screen.getByText('2 hours ago')).toBeInTheDocument();
    expect(
      screen.getByText(
        'Stage 1 (Backend): payments on demo-eu / flareup-prod: ProgressDeadlineExceeded: image cannot start',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/^(Open now \(until .* your time\)|.* – .* your time)$/),
    ).toBeInTheDocument();
  });

  it('says the installation may change at any time when it has no windows', async () => {
    await renderCard({ entity: flareupQa });

    expect(
      await screen.findByText(
        'None: rollouts may change this installation at any time.',
      ),
    ).toBeInTheDocument();
  });

  it('says helpfully when nothing was rolled out yet', async () => {
    await renderCard({
      api: fakeDeploymentsApi({
        state: {
          installationRef: 'installation:default/flareup-prod',
          applications: [],
          drift: false,
        },
        rollouts: [],
      }),
    });

    expect(
      await screen.findByText(
        /^Nothing deployed yet: the hub has not put any application on this installation/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'None yet: no release has been rolled out to this installation.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Open the release tracks' }),
    ).toHaveAttribute('href', '/release-hub/tracks');
    expect(
      screen.queryByRole('table', { name: 'Deployed applications' }),
    ).not.toBeInTheDocument();
    expect(screen.queryByText(/^Drift/)).not.toBeInTheDocument();
  });

  it("shows an application the hub never deployed, and a workload's several images", async () => {
    const state = flareupProdState();
    state.applications = [
      {
        entityRef: 'component:default/reports',
        environment: { cluster: 'demo-eu', namespace: 'flareup-prod' },
        live: [
          {
            kind: 'Deployment',
            name: 'reports',
            container: 'app',
            image: 'registry.example.com/reports:0.9',
          },
          {
            kind: 'Deployment',
            name: 'reports',
            container: 'proxy',
            image: 'envoy:1.30',
          },
        ],
        drift: false,
      },
      {
        entityRef: 'component:default/web',
        environment: { cluster: 'demo-eu', namespace: 'flareup-prod' },
        intended: {
          image: 'registry.example.com/web:2.0.0',
          releaseId: 'r-200',
          version: '2.0.0',
          at: new Date().toISOString(),
        },
        live: [],
        drift: true,
      },
    ];
    state.drift = true;
    await renderCard({ api: fakeDeploymentsApi({ state }) });

    const reports = await screen.findByRole('row', {
      name: 'component:default/reports on demo-eu / flareup-prod',
    });
    expect(
      within(reports).getByText('Not deployed by the hub'),
    ).toBeInTheDocument();
    expect(
      within(reports).getByText(
        'Deployment/reports (app): registry.example.com/reports:0.9',
      ),
    ).toBeInTheDocument();
    expect(
      within(reports).getByText('Deployment/reports (proxy): envoy:1.30'),
    ).toBeInTheDocument();

    const web = row('component:default/web on demo-eu / flareup-prod');
    expect(within(web).getByText('No workload found')).toBeInTheDocument();
    expect(within(web).getByText('Drift')).toBeInTheDocument();
  });

  it('shows the server message when the state cannot be loaded, and the last rollout still', async () => {
    const api = fakeDeploymentsApi();
    api.getInstallationState.mockRejectedValue(
      await responseError(404, 'NotFoundError', 'No installation flareup-prod'),
    );
    await renderCard({ api });

    expect(
      await screen.findByText(
        'Could not load what is deployed: No installation flareup-prod',
      ),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('link', { name: 'core 2.1.0' }),
    ).toBeInTheDocument();
  });

  it('reads the clusters again on Refresh', async () => {
    const api = await renderCard();
    await screen.findByRole('table', { name: 'Deployed applications' });

    await userEvent.click(
      screen.getByRole('button', { name: 'Refresh what is deployed' }),
    );

    await waitFor(() =>
      expect(api.getInstallationState).toHaveBeenCalledTimes(2),
    );
    expect(api.listInstallationRollouts).toHaveBeenCalledTimes(2);
    expect(
      await screen.findByRole('table', { name: 'Deployed applications' }),
    ).toBeInTheDocument();
  });

  it('reads the installation again when a rollout signals a change to it', async () => {
    const signals = fakeRolloutSignals();
    const api = await renderCard({ signals });
    await screen.findByRole('table', { name: 'Deployed applications' });
    expect(api.getInstallationState).toHaveBeenCalledTimes(1);

    signals.publish({
      rolloutId: 'ro-9',
      releaseId: 'r-300',
      installationRefs: ['installation:default/flareup-qa'],
    });
    expect(api.getInstallationState).toHaveBeenCalledTimes(1);

    signals.publish({
      rolloutId: 'ro-9',
      releaseId: 'r-300',
      installationRefs: [
        'installation:default/flareup-qa',
        'installation:default/flareup-prod',
      ],
    });
    await waitFor(() =>
      expect(api.getInstallationState).toHaveBeenCalledTimes(2),
    );
    expect(api.listInstallationRollouts).toHaveBeenCalledTimes(2);
  });

  it('shows text instead of hub links when the app does not mount the hub', async () => {
    await renderCard({ mountHub: false });

    expect(await screen.findByText('core 2.1.0')).toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: 'core 2.1.0' }),
    ).not.toBeInTheDocument();
    expect(screen.getAllByText(/^Release 2\.0\.0/)).not.toHaveLength(0);
    expect(
      screen.queryByRole('link', { name: 'Release 2.0.0' }),
    ).not.toBeInTheDocument();
  });

  it('renders nothing for an entity that is not an installation', async () => {
    const api = await renderCard({ entity: flareupTenant });

    expect(screen.queryByText('Deployed')).not.toBeInTheDocument();
    expect(api.getInstallationState).not.toHaveBeenCalled();
    expect(api.listInstallationRollouts).not.toHaveBeenCalled();
  });
});
