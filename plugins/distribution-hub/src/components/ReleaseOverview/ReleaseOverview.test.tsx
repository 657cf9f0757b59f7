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
import { useState } from 'react';
import {
  fakeHubApi,
  lockedRelease,
  makeRelease,
  renderWithHub,
  responseError,
} from '../ReleasePage/__testUtils__/releases';
import { ReleaseOverview } from './ReleaseOverview';

// The overview renders several cards, Markdown and a text field typed into
// key by key; on a busy machine that takes longer than Jest's default 5 s.
jest.setTimeout(15_000);

/** The overview as the release page holds it: the latest release in state. */
function Holder(props: { initial: Release; onChange(r: Release): void }) {
  const [release, setRelease] = useState(props.initial);
  return (
    <ReleaseOverview
      release={release}
      onChange={r => {
        setRelease(r);
        props.onChange(r);
      }}
    />
  );
}

async function renderOverview(release: Release, api = fakeHubApi(release)) {
  const onChange = jest.fn();
  await renderWithHub(<Holder initial={release} onChange={onChange} />, {
    api,
  });
  return { api, onChange };
}

async function saveButton() {
  return screen.findByRole('button', { name: 'Save' });
}

describe('ReleaseOverview', () => {
  it('explains the status and what a draft still needs', async () => {
    await renderOverview(makeRelease());

    expect(screen.getByText('Draft')).toBeInTheDocument();
    expect(
      screen.getByText(/The requirements are still being defined/),
    ).toBeInTheDocument();
    const checklist = screen.getByRole('list', {
      name: 'Before it can be ready for release',
    });
    expect(checklist).toHaveTextContent(
      'Requirements not locked yet: lock them on the Requirements tab',
    );
    expect(checklist).toHaveTextContent('Every application has an image');
    expect(
      within(checklist).getByRole('link', { name: 'Requirements tab' }),
    ).toHaveAttribute('href', '/release-hub/releases/rel-140/requirements');
    expect(
      screen.getByRole('button', { name: 'Ready for release' }),
    ).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Rescind' })).toBeInTheDocument();
  });

  it('shows the description and details', async () => {
    await renderOverview(lockedRelease('ready'));

    expect(
      screen.getByText('Faster checkout and a new refunds API.'),
    ).toBeInTheDocument();
    expect(screen.getByText(/2 stages, 3 applications/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'omar.haddad' })).toHaveAttribute(
      'href',
      '/catalog/default/user/omar.haddad',
    );
    expect(
      screen.getByText(/can be rolled out to installations/),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('list', {
        name: 'Before it can be ready for release',
      }),
    ).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Put on hold' })).toBeEnabled();
  });

  it('edits the release notes with a preview and saves them with the revision', async () => {
    const { api, onChange } = await renderOverview(makeRelease());

    const save = await saveButton();
    await waitFor(() =>
      expect(save.parentElement).toHaveAttribute('title', 'No changes to save'),
    );
    expect(save).toBeDisabled();

    const field = screen.getByRole('textbox', { name: 'Release notes' });
    expect(field).toHaveValue('## Highlights\n\n- Faster checkout');
    await userEvent.type(field, '\n**Refunds**');

    await userEvent.click(screen.getByRole('tab', { name: 'Preview' }));
    const preview = screen.getByRole('region', {
      name: 'Release notes preview',
    });
    expect(
      await within(preview).findByRole('heading', { name: 'Highlights' }),
    ).toBeInTheDocument();
    expect(within(preview).getByText('Refunds').tagName).toBe('STRONG');

    expect(await saveButton()).toBeEnabled();
    await userEvent.click(await saveButton());

    await waitFor(() =>
      expect(api.updateRelease).toHaveBeenCalledWith(
        'rel-140',
        { notes: '## Highlights\n\n- Faster checkout\n**Refunds**' },
        { revision: 7 },
      ),
    );
    await waitFor(() =>
      expect(onChange).toHaveBeenCalledWith(
        expect.objectContaining({
          notes: '## Highlights\n\n- Faster checkout\n**Refunds**',
          revision: 8,
        }),
      ),
    );
    await waitFor(async () => expect(await saveButton()).toBeDisabled());
  });

  it('discards unsaved notes', async () => {
    const { api } = await renderOverview(makeRelease());

    const field = screen.getByRole('textbox', { name: 'Release notes' });
    await userEvent.clear(field);
    await userEvent.type(field, 'Nothing');
    await userEvent.click(
      screen.getByRole('button', { name: 'Discard changes' }),
    );

    expect(field).toHaveValue('## Highlights\n\n- Faster checkout');
    expect(api.updateRelease).not.toHaveBeenCalled();
  });

  it("shows the server's message when the notes cannot be saved, and reloads", async () => {
    const release = makeRelease();
    const api = fakeHubApi(release);
    const message =
      'Release 1.4.0 is at revision 9, not 7: someone else changed it; reload it and try again';
    api.updateRelease.mockRejectedValueOnce(await responseError(409, message));
    const { onChange } = await renderOverview(release, api);

    const field = screen.getByRole('textbox', { name: 'Release notes' });
    await userEvent.type(field, '\nMore');
    await userEvent.click(await saveButton());

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(message);

    api.getRelease.mockResolvedValueOnce(
      makeRelease({ revision: 9, description: 'Changed meanwhile' }),
    );
    await userEvent.click(
      within(alert).getByRole('button', { name: 'Reload' }),
    );

    expect(await screen.findByText('Changed meanwhile')).toBeInTheDocument();
    expect(onChange).toHaveBeenCalledWith(
      expect.objectContaining({ revision: 9 }),
    );
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    // What was typed is kept, to be saved on the new revision.
    expect(field).toHaveValue('## Highlights\n\n- Faster checkout\nMore');
    await userEvent.click(await saveButton());
    await waitFor(() =>
      expect(api.updateRelease).toHaveBeenLastCalledWith(
        'rel-140',
        { notes: '## Highlights\n\n- Faster checkout\nMore' },
        { revision: 9 },
      ),
    );
  });

  it('is read-only once the release is rescinded', async () => {
    await renderOverview(lockedRelease('rescinded'));

    expect(
      screen.getByText(/It is read-only and can never be rolled out/),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('heading', { name: 'Highlights' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Save' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Rescind' }),
    ).not.toBeInTheDocument();
    expect(
      screen.getByText(
        'The release is rescinded, so its notes can no longer be changed.',
      ),
    ).toBeInTheDocument();
  });
});
