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
import userEvent from '@testing-library/user-event';
import { fakeHubApi, makeTrack, renderWithHub } from './__testUtils__/fakeHub';
import { TracksTab } from './TracksTab';

// In a file of its own: permission decisions are cached per test file, so a
// policy that allows everything in another test would linger here.

describe('TracksTab under a policy that denies everything', () => {
  // Material-UI tables and dialogs render slowly on a busy machine.
  jest.setTimeout(20_000);
  // Type without pauses between keys; debounced search still waits.
  let user: ReturnType<typeof userEvent.setup>;
  beforeEach(() => {
    user = userEvent.setup({ delay: null });
  });

  it('disables "New track" and says why', async () => {
    await renderWithHub(<TracksTab />, {
      api: fakeHubApi({
        tracks: [makeTrack('shopfront', { title: 'Shopfront' })],
      }),
      permission: 'deny',
    });
    await screen.findByRole('link', { name: 'Shopfront' });

    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'New track' })).toBeDisabled(),
    );
    const button = screen.getByRole('button', { name: 'New track' });

    // The tooltip sits on the wrapper, as a disabled button fires no events.
    act(() => {
      fireEvent.mouseOver(button.parentElement!);
    });
    expect(
      await screen.findByText(
        'You do not have permission to create release tracks',
      ),
    ).toBeInTheDocument();
    await user.click(button.parentElement!);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('disables "New track" in the empty state too', async () => {
    await renderWithHub(<TracksTab />, {
      api: fakeHubApi({ tracks: [] }),
      permission: 'deny',
    });

    expect(
      await screen.findByText('No release tracks yet'),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'New track' })).toBeDisabled(),
    );
  });
});
