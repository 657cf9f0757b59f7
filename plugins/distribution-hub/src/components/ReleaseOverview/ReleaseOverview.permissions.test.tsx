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
import {
  fakeHubApi,
  lockedRelease,
  renderWithHub,
} from '../ReleasePage/__testUtils__/releases';
import { ReleaseOverview } from './ReleaseOverview';

// In a file of its own: permission decisions are cached per test file.
describe('ReleaseOverview under a deny policy', () => {
  it('disables saving and status changes, saying why', async () => {
    const release = lockedRelease('ready');
    await renderWithHub(
      <ReleaseOverview release={release} onChange={jest.fn()} />,
      { api: fakeHubApi(release), permission: 'deny' },
    );

    const save = screen.getByRole('button', { name: 'Save' });
    await waitFor(() =>
      expect(save.parentElement).toHaveAttribute(
        'title',
        'You do not have permission to edit releases',
      ),
    );
    expect(save).toBeDisabled();
    // The notes are shown, not offered for editing.
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
    expect(
      await screen.findByRole('heading', { name: 'Highlights' }),
    ).toBeInTheDocument();

    const hold = screen.getByRole('button', { name: 'Put on hold' });
    expect(hold).toBeDisabled();
    await userEvent.hover(hold.parentElement!);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'You do not have permission to change the status of releases',
    );
  });
});
