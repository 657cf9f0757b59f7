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
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { components } from '../RequirementsEditor/__testUtils__/fixtures';
import { ComponentPicker } from './ComponentPicker';

async function renderPicker(excludeRefs: string[]) {
  const catalogApi = catalogApiMock({ entities: components });
  const queryEntities = jest.spyOn(catalogApi, 'queryEntities');
  const onSelect = jest.fn();
  await renderInTestApp(
    <TestApiProvider apis={[[catalogApiRef, catalogApi]]}>
      <ComponentPicker excludeRefs={new Set(excludeRefs)} onSelect={onSelect} />
    </TestApiProvider>,
  );
  return { queryEntities, onSelect };
}

jest.setTimeout(20_000);

describe('ComponentPicker', () => {
  it('searches the catalog components, leaving out those already chosen', async () => {
    const { queryEntities, onSelect } = await renderPicker([
      'component:default/orders-api',
    ]);
    // The catalog is not asked before the list is opened.
    expect(queryEntities).not.toHaveBeenCalled();

    const input = screen.getByLabelText('Add application');
    await userEvent.click(input);
    const listbox = await screen.findByRole('listbox');
    expect(
      (await within(listbox).findAllByRole('option')).map(o => o.textContent),
    ).toEqual([
      'Catalog APIcomponent:default/catalog-api',
      'Payments Workercomponent:default/payments-worker',
      'search-indexercomponent:default/search-indexer',
      'Storefront Webcomponent:default/storefront-web',
    ]);
    expect(queryEntities).toHaveBeenCalledWith(
      expect.objectContaining({ filter: { kind: 'Component' } }),
    );

    await userEvent.type(input, 'api');
    // Older matches stay listed until the search settles.
    await waitFor(() =>
      expect(screen.getAllByRole('option').map(o => o.textContent)).toEqual([
        'Catalog APIcomponent:default/catalog-api',
      ]),
    );
    expect(queryEntities).toHaveBeenLastCalledWith(
      expect.objectContaining({
        filter: { kind: 'Component' },
        fullTextFilter: {
          term: 'api',
          fields: ['metadata.name', 'metadata.title'],
        },
      }),
    );

    await userEvent.click(screen.getByRole('option', { name: /Catalog API/ }));
    expect(onSelect).toHaveBeenCalledWith(
      expect.objectContaining({
        kind: 'Component',
        metadata: expect.objectContaining({
          name: 'catalog-api',
          title: 'Catalog API',
        }),
      }),
    );
    // Ready for the next one.
    expect(input).toHaveValue('');
  });

  it('says when nothing matches', async () => {
    await renderPicker([]);
    await userEvent.type(screen.getByLabelText('Add application'), 'zzz');
    expect(
      await screen.findByText('No matching components'),
    ).toBeInTheDocument();
  });
});
