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
import { Rollout } from '@sdh/plugin-distribution-hub-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  fakeRolloutApi,
  FLEET,
  makeRollout,
  renderRollouts,
  responseError,
} from '../RolloutsTab/__testUtils__/rollouts';
import { RolloutControls } from './RolloutControls';

async function renderControls(
  rollout: Rollout,
  api = fakeRolloutApi({ rollouts: [rollout] }),
) {
  const onChange = jest.fn();
  await renderRollouts(
    <RolloutControls
      rollout={rollout}
      installationRefs={FLEET.map(i => i.installationRef)}
      onChange={onChange}
    />,
    { api },
  );
  return { api, onChange };
}

function buttons() {
  return screen.queryAllByRole('button').map(b => b.textContent);
}

async function click(name: string) {
  const button = screen.getByRole('button', { name });
  await waitFor(() => expect(button).toBeEnabled());
  await userEvent.click(button);
  return screen.getByRole('dialog');
}

describe('RolloutControls', () => {
  it('offers what the status allows', async () => {
    await renderControls(makeRollout([], { status: 'running' }));
    expect(buttons()).toEqual(['Pause', 'Cancel rollout']);
  });

  it('offers Resume on a paused or halted rollout', async () => {
    await renderControls(makeRollout([], { status: 'halted' }));
    expect(buttons()).toEqual(['Resume', 'Cancel rollout']);
  });

  it('offers nothing once the rollout finished', async () => {
    await renderControls(makeRollout([], { status: 'completed' }));
    expect(buttons()).toEqual([]);
  });

  it('pauses after a confirmation that says what happens', async () => {
    const { api, onChange } = await renderControls(makeRollout([]));

    const dialog = await click('Pause');
    expect(
      within(dialog).getByRole('heading', {
        name: 'Pause the rollout of 1.4.0?',
      }),
    ).toBeInTheDocument();
    expect(dialog).toHaveTextContent(
      "Installations in progress finish their current stage's health wait, then stop before their next stage.",
    );
    expect(dialog).toHaveTextContent('Nothing new starts');
    expect(api.pauseRollout).not.toHaveBeenCalled();

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Confirm' }),
    );

    await waitFor(() => expect(onChange).toHaveBeenCalled());
    expect(api.pauseRollout).toHaveBeenCalledWith('ro-1');
    expect(onChange.mock.calls[0][0]).toMatchObject({ status: 'paused' });
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
  });

  it('resumes a halted rollout, saying failures must be retried first', async () => {
    const { api } = await renderControls(
      makeRollout([], { status: 'halted', failureLimit: 2 }),
    );

    const dialog = await click('Resume');
    expect(dialog).toHaveTextContent(
      'It was halted because too many installations failed (limit 2)',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Confirm' }),
    );
    await waitFor(() => expect(api.resumeRollout).toHaveBeenCalledWith('ro-1'));
  });

  it('cancels, saying applied images stay', async () => {
    const { api, onChange } = await renderControls(
      makeRollout([], {
        status: 'paused',
        request: { targets: {}, autoRollback: true },
      }),
    );

    const dialog = await click('Cancel rollout');
    expect(dialog).toHaveTextContent(
      'Installations yet to start are cancelled. Installations in progress stop at their next step.',
    );
    expect(dialog).toHaveTextContent(
      'Images already applied stay as they are: cancelling rolls nothing back. (Automatic rollback is on for this rollout, for installations that fail.)',
    );

    // Back leaves the rollout alone.
    await userEvent.click(within(dialog).getByRole('button', { name: 'Back' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(api.cancelRollout).not.toHaveBeenCalled();

    await userEvent.click(
      within(await click('Cancel rollout')).getByRole('button', {
        name: 'Confirm',
      }),
    );
    await waitFor(() => expect(onChange).toHaveBeenCalled());
    expect(api.cancelRollout).toHaveBeenCalledWith('ro-1');
  });

  it("shows the server's reason when it refuses", async () => {
    const rollout = makeRollout([]);
    const api = fakeRolloutApi({ rollouts: [rollout] });
    api.pauseRollout.mockRejectedValueOnce(
      await responseError(409, 'Rollout ro-1 is completed'),
    );
    const { onChange } = await renderControls(rollout, api);

    const dialog = await click('Pause');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Confirm' }),
    );

    expect(
      await within(dialog).findByText('Rollout ro-1 is completed'),
    ).toBeInTheDocument();
    expect(onChange).not.toHaveBeenCalled();
  });
});
