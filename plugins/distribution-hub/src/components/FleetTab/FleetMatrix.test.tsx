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
import {
  FleetInstallation,
  FleetView,
} from '@sdh/plugin-distribution-hub-common';
import { fakeDeploymentsApi } from '../../__testUtils__/deployments';
import { renderWithHub } from '../TenantsTab/__testUtils__/tenantsHub';
import { FleetTab } from './FleetTab';
import { FLEET_ROW_HEIGHT } from './FleetMatrix';

const INSTALLATIONS = 5000;
const APPLICATIONS = Array.from(
  { length: 12 },
  (_, i) => `component:default/app-${String(i).padStart(2, '0')}`,
);
const RELEASES = ['3.0.0', '2.9.0', '2.8.0', '2.7.0'];

/** A fleet of 5000 installations × 12 applications on 4 releases. */
function bigFleet(): FleetView {
  const installations: FleetInstallation[] = Array.from(
    { length: INSTALLATIONS },
    (_, i) => {
      const behind = i % RELEASES.length;
      const version = RELEASES[behind];
      const id = `r-${version}`;
      return {
        installationRef: `installation:default/tenant-${Math.floor(
          i / 4,
        )}-${i}`,
        tenantRef: `tenant:default/tenant-${Math.floor(i / 4)}`,
        tier: 'production',
        release: { id, track: 'core', version },
        releasesBehind: behind,
        applications: Object.fromEntries(
          APPLICATIONS.map(app => [
            app,
            { image: `${app}:${version}`, releaseId: id, version },
          ]),
        ),
      };
    },
  );
  return {
    applications: APPLICATIONS,
    releases: RELEASES.map(version => ({
      id: `r-${version}`,
      track: 'core',
      version,
      installations: INSTALLATIONS / RELEASES.length,
    })),
    installations,
    progress: [],
  };
}

function renderedRows() {
  const matrix = screen.getByRole('table', { name: 'Fleet matrix' });
  return within(matrix)
    .getAllByRole('row')
    .slice(1)
    .map(row => Number(row.getAttribute('aria-rowindex')));
}

describe('FleetTab with thousands of installations', () => {
  // 5,000 rows of data: on a busy 2-core CI machine this takes over 5 s.
  it('renders only the rows in view and those scrolled to', async () => {
    await renderWithHub(<FleetTab />, {
      api: fakeDeploymentsApi({ fleet: bigFleet() }),
      routeEntries: ['/release-hub/fleet'],
    });

    const matrix = await screen.findByRole('table', { name: 'Fleet matrix' });
    expect(matrix).toHaveAttribute('aria-rowcount', String(INSTALLATIONS + 1));
    expect(
      screen.getByText('5000 installations, 12 applications, 4 releases'),
    ).toBeInTheDocument();
    const first = renderedRows();
    expect(first[0]).toBe(2);
    expect(first.length).toBeGreaterThan(10);
    expect(first.length).toBeLessThan(60);
    expect(within(matrix).getAllByRole('cell').length).toBeLessThan(60 * 17);

    // The body is as tall as every row, to keep the scrollbar true.
    const [, body] = within(matrix).getAllByRole('rowgroup');
    expect(body).toHaveStyle({
      height: `${INSTALLATIONS * FLEET_ROW_HEIGHT}px`,
    });

    matrix.scrollTop = 3000 * FLEET_ROW_HEIGHT;
    fireEvent.scroll(matrix);

    await waitFor(() => expect(renderedRows()).toContain(3002));
    const scrolled = renderedRows();
    expect(scrolled.length).toBeLessThan(60);
    expect(scrolled).not.toContain(2);
    expect(
      screen.getByRole('row', { name: /^tenant-750-3000 / }),
    ).toBeInTheDocument();
  }, 60_000);
});
