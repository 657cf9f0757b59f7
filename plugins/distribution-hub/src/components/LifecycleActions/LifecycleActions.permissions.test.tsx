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

import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { releaseStatusChangePermission } from '@sdh/plugin-distribution-hub-common';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  fakeHubApi,
  lockedRelease,
  renderWithHub,
} from '../ReleasePage/__testUtils__/releases';
import { LifecycleActions } from './LifecycleActions';

// In a file of its own: permission decisions are cached per test file.
describe('LifecycleActions without the status change permission', () => {
  it('disables every action and says why', async () => {
    const release = lockedRelease('ready');
    const api = fakeHubApi(release);
    await renderWithHub(
      <LifecycleActions release={release} onChange={jest.fn()} />,
      {
        api,
        permission: request =>
          request.permission.name === releaseStatusChangePermission.name
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      },
    );

    for (const name of ['Put on hold', 'Rescind']) {
      const button = screen.getByRole('button', { name });
      await waitFor(() =>
        expect(button.parentElement).toHaveAttribute(
          'title',
          'You do not have permission to change the status of releases',
        ),
      );
      expect(button).toBeDisabled();
    }

    await userEvent.hover(
      screen.getByRole('button', { name: 'Rescind' }).parentElement!,
    );
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'You do not have permission to change the status of releases',
    );
    expect(api.setReleaseStatus).not.toHaveBeenCalled();
  });
});
