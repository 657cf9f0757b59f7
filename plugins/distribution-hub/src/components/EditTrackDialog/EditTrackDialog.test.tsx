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
  responseError,
} from '../TracksTab/__testUtils__/fakeHub';
import { EditTrackDialog } from './EditTrackDialog';

const shopfront = makeTrack('shopfront', {
  title: 'Shopfront',
  description: 'The web shop',
});

async function renderDialog(api = fakeHubApi({ tracks: [shopfront] })) {
  const onClose = jest.fn();
  const onSaved = jest.fn();
  await renderWithHub(
    <EditTrackDialog
      open
      track={shopfront}
      onClose={onClose}
      onSaved={onSaved}
    />,
    { api },
  );
  const dialog = screen.getByRole('dialog', {
    name: 'Edit release track shopfront',
  });
  return {
    api,
    onClose,
    onSaved,
    dialog,
    titleField: within(dialog).getByRole('textbox', { name: /^Title/ }),
    descriptionField: within(dialog).getByRole('textbox', {
      name: 'Description',
    }),
    saveButton: within(dialog).getByRole('button', { name: 'Save' }),
  };
}

describe('EditTrackDialog', () => {
  // Material-UI tables and dialogs render slowly on a busy machine.
  jest.setTimeout(20_000);
  // Type without pauses between keys; debounced search still waits.
  let user: ReturnType<typeof userEvent.setup>;
  beforeEach(() => {
    user = userEvent.setup({ delay: null });
  });

  it('starts from the track and saves the changed title and description', async () => {
    const { api, titleField, descriptionField, saveButton, onSaved } =
      await renderDialog();

    expect(titleField).toHaveValue('Shopfront');
    expect(descriptionField).toHaveValue('The web shop');
    // Nothing changed yet.
    expect(saveButton).toBeDisabled();

    await user.clear(titleField);
    await user.type(titleField, 'Shopfront Classic');
    await user.clear(descriptionField);
    await user.click(saveButton);

    expect(api.updateTrack).toHaveBeenCalledWith('shopfront', {
      title: 'Shopfront Classic',
      description: '',
    });
    expect(onSaved).toHaveBeenCalledWith(
      expect.objectContaining({
        name: 'shopfront',
        title: 'Shopfront Classic',
      }),
    );
  });

  it('refuses an empty title as it is typed', async () => {
    const { titleField, saveButton } = await renderDialog();

    await user.clear(titleField);

    expect(titleField).toBeInvalid();
    expect(titleField).toHaveAccessibleDescription(
      'The title must not be empty.',
    );
    expect(saveButton).toBeDisabled();
  });

  it("shows the server's message inline", async () => {
    const api = fakeHubApi({ tracks: [shopfront] });
    api.updateTrack.mockRejectedValueOnce(
      await responseError(
        403,
        'NotAllowedError',
        'You may not update release tracks',
      ),
    );
    const { dialog, titleField, saveButton, onSaved } = await renderDialog(api);

    await user.type(titleField, '!');
    await user.click(saveButton);

    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'You may not update release tracks',
    );
    expect(onSaved).not.toHaveBeenCalled();
  });
});
