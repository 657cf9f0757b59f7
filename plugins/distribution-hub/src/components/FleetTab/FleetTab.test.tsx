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
import { useLocation } from 'react-router-dom';
import { FleetView } from '@sdh/plugin-distribution-hub-common';
import {
  FakeDeploymentsApi,
  fakeDeploymentsApi,
  fakeRolloutSignals,
  fleetView,
} from '../../__testUtils__/deployments';
import { renderWithDeployments } from '../../__testUtils__/renderWithDeployments';
import { responseError } from '../TenantsTab/__testUtils__/tenantsHub';
import { FleetTab } from './FleetTab';

function Search() {
  return <div data-testid="search">{useLocation().search}</div>;
}

function renderTab(
  options: {
    api?: FakeDeploymentsApi;
    fleet?: FleetView;
    url?: string;
    signals?: ReturnType<typeof fakeRolloutSignals>;
  } = {},
) {
  return renderWithDeployments(
    <>
      <FleetTab />
      <Search />
    </>,
    {
      api: options.api ?? fakeDeploymentsApi({ fleet: options.fleet }),
      signals: options.signals,
      routeEntries: [options.url ?? '/release-hub/fleet'],
    },
  );
}

/** A table's rows below its header, as the cells' text. */
function rowsOf(name: string) {
  const table = screen.getByRole('table', { name });
  const [, ...rows] = within(table).getAllByRole('row');
  return rows.map(row =>
    [...row.querySelectorAll('[role=rowheader], [role=cell], th, td')].map(
      cell => cell.textContent,
    ),
  );
}

function matrixCell(installation: string, column: number) {
  const row = screen.getByRole('row', {
    name: new RegExp(`^${installation} `),
  });
  return row.querySelectorAll<HTMLElement>('[role=rowheader], [role=cell]')[
    column
  ];
}

/** rgb(78, 121, 167) as #4e79a7. */
function hex(rgb: string): string {
  const parts = rgb.match(/\d+/g)!.map(Number);
  return `#${parts.map(p => p.toString(16).padStart(2, '0')).join('')}`;
}

const PAYMENTS_COLUMN = 6;
const WEB_COLUMN = 7;

describe('FleetTab', () => {
  it('shows installations × applications with each version, coloured by release, and a legend', async () => {
    const api = await renderTab();

    await screen.findByRole('table', { name: 'Fleet matrix' });
    expect(api.getFleet).toHaveBeenCalledWith({});
    expect(screen.getByRole('heading', { name: 'Fleet' })).toBeInTheDocument();
    expect(
      screen.getByText('6 installations, 2 applications, 3 releases'),
    ).toBeInTheDocument();

    expect(rowsOf('Fleet matrix')).toEqual([
      [
        'flareup-dev',
        'flareup',
        'development',
        'core 2.1.0',
        'Up to date',
        '2.1.0 Completed',
        '2.1.0',
        '2.1.0',
      ],
      [
        'flareup-qa',
        'flareup',
        'qa',
        'core 2.1.0',
        'Up to date',
        '2.1.0 Completed',
        '2.1.0',
        '2.1.0',
      ],
      [
        'flareup-prod',
        'flareup',
        'production',
        'core 2.0.0',
        '1 release behind',
        '2.1.0 Failed',
        '2.0.0',
        '2.0.0',
      ],
      [
        'initech-qa',
        'initech',
        'qa',
        'core 2.0.0',
        '1 release behind',
        '2.0.0 Completed',
        '2.0.0',
        '2.0.0',
      ],
      [
        'initech-prod',
        'initech',
        'production',
        'core 1.4.0',
        '2 releases behind',
        '1.4.0 Completed',
        '2.0.0',
        '1.4.0',
      ],
      ['initech-dev', 'initech', 'development', '—', '—', '—', '—', '—'],
    ]);
    const matrix = screen.getByRole('table', { name: 'Fleet matrix' });
    expect(
      within(matrix)
        .getAllByRole('columnheader')
        .map(h => h.textContent),
    ).toEqual([
      'Installation',
      'Tenant',
      'Tier',
      'Release',
      'Behind',
      'Last rollout',
      'payments',
      'web',
    ]);
    expect(matrix).toHaveAttribute('aria-rowcount', '7');

    // A cell's colour is its release's, whatever the installation's release.
    const colour = (cell: HTMLElement) => cell.style.backgroundColor;
    const v200 = colour(matrixCell('flareup-prod', PAYMENTS_COLUMN));
    const v210 = colour(matrixCell('flareup-qa', WEB_COLUMN));
    const v140 = colour(matrixCell('initech-prod', WEB_COLUMN));
    expect(new Set([v200, v210, v140]).size).toBe(3);
    expect(colour(matrixCell('initech-prod', PAYMENTS_COLUMN))).toBe(v200);
    expect(colour(matrixCell('initech-qa', 3))).toBe(v200);
    expect(colour(matrixCell('initech-dev', WEB_COLUMN))).toBe('');
    expect(matrixCell('flareup-prod', WEB_COLUMN)).toHaveAttribute(
      'title',
      'registry.example.com/web:2.0.0',
    );

    // The legend names each colour.
    const legend = screen.getByRole('list', { name: 'Release colours' });
    const items = within(legend).getAllByRole('listitem');
    expect(items.map(i => i.textContent)).toEqual([
      'core 2.1.0',
      'core 2.0.0',
      'core 1.4.0',
    ]);
    const swatch = (i: number) =>
      hex(items[i].querySelector('span')!.style.backgroundColor);
    // The swatch is the solid colour, the cell a tint of it.
    expect(
      matrixCell('flareup-prod', PAYMENTS_COLUMN).style.boxShadow,
    ).toContain(swatch(1));
    expect(matrixCell('initech-prod', WEB_COLUMN).style.boxShadow).toContain(
      swatch(2),
    );

    // Links to the installation's page and the rollout.
    const prod = screen.getByRole('row', { name: /^flareup-prod / });
    expect(
      within(prod).getByRole('link', { name: 'flareup-prod' }),
    ).toHaveAttribute('href', '/catalog/default/installation/flareup-prod');
    expect(within(prod).getByRole('link', { name: '2.1.0' })).toHaveAttribute(
      'href',
      '/release-hub/releases/r-210/rollouts',
    );
  });

  it('shows adoption: installations per release, and how far behind the others are', async () => {
    await renderTab();

    await screen.findByRole('table', { name: 'Installations per release' });
    expect(rowsOf('Installations per release')).toEqual([
      ['core 2.1.0', '2', '33%'],
      ['core 2.0.0', '2', '33%'],
      ['core 1.4.0', '1', '17%'],
      ['No release yet', '1', '17%'],
    ]);
    expect(screen.getByRole('link', { name: 'core 1.4.0' })).toHaveAttribute(
      'href',
      '/release-hub/releases/r-140/rollouts',
    );
    expect(rowsOf('Installations behind the newest release')).toEqual([
      ['Up to date', '2', '33%'],
      ['1 release behind', '2', '33%'],
      ['2 releases behind', '1', '17%'],
    ]);
  });

  it('charts rollout progress with a point per completion count', async () => {
    await renderTab();

    const chart = await screen.findByRole('img', {
      name: /^Installations completed per release over time/,
    });
    expect(chart.querySelectorAll('circle')).toHaveLength(5);
    expect(chart.querySelectorAll('path')).toHaveLength(2);
    expect(
      within(
        screen.getByRole('list', {
          name: 'Installations completed per release over time legend',
        }),
      )
        .getAllByRole('listitem')
        .map(i => i.textContent),
    ).toEqual(['core 2.1.0', 'core 2.0.0']);
    // The chart's lines take the releases' colours.
    const [newest] = within(
      screen.getByRole('list', { name: 'Release colours' }),
    ).getAllByRole('listitem');
    expect(chart.querySelector('path')).toHaveAttribute(
      'stroke',
      hex(newest.querySelector('span')!.style.backgroundColor),
    );
  });

  it('filters by tenant, tier and track through the API, keeping them in the URL', async () => {
    const api = await renderTab();
    await screen.findByRole('table', { name: 'Fleet matrix' });

    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'Tier' }),
      'production',
    );
    await waitFor(() =>
      expect(api.getFleet).toHaveBeenLastCalledWith({ tier: 'production' }),
    );
    await waitFor(() =>
      expect(rowsOf('Fleet matrix').map(r => r[0])).toEqual([
        'flareup-prod',
        'initech-prod',
      ]),
    );
    expect(screen.getByTestId('search')).toHaveTextContent('?tier=production');
    expect(rowsOf('Installations per release')).toEqual([
      ['core 2.0.0', '1', '50%'],
      ['core 1.4.0', '1', '50%'],
    ]);

    // Tenants come from the catalog, by title.
    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'Tenant' }),
      'Flareup.xyz',
    );
    await waitFor(() =>
      expect(api.getFleet).toHaveBeenLastCalledWith({
        tenant: 'tenant:default/flareup',
        tier: 'production',
      }),
    );
    await waitFor(() =>
      expect(rowsOf('Fleet matrix').map(r => r[0])).toEqual(['flareup-prod']),
    );

    await userEvent.click(
      screen.getByRole('button', { name: 'Clear filters' }),
    );
    await waitFor(() => expect(api.getFleet).toHaveBeenLastCalledWith({}));
    await waitFor(() => expect(rowsOf('Fleet matrix')).toHaveLength(6));
    expect(screen.getByTestId('search')).toBeEmptyDOMElement();

    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'Track' }),
      'core',
    );
    await waitFor(() =>
      expect(api.getFleet).toHaveBeenLastCalledWith({ track: 'core' }),
    );
  });

  it('reads the filters from the URL, as the tenant card links to it', async () => {
    const api = await renderTab({
      url: `/release-hub/fleet?tenant=${encodeURIComponent(
        'tenant:default/initech',
      )}&tier=bogus`,
    });

    await waitFor(() =>
      expect(rowsOf('Fleet matrix').map(r => r[0])).toEqual([
        'initech-qa',
        'initech-prod',
        'initech-dev',
      ]),
    );
    // An unknown tier is ignored rather than sent.
    expect(api.getFleet).toHaveBeenCalledWith({
      tenant: 'tenant:default/initech',
    });
    expect(screen.getByRole('combobox', { name: 'Tenant' })).toHaveValue(
      'tenant:default/initech',
    );
  });

  it('says so when no installation matches the filters, and clears them', async () => {
    await renderTab({ url: '/release-hub/fleet?tenant=umbrella' });

    expect(
      await screen.findByText('No installation matches these filters.'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('table', { name: 'Fleet matrix' }),
    ).not.toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', { name: 'Show every installation' }),
    );
    expect(
      await screen.findByRole('table', { name: 'Fleet matrix' }),
    ).toBeInTheDocument();
  });

  it('says what to do when there are no installations', async () => {
    await renderTab({
      fleet: {
        applications: [],
        releases: [],
        installations: [],
        progress: [],
      },
    });

    expect(await screen.findByText('No installations yet')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Open the Tenants tab' }),
    ).toHaveAttribute('href', '/release-hub/tenants');
  });

  it('says so when nothing was rolled out yet, and shows the installations still', async () => {
    const fleet = fleetView();
    fleet.installations = fleet.installations.map(i => ({
      ...i,
      release: undefined,
      lastRollout: undefined,
      releasesBehind: 0,
      applications: {},
    }));
    fleet.releases = [];
    fleet.progress = [];
    await renderTab({ fleet });

    expect(
      await screen.findByText(
        /^No release has been rolled out to these installations yet/,
      ),
    ).toBeInTheDocument();
    expect(rowsOf('Fleet matrix')).toHaveLength(6);
    expect(rowsOf('Installations per release')).toEqual([
      ['No release yet', '6', '100%'],
    ]);
    expect(
      screen.getByText(/^No installation has completed a rollout yet/),
    ).toBeInTheDocument();
  });

  it('reads the fleet again, with the same filters, when a rollout signals a change', async () => {
    const signals = fakeRolloutSignals();
    const api = await renderTab({
      signals,
      url: '/release-hub/fleet?tier=qa',
    });
    await screen.findByRole('table', { name: 'Fleet matrix' });
    expect(api.getFleet).toHaveBeenCalledTimes(1);

    signals.publish({ rolloutId: 'ro-9', releaseId: 'r-300' });

    await waitFor(() => expect(api.getFleet).toHaveBeenCalledTimes(2));
    expect(api.getFleet).toHaveBeenLastCalledWith({ tier: 'qa' });
    // The matrix stays while the fleet is read again.
    expect(
      screen.getByRole('table', { name: 'Fleet matrix' }),
    ).toBeInTheDocument();
  });

  it("shows the server's message when the fleet cannot be loaded", async () => {
    const api = fakeDeploymentsApi();
    api.getFleet.mockRejectedValue(
      await responseError(400, 'InputError', 'Unknown tier'),
    );
    await renderTab({ api });

    expect(
      await screen.findByText('Could not load the fleet: Unknown tier'),
    ).toBeInTheDocument();
  });
});
