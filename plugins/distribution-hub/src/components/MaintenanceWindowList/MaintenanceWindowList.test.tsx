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

import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { MaintenanceWindow } from '@sdh/plugin-distribution-hub-common';
import { MaintenanceWindowList } from './MaintenanceWindowList';

// The component shows the next occurrence in the viewer's time zone and
// locale; format the expected instants the same way so the tests hold in any
// zone the tests run in.
const viewerDateTime = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
});
const viewerTime = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
});
const viewerWeekday = new Intl.DateTimeFormat(undefined, { weekday: 'short' });

const weekendBerlin: MaintenanceWindow = {
  days: ['sun', 'sat'],
  start: '02:00',
  end: '05:00',
  timezone: 'Europe/Berlin',
};
const lateEveningNewYork: MaintenanceWindow = {
  days: ['tue', 'thu'],
  start: '22:00',
  end: '01:00',
  timezone: 'America/New_York',
};
const middayLondon: MaintenanceWindow = {
  days: ['fri'],
  start: '12:00',
  end: '14:30',
  timezone: 'Europe/London',
};

// Wednesday, 25 November 2026, 13:00 in Berlin.
const wednesdayNoonUtc = new Date('2026-11-25T12:00:00Z');

describe('MaintenanceWindowList', () => {
  it('says that rollouts may change the installation at any time without windows', async () => {
    await renderInTestApp(<MaintenanceWindowList now={wednesdayNoonUtc} />);

    expect(
      screen.getByText(
        'None: rollouts may change this installation at any time.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/^Next:/)).not.toBeInTheDocument();
  });

  it('treats an empty list like no windows', async () => {
    await renderInTestApp(
      <MaintenanceWindowList windows={[]} now={wednesdayNoonUtc} />,
    );

    expect(
      screen.getByText(
        'None: rollouts may change this installation at any time.',
      ),
    ).toBeInTheDocument();
  });

  it('writes each window as days, times and zone, Monday first', async () => {
    await renderInTestApp(
      <MaintenanceWindowList
        windows={[
          weekendBerlin,
          lateEveningNewYork,
          {
            days: ['sun', 'fri', 'mon'],
            start: '06:00',
            end: '07:30',
            timezone: 'Asia/Tokyo',
          },
        ]}
        now={wednesdayNoonUtc}
      />,
    );

    expect(
      screen.getByText('Sat, Sun 02:00–05:00 (Europe/Berlin)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Tue, Thu 22:00–01:00 (America/New_York)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Mon, Fri, Sun 06:00–07:30 (Asia/Tokyo)'),
    ).toBeInTheDocument();
  });

  it('shows when the next window opens and closes', async () => {
    await renderInTestApp(
      <MaintenanceWindowList
        windows={[weekendBerlin]}
        now={wednesdayNoonUtc}
      />,
    );

    // Saturday 02:00–05:00 in Berlin (UTC+1 in November).
    const start = new Date('2026-11-28T01:00:00Z');
    const end = new Date('2026-11-28T04:00:00Z');
    expect(
      screen.getByText(
        `Next: ${viewerDateTime.format(start)} – ${viewerTime.format(
          end,
        )} your time`,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(/^Next:/)).toHaveTextContent(
      `Next: ${viewerWeekday.format(start)}`,
    );
    expect(screen.queryByText(/Open now/)).not.toBeInTheDocument();
  });

  it('names the weekday of the next window', async () => {
    await renderInTestApp(
      <MaintenanceWindowList windows={[middayLondon]} now={wednesdayNoonUtc} />,
    );

    // Friday 12:00 UTC is a Friday in every zone from UTC-12 to UTC+11.
    expect(screen.getByText(/^Next:/)).toHaveTextContent(/^Next: Fri\b/);
  });

  it('picks the earliest next window across windows in different zones', async () => {
    await renderInTestApp(
      <MaintenanceWindowList
        windows={[weekendBerlin, lateEveningNewYork, middayLondon]}
        now={wednesdayNoonUtc}
      />,
    );

    // Thursday 22:00 in New York comes before Friday noon in London.
    const start = new Date('2026-11-27T03:00:00Z');
    const end = new Date('2026-11-27T06:00:00Z');
    expect(
      screen.getByText(
        `Next: ${viewerDateTime.format(start)} – ${viewerTime.format(
          end,
        )} your time`,
      ),
    ).toBeInTheDocument();
  });

  it('says that a window is open now, and until when', async () => {
    // Saturday 03:00 in Berlin.
    await renderInTestApp(
      <MaintenanceWindowList
        windows={[weekendBerlin]}
        now={new Date('2026-11-28T02:00:00Z')}
      />,
    );

    expect(
      screen.getByText(
        `Open now, until ${viewerTime.format(
          new Date('2026-11-28T04:00:00Z'),
        )} your time`,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/^Next:/)).not.toBeInTheDocument();
  });

  it('counts a window that runs past midnight as open the next morning', async () => {
    // Wednesday 00:30 in New York: Tuesday's 22:00–01:00 window is still open.
    await renderInTestApp(
      <MaintenanceWindowList
        windows={[lateEveningNewYork]}
        now={new Date('2026-11-25T05:30:00Z')}
      />,
    );

    expect(
      screen.getByText(
        `Open now, until ${viewerTime.format(
          new Date('2026-11-25T06:00:00Z'),
        )} your time`,
      ),
    ).toBeInTheDocument();
  });

  it('is no longer open once the window has ended', async () => {
    // Saturday 05:00 in Berlin, the moment the window closes.
    await renderInTestApp(
      <MaintenanceWindowList
        windows={[weekendBerlin]}
        now={new Date('2026-11-28T04:00:00Z')}
      />,
    );

    // Sunday's window is next.
    expect(screen.getByText(/^Next:/)).toHaveTextContent(
      `Next: ${viewerDateTime.format(new Date('2026-11-29T01:00:00Z'))}`,
    );
  });
});
