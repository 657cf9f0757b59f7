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

import { ReleaseHistoryEntry } from '@sdh/plugin-distribution-hub-common';
import { screen, waitFor, within } from '@testing-library/react';
import {
  fakeHubApi,
  hoursAgo,
  makeRelease,
  renderWithHub,
  responseError,
} from '../ReleasePage/__testUtils__/releases';
import { describeChanges } from './describeEntry';
import { formatRelativeTime } from './formatTime';
import { ReleaseHistory } from './ReleaseHistory';

const oneApp = {
  stages: [
    { name: 'All', apps: [{ entityRef: 'component:default/orders-api' }] },
  ],
};
const threeApps = {
  stages: [
    {
      name: 'Backend',
      apps: [
        {
          entityRef: 'component:default/orders-api',
          image: 'registry.example.com/orders-api:1.4.0',
        },
        { entityRef: 'component:default/refunds-api' },
      ],
    },
    { name: 'Frontend', apps: [{ entityRef: 'component:default/web' }] },
  ],
};

const history: ReleaseHistoryEntry[] = [
  {
    revision: 1,
    action: 'created',
    actor: 'user:default/jane.doe',
    at: hoursAgo(50),
    changes: { version: { to: '1.4.0' }, name: { to: 'Spring release' } },
  },
  {
    revision: 3,
    action: 'requirements-updated',
    actor: 'user:default/jane.doe',
    at: hoursAgo(26),
    changes: { requirements: { from: oneApp, to: threeApps } },
  },
  {
    revision: 2,
    action: 'updated',
    actor: 'user:default/omar.haddad',
    at: hoursAgo(30),
    changes: {
      notes: { from: null, to: '## Highlights' },
      description: { from: null, to: 'Faster checkout' },
    },
  },
  {
    revision: 4,
    action: 'locked',
    actor: 'user:default/omar.haddad',
    at: hoursAgo(5),
    changes: { locked: { from: false, to: true } },
  },
  {
    revision: 5,
    action: 'status-changed',
    actor: 'user:default/omar.haddad',
    at: hoursAgo(3),
    changes: { status: { from: 'draft', to: 'ready' } },
  },
  {
    revision: 6,
    action: 'unlocked',
    actor: 'service:release-bot',
    at: hoursAgo(1),
    changes: {
      locked: { from: true, to: false },
      status: { from: 'ready', to: 'draft' },
    },
  },
];

async function renderHistory(entries = history) {
  const release = makeRelease({ revision: 6 });
  const api = fakeHubApi(release, entries);
  await renderWithHub(<ReleaseHistory release={release} />, { api });
  return api;
}

/** Each timeline entry's heading, top to bottom. */
function headings() {
  return screen
    .getAllByRole('heading', { level: 3 })
    .map(heading => heading.textContent);
}

function entry(title: string) {
  const item = screen
    .getByRole('heading', { level: 3, name: title })
    .closest('li');
  if (!item) {
    throw new Error(`no timeline entry for ${title}`);
  }
  return item;
}

describe('ReleaseHistory', () => {
  it('lists the changes newest first, each in words', async () => {
    const api = await renderHistory();

    expect(
      await screen.findByRole('list', { name: 'Release history' }),
    ).toBeInTheDocument();
    expect(headings()).toEqual([
      'Requirements unlocked',
      'Status: Draft → Ready for release',
      'Requirements locked',
      'Requirements changed',
      'Details changed',
      'Created',
    ]);
    expect(api.getReleaseHistory).toHaveBeenCalledWith('rel-140');
  });

  it('links users to their catalog page and names other actors', async () => {
    await renderHistory();

    await screen.findByRole('list', { name: 'Release history' });
    const locked = entry('Requirements locked');
    expect(
      within(locked).getByRole('link', { name: 'omar.haddad' }),
    ).toHaveAttribute('href', '/catalog/default/user/omar.haddad');
    const unlocked = entry('Requirements unlocked');
    expect(unlocked).toHaveTextContent('service:release-bot');
    expect(within(unlocked).queryByRole('link')).not.toBeInTheDocument();
  });

  it('shows when, both relative and exact', async () => {
    await renderHistory();

    await screen.findByRole('list', { name: 'Release history' });
    const status = entry('Status: Draft → Ready for release');
    const time = status.querySelector('time');
    expect(time).toHaveAttribute('dateTime', history[4].at);
    expect(time).toHaveTextContent('3 hours ago');
    expect(time?.textContent).toMatch(/\(\w{3} \d{1,2}, \d{4}, \d{2}:\d{2}/);
  });

  it('says what each change did', async () => {
    await renderHistory();
    await screen.findByRole('list', { name: 'Release history' });

    expect(entry('Requirements changed')).toHaveTextContent(
      'Requirements: 2 stages, 3 applications (was 1 stage, 1 application)',
    );
    expect(entry('Requirements changed')).toHaveTextContent(
      'Added component:default/refunds-api, component:default/web',
    );
    expect(entry('Requirements changed')).toHaveTextContent(
      'Image of component:default/orders-api: (none) → registry.example.com/orders-api:1.4.0',
    );
    expect(entry('Details changed')).toHaveTextContent(
      'Release notes: release notes edited',
    );
    expect(entry('Details changed')).toHaveTextContent(
      'Description: (none) → Faster checkout',
    );
    expect(entry('Created')).toHaveTextContent('Version: 1.4.0');
    expect(entry('Created')).toHaveTextContent('Name: Spring release');
    // Unlocking a ready release takes it back to Draft.
    expect(entry('Requirements unlocked')).toHaveTextContent(
      'Status: Ready for release → Draft',
    );
    // What the heading says is not repeated below it.
    expect(entry('Requirements locked').querySelector('ul')).toBeNull();
  });

  it('says so when nothing is recorded yet', async () => {
    await renderHistory([]);

    expect(
      await screen.findByText('No changes recorded yet.'),
    ).toBeInTheDocument();
  });

  it('shows an error when the history cannot be loaded', async () => {
    const release = makeRelease();
    const api = fakeHubApi(release);
    api.getReleaseHistory.mockRejectedValue(
      await responseError(500, 'database unavailable'),
    );
    await renderWithHub(<ReleaseHistory release={release} />, { api });

    await waitFor(() =>
      expect(
        screen.getByText("Could not load the release's history", {
          exact: false,
        }),
      ).toBeInTheDocument(),
    );
    expect(
      screen.getByRole('button', { name: 'Try again' }),
    ).toBeInTheDocument();
  });
});

describe('describeChanges', () => {
  it('links a clone to the release it came from', () => {
    expect(
      describeChanges({
        revision: 1,
        action: 'created',
        actor: 'user:default/jane.doe',
        at: hoursAgo(1),
        changes: { clonedFrom: { to: 'rel-130' } },
      }),
    ).toEqual([
      {
        field: 'clonedFrom',
        label: 'Cloned from',
        text: 'rel-130',
        releaseId: 'rel-130',
      },
    ]);
  });

  it('summarizes requirements without a previous value', () => {
    expect(
      describeChanges({
        revision: 2,
        action: 'requirements-updated',
        actor: 'user:default/jane.doe',
        at: hoursAgo(1),
        changes: { requirements: { to: oneApp } },
      }),
    ).toEqual([
      {
        field: 'requirements',
        label: 'Requirements',
        text: '1 stage, 1 application',
      },
    ]);
  });
});

describe('formatRelativeTime', () => {
  it('reads like speech', () => {
    const now = Date.parse('2026-03-04T12:00:00Z');
    expect(formatRelativeTime('2026-03-04T11:59:30Z', now)).toBe('just now');
    expect(formatRelativeTime('2026-03-04T11:55:00Z', now)).toBe(
      '5 minutes ago',
    );
    expect(formatRelativeTime('2026-03-03T12:00:00Z', now)).toBe('yesterday');
    expect(formatRelativeTime('2026-02-18T12:00:00Z', now)).toBe('2 weeks ago');
    expect(formatRelativeTime('not a time', now)).toBe('not a time');
  });
});
