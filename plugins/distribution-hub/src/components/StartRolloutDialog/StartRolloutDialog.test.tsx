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
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  fakeRolloutApi,
  lockedRelease,
  renderRollouts,
  responseError,
} from '../RolloutsTab/__testUtils__/rollouts';
import { StartRolloutDialog } from './StartRolloutDialog';

jest.setTimeout(30_000);

async function renderDialog(api = fakeRolloutApi()) {
  const onStarted = jest.fn();
  const onClose = jest.fn();
  await renderRollouts(
    <StartRolloutDialog
      open
      release={lockedRelease('ready')}
      onClose={onClose}
      onStarted={onStarted}
    />,
    { api },
  );
  return { api, onStarted, onClose };
}

function dialog() {
  return screen.getByRole('dialog', {
    name: 'Start rollout of release 1.4.0',
  });
}

function count() {
  return screen.getByRole('status', { name: 'Selected installations' });
}

async function pick(group: HTMLElement, field: string, option: string) {
  await userEvent.click(within(group).getByLabelText(field));
  await userEvent.click(await screen.findByRole('option', { name: option }));
}

function fill(element: HTMLElement, text: string) {
  fireEvent.change(element, { target: { value: text } });
}

describe('StartRolloutDialog', () => {
  it('counts the installations live as the selection changes', async () => {
    const { api } = await renderDialog();

    await waitFor(() =>
      expect(count()).toHaveTextContent('4 installations selected'),
    );
    expect(count()).toHaveTextContent('By tier:production 1qa 2development 1');
    expect(api.previewRollout).toHaveBeenLastCalledWith(
      'rel-140',
      {
        targets: {},
        maxParallel: 10,
        respectMaintenanceWindows: true,
        autoRollback: false,
      },
      { offset: 0, limit: 1 },
    );

    const targets = screen.getByRole('group', { name: 'Rollout targets' });
    await pick(targets, 'Tiers', 'qa');

    await waitFor(() =>
      expect(count()).toHaveTextContent('2 installations selected'),
    );
    expect(count()).toHaveTextContent('By tenant:Flareup.xyz 1initech 1');
    expect(api.previewRollout).toHaveBeenLastCalledWith(
      'rel-140',
      expect.objectContaining({ targets: { tiers: ['qa'] } }),
      { offset: 0, limit: 1 },
    );
  });

  it('counts per wave once the waves are valid', async () => {
    await renderDialog();
    await waitFor(() =>
      expect(count()).toHaveTextContent('4 installations selected'),
    );

    await userEvent.click(screen.getByRole('button', { name: 'Add wave' }));
    const wave = screen.getByRole('group', { name: 'Wave 1 targets' });
    await pick(wave, 'Rings', 'canary');

    await waitFor(() =>
      expect(count()).toHaveTextContent('By wave:Canary 3Everyone else 1'),
    );
  });

  it('says what is wrong before previewing', async () => {
    const { api } = await renderDialog();

    const parallel = screen.getByLabelText('Installations at once');
    fill(parallel, '0');
    expect(
      screen.getByText('A whole number from 1 to 1000'),
    ).toBeInTheDocument();
    fill(parallel, '5');

    await userEvent.click(screen.getByLabelText('Halt the rollout'));
    await userEvent.click(
      screen.getByRole('option', {
        name: 'After a percentage of failed installations',
      }),
    );
    fill(screen.getByLabelText('Failed installations (%)'), '150');
    expect(
      screen.getByText('More than 0 and at most 100 percent'),
    ).toBeInTheDocument();
    fill(screen.getByLabelText('Failed installations (%)'), '20');

    // An empty wave is only called out on moving on.
    await userEvent.click(screen.getByRole('button', { name: 'Add wave' }));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));

    expect(
      within(screen.getByRole('group', { name: 'Wave 1 targets' })).getByRole(
        'alert',
      ),
    ).toHaveTextContent(
      'Choose the tenants, tiers, rings or installations of this wave',
    );
    expect(screen.getByRole('button', { name: 'Preview' })).toBeDisabled();
    expect(api.previewRollout).not.toHaveBeenCalledWith(
      'rel-140',
      expect.anything(),
      { offset: 0, limit: 20 },
    );

    await userEvent.click(
      screen.getByRole('button', { name: 'Remove wave 1' }),
    );
    expect(screen.getByRole('button', { name: 'Preview' })).toBeEnabled();
  });

  it('previews the changes, then starts the rollout with the request built', async () => {
    const { api, onStarted } = await renderDialog();

    await pick(
      screen.getByRole('group', { name: 'Rollout targets' }),
      'Tiers',
      'qa',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Add wave' }));
    await pick(
      screen.getByRole('group', { name: 'Wave 1 targets' }),
      'Rings',
      'canary',
    );
    fill(screen.getByLabelText('Bake time (minutes)'), '15');
    fill(screen.getByLabelText('Installations at once'), '2');
    await userEvent.click(screen.getByLabelText('Halt the rollout'));
    await userEvent.click(
      screen.getByRole('option', {
        name: 'After a number of failed installations',
      }),
    );
    fill(screen.getByLabelText('Failed installations'), '1');
    fill(screen.getByLabelText('Not before'), '2099-12-01T08:00');
    await userEvent.click(
      screen.getByLabelText("Wait for each installation's maintenance window"),
    );
    await userEvent.click(
      screen.getByLabelText(
        'Roll back a failed installation to the images it had',
      ),
    );

    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));

    const expected = {
      targets: { tiers: ['qa'] },
      waves: [
        { name: 'Canary', select: { rings: ['canary'] }, bakeMinutes: 15 },
      ],
      maxParallel: 2,
      failureThreshold: { count: 1 },
      notBefore: new Date('2099-12-01T08:00').toISOString(),
      respectMaintenanceWindows: false,
      autoRollback: true,
    };
    const preview = await screen.findByRole('region', {
      name: 'Rollout preview',
    });
    expect(api.previewRollout).toHaveBeenLastCalledWith('rel-140', expected, {
      offset: 0,
      limit: 20,
    });
    expect(preview).toHaveTextContent('2 installations in 2 waves');
    expect(
      await within(preview).findByRole('listitem', { name: 'Flareup QA' }),
    ).toHaveTextContent('Canary');
    expect(
      within(preview).getByRole('listitem', { name: 'Initech QA' }),
    ).toHaveTextContent('Everyone else');

    await userEvent.click(
      screen.getByRole('button', { name: 'Confirm and start' }),
    );

    await waitFor(() => expect(onStarted).toHaveBeenCalled());
    expect(api.startRollout).toHaveBeenCalledWith('rel-140', expected);
    expect(onStarted.mock.calls[0][0]).toMatchObject({ id: 'ro-new' });
  });

  it('goes back to change the selection', async () => {
    await renderDialog();
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
    await screen.findByRole('region', { name: 'Rollout preview' });

    await userEvent.click(screen.getByRole('button', { name: 'Back' }));

    expect(
      screen.getByRole('group', { name: 'Rollout targets' }),
    ).toBeInTheDocument();
  });

  it('shows why the server refused to start', async () => {
    const api = fakeRolloutApi();
    api.startRollout.mockRejectedValueOnce(
      await responseError(
        409,
        'Release rel-140 is On hold; only a release that is Ready for release can be rolled out',
      ),
    );
    const { onStarted } = await renderDialog(api);

    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
    await screen.findByRole('region', { name: 'Rollout preview' });
    await userEvent.click(
      screen.getByRole('button', { name: 'Confirm and start' }),
    );

    const alert = await within(dialog()).findByText(
      'The server refused to start the rollout',
    );
    expect(alert.parentElement).toHaveTextContent(
      'Release rel-140 is On hold; only a release that is Ready for release can be rolled out',
    );
    expect(onStarted).not.toHaveBeenCalled();
    expect(
      screen.getByRole('button', { name: 'Confirm and start' }),
    ).toBeEnabled();
  });

  it('shows why the server refused the preview', async () => {
    const api = fakeRolloutApi();
    api.previewRollout.mockImplementation(async (_id, _request, page) => {
      if (page?.limit === 1) {
        return {
          total: 0,
          waves: [],
          skipped: [],
          byTenant: {},
          byTier: {},
          offset: 0,
          targets: [],
        };
      }
      throw await responseError(
        400,
        'Invalid request: body.targets.installations names installations the catalog does not know: nope',
      );
    });
    await renderDialog(api);

    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));

    expect(
      await within(dialog()).findByText(
        /names installations the catalog does not know: nope/,
      ),
    ).toBeInTheDocument();
    expect(
      within(dialog()).getByText('The server refused to preview the rollout'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Confirm and start' }),
    ).toBeDisabled();
  });

  it('says when the count cannot be read', async () => {
    const api = fakeRolloutApi();
    api.previewRollout.mockRejectedValue(
      await responseError(
        400,
        'Invalid request: body.waves[0] selects none of the targets',
      ),
    );
    await renderDialog(api);

    await waitFor(() =>
      expect(count()).toHaveTextContent(
        'Cannot count the installations: Invalid request: body.waves[0] selects none of the targets',
      ),
    );
  });
});
