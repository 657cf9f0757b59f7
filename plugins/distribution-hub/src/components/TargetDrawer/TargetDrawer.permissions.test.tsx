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
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderDrawer } from './__testUtils__/drawer';

/*
 * Under a policy that denies controlling rollouts on some installations.
 * Kept apart from the other tests: permission decisions may be cached.
 */

describe('TargetDrawer without the rollout control permission', () => {
  it('disables Retry, saying why', async () => {
    const { api } = await renderDrawer('installation:default/flareup-qa', {
      permission: request =>
        'resourceRef' in request &&
        request.resourceRef === 'installation:default/flareup-qa'
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
    });

    const drawer = screen.getByRole('dialog', { name: 'Flareup QA' });
    const retry = within(drawer).getByRole('button', { name: 'Retry' });
    await waitFor(() => expect(retry).toBeDisabled());
    await userEvent.hover(retry.parentElement!);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'You do not have permission to retry installations of this rollout',
    );
    expect(api.retryTarget).not.toHaveBeenCalled();
  });
});
