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
import { Route, Routes } from 'react-router-dom';
import {
  fakeHubApi,
  makeTrack,
  manyTracks,
  renderWithHub,
  responseError,
} from './__testUtils__/fakeHub';
import { TRACK_SEARCH_DEBOUNCE_MS, TracksTab } from './TracksTab';

// The search waits for typing to pause; give it room on a busy machine.
const SEARCH_WAIT_MS = TRACK_SEARCH_DEBOUNCE_MS + 3000;

const shopfront = makeTrack('shopfront', {
  title: 'Shopfront',
  description: 'The web shop sold to retailers',
  releaseCount: 3,
  latestVersion: '2.1.0',
});
const backoffice = makeTrack('backoffice', {
  title: 'Back Office',
  releaseCount: 0,
});

function renderTab(
  api = fakeHubApi({ tracks: [shopfront, backoffice] }),
  permission: 'allow' | 'deny' = 'allow',
) {
  return renderWithHub(
    <Routes>
      <Route path="/release-hub/tracks" element={<TracksTab />} />
      <Route
        path="/release-hub/tracks/:track"
        element={<div>The track page</div>}
      />
    </Routes>,
    { api, permission, routeEntries: ['/release-hub/tracks'] },
  );
}

function rowOf(text: string): HTMLElement {
  const row = screen.getByText(text).closest('tr');
  if (!row) {
    throw new Error(`no table row holds ${text}`);
  }
  return row;
}

describe('TracksTab', () => {
  // Material-UI tables and dialogs render slowly on a busy machine.
  jest.setTimeout(20_000);
  // Type without pauses between keys; debounced search still waits.
  let user: ReturnType<typeof userEvent.setup>;
  beforeEach(() => {
    user = userEvent.setup({ delay: null });
  });

  it('lists the tracks with a link, ID, release count, latest version and description', async () => {
    const api = fakeHubApi({ tracks: [shopfront, backoffice] });
    await renderTab(api);

    expect(
      await screen.findByRole('link', { name: 'Shopfront' }),
    ).toHaveAttribute('href', '/release-hub/tracks/shopfront');
    const row = within(rowOf('shopfront'));
    expect(row.getByText('3')).toBeInTheDocument();
    expect(row.getByText('2.1.0')).toBeInTheDocument();
    expect(row.getByText('The web shop sold to retailers')).toBeInTheDocument();

    const other = within(rowOf('backoffice'));
    expect(other.getByRole('link', { name: 'Back Office' })).toHaveAttribute(
      'href',
      '/release-hub/tracks/backoffice',
    );
    expect(other.getByText('0')).toBeInTheDocument();
    expect(other.getByText('—')).toBeInTheDocument();

    for (const column of [
      'Title',
      'ID',
      'Releases',
      'Latest version',
      'Description',
    ]) {
      expect(
        screen.getByRole('columnheader', { name: column }),
      ).toBeInTheDocument();
    }
    expect(screen.getByText('Release tracks (2)')).toBeInTheDocument();
    expect(api.listTracks).toHaveBeenCalledTimes(1);
    expect(api.listTracks).toHaveBeenCalledWith({ limit: 20 });
  });

  it('searches on the server once typing pauses', async () => {
    const api = fakeHubApi({ tracks: [shopfront, backoffice] });
    await renderTab(api);
    await screen.findByRole('link', { name: 'Shopfront' });

    await user.type(
      screen.getByRole('searchbox', { name: 'Search tracks' }),
      'back',
    );

    await waitFor(
      () =>
        expect(api.listTracks).toHaveBeenLastCalledWith({
          search: 'back',
          limit: 20,
        }),
      { timeout: SEARCH_WAIT_MS },
    );
    // One request for the whole word, not one per key stroke.
    expect(api.listTracks).toHaveBeenCalledTimes(2);
    await waitFor(() =>
      expect(
        screen.queryByRole('link', { name: 'Shopfront' }),
      ).not.toBeInTheDocument(),
    );
    expect(
      screen.getByRole('link', { name: 'Back Office' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Release tracks matching “back” (1)'),
    ).toBeInTheDocument();
  });

  it('says so when no track matches the search', async () => {
    await renderTab();
    await screen.findByRole('link', { name: 'Shopfront' });

    await user.type(
      screen.getByRole('searchbox', { name: 'Search tracks' }),
      'zzz',
    );

    expect(
      await screen.findByText(
        'No release tracks match “zzz”.',
        {},
        { timeout: SEARCH_WAIT_MS },
      ),
    ).toBeInTheDocument();
    // The search stays, so it can be changed.
    expect(
      screen.getByRole('searchbox', { name: 'Search tracks' }),
    ).toHaveValue('zzz');
  });

  it('pages through 500 tracks on the server, forward and back', async () => {
    const api = fakeHubApi({ tracks: manyTracks(500) });
    await renderTab(api);

    expect(await screen.findByText('track-001')).toBeInTheDocument();
    expect(screen.getByText('track-020')).toBeInTheDocument();
    expect(screen.queryByText('track-021')).not.toBeInTheDocument();
    expect(screen.getAllByText('1-20 of 500')[0]).toBeInTheDocument();
    // Only one page is rendered, however many tracks there are.
    expect(screen.getAllByRole('link', { name: /^Track \d+$/ })).toHaveLength(
      20,
    );

    await user.click(screen.getByRole('button', { name: 'Next Page' }));

    expect(await screen.findByText('track-021')).toBeInTheDocument();
    expect(screen.queryByText('track-001')).not.toBeInTheDocument();
    expect(screen.getAllByText('21-40 of 500')[0]).toBeInTheDocument();
    const secondCall = api.listTracks.mock.calls[1][0];
    expect(secondCall).toEqual({ limit: 20, cursor: expect.any(String) });

    await user.click(screen.getByRole('button', { name: 'Next Page' }));
    expect(await screen.findByText('track-041')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Previous Page' }));
    expect(await screen.findByText('track-021')).toBeInTheDocument();
    expect(api.listTracks).toHaveBeenLastCalledWith(secondCall);

    await user.click(screen.getByRole('button', { name: 'Previous Page' }));
    expect(await screen.findByText('track-001')).toBeInTheDocument();
    expect(api.listTracks).toHaveBeenLastCalledWith({ limit: 20 });
  });

  it('starts again from the first page when the search changes', async () => {
    const api = fakeHubApi({ tracks: manyTracks(60) });
    await renderTab(api);
    await screen.findByText('track-001');
    await user.click(screen.getByRole('button', { name: 'Next Page' }));
    await screen.findByText('track-021');

    await user.type(
      screen.getByRole('searchbox', { name: 'Search tracks' }),
      'track-05',
    );

    expect(
      await screen.findByText('track-050', {}, { timeout: SEARCH_WAIT_MS }),
    ).toBeInTheDocument();
    expect(api.listTracks).toHaveBeenLastCalledWith({
      search: 'track-05',
      limit: 20,
    });
    expect(screen.getAllByText('1-10 of 10')[0]).toBeInTheDocument();
  });

  it('offers to create the first track when there is none', async () => {
    await renderTab(fakeHubApi({ tracks: [] }));

    expect(
      await screen.findByText('No release tracks yet'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('searchbox', { name: 'Search tracks' }),
    ).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'New track' }));
    expect(
      screen.getByRole('dialog', { name: 'New release track' }),
    ).toBeInTheDocument();
  });

  it("shows the server's message when the tracks cannot be loaded, and retries", async () => {
    const api = fakeHubApi({ tracks: [shopfront] });
    api.listTracks.mockRejectedValueOnce(
      await responseError(500, 'Error', 'The database is unavailable'),
    );
    await renderTab(api);

    expect(
      await screen.findByText(
        /Could not load the release tracks: The database is unavailable/,
      ),
    ).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(
      await screen.findByRole('link', { name: 'Shopfront' }),
    ).toBeInTheDocument();
  });

  it('creates a track and opens its page', async () => {
    const api = fakeHubApi({ tracks: [shopfront] });
    await renderTab(api);
    await screen.findByRole('link', { name: 'Shopfront' });

    await user.click(screen.getByRole('button', { name: 'New track' }));
    const dialog = screen.getByRole('dialog', { name: 'New release track' });
    await user.type(
      within(dialog).getByRole('textbox', { name: /^ID/ }),
      'point-of-sale',
    );
    await user.type(
      within(dialog).getByRole('textbox', { name: 'Title' }),
      'Point of Sale',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));

    expect(await screen.findByText('The track page')).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent(
      '/release-hub/tracks/point-of-sale',
    );
    expect(api.createTrack).toHaveBeenCalledWith({
      name: 'point-of-sale',
      title: 'Point of Sale',
    });
  });

  it("shows the server's refusal of a taken ID in the dialog", async () => {
    await renderTab();
    await screen.findByRole('link', { name: 'Shopfront' });

    await user.click(screen.getByRole('button', { name: 'New track' }));
    const dialog = screen.getByRole('dialog', { name: 'New release track' });
    await user.type(
      within(dialog).getByRole('textbox', { name: /^ID/ }),
      'shopfront',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));

    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'A track named "shopfront" already exists',
    );
    expect(screen.getByTestId('location')).toHaveTextContent(
      /^\/release-hub\/tracks$/,
    );
  });
});
