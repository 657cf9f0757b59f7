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
import { RolloutPreview } from '@sdh/plugin-distribution-hub-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  fakeRolloutApi,
  previewFor,
  renderRollouts,
} from '../RolloutsTab/__testUtils__/rollouts';
import { RolloutPreviewList } from './RolloutPreviewList';

function preview(change: Partial<RolloutPreview> = {}): RolloutPreview {
  return { ...previewFor({ targets: {} }), ...change };
}

describe('RolloutPreviewList', () => {
  it('lists per installation the image of each application now and after', async () => {
    await renderRollouts(
      <RolloutPreviewList
        preview={preview()}
        pageSize={20}
        onPage={jest.fn()}
      />,
      { api: fakeRolloutApi() },
    );

    expect(
      screen.getByRole('region', { name: 'Rollout preview' }),
    ).toHaveTextContent(/^4 installations/);
    const list = screen.getByRole('list', { name: 'Installations to update' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(4);
    const prod = await screen.findByRole('listitem', { name: 'Flareup Prod' });
    expect(prod).toHaveTextContent('Flareup.xyz · production');
    const changes = within(prod).getByRole('table', {
      name: 'Changes on Flareup Prod',
    });
    const [, row] = within(changes).getAllByRole('row');
    expect(
      within(row)
        .getAllByRole('cell')
        .map(c => c.textContent),
    ).toEqual([
      'orders-api',
      'demo-eu/flareup-prod',
      'registry.example.com/orders-api:1.3.0',
      'registry.example.com/orders-api:1.4.0',
    ]);
    // Everything fits on one page.
    expect(
      screen.queryByRole('navigation', { name: 'Preview pages' }),
    ).not.toBeInTheDocument();
  });

  it('warns of drift, unreadable clusters, far windows and skipped installations', async () => {
    const base = preview();
    const [dev, prod, qa] = base.targets;
    await renderRollouts(
      <RolloutPreviewList
        preview={{
          ...base,
          skipped: [
            {
              installationRef: 'installation:default/initech-qa',
              reason: 'Environment demo-us/initech-qa is claimed twice',
            },
          ],
          targets: [
            {
              ...dev,
              changes: dev.changes.map(c => ({ ...c, drift: true })),
            },
            {
              ...prod,
              nextWindow: {
                start: '2027-01-02T01:00:00.000Z',
                end: '2027-01-02T04:00:00.000Z',
                open: false,
              },
              windowFarAway: true,
            },
            {
              ...qa,
              liveError: 'Cluster demo-eu is unreachable',
              changes: qa.changes.map(c => ({ ...c, current: [] })),
            },
          ],
        }}
        pageSize={20}
        onPage={jest.fn()}
      />,
      { api: fakeRolloutApi() },
    );

    expect(
      within(screen.getByRole('listitem', { name: 'flareup-dev' })).getByText(
        /Drift: what runs differs/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('listitem', { name: 'Flareup Prod' }),
    ).toHaveTextContent(/more than a week from now/);
    const qaItem = screen.getByRole('listitem', { name: 'Flareup QA' });
    expect(qaItem).toHaveTextContent(
      'Could not read what runs now: Cluster demo-eu is unreachable',
    );
    expect(qaItem).toHaveTextContent('Nothing found');
    expect(
      screen.getByRole('list', { name: 'Skipped installations' }),
    ).toHaveTextContent(
      'Initech QA: Environment demo-us/initech-qa is claimed twice',
    );
  });

  it('pages through the installations', async () => {
    const onPage = jest.fn();
    const base = preview();
    await renderRollouts(
      <RolloutPreviewList
        preview={{ ...base, total: 45, offset: 20 }}
        pageSize={20}
        onPage={onPage}
      />,
      { api: fakeRolloutApi() },
    );

    const pager = screen.getByRole('navigation', { name: 'Preview pages' });
    expect(pager).toHaveTextContent('21–24 of 45');
    await userEvent.click(
      within(pager).getByRole('button', { name: 'Next page' }),
    );
    expect(onPage).toHaveBeenLastCalledWith(40);
    await userEvent.click(
      within(pager).getByRole('button', { name: 'Previous page' }),
    );
    expect(onPage).toHaveBeenLastCalledWith(0);
  });
});
