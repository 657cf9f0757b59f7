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
import { ReleaseSummary } from '@sdh/plugin-distribution-hub-common';
import {
  fakeHubApi,
  makeRelease,
  makeTrack,
  renderWithHub,
  responseError,
} from '../TracksTab/__testUtils__/fakeHub';
import { CreateReleaseDialog } from './CreateReleaseDialog';

const RULE = 'MAJOR.MINOR.PATCH, e.g. 1.4.0 or 2.0.0-rc.1';

const releases = [
  makeRelease('shopfront', '1.10.0', {
    id: 'r-1-10',
    name: 'Autumn',
    status: 'ready',
  }),
  makeRelease('shopfront', '1.9.0', { id: 'r-1-9', name: '1.9.0' }),
  makeRelease('shopfront', '1.2.0', { id: 'r-1-2', status: 'rescinded' }),
];

async function renderDialog(
  options: {
    releases?: ReleaseSummary[];
    api?: ReturnType<typeof fakeHubApi>;
  } = {},
) {
  const listed = options.releases ?? releases;
  const api =
    options.api ??
    fakeHubApi({ tracks: [makeTrack('shopfront')], releases: listed });
  const onClose = jest.fn();
  const onCreated = jest.fn();
  await renderWithHub(
    <CreateReleaseDialog
      open
      track="shopfront"
      releases={listed}
      onClose={onClose}
      onCreated={onCreated}
    />,
    { api },
  );
  const dialog = screen.getByRole('dialog', {
    name: 'New release in shopfront',
  });
  const d = within(dialog);
  return {
    api,
    onClose,
    onCreated,
    dialog,
    versionField: d.getByRole('textbox', { name: /^Version/ }),
    nameField: d.getByRole('textbox', { name: 'Name' }),
    descriptionField: d.getByRole('textbox', { name: 'Description' }),
    createButton: d.getByRole('button', { name: 'Create' }),
  };
}

describe('CreateReleaseDialog', () => {
  // Material-UI tables and dialogs render slowly on a busy machine.
  jest.setTimeout(20_000);
  // Type without pauses between keys; debounced search still waits.
  let user: ReturnType<typeof userEvent.setup>;
  beforeEach(() => {
    user = userEvent.setup({ delay: null });
  });

  it('explains the version format and keeps Create disabled until one is typed', async () => {
    const { dialog, versionField, createButton } = await renderDialog();

    expect(versionField).toHaveAccessibleDescription(RULE);
    expect(versionField).toBeRequired();
    expect(createButton).toBeDisabled();
    expect(
      within(dialog).getByRole('radiogroup', { name: 'Start from' }),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByRole('radio', { name: 'Scratch' }),
    ).toBeChecked();
  });

  it.each(['1.4', 'v1.4.0', '1.4.0.1', '01.4.0', 'latest'])(
    'refuses %s as a version as it is typed',
    async (version: string) => {
      const { versionField, createButton } = await renderDialog();

      await user.type(versionField, version);

      expect(versionField).toBeInvalid();
      expect(versionField).toHaveAccessibleDescription(
        `Not a semantic version: use ${RULE}.`,
      );
      expect(createButton).toBeDisabled();
    },
  );

  it('warns inline that a version already exists in the track', async () => {
    const { versionField, createButton } = await renderDialog();

    await user.type(versionField, '1.9.0');

    expect(versionField).toBeInvalid();
    expect(versionField).toHaveAccessibleDescription(
      'Release 1.9.0 already exists in this track.',
    );
    expect(createButton).toBeDisabled();

    await user.type(versionField, '-rc.1');
    expect(versionField).toBeValid();
    expect(versionField).toHaveAccessibleDescription(RULE);
    expect(createButton).toBeEnabled();
  });

  it('creates a release from scratch, named after its version by default', async () => {
    const { api, versionField, nameField, createButton, onCreated } =
      await renderDialog();

    await user.type(versionField, '2.0.0-rc.1');
    expect(nameField).toHaveValue('2.0.0-rc.1');
    await user.click(createButton);

    expect(api.createRelease).toHaveBeenCalledWith('shopfront', {
      version: '2.0.0-rc.1',
      name: '2.0.0-rc.1',
    });
    expect(onCreated).toHaveBeenCalledWith(
      expect.objectContaining({ version: '2.0.0-rc.1', track: 'shopfront' }),
    );
  });

  it('clones the newest release by default, or the one chosen', async () => {
    const {
      api,
      dialog,
      versionField,
      nameField,
      descriptionField,
      createButton,
    } = await renderDialog();
    const d = within(dialog);

    await user.type(versionField, '1.11.0');
    await user.clear(nameField);
    await user.type(nameField, 'Winter');
    await user.type(descriptionField, 'Gift cards');
    await user.click(d.getByRole('radio', { name: 'Clone a release' }));

    const source = d.getByRole('combobox', { name: 'Release to clone' });
    // Newest by semver precedence, not by text: 1.10.0 is newer than 1.9.0.
    expect(source).toHaveDisplayValue('1.10.0 — Autumn (Ready for release)');
    expect(
      within(source)
        .getAllByRole('option')
        .map(o => o.textContent),
    ).toEqual([
      '1.10.0 — Autumn (Ready for release)',
      '1.9.0 (Draft)',
      '1.2.0 — Release 1.2.0 (Rescinded)',
    ]);

    await user.selectOptions(source, '1.9.0 (Draft)');
    await user.click(createButton);

    expect(api.createRelease).toHaveBeenCalledWith('shopfront', {
      version: '1.11.0',
      name: 'Winter',
      description: 'Gift cards',
      cloneFrom: 'r-1-9',
    });
  });

  it('offers no clone in a track without releases', async () => {
    const { dialog } = await renderDialog({ releases: [] });

    expect(
      within(dialog).getByRole('radio', { name: 'Clone a release' }),
    ).toBeDisabled();
    expect(
      within(dialog).getByText(/This track has no release to clone yet/),
    ).toBeInTheDocument();
  });

  it("shows the server's message inline", async () => {
    const api = fakeHubApi({ tracks: [makeTrack('shopfront')], releases });
    api.createRelease.mockRejectedValueOnce(
      await responseError(
        409,
        'ConflictError',
        'Release 3.0.0 already exists in track "shopfront"',
      ),
    );
    const { dialog, versionField, onCreated } = await renderDialog({ api });

    await user.type(versionField, '3.0.0{Enter}');

    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Release 3.0.0 already exists in track "shopfront"',
    );
    expect(onCreated).not.toHaveBeenCalled();
  });
});
