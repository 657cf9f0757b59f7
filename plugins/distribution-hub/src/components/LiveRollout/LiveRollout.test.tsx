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
  FLEET,
  lockedRelease,
  makeTarget,
  renderRollouts,
  TestSignalApi,
} from '../RolloutsTab/__testUtils__/rollouts';
import { LiveRollout } from './LiveRollout';

jest.setTimeout(20_000);

async function renderLive(
  options: {
    api?: ReturnType<typeof fakeRolloutApi>;
    refreshIntervalMs?: number;
  } = {},
) {
  const api = options.api ?? fakeRolloutApi();
  const signals = new TestSignalApi();
  const onRolloutChange = jest.fn();
  await renderRollouts(
    <LiveRollout
      release={lockedRelease('ready')}
      rollout={api.rollouts[0]}
      onRolloutChange={onRolloutChange}
      refreshIntervalMs={options.refreshIntervalMs ?? 0}
    />,
    { api, signals },
  );
  await screen.findByRole('row', { name: /^Flareup Prod/ });
  return { api, signals, onRolloutChange };
}

function rowNames() {
  return screen.getAllByRole('rowheader').map(cell => cell.textContent);
}

/** The State column of an installation's row. */
function stateOf(title: string) {
  const row = screen.getByRole('row', { name: new RegExp(`^${title}`) });
  const column = screen
    .getAllByRole('columnheader')
    .findIndex(header => header.textContent === 'State');
  return row.querySelectorAll('[role="rowheader"], [role="cell"]')[column]
    .textContent;
}

describe('LiveRollout', () => {
  it('shows who started the rollout, its progress and its installations', async () => {
    await renderLive();

    const section = screen.getByRole('region', { name: 'Rollout' });
    expect(section).toHaveTextContent(/Rollout started .*2026/);
    expect(section).toHaveTextContent('by jane.doe');
    expect(within(section).getByText('Running')).toBeInTheDocument();
    expect(section).toHaveTextContent('2 of 4 installations finished (50%)');
    expect(rowNames()).toEqual([
      'flareup-dev',
      'Flareup Prod',
      'Flareup QA',
      'Initech QA',
    ]);
    expect(screen.getAllByRole('columnheader').map(h => h.textContent)).toEqual(
      [
        'Installation',
        'Tenant',
        'Tier',
        'State',
        '1. Backend',
        '2. Frontend',
        'Detail',
      ],
    );
  });

  it('filters the installations by the state chips', async () => {
    const { api } = await renderLive();

    await userEvent.click(screen.getByRole('button', { name: 'Failed 1' }));

    await waitFor(() => expect(rowNames()).toEqual(['Flareup QA']));
    expect(api.listRolloutTargets).toHaveBeenLastCalledWith('ro-1', {
      states: ['failed', 'rolled-back'],
      tenant: undefined,
      tiers: undefined,
      cursor: undefined,
      limit: 100,
    });

    await userEvent.click(
      screen.getByRole('button', { name: 'Yet to trigger 1' }),
    );
    await waitFor(() => expect(rowNames()).toEqual(['Initech QA']));

    await userEvent.click(screen.getByRole('button', { name: 'All 4' }));
    await waitFor(() => expect(rowNames()).toHaveLength(4));
  });

  it('filters by tier on the server', async () => {
    const { api } = await renderLive();

    await userEvent.click(screen.getByRole('button', { name: /Tier/ }));
    await userEvent.click(screen.getByRole('option', { name: 'qa' }));

    await waitFor(() =>
      expect(rowNames()).toEqual(['Flareup QA', 'Initech QA']),
    );
    expect(api.listRolloutTargets).toHaveBeenLastCalledWith(
      'ro-1',
      expect.objectContaining({ tiers: ['qa'] }),
    );
  });

  it('reads the rollout and the rows on screen again when a signal says it changed', async () => {
    const { api, signals, onRolloutChange } = await renderLive();
    expect(signals.subscriberCount()).toBe(1);
    const reads = api.getRollout.mock.calls.length;

    api.targets = api.targets.map(t =>
      t.installationRef === 'installation:default/initech-qa'
        ? { ...t, state: 'ongoing', stage: 0, detail: 'Deploying Backend' }
        : t,
    );
    // A signal about another rollout changes nothing.
    signals.publish({ rolloutId: 'ro-other', releaseId: 'rel-140' });
    expect(api.getRollout).toHaveBeenCalledTimes(reads);

    signals.publish({
      rolloutId: 'ro-1',
      releaseId: 'rel-140',
      installationRefs: ['installation:default/initech-qa'],
    });

    await waitFor(() => expect(stateOf('Initech QA')).toBe('Ongoing'));
    expect(
      screen.getByRole('button', { name: 'Ongoing 2' }),
    ).toBeInTheDocument();
    expect(api.getRollout).toHaveBeenCalledTimes(reads + 1);
    expect(onRolloutChange).toHaveBeenLastCalledWith(
      expect.objectContaining({
        id: 'ro-1',
        counts: expect.objectContaining({ ongoing: 2 }),
      }),
    );
  });

  it('reads again at most once per interval however many signals come', async () => {
    const { api, signals } = await renderLive({ refreshIntervalMs: 300 });
    const reads = api.getRollout.mock.calls.length;

    signals.publish({ rolloutId: 'ro-1', releaseId: 'rel-140' });
    signals.publish({ rolloutId: 'ro-1', releaseId: 'rel-140' });
    signals.publish({ rolloutId: 'ro-1', releaseId: 'rel-140' });

    // The first at once, the others together at the end of the interval.
    await waitFor(() =>
      expect(api.getRollout).toHaveBeenCalledTimes(reads + 1),
    );
    await waitFor(() =>
      expect(api.getRollout).toHaveBeenCalledTimes(reads + 2),
    );
    await new Promise(resolve => setTimeout(resolve, 500));
    expect(api.getRollout).toHaveBeenCalledTimes(reads + 2);
  });

  it('reads more installations with the cursor as the user scrolls', async () => {
    const targets = Array.from({ length: 250 }, (_, i) =>
      makeTarget(
        {
          ...FLEET[i % 4],
          installationRef: `installation:default/site-${String(i).padStart(
            3,
            '0',
          )}`,
        },
        { state: 'completed' },
      ),
    );
    const api = fakeRolloutApi({ targets });
    const signals = new TestSignalApi();
    await renderRollouts(
      <LiveRollout
        release={lockedRelease('ready')}
        rollout={api.rollouts[0]}
      />,
      { api, signals },
    );
    await screen.findByRole('row', { name: /^site-000/ });
    expect(screen.getByText('100+ installations')).toBeInTheDocument();
    // 10,000 would not render either: only the rows on screen are there.
    expect(screen.getAllByRole('rowheader').length).toBeLessThan(25);

    const table = screen.getByRole('table', { name: 'Installations' });
    table.scrollTop = 90 * 56;
    table.dispatchEvent(new Event('scroll'));

    await waitFor(() =>
      expect(screen.getByText('200+ installations')).toBeInTheDocument(),
    );
    expect(api.listRolloutTargets).toHaveBeenCalledWith(
      'ro-1',
      expect.objectContaining({ cursor: '100', limit: 100 }),
    );
    expect(screen.getByRole('row', { name: /^site-090/ })).toBeInTheDocument();

    // A signal reads the page on screen again, not the first one.
    table.scrollTop = 150 * 56;
    table.dispatchEvent(new Event('scroll'));
    await screen.findByRole('row', { name: /^site-150/ });
    api.listRolloutTargets.mockClear();
    signals.publish({ rolloutId: 'ro-1', releaseId: 'rel-140' });
    await waitFor(() => expect(api.listRolloutTargets).toHaveBeenCalled());
    expect(api.listRolloutTargets.mock.calls.map(c => c[1]?.cursor)).toEqual([
      '100',
    ]);
  });

  it('opens an installation in the drawer, and retrying it updates the list', async () => {
    const { api } = await renderLive();

    await userEvent.click(screen.getByRole('button', { name: 'Flareup QA' }));

    const drawer = await screen.findByRole('dialog', { name: 'Flareup QA' });
    expect(drawer).toHaveTextContent(
      'ProgressDeadlineExceeded: ReplicaSet has timed out progressing',
    );
    const retry = within(drawer).getByRole('button', { name: 'Retry' });
    await waitFor(() => expect(retry).toBeEnabled());
    await userEvent.click(retry);
    await waitFor(() =>
      expect(drawer).toHaveTextContent('StateYet to trigger'),
    );
    await userEvent.click(
      within(drawer).getByRole('button', { name: 'Close' }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );

    expect(stateOf('Flareup QA')).toBe('Yet to trigger');
    expect(api.retryTarget).toHaveBeenCalledWith(
      'ro-1',
      'installation:default/flareup-qa',
    );
  });

  it('pauses from its controls and shows the new status', async () => {
    const { api } = await renderLive();

    const pause = screen.getByRole('button', { name: 'Pause' });
    await waitFor(() => expect(pause).toBeEnabled());
    await userEvent.click(pause);
    await userEvent.click(screen.getByRole('button', { name: 'Confirm' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );

    const section = screen.getByRole('region', { name: 'Rollout' });
    await waitFor(() =>
      expect(within(section).getByText('Paused')).toBeInTheDocument(),
    );
    expect(api.pauseRollout).toHaveBeenCalledWith('ro-1');
    expect(screen.getByRole('button', { name: 'Resume' })).toBeInTheDocument();
  });
});
