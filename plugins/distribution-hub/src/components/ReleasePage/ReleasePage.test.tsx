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
import { Route, Routes } from 'react-router-dom';
import {
  CurrentPath,
  fakeHubApi,
  lockedRelease,
  makeRelease,
  renderWithHub,
  responseError,
} from './__testUtils__/releases';
import { ReleasePage } from './ReleasePage';

jest.mock('../RequirementsEditor', () => ({
  RequirementsEditor: (props: {
    release: Release;
    onChange(release: Release): void;
  }) => (
    <div>
      requirements editor
      <button
        onClick={() =>
          props.onChange({
            ...props.release,
            locked: true,
            lockedBy: 'user:default/jane.doe',
            lockedAt: new Date().toISOString(),
            revision: props.release.revision + 1,
          })
        }
      >
        Fake lock
      </button>
    </div>
  ),
}));

jest.mock('../RolloutsTab', () => ({
  RolloutsTab: (props: { release: Release }) => (
    <div>rollouts of {props.release.version}</div>
  ),
}));

// The page renders the whole overview; allow for a busy machine.
jest.setTimeout(15_000);

async function renderPage(
  path: string,
  api: ReturnType<typeof fakeHubApi> = fakeHubApi(makeRelease()),
) {
  await renderWithHub(
    <>
      <Routes>
        <Route
          path="/release-hub/releases/:releaseId/:tab"
          element={<ReleasePage />}
        />
      </Routes>
      <CurrentPath />
    </>,
    { api, routeEntries: [path] },
  );
  return api;
}

function currentPath() {
  return screen.getByTestId('current-path').textContent;
}

function header() {
  return screen.getByRole('banner');
}

describe('ReleasePage', () => {
  it('shows the release with a link back to its track', async () => {
    const api = await renderPage(
      '/release-hub/releases/rel-140/overview',
      fakeHubApi(lockedRelease('ready')),
    );

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Release 1.4.0' }),
    ).toBeInTheDocument();
    expect(api.getRelease).toHaveBeenCalledWith('rel-140');
    expect(
      within(header()).getByRole('link', { name: 'payments' }),
    ).toHaveAttribute('href', '/release-hub/tracks/payments');
    expect(
      within(header()).getByRole('link', { name: 'Release tracks' }),
    ).toHaveAttribute('href', '/release-hub/tracks');
    expect(header()).toHaveTextContent('Spring release');
    expect(within(header()).getByText('Ready for release')).toBeInTheDocument();
    await userEvent.hover(within(header()).getByText('Locked'));
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'The requirements are locked by user:default/omar.haddad on',
    );
  });

  it('has no Locked indicator while the requirements are unlocked', async () => {
    await renderPage('/release-hub/releases/rel-140/overview');

    await screen.findByRole('heading', { level: 1, name: 'Release 1.4.0' });
    expect(within(header()).getByText('Draft')).toBeInTheDocument();
    expect(within(header()).queryByText('Locked')).not.toBeInTheDocument();
  });

  it('selects the tab from the URL and switches tabs by URL', async () => {
    const api = await renderPage('/release-hub/releases/rel-140/overview');

    const overview = await screen.findByRole('tab', { name: 'Overview' });
    expect(overview).toHaveAttribute('aria-selected', 'true');
    expect(overview).toHaveAttribute(
      'href',
      '/release-hub/releases/rel-140/overview',
    );
    expect(
      screen.getByRole('tabpanel', { name: 'Overview' }),
    ).toHaveTextContent('Release notes');

    await userEvent.click(screen.getByRole('tab', { name: 'History' }));

    expect(currentPath()).toBe('/release-hub/releases/rel-140/history');
    expect(screen.getByRole('tab', { name: 'History' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(screen.getByRole('tab', { name: 'Overview' })).toHaveAttribute(
      'aria-selected',
      'false',
    );
    expect(
      await screen.findByText('No changes recorded yet.'),
    ).toBeInTheDocument();
    expect(api.getReleaseHistory).toHaveBeenCalledWith('rel-140');

    await userEvent.click(screen.getByRole('tab', { name: 'Requirements' }));

    expect(currentPath()).toBe('/release-hub/releases/rel-140/requirements');
    expect(
      screen.getByRole('tabpanel', { name: 'Requirements' }),
    ).toHaveTextContent('requirements editor');
    // Switching tabs does not load the release again.
    expect(api.getRelease).toHaveBeenCalledTimes(1);
  });

  it('opens a tab straight from its URL', async () => {
    await renderPage('/release-hub/releases/rel-140/requirements');

    expect(
      await screen.findByRole('tab', { name: 'Requirements' }),
    ).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByText('requirements editor')).toBeInTheDocument();
    expect(screen.queryByText('Release notes')).not.toBeInTheDocument();
  });

  it('has a Rollouts tab at its own URL', async () => {
    await renderPage('/release-hub/releases/rel-140/rollouts');

    const rollouts = await screen.findByRole('tab', { name: 'Rollouts' });
    expect(rollouts).toHaveAttribute('aria-selected', 'true');
    expect(rollouts).toHaveAttribute(
      'href',
      '/release-hub/releases/rel-140/rollouts',
    );
    expect(screen.getAllByRole('tab').map(tab => tab.textContent)).toEqual([
      'Overview',
      'Requirements',
      'Rollouts',
      'History',
    ]);
    expect(
      screen.getByRole('tabpanel', { name: 'Rollouts' }),
    ).toHaveTextContent('rollouts of 1.4.0');
  });

  it('sends an unknown tab to the overview', async () => {
    await renderPage('/release-hub/releases/rel-140/nonsense');

    expect(
      await screen.findByRole('tab', { name: 'Overview' }),
    ).toHaveAttribute('aria-selected', 'true');
    expect(currentPath()).toBe('/release-hub/releases/rel-140/overview');
  });

  it('keeps the latest release after a change in a tab', async () => {
    await renderPage('/release-hub/releases/rel-140/requirements');

    await userEvent.click(
      await screen.findByRole('button', { name: 'Fake lock' }),
    );
    expect(within(header()).getByText('Locked')).toBeInTheDocument();

    // The overview now sees the locked release: the draft can be ready.
    await userEvent.click(screen.getByRole('tab', { name: 'Overview' }));
    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: 'Ready for release' }),
      ).toBeEnabled(),
    );
  });

  it('updates the header after a status change', async () => {
    const api = await renderPage(
      '/release-hub/releases/rel-140/overview',
      fakeHubApi(lockedRelease('ready')),
    );

    await userEvent.click(
      await screen.findByRole('button', { name: 'Put on hold' }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Confirm' }));

    await waitFor(() =>
      expect(within(header()).getByText('On hold')).toBeInTheDocument(),
    );
    expect(api.setReleaseStatus).toHaveBeenCalledWith('rel-140', 'on-hold', {
      revision: 7,
    });
    expect(screen.getByRole('button', { name: 'Resume' })).toBeInTheDocument();
  });

  it('shows progress while the release loads', async () => {
    const api = fakeHubApi(makeRelease());
    api.getRelease.mockReturnValue(new Promise(() => {}));
    await renderPage('/release-hub/releases/rel-140/overview', api);

    expect(screen.getByTestId('progress')).toBeInTheDocument();
    expect(screen.queryByRole('tab')).not.toBeInTheDocument();
  });

  it('says when there is no such release', async () => {
    await renderPage('/release-hub/releases/nope/overview');

    expect(await screen.findByText('Release not found')).toBeInTheDocument();
    expect(
      screen.getByText(/There is no release with ID nope/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Back to release tracks' }),
    ).toHaveAttribute('href', '/release-hub/tracks');
    expect(screen.queryByRole('tab')).not.toBeInTheDocument();
  });

  it('shows other errors and loads again on request', async () => {
    const api = fakeHubApi(makeRelease());
    api.getRelease.mockRejectedValueOnce(
      await responseError(500, 'database unavailable'),
    );
    await renderPage('/release-hub/releases/rel-140/overview', api);

    expect(
      await screen.findByText(/Could not load the release/),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Release 1.4.0' }),
    ).toBeInTheDocument();
    expect(api.getRelease).toHaveBeenCalledTimes(2);
  });
});
