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
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  fakeRolloutApi,
  FLEET,
  makeRollout,
  renderRollouts,
} from '../RolloutsTab/__testUtils__/rollouts';
import { RolloutControls } from './RolloutControls';

/*
 * Under a policy that denies controlling rollouts on one installation.
 * Kept apart from the other tests: permission decisions may be cached.
 */

describe('RolloutControls without the rollout control permission', () => {
  it('disables Pause and Cancel when one installation is not allowed', async () => {
    const rollout = makeRollout([]);
    await renderRollouts(
      <RolloutControls
        rollout={rollout}
        installationRefs={FLEET.map(i => i.installationRef)}
        onChange={jest.fn()}
      />,
      {
        api: fakeRolloutApi({ rollouts: [rollout] }),
        permission: request =>
          'resourceRef' in request &&
          request.resourceRef === 'installation:default/initech-qa'
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      },
    );

    const pause = screen.getByRole('button', { name: 'Pause' });
    const cancel = screen.getByRole('button', { name: 'Cancel rollout' });
    await waitFor(() => expect(pause).toBeDisabled());
    expect(cancel).toBeDisabled();
    await userEvent.hover(pause.parentElement!);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'You do not have permission to pause, resume or cancel this rollout',
    );
  });
});
