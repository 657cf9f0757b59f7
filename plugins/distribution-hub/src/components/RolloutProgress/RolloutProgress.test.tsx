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
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  fakeRolloutApi,
  liveTargets,
  makeRollout,
  makeTarget,
  FLEET,
  renderRollouts,
} from '../RolloutsTab/__testUtils__/rollouts';
import { filterStates, RolloutProgress } from './RolloutProgress';

function chips() {
  const group = screen.getByRole('group', {
    name: 'Filter installations by state',
  });
  return within(group)
    .getAllByRole('button')
    .map(chip => chip.textContent);
}

describe('RolloutProgress', () => {
  it('shows finished installations out of all, and the count per state', async () => {
    await renderRollouts(
      <RolloutProgress
        rollout={makeRollout(liveTargets())}
        filter="all"
        onFilterChange={jest.fn()}
      />,
      { api: fakeRolloutApi() },
    );

    // Completed and failed are finished; ongoing and pending are not.
    expect(
      screen.getByText('2 of 4 installations finished (50%)'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('progressbar', { name: 'Rollout progress' }),
    ).toHaveAttribute('aria-valuenow', '50');
    expect(chips()).toEqual([
      'All 4',
      'Yet to trigger 1',
      'Ongoing 1',
      'Failed 1',
      'Completed 1',
    ]);
  });

  it('counts rolled-back installations as failed, and shows cancelled ones', async () => {
    const [dev, prod, qa] = FLEET;
    await renderRollouts(
      <RolloutProgress
        rollout={makeRollout([
          makeTarget(dev, { state: 'rolled-back' }),
          makeTarget(prod, { state: 'failed' }),
          makeTarget(qa, { state: 'cancelled' }),
        ])}
        filter="failed"
        onFilterChange={jest.fn()}
      />,
      { api: fakeRolloutApi() },
    );

    expect(chips()).toEqual([
      'All 3',
      'Yet to trigger 0',
      'Ongoing 0',
      'Failed 2',
      'Completed 0',
      'Cancelled 1',
    ]);
    expect(screen.getByRole('button', { name: 'Failed 2' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    expect(screen.getByRole('button', { name: 'All 3' })).toHaveAttribute(
      'aria-pressed',
      'false',
    );
  });

  it('filters by the chip clicked', async () => {
    const onFilterChange = jest.fn();
    await renderRollouts(
      <RolloutProgress
        rollout={makeRollout(liveTargets())}
        filter="all"
        onFilterChange={onFilterChange}
      />,
      { api: fakeRolloutApi() },
    );

    await userEvent.click(screen.getByRole('button', { name: /^Ongoing/ }));
    expect(onFilterChange).toHaveBeenCalledWith('ongoing');
    await userEvent.click(
      screen.getByRole('button', { name: /^Yet to trigger/ }),
    );
    expect(onFilterChange).toHaveBeenCalledWith('pending');
  });

  it('maps the filters to target states', () => {
    expect(filterStates('all')).toBeUndefined();
    expect(filterStates('failed')).toEqual(['failed', 'rolled-back']);
    expect(filterStates('pending')).toEqual(['pending']);
  });
});
