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
import { Release } from '@sdh/plugin-distribution-hub-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes, useLocation } from 'react-router-dom';
import { RolloutsTab } from './RolloutsTab';
import {
  fakeRolloutApi,
  liveTargets,
  lockedRelease,
  makeRelease,
  makeRollout,
  renderRollouts,
  TestSignalApi,
} from './__testUtils__/rollouts';

jest.setTimeout(30_000);

function CurrentLocation() {
  const location = useLocation();
  return (
    <div data-testid="location">{location.pathname + location.search}</div>
  );
}

async function renderTab(
  options: {
    release?: Release;
    api?: ReturnType<typeof fakeRolloutApi>;
    signals?: TestSignalApi;
    path?: string;
  } = {},
) {
  const api = options.api ?? fakeRolloutApi();
  const signals = options.signals ?? new TestSignalApi();
  await renderRollouts(
    <>
      <Routes>
        <Route
          path="/release-hub/releases/:releaseId/rollouts"
          element={
            <RolloutsTab
              release={options.release ?? lockedRelease('ready')}
              refreshIntervalMs={0}
            />
          }
        />
      </Routes>
      <CurrentLocation />
    </>,
    {
      api,
      signals,
      routeEntries: [options.path ?? '/release-hub/releases/rel-140/rollouts'],
    },
  );
  return { api, signals };
}

const earlier = makeRollout([], {
  id: 'ro-0',
  status: 'cancelled',
  createdAt: '2026-11-01T09:00:00.000Z',
  createdBy: 'user:default/omar.haddad',
  counts: {
    pending: 0,
    ongoing: 0,
    completed: 1,
    failed: 0,
    cancelled: 2,
    'rolled-back': 0,
  },
  total: 3,
});

function history() {
  return screen.getByRole('table', { name: 'Rollout history' });
}

describe('RolloutsTab', () => {
  it('shows the latest rollout live, and the history', async () => {
    const api = fakeRolloutApi({
      rollouts: [makeRollout(liveTargets()), earlier],
    });
    await renderTab({ api });

    expect(
      await screen.findByRole('row', { name: /^Flareup Prod/ }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('2 rollouts of release 1.4.0.'),
    ).toBeInTheDocument();
    const rows = within(history()).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveAttribute('aria-current', 'true');
    expect(rows[0]).toHaveTextContent(/\(shown\)jane\.doeRunning2 of 4/);
    expect(rows[1]).toHaveTextContent(/omar\.haddadCancelled3 of 3/);
    expect(api.listRollouts).toHaveBeenCalledWith('rel-140');
  });

  it('shows an earlier rollout when chosen, in the URL', async () => {
    const api = fakeRolloutApi({
      rollouts: [makeRollout(liveTargets()), earlier],
    });
    await renderTab({ api });
    await screen.findByRole('row', { name: /^Flareup Prod/ });

    const [, , second] = within(history()).getAllByRole('row');
    await userEvent.click(within(second).getByRole('button'));

    expect(screen.getByTestId('location')).toHaveTextContent(
      '/release-hub/releases/rel-140/rollouts?rollout=ro-0',
    );
    await waitFor(() =>
      expect(api.listRolloutTargets).toHaveBeenLastCalledWith(
        'ro-0',
        expect.anything(),
      ),
    );
    const section = screen.getByRole('region', { name: 'Rollout' });
    expect(section).toHaveTextContent('by omar.haddad');
    expect(
      within(section).getByRole('button', { name: 'Cancelled 2' }),
    ).toBeInTheDocument();
    // Nothing to pause or cancel any more.
    expect(
      within(section).queryByRole('button', { name: 'Pause' }),
    ).not.toBeInTheDocument();
  });

  it('opens the rollout named in the URL', async () => {
    const api = fakeRolloutApi({
      rollouts: [makeRollout(liveTargets()), earlier],
    });
    await renderTab({
      api,
      path: '/release-hub/releases/rel-140/rollouts?rollout=ro-0',
    });

    await waitFor(() => expect(api.getRollout).toHaveBeenCalledWith('ro-0'));
    expect(within(history()).getAllByRole('row')[2]).toHaveAttribute(
      'aria-current',
      'true',
    );
  });

  it('starts a rollout and shows it', async () => {
    const api = fakeRolloutApi({ rollouts: [] });
    await renderTab({ api });

    expect(await screen.findByText('No rollouts yet')).toBeInTheDocument();
    const start = screen.getByRole('button', { name: 'Start rollout' });
    await waitFor(() => expect(start).toBeEnabled());
    await userEvent.click(start);

    const dialog = screen.getByRole('dialog', {
      name: 'Start rollout of release 1.4.0',
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Preview' }),
    );
    await within(dialog).findByRole('region', { name: 'Rollout preview' });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Confirm and start' }),
    );

    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(api.startRollout).toHaveBeenCalledWith(
      'rel-140',
      expect.objectContaining({ targets: {} }),
    );
    expect(screen.getByTestId('location')).toHaveTextContent('?rollout=ro-new');
    expect(
      await screen.findByRole('region', { name: 'Rollout' }),
    ).toBeInTheDocument();
    expect(within(history()).getAllByRole('row')).toHaveLength(2);
  });

  it.each([
    [
      'Only a release that is Ready for release can be rolled out',
      makeRelease(),
    ],
    ['The release is on hold; resume it first', lockedRelease('on-hold')],
    ['The release is rescinded', lockedRelease('rescinded')],
    ['Lock the requirements first', makeRelease({ status: 'ready' })],
  ])('cannot start a rollout: "%s"', async (reason, release) => {
    await renderTab({ release, api: fakeRolloutApi({ rollouts: [] }) });

    const start = await screen.findByRole('button', { name: 'Start rollout' });
    expect(start).toBeDisabled();
    await userEvent.hover(start.parentElement!);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(reason);
  });

  it('reads the list again when a signal tells of a rollout it does not know', async () => {
    const api = fakeRolloutApi({ rollouts: [] });
    const { signals } = await renderTab({ api });
    await screen.findByText('No rollouts yet');

    // Someone else starts one.
    api.rollouts = [makeRollout(liveTargets())];
    signals.publish({ rolloutId: 'ro-1', releaseId: 'rel-140' });

    expect(
      await screen.findByRole('row', { name: /^Flareup Prod/ }),
    ).toBeInTheDocument();
    expect(api.listRollouts).toHaveBeenCalledTimes(2);

    // A signal about another release's rollout is not this tab's.
    signals.publish({ rolloutId: 'ro-9', releaseId: 'rel-999' });
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(api.listRollouts).toHaveBeenCalledTimes(2);
  });

  it('offers to try again when the rollouts cannot be read', async () => {
    const api = fakeRolloutApi();
    api.listRollouts.mockRejectedValueOnce(new Error('database unavailable'));
    await renderTab({ api });

    expect(
      await screen.findByText(/Could not load the rollouts/),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(
      await screen.findByRole('row', { name: /^Flareup Prod/ }),
    ).toBeInTheDocument();
  });
});
