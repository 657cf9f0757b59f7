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
import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { ApplicationRelease } from '@sdh/plugin-distribution-hub-common';
import { paymentsComponent } from '../../testUtils/entities';
import {
  fakeTenantsApi,
  renderWithHub,
} from '../TenantsTab/__testUtils__/tenantsHub';
import { ComponentReleasesCard } from './ComponentReleasesCard';

const releases: ApplicationRelease[] = [
  {
    releaseId: 'r-2',
    track: 'core',
    version: '2.0.0',
    name: 'Spring',
    status: 'ready',
    image: 'registry.example.com/payments:2.0.0',
    stageIndex: 0,
  },
  {
    releaseId: 'r-1',
    track: 'core',
    version: '1.4.0',
    name: 'Winter',
    status: 'rescinded',
    stageIndex: 1,
  },
];

async function renderCard(
  options: {
    api?: ReturnType<typeof fakeTenantsApi>;
    mountHub?: boolean;
    entity?: Entity;
  } = {},
) {
  const api = options.api ?? fakeTenantsApi({ releases });
  await renderWithHub(
    <EntityProvider entity={options.entity ?? paymentsComponent}>
      <ComponentReleasesCard />
    </EntityProvider>,
    { api, mountHub: options.mountHub },
  );
  return api;
}

/** The table rows below the header, as the cells' text. */
function bodyRows() {
  const [, ...rows] = screen.getAllByRole('row');
  return rows.map(row =>
    within(row)
      .getAllByRole('cell')
      .map(cell => cell.textContent),
  );
}

describe('ComponentReleasesCard', () => {
  it('lists the releases that include the component, linking into the hub', async () => {
    const api = await renderCard();

    expect(await screen.findByRole('link', { name: '2.0.0' })).toHaveAttribute(
      'href',
      '/release-hub/releases/r-2/overview',
    );
    expect(api.listReleasesWithApplication).toHaveBeenCalledWith(
      'component:default/payments',
    );
    expect(screen.getByText('Releases')).toBeInTheDocument();
    expect(bodyRows()).toEqual([
      [
        'core',
        '2.0.0',
        'Spring',
        'Ready for release',
        'registry.example.com/payments:2.0.0',
      ],
      ['core', '1.4.0', 'Winter', 'Rescinded', 'Not chosen yet'],
    ]);
    expect(screen.getByRole('link', { name: '1.4.0' })).toHaveAttribute(
      'href',
      '/release-hub/releases/r-1/overview',
    );
    for (const track of screen.getAllByRole('link', { name: 'core' })) {
      expect(track).toHaveAttribute('href', '/release-hub/tracks/core');
    }
  });

  it('shows plain text instead of links when the app does not mount the hub', async () => {
    await renderCard({ mountHub: false });

    expect(await screen.findByText('2.0.0')).toBeInTheDocument();
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
  });

  it('says so when the component is in no release', async () => {
    await renderCard({ api: fakeTenantsApi({ releases: [] }) });

    expect(
      await screen.findByText('Not in any release yet'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('shows an error panel when the releases cannot be loaded', async () => {
    const api = fakeTenantsApi();
    api.listReleasesWithApplication.mockRejectedValue(new Error('hub is down'));
    await renderCard({ api });

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Error: Releases',
    );
  });
});
