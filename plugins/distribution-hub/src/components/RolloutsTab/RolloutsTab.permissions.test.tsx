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
import { RolloutsTab } from './RolloutsTab';
import {
  fakeRolloutApi,
  lockedRelease,
  PermissionPolicy,
  renderRollouts,
} from './__testUtils__/rollouts';

/*
 * Under policies that deny starting rollouts. Kept apart from the other
 * tests: permission decisions may be cached.
 */

async function renderTab(permission: PermissionPolicy) {
  await renderRollouts(
    <RolloutsTab release={lockedRelease('ready')} refreshIntervalMs={0} />,
    { api: fakeRolloutApi({ rollouts: [] }), permission },
  );
  return screen.findByRole('button', { name: 'Start rollout' });
}

describe('RolloutsTab without the rollout create permission', () => {
  it('keeps Start rollout disabled until the installations to ask about are read', async () => {
    let readCatalog: (value: { items: [] }) => void = () => {};
    await renderRollouts(
      <RolloutsTab release={lockedRelease('ready')} refreshIntervalMs={0} />,
      {
        api: fakeRolloutApi({ rollouts: [] }),
        permission: 'deny',
        catalogApi: {
          getEntities: () => new Promise(r => (readCatalog = r)),
        },
      },
    );
    const start = await screen.findByRole('button', { name: 'Start rollout' });
    expect(start).toBeDisabled();

    // An empty catalog leaves nothing to ask about: the server decides.
    readCatalog({ items: [] });
    await waitFor(() => expect(start).toBeEnabled());
  });

  it('disables Start rollout, saying why', async () => {
    const start = await renderTab('deny');

    await waitFor(() => expect(start).toBeDisabled());
    await userEvent.hover(start.parentElement!);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'You do not have permission to start rollouts',
    );
  });

  it('allows Start rollout when some installations may be rolled out to', async () => {
    const asked: string[] = [];
    const start = await renderTab(request => {
      if ('resourceRef' in request && request.resourceRef) {
        asked.push(String(request.resourceRef));
      }
      return 'resourceRef' in request &&
        request.resourceRef === 'installation:default/flareup-qa'
        ? AuthorizeResult.ALLOW
        : AuthorizeResult.DENY;
    });

    await waitFor(() => expect(start).toBeEnabled());
    // One installation per tenant and tier was asked about.
    expect([...new Set(asked)].sort()).toEqual([
      'installation:default/flareup-dev',
      'installation:default/flareup-prod',
      'installation:default/flareup-qa',
      'installation:default/initech-qa',
    ]);
  });
});
