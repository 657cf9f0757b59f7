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

import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import {
  fakeHubApi,
  makeRelease,
  makeTrack,
  renderWithHub,
} from '../TracksTab/__testUtils__/fakeHub';
import { TrackPage } from './TrackPage';

// In a file of its own: permission decisions are cached per test file, so a
// policy that allows everything in another test would linger here.

describe('TrackPage under a policy that denies everything', () => {
  it('disables Edit and New release and says why', async () => {
    await renderWithHub(
      <Routes>
        <Route path="/tracks/:track" element={<TrackPage />} />
      </Routes>,
      {
        api: fakeHubApi({
          tracks: [makeTrack('shopfront', { title: 'Shopfront' })],
          releases: [makeRelease('shopfront', '1.0.0')],
        }),
        permission: 'deny',
        routeEntries: ['/tracks/shopfront'],
      },
    );
    await screen.findByRole('link', { name: '1.0.0' });

    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Edit' })).toBeDisabled(),
    );
    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: 'New release' }),
      ).toBeDisabled(),
    );

    act(() => {
      fireEvent.mouseOver(
        screen.getByRole('button', { name: 'Edit' }).parentElement!,
      );
    });
    expect(
      await screen.findByText(
        'You do not have permission to edit release tracks',
      ),
    ).toBeInTheDocument();
    act(() => {
      fireEvent.mouseOver(
        screen.getByRole('button', { name: 'New release' }).parentElement!,
      );
    });
    expect(
      await screen.findByText('You do not have permission to create releases'),
    ).toBeInTheDocument();
  });
});
