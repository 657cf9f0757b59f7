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
import {
  fireEvent,
  screen,
  waitFor,
  waitForElementToBeRemoved,
  within,
} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  catalogApiImages,
  draftRelease,
  fakeHubApi,
  lockedRelease,
  responseError,
} from './__testUtils__/fixtures';
import {
  cardNames,
  dataTransfer,
  expectTooltip,
  renderEditor,
  stage,
} from './__testUtils__/renderEditor';

jest.mock('../MarkdownEditor', () => ({
  MarkdownEditor: (p: any) => (
    <textarea
      aria-label={p.label}
      value={p.value}
      readOnly={p.readOnly}
      onChange={e => p.onChange(e.target.value)}
    />
  ),
}));

// Many MUI inputs per test: slow in jsdom, and slower on a busy machine.
jest.setTimeout(30_000);

describe('RequirementsEditor', () => {
  it('shows the stages side by side with their applications', async () => {
    const { api, getEntitiesByRefs } = await renderEditor();

    expect(screen.getByRole('region', { name: 'Stage 1: Back ends' })).toBe(
      stage(0),
    );
    expect(screen.getByRole('region', { name: 'Stage 2: Front end' })).toBe(
      stage(1),
    );
    expect(cardNames(0)).toEqual(['app-orders-api', 'app-catalog-api']);
    expect(cardNames(1)).toEqual(['app-storefront-web']);

    const orders = screen.getByTestId('app-orders-api');
    expect(
      within(orders).getByRole('link', { name: 'Orders API' }),
    ).toHaveAttribute('href', '/catalog/default/component/orders-api');
    expect(
      within(orders).getByText('component:default/orders-api'),
    ).toBeInTheDocument();
    expect(within(orders).getByLabelText('Image for Orders API')).toHaveValue(
      'shopfront/orders-api:1.0.0',
    );
    expect(within(orders).getByText('No instructions')).toBeInTheDocument();
    expect(
      within(screen.getByTestId('app-storefront-web')).getByText(
        'Has instructions',
      ),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Name of stage 1')).toHaveValue('Back ends');
    expect(screen.queryByText('Unsaved changes')).not.toBeInTheDocument();

    // One catalog request for every name; images are listed only on demand.
    expect(getEntitiesByRefs).toHaveBeenCalledTimes(1);
    expect(getEntitiesByRefs).toHaveBeenCalledWith(
      expect.objectContaining({
        entityRefs: [
          'component:default/catalog-api',
          'component:default/orders-api',
          'component:default/storefront-web',
        ],
      }),
    );
    expect(api.listImages).not.toHaveBeenCalled();
  });

  it('links each card to its catalog page the way a Backstage link does', async () => {
    const { analyticsApi } = await renderEditor();
    const link = within(screen.getByTestId('app-catalog-api')).getByRole(
      'link',
      { name: 'Catalog API' },
    );
    expect(link).toHaveAttribute(
      'href',
      '/catalog/default/component/catalog-api',
    );
    // Dragging the link would drag a URL, not the card.
    expect(link).toHaveAttribute('draggable', 'false');
    await userEvent.click(link);
    expect(analyticsApi.captureEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        action: 'click',
        subject: 'Catalog API',
        attributes: { to: '/catalog/default/component/catalog-api' },
      }),
    );
  });

  it("keeps a card's controls in keyboard order, the image field included", async () => {
    const { api } = await renderEditor();
    const card = within(screen.getByTestId('app-catalog-api'));
    card.getByRole('link', { name: 'Catalog API' }).focus();
    await userEvent.tab();
    expect(
      card.getByRole('button', { name: 'Move Catalog API to another stage' }),
    ).toHaveFocus();
    await userEvent.tab();
    expect(
      card.getByRole('button', { name: 'Remove Catalog API' }),
    ).toHaveFocus();
    await userEvent.tab();
    expect(
      card.getByRole('button', { name: 'Instructions for Catalog API' }),
    ).toHaveFocus();
    // The plain field turns into the image picker and keeps the focus.
    await userEvent.tab();
    expect(
      card.getByRole('textbox', { name: 'Image for Catalog API' }),
    ).toHaveFocus();
    expect(await screen.findAllByRole('option')).toHaveLength(2);
    expect(api.listImages).toHaveBeenCalledTimes(1);
    // On to the next stage, its name first.
    await userEvent.keyboard('{Escape}');
    await userEvent.tab();
    expect(screen.getByLabelText('Name of stage 2')).toHaveFocus();
  });

  it('marks a saved invalid image reference before its field is focused', async () => {
    await renderEditor({
      release: {
        ...draftRelease,
        requirements: {
          stages: [
            {
              name: 'Back ends',
              apps: [
                {
                  entityRef: 'component:default/orders-api',
                  image: 'shopfront/orders-api',
                },
              ],
            },
          ],
        },
      },
    });
    const field = screen.getByRole('textbox', {
      name: 'Image for Orders API',
    });
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveAccessibleDescription(
      'The reference has neither a tag nor a digest; pin the image with one',
    );
  });

  it('moves an application by drag and drop', async () => {
    await renderEditor();
    const card = screen.getByTestId('app-catalog-api');
    expect(card).toHaveAttribute('draggable', 'true');

    const transfer = dataTransfer();
    fireEvent.dragStart(card, { dataTransfer: transfer });
    expect(transfer.setData).toHaveBeenCalledWith(
      'application/x-distribution-hub-app',
      'component:default/catalog-api',
    );
    fireEvent.dragEnter(stage(1), { dataTransfer: transfer });
    fireEvent.dragOver(stage(1), { dataTransfer: transfer });
    expect(stage(1)).toHaveAttribute('data-drop-target', 'true');
    expect(stage(0)).not.toHaveAttribute('data-drop-target');

    fireEvent.drop(stage(1), { dataTransfer: transfer });
    fireEvent.dragEnd(card, { dataTransfer: transfer });

    expect(cardNames(0)).toEqual(['app-orders-api']);
    expect(cardNames(1)).toEqual(['app-storefront-web', 'app-catalog-api']);
    expect(stage(1)).not.toHaveAttribute('data-drop-target');
    expect(screen.getByText('Unsaved changes')).toBeInTheDocument();
  });

  it('takes a drop that only carries the drag data', async () => {
    await renderEditor();
    // E.g. a drag that another window started: only the data tells what.
    const transfer = dataTransfer();
    transfer.setData(
      'application/x-distribution-hub-app',
      'component:default/storefront-web',
    );
    fireEvent.dragOver(stage(0), { dataTransfer: transfer });
    fireEvent.drop(stage(0), { dataTransfer: transfer });
    expect(cardNames(0)).toEqual([
      'app-orders-api',
      'app-catalog-api',
      'app-storefront-web',
    ]);
    expect(cardNames(1)).toEqual([]);
    expect(
      within(stage(1)).getByText('Drag applications here, or add one above'),
    ).toBeInTheDocument();
  });

  it('moves an application with the keyboard through its menu', async () => {
    await renderEditor();
    const button = screen.getByRole('button', {
      name: 'Move Orders API to another stage',
    });
    button.focus();
    await userEvent.keyboard('{Enter}');
    const menu = await screen.findByRole('menu');
    expect(
      within(menu)
        .getAllByRole('menuitem')
        .map(item => item.textContent),
    ).toEqual(['Stage 2: Front end', 'New stage']);
    await userEvent.keyboard('{Enter}');

    await waitFor(() => expect(cardNames(1)).toContain('app-orders-api'));
    expect(cardNames(0)).toEqual(['app-catalog-api']);

    // To a new stage.
    await userEvent.click(
      screen.getByRole('button', { name: 'Move Catalog API to another stage' }),
    );
    await userEvent.click(
      await screen.findByRole('menuitem', { name: 'New stage' }),
    );
    expect(screen.getByRole('region', { name: 'Stage 3' })).toBe(stage(2));
    expect(cardNames(2)).toEqual(['app-catalog-api']);
  });

  it('adds, names and removes stages', async () => {
    await renderEditor();
    await userEvent.click(screen.getByRole('button', { name: 'Add stage' }));
    expect(screen.getByRole('region', { name: 'Stage 3' })).toBe(stage(2));
    await userEvent.type(screen.getByLabelText('Name of stage 3'), 'Workers');
    expect(
      screen.getByRole('region', { name: 'Stage 3: Workers' }),
    ).toBeInTheDocument();

    // An empty stage goes at once.
    await userEvent.click(
      screen.getByRole('button', { name: 'Remove stage 3' }),
    );
    expect(screen.queryByTestId('stage-2')).not.toBeInTheDocument();

    // A stage with applications asks where they go.
    await userEvent.click(
      screen.getByRole('button', { name: 'Remove stage 1' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Remove Stage 1: Back ends?',
    });
    expect(dialog).toHaveTextContent(
      'Its 2 applications move to another stage',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Move and remove' }),
    );
    await waitForElementToBeRemoved(dialog);
    expect(screen.queryByTestId('stage-1')).not.toBeInTheDocument();
    expect(
      screen.getByRole('region', { name: 'Stage 1: Front end' }),
    ).toBeInTheDocument();
    expect(cardNames(0)).toEqual([
      'app-storefront-web',
      'app-orders-api',
      'app-catalog-api',
    ]);

    // The only stage cannot go while it has applications.
    expect(
      screen.getByRole('button', { name: 'Remove stage 1' }),
    ).toBeDisabled();
  });

  it('adds an application from the catalog to the chosen stage', async () => {
    await renderEditor();
    await userEvent.click(screen.getByRole('button', { name: /To stage/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Stage 2: Front end' }),
    );

    await userEvent.type(screen.getByLabelText('Add application'), 'pay');
    await userEvent.click(
      await screen.findByRole('option', { name: /Payments Worker/ }),
    );
    expect(cardNames(1)).toEqual(['app-storefront-web', 'app-payments-worker']);
    expect(
      within(screen.getByTestId('app-payments-worker')).getByRole('link', {
        name: 'Payments Worker',
      }),
    ).toBeInTheDocument();

    // Applications already in the release are not offered again.
    await userEvent.type(screen.getByLabelText('Add application'), 'a');
    await waitFor(() =>
      expect(screen.getAllByRole('option').map(o => o.textContent)).toEqual([
        'search-indexercomponent:default/search-indexer',
      ]),
    );
  });

  it('picks an image from the registry and saves it with the revision', async () => {
    const { api, onChange } = await renderEditor();
    const input = screen.getByLabelText('Image for Catalog API');
    await userEvent.click(input);
    await userEvent.click(
      await screen.findByRole('option', { name: /1\.1\.0/ }),
    );
    expect(screen.getByLabelText('Image for Catalog API')).toHaveValue(
      catalogApiImages.images[0].reference,
    );
    expect(api.listImages).toHaveBeenCalledWith(
      'component:default/catalog-api',
    );
    expect(screen.getByText('Unsaved changes')).toBeInTheDocument();

    // Instructions too.
    await userEvent.click(
      screen.getByRole('button', { name: 'Instructions for Catalog API' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Instructions for Catalog API',
    });
    await userEvent.click(
      within(dialog).getByLabelText('Release instructions'),
    );
    await userEvent.paste('Warm the cache.');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Apply' }),
    );
    expect(
      within(screen.getByTestId('app-catalog-api')).getByText(
        'Has instructions',
      ),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(api.putRequirements).toHaveBeenCalledWith(
      'rel-1',
      {
        stages: [
          {
            name: 'Back ends',
            apps: [
              {
                entityRef: 'component:default/orders-api',
                image: 'shopfront/orders-api:1.0.0',
              },
              {
                entityRef: 'component:default/catalog-api',
                image: catalogApiImages.images[0].reference,
                instructions: 'Warm the cache.',
              },
            ],
          },
          {
            name: 'Front end',
            apps: [
              {
                entityRef: 'component:default/storefront-web',
                image: 'shopfront/storefront-web:1.0.0',
                instructions: 'Purge the **CDN** after the rollout.',
              },
            ],
          },
        ],
      },
      { revision: 7 },
    );
    await waitFor(() =>
      expect(onChange).toHaveBeenCalledWith(
        expect.objectContaining({ revision: 8 }),
      ),
    );
    expect(screen.queryByText('Unsaved changes')).not.toBeInTheDocument();
    expect(screen.getByLabelText('Image for Catalog API')).toHaveValue(
      catalogApiImages.images[0].reference,
    );
  });

  it('saves partial requirements, removals included, and shows what the server refused', async () => {
    const api = fakeHubApi();
    const { onChange } = await renderEditor({ api });
    await userEvent.click(
      screen.getByRole('button', { name: 'Remove Orders API' }),
    );
    expect(screen.queryByTestId('app-orders-api')).not.toBeInTheDocument();

    api.putRequirements.mockRejectedValueOnce(
      responseError(
        400,
        'Invalid requirements: stages[0].apps[0].entityRef component:default/catalog-api is not in the catalog',
      ),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not save the requirements');
    expect(alert).toHaveTextContent(
      'stages[0].apps[0].entityRef component:default/catalog-api is not in the catalog',
    );
    expect(onChange).not.toHaveBeenCalled();
    // The edits are kept.
    expect(screen.getByText('Unsaved changes')).toBeInTheDocument();
    expect(api.putRequirements).toHaveBeenCalledWith(
      'rel-1',
      {
        stages: [
          {
            name: 'Back ends',
            apps: [{ entityRef: 'component:default/catalog-api' }],
          },
          {
            name: 'Front end',
            apps: [
              {
                entityRef: 'component:default/storefront-web',
                image: 'shopfront/storefront-web:1.0.0',
                instructions: 'Purge the **CDN** after the rollout.',
              },
            ],
          },
        ],
      },
      { revision: 7 },
    );

    api.putRequirements.mockRejectedValueOnce(
      responseError(
        409,
        'Release rel-1 has changed since revision 7; reload it',
      ),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(
      await screen.findByText(
        'Release rel-1 has changed since revision 7; reload it',
      ),
    ).toBeInTheDocument();
  });

  it('refuses to save an invalid typed image reference', async () => {
    await renderEditor();
    const input = screen.getByLabelText('Image for Catalog API');
    await userEvent.click(input);
    await userEvent.paste('shop/catalog-api');
    expect(
      screen.getByText(
        'The reference has neither a tag nor a digest; pin the image with one',
      ),
    ).toBeInTheDocument();
    const save = screen.getByRole('button', { name: 'Save' });
    expect(save).toBeDisabled();
    await expectTooltip(save, 'Fix the invalid image references first');
  });

  it('locks saved requirements, then shows them read-only until unlocked', async () => {
    const { api, onChange } = await renderEditor();

    // Not with unsaved edits.
    await userEvent.type(screen.getByLabelText('Name of stage 2'), '!');
    const lock = screen.getByRole('button', { name: 'Lock requirements' });
    expect(lock).toBeDisabled();
    await expectTooltip(lock, 'Save your changes first');
    await userEvent.type(
      screen.getByLabelText('Name of stage 2'),
      '{Backspace}',
    );

    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: 'Lock requirements' }),
      ).toBeEnabled(),
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Lock requirements' }),
    );
    expect(api.lockRelease).toHaveBeenCalledWith('rel-1', { revision: 7 });

    const banner = await screen.findByText(/^Requirements locked by/);
    expect(
      within(banner).getByRole('link', { name: /rita\.release/ }),
    ).toHaveAttribute('href', '/catalog/default/user/rita.release');
    expect(banner.querySelector('time')).toHaveAttribute(
      'dateTime',
      '2026-05-03T09:30:00Z',
    );
    expect(banner).toHaveTextContent(/on May 3, 2026/);
    expect(onChange).toHaveBeenLastCalledWith(
      expect.objectContaining({ locked: true, revision: 8 }),
    );
    expect(
      screen.queryByRole('button', { name: 'Save' }),
    ).not.toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', { name: 'Unlock to edit' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Unlock the requirements?',
    });
    expect(dialog).toHaveTextContent(
      'Unlocking takes the release back to Draft.',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Unlock' }),
    );
    expect(api.unlockRelease).toHaveBeenCalledWith('rel-1', { revision: 8 });
    await waitFor(() =>
      expect(
        screen.queryByText(/^Requirements locked by/),
      ).not.toBeInTheDocument(),
    );
    expect(screen.getByLabelText('Name of stage 1')).toBeInTheDocument();
    expect(onChange).toHaveBeenLastCalledWith(
      expect.objectContaining({ locked: false, status: 'draft' }),
    );
  });

  it('shows locked requirements read-only', async () => {
    const { api } = await renderEditor({ release: lockedRelease });
    expect(screen.getByText(/^Requirements locked by/)).toBeInTheDocument();
    const card = screen.getByTestId('app-orders-api');
    expect(card).toHaveAttribute('draggable', 'false');
    expect(within(card).getByLabelText('Image for Orders API')).toHaveAttribute(
      'readonly',
    );
    expect(
      screen.queryByRole('button', { name: /to another stage/ }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /^Remove/ }),
    ).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Add application')).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Name of stage 1')).not.toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'Back ends' }),
    ).toBeInTheDocument();
    for (const name of ['Add stage', 'Save', 'Lock requirements']) {
      expect(screen.queryByRole('button', { name })).not.toBeInTheDocument();
    }

    // Drops are refused.
    const transfer = dataTransfer();
    fireEvent.dragStart(card, { dataTransfer: transfer });
    fireEvent.dragOver(stage(1), { dataTransfer: transfer });
    fireEvent.drop(stage(1), { dataTransfer: transfer });
    expect(cardNames(0)).toEqual(['app-orders-api', 'app-catalog-api']);

    // Instructions can still be read.
    await userEvent.click(
      screen.getByRole('button', { name: 'Instructions for Storefront Web' }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByLabelText('Release instructions')).toHaveValue(
      'Purge the **CDN** after the rollout.',
    );
    expect(
      within(dialog).queryByRole('button', { name: 'Apply' }),
    ).not.toBeInTheDocument();
    expect(api.putRequirements).not.toHaveBeenCalled();
  });

  it('shows a rescinded release read-only, with no way to unlock it', async () => {
    await renderEditor({
      release: { ...lockedRelease, status: 'rescinded' },
    });
    expect(
      screen.getByText(
        'This release is rescinded: its requirements can no longer change.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Unlock to edit' }),
    ).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Add application')).not.toBeInTheDocument();
  });

  it('starts the first stage with the first application, which saves without an image', async () => {
    const { api } = await renderEditor({
      release: { ...draftRelease, requirements: { stages: [] } },
    });
    expect(
      screen.getByText(
        'No stages yet. Add an application above; it starts the first stage.',
      ),
    ).toBeInTheDocument();
    const lock = screen.getByRole('button', { name: 'Lock requirements' });
    expect(lock).toBeDisabled();
    await expectTooltip(lock, 'Add an application first');

    await userEvent.type(screen.getByLabelText('Add application'), 'orders');
    await userEvent.click(
      await screen.findByRole('option', { name: /Orders API/ }),
    );
    expect(screen.getByRole('region', { name: 'Stage 1' })).toBe(stage(0));
    expect(cardNames(0)).toEqual(['app-orders-api']);
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(api.putRequirements).toHaveBeenCalledWith(
      'rel-1',
      { stages: [{ apps: [{ entityRef: 'component:default/orders-api' }] }] },
      { revision: 7 },
    );
    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: 'Lock requirements' }),
      ).toBeEnabled(),
    );
  });
});
