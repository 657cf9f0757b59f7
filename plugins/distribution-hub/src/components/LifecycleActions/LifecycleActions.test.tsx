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

import { Release } from '@sdh/plugin-distribution-hub-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  fakeHubApi,
  lockedRelease,
  makeRelease,
  renderWithHub,
  responseError,
} from '../ReleasePage/__testUtils__/releases';
import { LifecycleActions } from './LifecycleActions';

const ACTIONS = ['Ready for release', 'Put on hold', 'Resume', 'Rescind'];

async function renderActions(release: Release, api = fakeHubApi(release)) {
  const onChange = jest.fn();
  await renderWithHub(
    <LifecycleActions release={release} onChange={onChange} />,
    { api },
  );
  return { api, onChange };
}

/** The names of the action buttons shown. */
function shownActions() {
  return ACTIONS.filter(name => screen.queryByRole('button', { name }));
}

/** The tooltip a disabled button shows on hover. */
async function reasonFor(name: string) {
  const button = screen.getByRole('button', { name });
  expect(button).toBeDisabled();
  await userEvent.hover(button.parentElement!);
  const tooltip = await screen.findByRole('tooltip');
  const text = tooltip.textContent;
  await userEvent.unhover(button.parentElement!);
  return text;
}

describe('LifecycleActions', () => {
  it('offers each status change only from the states it leaves', async () => {
    const cases: Array<[Release, string[]]> = [
      [makeRelease(), ['Ready for release', 'Rescind']],
      [lockedRelease('ready'), ['Put on hold', 'Rescind']],
      [lockedRelease('on-hold'), ['Resume', 'Rescind']],
      [lockedRelease('rescinded'), []],
    ];
    for (const [release, expected] of cases) {
      const { unmount } = await renderWithHub(
        <LifecycleActions release={release} onChange={jest.fn()} />,
        { api: fakeHubApi(release) },
      );
      await waitFor(() => expect(shownActions()).toEqual(expected));
      unmount();
    }
  });

  it('says to lock the requirements before a draft can be ready', async () => {
    await renderActions(makeRelease({ locked: false }));

    expect(await reasonFor('Ready for release')).toBe(
      'Lock the requirements first',
    );
    expect(screen.getByRole('button', { name: 'Rescind' })).toBeEnabled();
  });

  it('names the applications that have no image yet', async () => {
    const release = lockedRelease('draft');
    release.requirements.stages[1].apps.push({
      entityRef: 'component:default/x',
    });
    release.requirements.stages[0].apps[0].image = '';

    await renderActions(release);

    expect(await reasonFor('Ready for release')).toBe(
      'No image for component:default/orders-api, component:default/x',
    );
  });

  it('marks a complete draft ready after confirmation, with its revision', async () => {
    const release = lockedRelease('draft', { revision: 12 });
    const { api, onChange } = await renderActions(release);

    const button = await screen.findByRole('button', {
      name: 'Ready for release',
    });
    await waitFor(() => expect(button).toBeEnabled());
    await userEvent.click(button);

    const dialog = screen.getByRole('dialog', {
      name: 'Mark release 1.4.0 ready for release?',
    });
    expect(dialog).toHaveTextContent(
      'The release becomes Ready for release: it can then be rolled out to installations.',
    );
    expect(api.setReleaseStatus).not.toHaveBeenCalled();

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Confirm' }),
    );

    await waitFor(() =>
      expect(onChange).toHaveBeenCalledWith(
        expect.objectContaining({ status: 'ready', revision: 13 }),
      ),
    );
    expect(api.setReleaseStatus).toHaveBeenCalledWith('rel-140', 'ready', {
      revision: 12,
    });
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
  });

  it('changes nothing when the confirmation is cancelled', async () => {
    const { api, onChange } = await renderActions(lockedRelease('ready'));

    await userEvent.click(
      await screen.findByRole('button', { name: 'Put on hold' }),
    );
    const dialog = screen.getByRole('dialog', {
      name: 'Put release 1.4.0 on hold?',
    });
    expect(dialog).toHaveTextContent(
      'it cannot be rolled out until someone resumes it',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Cancel' }),
    );

    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(api.setReleaseStatus).not.toHaveBeenCalled();
    expect(onChange).not.toHaveBeenCalled();
  });

  it('puts a ready release on hold and resumes it', async () => {
    const { api } = await renderActions(lockedRelease('ready'));

    await userEvent.click(
      await screen.findByRole('button', { name: 'Put on hold' }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Confirm' }));
    await waitFor(() =>
      expect(api.setReleaseStatus).toHaveBeenCalledWith('rel-140', 'on-hold', {
        revision: 7,
      }),
    );
  });

  it('resumes a release on hold', async () => {
    const { api, onChange } = await renderActions(lockedRelease('on-hold'));

    const button = await screen.findByRole('button', { name: 'Resume' });
    await waitFor(() => expect(button).toBeEnabled());
    await userEvent.click(button);
    expect(
      screen.getByRole('dialog', { name: 'Resume release 1.4.0?' }),
    ).toHaveTextContent('Ready for release again');
    await userEvent.click(screen.getByRole('button', { name: 'Confirm' }));

    await waitFor(() =>
      expect(onChange).toHaveBeenCalledWith(
        expect.objectContaining({ status: 'ready' }),
      ),
    );
    expect(api.setReleaseStatus).toHaveBeenCalledWith('rel-140', 'ready', {
      revision: 7,
    });
  });

  it('warns that rescinding is final before rescinding', async () => {
    const { api, onChange } = await renderActions(makeRelease());

    await userEvent.click(
      await screen.findByRole('button', { name: 'Rescind' }),
    );
    const dialog = screen.getByRole('dialog', {
      name: 'Rescind release 1.4.0?',
    });
    expect(dialog).toHaveTextContent(
      'Rescinding is final: the release becomes read-only and can never be rolled out.',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Confirm' }),
    );

    await waitFor(() =>
      expect(onChange).toHaveBeenCalledWith(
        expect.objectContaining({ status: 'rescinded' }),
      ),
    );
    expect(api.setReleaseStatus).toHaveBeenCalledWith('rel-140', 'rescinded', {
      revision: 7,
    });
  });

  it("shows the server's message on a conflict and reloads the release", async () => {
    const release = lockedRelease('ready');
    const api = fakeHubApi(release);
    const message =
      'Release 1.4.0 is at revision 8, not 7: someone else changed it; reload it and try again';
    api.setReleaseStatus.mockRejectedValueOnce(
      await responseError(409, message),
    );
    const fresh = lockedRelease('on-hold', { revision: 8 });
    api.getRelease.mockResolvedValueOnce(fresh);
    const { onChange } = await renderActions(release, api);

    await userEvent.click(
      await screen.findByRole('button', { name: 'Put on hold' }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Confirm' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(message);
    expect(alert).toHaveTextContent('The change was refused');
    expect(onChange).not.toHaveBeenCalled();

    await userEvent.click(
      within(alert).getByRole('button', { name: 'Reload' }),
    );

    await waitFor(() => expect(onChange).toHaveBeenCalledWith(fresh));
    expect(api.getRelease).toHaveBeenCalledWith('rel-140');
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
  });

  it('lets the user try again after an error that is not a conflict', async () => {
    const release = lockedRelease('ready');
    const api = fakeHubApi(release);
    api.setReleaseStatus.mockRejectedValueOnce(new Error('Network is down'));
    const { onChange } = await renderActions(release, api);

    await userEvent.click(
      await screen.findByRole('button', { name: 'Put on hold' }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Confirm' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The change failed');
    expect(alert).toHaveTextContent('Network is down');
    expect(
      within(alert).queryByRole('button', { name: 'Reload' }),
    ).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Confirm' }));
    await waitFor(() =>
      expect(onChange).toHaveBeenCalledWith(
        expect.objectContaining({ status: 'on-hold' }),
      ),
    );
  });
});
