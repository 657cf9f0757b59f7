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
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  CatalogApi,
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  allEntities,
  flareupTenant,
  initechTenant,
} from '../../testUtils/entities';
import { TenantInstallationsCard } from './TenantInstallationsCard';

async function renderCard(entity: Entity, catalogApi: Partial<CatalogApi>) {
  return renderInTestApp(
    <TestApiProvider apis={[[catalogApiRef, catalogApi]]}>
      <EntityProvider entity={entity}>
        <TenantInstallationsCard />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
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

describe('TenantInstallationsCard', () => {
  it('lists the installations production first, with tier and environments', async () => {
    const catalogApi = catalogApiMock({ entities: allEntities });
    const getEntitiesByRefs = jest.spyOn(catalogApi, 'getEntitiesByRefs');

    await renderCard(flareupTenant, catalogApi);

    expect(
      await screen.findByRole('link', { name: 'Flareup Prod' }),
    ).toHaveAttribute('href', '/catalog/default/installation/flareup-prod');
    expect(screen.getByRole('link', { name: 'Flareup QA' })).toHaveAttribute(
      'href',
      '/catalog/default/installation/flareup-qa',
    );
    // Without a title the link shows the name.
    expect(screen.getByRole('link', { name: 'flareup-dev' })).toHaveAttribute(
      'href',
      '/catalog/default/installation/flareup-dev',
    );

    expect(screen.getByText('Installations')).toBeInTheDocument();
    expect(bodyRows()).toEqual([
      [
        'Flareup Prod',
        'production',
        'demo-eu / flareup-proddemo-us / flareup-prod-us',
      ],
      ['Flareup QA', 'qa', 'demo-eu / flareup-qa'],
      ['flareup-dev', 'development', 'demo-us / flareup-dev'],
    ]);
    expect(screen.getByText('demo-eu / flareup-prod')).toBeInTheDocument();
    expect(screen.getByText('demo-us / flareup-prod-us')).toBeInTheDocument();

    // The installations come from the tenant's hasPart relations.
    expect(getEntitiesByRefs).toHaveBeenCalledWith({
      entityRefs: [
        'installation:default/flareup-dev',
        'installation:default/flareup-qa',
        'installation:default/flareup-prod',
      ],
    });
  });

  it('leaves out related entities the catalog does not have', async () => {
    await renderCard(
      {
        ...flareupTenant,
        relations: [
          { type: 'hasPart', targetRef: 'installation:default/flareup-qa' },
          { type: 'hasPart', targetRef: 'installation:default/deleted' },
        ],
      },
      catalogApiMock({ entities: allEntities }),
    );

    expect(
      await screen.findByRole('link', { name: 'Flareup QA' }),
    ).toBeInTheDocument();
    expect(bodyRows()).toEqual([['Flareup QA', 'qa', 'demo-eu / flareup-qa']]);
  });

  it('says so when the tenant has no installations', async () => {
    await renderCard(initechTenant, catalogApiMock({ entities: allEntities }));

    expect(
      await screen.findByText('This tenant has no installations yet.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
  });

  it('shows an error panel when the catalog cannot be reached', async () => {
    const catalogApi = catalogApiMock.mock({
      getEntitiesByRefs: jest
        .fn()
        .mockRejectedValue(new Error('catalog is unavailable')),
    });

    await renderCard(flareupTenant, catalogApi);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Error: Installations');
    expect(
      screen.queryByText('This tenant has no installations yet.'),
    ).not.toBeInTheDocument();

    await userEvent.click(within(alert).getByText('Error: Installations'));
    expect(
      await within(alert).findAllByText('catalog is unavailable'),
    ).not.toHaveLength(0);
  });
});
