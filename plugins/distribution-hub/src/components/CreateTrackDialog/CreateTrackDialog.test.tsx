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
  fakeHubApi,
  makeTrack,
  renderWithHub,
} from '../TracksTab/__testUtils__/fakeHub';
import { CreateTrackDialog } from './CreateTrackDialog';

const RULE =
  'Lower-case letters, digits and hyphens, starting and ending with a letter or digit; at most 63 characters. Used in URLs; cannot be changed later.';

async function renderDialog(
  api = fakeHubApi({ tracks: [makeTrack('shopfront')] }),
  open = true,
) {
  const onClose = jest.fn();
  const onCreated = jest.fn();
  const rendered = await renderWithHub(
    <CreateTrackDialog open={open} onClose={onClose} onCreated={onCreated} />,
    { api },
  );
  const dialog = screen.getByRole('dialog', { name: 'New release track' });
  return {
    ...rendered,
    api,
    onClose,
    onCreated,
    dialog,
    idField: within(dialog).getByRole('textbox', { name: /^ID/ }),
    createButton: within(dialog).getByRole('button', { name: 'Create' }),
  };
}

describe('CreateTrackDialog', () => {
  // Material-UI tables and dialogs render slowly on a busy machine.
  jest.setTimeout(20_000);
  // Type without pauses between keys; debounced search still waits.
  let user: ReturnType<typeof userEvent.setup>;
  beforeEach(() => {
    user = userEvent.setup({ delay: null });
  });

  it('states the ID rule and keeps Create disabled until an ID is typed', async () => {
    const { dialog, idField, createButton } = await renderDialog();

    expect(idField).toHaveAccessibleDescription(RULE);
    expect(idField).toBeRequired();
    expect(createButton).toBeDisabled();
    expect(
      within(dialog).getByRole('textbox', { name: 'Title' }),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByRole('textbox', { name: 'Description' }),
    ).toBeInTheDocument();
  });

  it.each([
    ['Shopfront', 'upper-case letters'],
    ['shop front', 'a space'],
    ['-shopfront', 'a leading hyphen'],
    ['shopfront-', 'a trailing hyphen'],
    ['shop_front', 'an underscore'],
  ])('refuses %s (%s) as it is typed', async (id: string) => {
    const { idField, createButton } = await renderDialog();

    await user.type(idField, id);

    expect(idField).toBeInvalid();
    expect(idField).toHaveAccessibleDescription(
      'Use only lower-case letters, digits and hyphens, starting and ending with a letter or digit.',
    );
    expect(createButton).toBeDisabled();
  });

  it('refuses an ID longer than 63 characters', async () => {
    const { idField, createButton } = await renderDialog();

    await user.type(idField, 'a'.repeat(64));

    expect(idField).toBeInvalid();
    expect(idField).toHaveAccessibleDescription(
      'At most 63 characters (this one has 64).',
    );
    expect(createButton).toBeDisabled();

    await user.type(idField, '{Backspace}');
    expect(idField).toBeValid();
    expect(createButton).toBeEnabled();
  });

  it('creates the track with its title and description', async () => {
    const { api, dialog, idField, createButton, onCreated } =
      await renderDialog();

    await user.type(idField, 'pos-2');
    expect(idField).toBeValid();
    expect(idField).toHaveAccessibleDescription(RULE);
    await user.type(
      within(dialog).getByRole('textbox', { name: 'Title' }),
      '  Point of Sale ',
    );
    await user.type(
      within(dialog).getByRole('textbox', { name: 'Description' }),
      'Tills in the shops',
    );
    await user.click(createButton);

    expect(api.createTrack).toHaveBeenCalledWith({
      name: 'pos-2',
      title: 'Point of Sale',
      description: 'Tills in the shops',
    });
    expect(onCreated).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'pos-2', title: 'Point of Sale' }),
    );
  });

  it("shows the server's message inline and clears it when the ID changes", async () => {
    const { dialog, idField, createButton, onCreated } = await renderDialog();

    await user.type(idField, 'shopfront{Enter}');

    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'A track named "shopfront" already exists',
    );
    expect(onCreated).not.toHaveBeenCalled();

    await user.type(idField, '-2');
    expect(within(dialog).queryByRole('alert')).not.toBeInTheDocument();
    await user.click(createButton);
    expect(onCreated).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'shopfront-2' }),
    );
  });

  it('closes on Cancel', async () => {
    const { dialog, onClose } = await renderDialog();

    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));

    expect(onClose).toHaveBeenCalled();
  });
});
