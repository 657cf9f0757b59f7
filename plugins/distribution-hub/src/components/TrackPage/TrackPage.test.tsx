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
  makeRelease,
  makeTrack,
  renderWithHub,
  responseError,
} from '../TracksTab/__testUtils__/fakeHub';
import { formatExactTime } from './RelativeTime';
import { TrackPage } from './TrackPage';

const shopfront = makeTrack('shopfront', {
  title: 'Shopfront',
  description: 'The web shop sold to retailers',
  releaseCount: 3,
  latestVersion: '1.10.0',
});

const threeDaysAgo = new Date(Date.now() - 3 * 24 * 3600 * 1000).toISOString();

const releases = [
  makeRelease('shopfront', '1.9.0', {
    id: 'r-1-9',
    name: 'Summer',
    status: 'ready',
    applicationCount: 4,
    stageCount: 3,
    locked: true,
    createdBy: 'user:default/omar.haddad',
    createdAt: threeDaysAgo,
  }),
  makeRelease('shopfront', '1.10.0', {
    id: 'r-1-10',
    name: 'Autumn',
    applicationCount: 1,
    stageCount: 1,
  }),
  makeRelease('shopfront', '1.2.0', { id: 'r-1-2', status: 'rescinded' }),
  makeRelease('backoffice', '9.0.0', { id: 'other-track' }),
];

async function renderPage(
  options: {
    api?: ReturnType<typeof fakeHubApi>;
    permission?: 'allow' | 'deny';
    track?: string;
  } = {},
) {
  const api = options.api ?? fakeHubApi({ tracks: [shopfront], releases });
  await renderWithHub(
    <Routes>
      <Route path="/tracks/:track" element={<TrackPage />} />
      <Route
        path="/release-hub/releases/:id/:tab"
        element={<div>The release page</div>}
      />
    </Routes>,
    {
      api,
      permission: options.permission,
      routeEntries: [`/tracks/${options.track ?? 'shopfront'}`],
    },
  );
  return api;
}

function rowOf(text: string): HTMLElement {
  const row = screen.getByRole('link', { name: text }).closest('tr');
  if (!row) {
    throw new Error(`no table row holds ${text}`);
  }
  return row;
}

describe('TrackPage', () => {
  // Material-UI tables and dialogs render slowly on a busy machine.
  jest.setTimeout(20_000);
  // Type without pauses between keys; debounced search still waits.
  let user: ReturnType<typeof userEvent.setup>;
  beforeEach(() => {
    user = userEvent.setup({ delay: null });
  });

  it('shows the track and its releases, newest version first', async () => {
    const api = await renderPage();

    expect(
      await screen.findByRole('heading', { name: 'Shopfront' }),
    ).toBeInTheDocument();
    expect(screen.getByText('shopfront')).toBeInTheDocument();
    expect(
      screen.getByText('The web shop sold to retailers'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Release tracks' }),
    ).toHaveAttribute('href', '/release-hub/tracks');
    expect(api.getTrack).toHaveBeenCalledWith('shopfront');
    expect(api.listReleases).toHaveBeenCalledWith('shopfront');

    const versionLinks = await screen.findAllByRole('link', {
      name: /^\d+\.\d+\.\d+$/,
    });
    expect(versionLinks.map(link => link.textContent)).toEqual([
      '1.10.0',
      '1.9.0',
      '1.2.0',
    ]);
    expect(versionLinks[1]).toHaveAttribute(
      'href',
      '/release-hub/releases/r-1-9/overview',
    );

    const summer = within(rowOf('1.9.0'));
    expect(summer.getByText('Summer')).toBeInTheDocument();
    expect(summer.getByText('Ready for release')).toBeInTheDocument();
    expect(summer.getByText('4 applications in 3 stages')).toBeInTheDocument();
    expect(summer.getByTitle('Requirements locked')).toBeInTheDocument();
    expect(summer.getByRole('link', { name: 'omar.haddad' })).toHaveAttribute(
      'href',
      '/catalog/default/user/omar.haddad',
    );
    const created = summer.getByText('3 days ago');
    expect(created).toHaveAttribute('datetime', threeDaysAgo);
    expect(created).toHaveAttribute('title', formatExactTime(threeDaysAgo));

    const autumn = within(rowOf('1.10.0'));
    expect(autumn.getByText('1 application in 1 stage')).toBeInTheDocument();
    expect(autumn.queryByTitle('Requirements locked')).not.toBeInTheDocument();
    expect(autumn.getByText('Draft')).toBeInTheDocument();

    const rescinded = within(rowOf('1.2.0'));
    expect(rescinded.getByText('No applications yet')).toBeInTheDocument();
    expect(rescinded.getByText('Rescinded')).toBeInTheDocument();

    for (const column of [
      'Version',
      'Name',
      'Status',
      'Requirements',
      'Created by',
      'Created',
    ]) {
      expect(
        screen.getByRole('columnheader', { name: column }),
      ).toBeInTheDocument();
    }
    expect(screen.queryByText('9.0.0')).not.toBeInTheDocument();
  });

  it('says so clearly when there is no such track', async () => {
    await renderPage({ track: 'nope' });

    expect(
      await screen.findByText('No release track named “nope”'),
    ).toBeInTheDocument();
    // A link styled as a button.
    expect(
      screen.getByRole('button', { name: 'All release tracks' }),
    ).toHaveAttribute('href', '/release-hub/tracks');
    expect(
      screen.queryByRole('button', { name: 'New release' }),
    ).not.toBeInTheDocument();
  });

  it("shows the server's message when the track cannot be loaded", async () => {
    const api = fakeHubApi({ tracks: [shopfront], releases });
    api.getTrack.mockRejectedValueOnce(
      await responseError(500, 'Error', 'The database is unavailable'),
    );
    await renderPage({ api });

    expect(
      await screen.findByText(
        /Could not load the release track shopfront: The database is unavailable/,
      ),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(
      await screen.findByRole('heading', { name: 'Shopfront' }),
    ).toBeInTheDocument();
  });

  it("shows the server's message when the releases cannot be loaded", async () => {
    const api = fakeHubApi({ tracks: [shopfront], releases });
    api.listReleases.mockRejectedValueOnce(
      await responseError(503, 'ServiceUnavailableError', 'Try again later'),
    );
    await renderPage({ api });

    expect(
      await screen.findByText(/Could not load the releases: Try again later/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'Shopfront' }),
    ).toBeInTheDocument();
  });

  it('says so when the track has no releases yet', async () => {
    await renderPage({ api: fakeHubApi({ tracks: [shopfront] }) });

    expect(
      await screen.findByText(/This track has no releases yet/),
    ).toBeInTheDocument();
    expect(screen.getByText('Releases (0)')).toBeInTheDocument();
  });

  it('edits the title and description of the track', async () => {
    const api = await renderPage();
    await screen.findByRole('heading', { name: 'Shopfront' });

    await user.click(screen.getByRole('button', { name: 'Edit' }));
    const dialog = screen.getByRole('dialog', {
      name: 'Edit release track shopfront',
    });
    const title = within(dialog).getByRole('textbox', { name: /^Title/ });
    await user.clear(title);
    await user.type(title, 'Shopfront Classic');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    expect(
      await screen.findByRole('heading', { name: 'Shopfront Classic' }),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(api.updateTrack).toHaveBeenCalledWith('shopfront', {
      title: 'Shopfront Classic',
      description: 'The web shop sold to retailers',
    });
  });

  it('creates a release as a clone of the newest and opens its page', async () => {
    const api = await renderPage();
    await screen.findByRole('link', { name: '1.10.0' });

    await user.click(screen.getByRole('button', { name: 'New release' }));
    const dialog = screen.getByRole('dialog', {
      name: 'New release in shopfront',
    });
    await user.type(
      within(dialog).getByRole('textbox', { name: /^Version/ }),
      '1.11.0',
    );
    await user.click(
      within(dialog).getByRole('radio', { name: 'Clone a release' }),
    );
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));

    expect(await screen.findByText('The release page')).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent(
      '/release-hub/releases/new-1.11.0/overview',
    );
    expect(api.createRelease).toHaveBeenCalledWith('shopfront', {
      version: '1.11.0',
      name: '1.11.0',
      cloneFrom: 'r-1-10',
    });
  });
});
