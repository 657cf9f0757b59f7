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
import {
  fakeRolloutApi,
  makeRollout,
  responseError,
} from '../RolloutsTab/__testUtils__/rollouts';
import { renderDrawer } from './__testUtils__/drawer';

function drawer() {
  return screen.getByRole('dialog', { name: 'Flareup QA' });
}

describe('TargetDrawer', () => {
  it("shows a failed installation's images before and after, and the cluster's reason", async () => {
    const { api } = await renderDrawer('installation:default/flareup-qa');

    expect(
      screen.getByRole('heading', { level: 2, name: 'Flareup QA' }),
    ).toBeInTheDocument();
    expect(drawer()).toHaveTextContent('StateFailed');
    expect(drawer()).toHaveTextContent(
      'Failed at stage 1 (Backend): orders-api on demo-eu/flareup-qa',
    );
    expect(drawer()).toHaveTextContent(
      'ProgressDeadlineExceeded: ReplicaSet has timed out progressing',
    );

    const table = await within(drawer()).findByRole('table', {
      name: 'Applications on Flareup QA',
    });
    const [, row] = within(table).getAllByRole('row');
    const cells = within(row)
      .getAllByRole('cell')
      .map(c => c.textContent);
    expect(cells.slice(0, 5)).toEqual([
      '1. Backend',
      'orders-api',
      'demo-eu/flareup-qa',
      'registry.example.com/orders-api:1.3.0',
      'registry.example.com/orders-api:1.4.0',
    ]);
    expect(cells[5]).toBe(
      'FailedProgressDeadlineExceeded: ReplicaSet has timed out progressing',
    );
    expect(cells[6]).toMatch(/2026/);
    expect(cells[7]).toBe('—');
    expect(api.getRolloutTarget).toHaveBeenCalledWith(
      'ro-1',
      'installation:default/flareup-qa',
    );
  });

  it('retries a failed installation', async () => {
    const { api, onRetried } = await renderDrawer(
      'installation:default/flareup-qa',
    );

    const retry = within(drawer()).getByRole('button', { name: 'Retry' });
    await waitFor(() => expect(retry).toBeEnabled());
    await userEvent.click(retry);

    await waitFor(() => expect(onRetried).toHaveBeenCalled());
    expect(api.retryTarget).toHaveBeenCalledWith(
      'ro-1',
      'installation:default/flareup-qa',
    );
    expect(onRetried.mock.calls[0][0]).toMatchObject({ state: 'pending' });
    // The details are read again and show the queued installation.
    await waitFor(() =>
      expect(drawer()).toHaveTextContent('StateYet to trigger'),
    );
    expect(
      within(drawer()).queryByRole('button', { name: 'Retry' }),
    ).not.toBeInTheDocument();
  });

  it("shows the server's reason when a retry is refused", async () => {
    const api = fakeRolloutApi();
    api.retryTarget.mockRejectedValueOnce(
      await responseError(
        409,
        'Installation flareup-qa is not failed, rolled back or cancelled',
      ),
    );
    const { onRetried } = await renderDrawer(
      'installation:default/flareup-qa',
      { api },
    );

    const retry = within(drawer()).getByRole('button', { name: 'Retry' });
    await waitFor(() => expect(retry).toBeEnabled());
    await userEvent.click(retry);

    expect(
      await within(drawer()).findByText(
        'Installation flareup-qa is not failed, rolled back or cancelled',
      ),
    ).toBeInTheDocument();
    expect(onRetried).not.toHaveBeenCalled();
  });

  it('offers no retry for an installation that did not fail', async () => {
    await renderDrawer('installation:default/flareup-prod');

    const heading = screen.getByRole('heading', { level: 2 });
    expect(heading).toHaveTextContent('flareup-prod');
    const panel = screen.getByRole('dialog', { name: 'flareup-prod' });
    expect(panel).toHaveTextContent('Stage2 of 2: 2. Frontend');
    expect(panel).toHaveTextContent('Deploying Frontend (stage 2 of 2): web');
    expect(
      within(panel).queryByRole('button', { name: 'Retry' }),
    ).not.toBeInTheDocument();
  });

  it('cannot retry in a cancelled rollout, and says why', async () => {
    const api = fakeRolloutApi();
    await renderDrawer('installation:default/flareup-qa', {
      api,
      rollout: makeRollout(api.targets, { status: 'cancelled' }),
    });

    const retry = within(drawer()).getByRole('button', { name: 'Retry' });
    await waitFor(() => expect(retry).toBeDisabled());
    await userEvent.hover(retry.parentElement!);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'The rollout was cancelled; start a new one',
    );
  });

  it('closes', async () => {
    const { onClose } = await renderDrawer('installation:default/flareup-qa');
    await userEvent.click(
      within(drawer()).getByRole('button', { name: 'Close' }),
    );
    expect(onClose).toHaveBeenCalled();
  });
});
