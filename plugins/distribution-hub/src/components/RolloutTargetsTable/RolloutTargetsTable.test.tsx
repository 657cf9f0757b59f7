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
import { RolloutTarget } from '@sdh/plugin-distribution-hub-common';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  fakeRolloutApi,
  liveTargets,
  makeRollout,
  renderRollouts,
} from '../RolloutsTab/__testUtils__/rollouts';
import {
  RolloutTargetsTable,
  RolloutTargetsTableProps,
} from './RolloutTargetsTable';

const STAGES = ['1. Backend', '2. Frontend'];

async function renderTable(props: Partial<RolloutTargetsTableProps> = {}) {
  const targets = props.targets ?? liveTargets();
  const handlers = {
    onFilterChange: jest.fn(),
    onLoadMore: jest.fn(),
    onSelect: jest.fn(),
  };
  await renderRollouts(
    <RolloutTargetsTable
      targets={targets}
      stages={STAGES}
      waves={makeRollout(targets).waves}
      titles={
        new Map([
          ['installation:default/flareup-prod', 'Flareup Prod'],
          ['installation:default/flareup-qa', 'Flareup QA'],
          ['tenant:default/flareup', 'Flareup.xyz'],
        ])
      }
      hasMore={false}
      loading={false}
      filter={{}}
      {...handlers}
      {...props}
    />,
    { api: fakeRolloutApi() },
  );
  return handlers;
}

/** The cells of the row of an installation, by column. */
function rowCells(title: string): Record<string, string> {
  const row = screen.getByRole('row', { name: new RegExp(`^${title}`) });
  const headers = screen
    .getAllByRole('columnheader')
    .map(header => header.textContent ?? '');
  const cells = [
    ...row.querySelectorAll('[role="rowheader"], [role="cell"]'),
  ].map(cell => cell.textContent ?? '');
  return Object.fromEntries(headers.map((h, i) => [h, cells[i]]));
}

describe('RolloutTargetsTable', () => {
  it('shows each installation with its state per stage', async () => {
    await renderTable();

    expect(
      screen.getByRole('table', { name: 'Installations' }),
    ).toBeInTheDocument();
    expect(rowCells('Flareup Prod')).toEqual({
      Installation: 'Flareup Prod',
      Tenant: 'Flareup.xyz',
      Tier: 'production',
      State: 'Ongoing',
      '1. Backend': 'Done',
      '2. Frontend': 'Ongoing',
      Detail: 'Deploying Frontend (stage 2 of 2): web',
    });
    expect(rowCells('Flareup QA')).toMatchObject({
      State: 'Failed',
      '1. Backend': 'Failed',
      '2. Frontend': 'Not started',
      Detail:
        'Stage 1 (Backend): orders-api on demo-eu / flareup-qa: ProgressDeadlineExceeded: ReplicaSet has timed out progressing',
    });
    // Without a catalog title, the installation's name.
    expect(rowCells('flareup-dev')).toMatchObject({
      State: 'Completed',
      '1. Backend': 'Done',
      '2. Frontend': 'Done',
    });
    expect(rowCells('initech-qa')).toMatchObject({
      Tenant: 'initech',
      State: 'Yet to trigger',
      '1. Backend': 'Not started',
      Detail: 'Waiting for a free slot',
    });
  });

  it('has a Wave column only when the rollout has waves', async () => {
    // The canary ring first (Flareup), then the rest.
    const targets = liveTargets().map(t => ({ ...t, wave: t.ring ? 0 : 1 }));
    await renderTable({
      targets,
      waves: [
        { name: 'Canary', bakeMinutes: 0, size: 3 },
        { name: 'Everyone else', bakeMinutes: 0, size: 1 },
      ],
    });

    expect(rowCells('Flareup Prod')).toMatchObject({
      Wave: 'Canary',
      State: 'Ongoing',
    });
    expect(rowCells('initech-qa')).toMatchObject({
      Wave: 'Everyone else',
      State: 'Yet to trigger',
    });
  });

  it('opens an installation from its row or its name', async () => {
    const { onSelect } = await renderTable();

    await userEvent.click(screen.getByRole('button', { name: 'Flareup QA' }));
    expect(onSelect).toHaveBeenCalledTimes(1);
    expect(onSelect.mock.calls[0][0]).toMatchObject({
      installationRef: 'installation:default/flareup-qa',
    });

    await userEvent.click(screen.getByText('Waiting for a free slot'));
    expect(onSelect.mock.calls[1][0]).toMatchObject({
      installationRef: 'installation:default/initech-qa',
    });
  });

  it('filters by tier and tenant', async () => {
    const { onFilterChange } = await renderTable();

    await userEvent.click(screen.getByRole('button', { name: /Tier/ }));
    await userEvent.click(screen.getByRole('option', { name: 'qa' }));
    expect(onFilterChange).toHaveBeenLastCalledWith({ tier: 'qa' });

    await userEvent.type(screen.getByLabelText('Tenant'), 'initech');
    await userEvent.click(
      await screen.findByRole('option', { name: /initech/ }),
    );
    expect(onFilterChange).toHaveBeenLastCalledWith({
      tenant: { ref: 'tenant:default/initech', title: 'initech' },
    });
  });

  it('asks for more rows while there are more, with a placeholder row', async () => {
    const many: RolloutTarget[] = Array.from({ length: 100 }, (_, i) => ({
      ...liveTargets()[3],
      installationRef: `installation:default/site-${i}`,
    }));
    const { onLoadMore } = await renderTable({
      targets: many,
      hasMore: true,
      loading: true,
    });

    // Only the rows on screen are rendered.
    expect(screen.getAllByRole('row').length).toBeLessThan(30);
    expect(screen.getByText('100+ installations')).toBeInTheDocument();
    expect(onLoadMore).not.toHaveBeenCalled();

    const table = screen.getByRole('table', { name: 'Installations' });
    table.scrollTop = 95 * 56;
    table.dispatchEvent(new Event('scroll'));
    expect(
      await screen.findByText('Loading more installations…'),
    ).toBeInTheDocument();
    expect(onLoadMore).toHaveBeenCalled();
  });

  it('says when no installation matches', async () => {
    await renderTable({ targets: [] });
    expect(
      screen.getByText('No installation matches these filters.'),
    ).toBeInTheDocument();
  });
});
