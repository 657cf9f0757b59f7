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
import { Entity } from '@backstage/catalog-model';
import { InstallationRollout } from '@sdh/plugin-distribution-hub-common';
import {
  fakeDeploymentsApi,
  fakeRolloutSignals,
  flareupProdRollouts,
  hoursAgo,
} from '../../__testUtils__/deployments';
import {
  DeploymentsRenderOptions,
  renderEntityCard,
  tableBodyRows,
} from '../../__testUtils__/renderWithDeployments';
import { flareupProd, flareupTenant } from '../../testUtils/entities';
import { responseError } from '../TenantsTab/__testUtils__/tenantsHub';
import { InstallationRolloutsCard } from './InstallationRolloutsCard';

function renderCard(
  options: DeploymentsRenderOptions & { entity?: Entity } = {},
) {
  return renderEntityCard(<InstallationRolloutsCard />, {
    ...options,
    entity: options.entity ?? flareupProd,
  });
}

/** The rows of the history below its header, as the cells' text. */
function historyRows() {
  return tableBodyRows('Rollout history');
}

describe('InstallationRolloutsCard', () => {
  it('lists the rollouts newest first with release, state, failure reason and times', async () => {
    const api = await renderCard();

    expect(
      await screen.findByRole('table', { name: 'Rollout history' }),
    ).toBeInTheDocument();
    expect(api.listInstallationRollouts).toHaveBeenCalledWith(
      'installation:default/flareup-prod',
    );
    expect(
      screen.getByRole('heading', { name: 'Rollout history' }),
    ).toBeInTheDocument();
    expect(historyRows()).toEqual([
      [
        '2.1.0core',
        'FailedStage 1 (Backend): payments on demo-eu / flareup-prod: ProgressDeadlineExceeded: image cannot start',
        '3 hours ago',
        '2 hours ago',
      ],
      ['2.0.0core', 'Completed', 'yesterday', 'yesterday'],
      ['1.4.0core', 'Completed', 'last month', 'last month'],
    ]);
    expect(screen.getByRole('link', { name: '2.1.0' })).toHaveAttribute(
      'href',
      '/release-hub/releases/r-210/rollouts',
    );
    expect(screen.getByRole('link', { name: '1.4.0' })).toHaveAttribute(
      'href',
      '/release-hub/releases/r-140/rollouts',
    );
  });

  it('shows a pending rollout with when it may start, and an ongoing one with what it does', async () => {
    const [failed] = flareupProdRollouts();
    const notBefore = '2026-12-05T02:00:00.000Z';
    const rollouts: InstallationRollout[] = [
      {
        ...failed,
        rolloutId: 'ro-5',
        releaseId: 'r-300',
        version: '3.0.0',
        target: {
          ...failed.target,
          state: 'pending',
          failure: undefined,
          startedAt: undefined,
          finishedAt: undefined,
          notBefore,
        },
      },
      {
        ...failed,
        rolloutId: 'ro-4',
        releaseId: 'r-220',
        version: '2.2.0',
        target: {
          ...failed.target,
          state: 'ongoing',
          failure: undefined,
          stage: 1,
          detail: 'Waiting for web to become healthy on demo-eu',
          startedAt: hoursAgo(0.5),
          finishedAt: undefined,
        },
      },
    ];
    await renderCard({ api: fakeDeploymentsApi({ rollouts }) });

    await screen.findByRole('table', { name: 'Rollout history' });
    const [pending, ongoing] = historyRows();
    expect(pending[1]).toBe('Yet to trigger');
    expect(pending[2]).toMatch(/^Not before .*2026/);
    expect(pending[3]).toBe('—');
    expect(ongoing).toEqual([
      '2.2.0core',
      'OngoingWaiting for web to become healthy on demo-eu',
      '30 minutes ago',
      '—',
    ]);
  });

  it('shows ten rollouts, then all of them on request', async () => {
    const [, completed] = flareupProdRollouts();
    const rollouts = Array.from({ length: 25 }, (_, i) => ({
      ...completed,
      rolloutId: `ro-${i}`,
      releaseId: `r-${i}`,
      version: `1.${25 - i}.0`,
    }));
    await renderCard({ api: fakeDeploymentsApi({ rollouts }) });

    await screen.findByRole('table', { name: 'Rollout history' });
    expect(historyRows()).toHaveLength(10);

    await userEvent.click(
      screen.getByRole('button', { name: 'Show all 25 rollouts' }),
    );
    expect(historyRows()).toHaveLength(25);
    expect(
      screen.queryByRole('button', { name: /Show all/ }),
    ).not.toBeInTheDocument();
  });

  it('reads the rollouts again when a rollout signals a change', async () => {
    const signals = fakeRolloutSignals();
    const api = fakeDeploymentsApi({ rollouts: [] });
    await renderCard({ api, signals });
    await screen.findByText(/^No rollout has reached this installation yet/);

    api.listInstallationRollouts.mockResolvedValue(flareupProdRollouts());
    // A rollout-wide change may touch every installation.
    signals.publish({
      rolloutId: 'ro-3',
      releaseId: 'r-210',
      status: 'running',
    });

    await waitFor(() => expect(historyRows()).toHaveLength(3));
    expect(api.listInstallationRollouts).toHaveBeenCalledTimes(2);
  });

  it('says helpfully when no rollout reached the installation yet', async () => {
    await renderCard({ api: fakeDeploymentsApi({ rollouts: [] }) });

    expect(
      await screen.findByText(
        'No rollout has reached this installation yet. Each release rolled out to it will be listed here with its outcome.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it("shows the server's message when the rollouts cannot be loaded", async () => {
    const api = fakeDeploymentsApi();
    api.listInstallationRollouts.mockRejectedValue(
      await responseError(403, 'NotAllowedError', 'You may not read rollouts'),
    );
    await renderCard({ api });

    expect(
      await screen.findByText(
        'Could not load the rollouts: You may not read rollouts',
      ),
    ).toBeInTheDocument();
  });

  it('shows versions as text when the app does not mount the hub', async () => {
    await renderCard({ mountHub: false });

    await screen.findByRole('table', { name: 'Rollout history' });
    expect(screen.getByText('2.1.0')).toBeInTheDocument();
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
  });

  it('renders nothing for an entity that is not an installation', async () => {
    const api = await renderCard({ entity: flareupTenant });

    expect(screen.queryByText('Rollout history')).not.toBeInTheDocument();
    expect(api.listInstallationRollouts).not.toHaveBeenCalled();
  });
});
