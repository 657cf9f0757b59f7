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
import { MaintenanceWindow } from '../kinds/types';
import {
  MaintenanceWindowOccurrence,
  nextMaintenanceWindow,
} from './nextMaintenanceWindow';

const berlinWeekend: MaintenanceWindow = {
  days: ['sat', 'sun'],
  start: '02:00',
  end: '05:00',
  timezone: 'Europe/Berlin',
};

/** Friday night in New York, running past midnight into Saturday. */
const newYorkFridayNight: MaintenanceWindow = {
  days: ['fri'],
  start: '22:00',
  end: '01:00',
  timezone: 'America/New_York',
};

/** The occurrence's instants as ISO strings, to compare exactly. */
function summary(occurrence: MaintenanceWindowOccurrence | undefined) {
  return (
    occurrence && {
      start: occurrence.start.toISOString(),
      end: occurrence.end.toISOString(),
      open: occurrence.open,
    }
  );
}

/** An instant as a wall clock in a zone, e.g. "Sun 03:30". */
function localTime(date: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const part = (type: string) => parts.find(p => p.type === type)?.value;
  return `${part('weekday')} ${part('hour')}:${part('minute')}`;
}

describe('nextMaintenanceWindow', () => {
  it('gives undefined for no windows', () => {
    const now = new Date('2026-01-14T12:00:00Z');
    expect(nextMaintenanceWindow(undefined, now)).toBeUndefined();
    expect(nextMaintenanceWindow([], now)).toBeUndefined();
  });

  it('finds the next Berlin weekend window from a Wednesday in winter (UTC+1)', () => {
    // Wednesday 2026-01-14, 13:00 in Berlin.
    const next = nextMaintenanceWindow(
      [berlinWeekend],
      new Date('2026-01-14T12:00:00Z'),
    );
    expect(summary(next)).toEqual({
      start: '2026-01-17T01:00:00.000Z',
      end: '2026-01-17T04:00:00.000Z',
      open: false,
    });
    expect(next?.window).toBe(berlinWeekend);
  });

  it('finds the next Berlin weekend window from a Wednesday in summer (UTC+2)', () => {
    // Wednesday 2026-07-15, 14:00 in Berlin.
    expect(
      summary(
        nextMaintenanceWindow(
          [berlinWeekend],
          new Date('2026-07-15T12:00:00Z'),
        ),
      ),
    ).toEqual({
      start: '2026-07-18T00:00:00.000Z',
      end: '2026-07-18T03:00:00.000Z',
      open: false,
    });
  });

  it('reports a window that is open right now', () => {
    // Sunday 2026-01-18, 04:30 in Berlin.
    expect(
      summary(
        nextMaintenanceWindow(
          [berlinWeekend],
          new Date('2026-01-18T03:30:00Z'),
        ),
      ),
    ).toEqual({
      start: '2026-01-18T01:00:00.000Z',
      end: '2026-01-18T04:00:00.000Z',
      open: true,
    });
  });

  it('counts the start instant as open and the end instant as closed', () => {
    expect(
      summary(
        nextMaintenanceWindow(
          [berlinWeekend],
          new Date('2026-01-17T01:00:00Z'),
        ),
      ),
    ).toEqual({
      start: '2026-01-17T01:00:00.000Z',
      end: '2026-01-17T04:00:00.000Z',
      open: true,
    });
    // Sunday's window has just closed: next is the Saturday after.
    expect(
      summary(
        nextMaintenanceWindow(
          [berlinWeekend],
          new Date('2026-01-18T04:00:00Z'),
        ),
      ),
    ).toEqual({
      start: '2026-01-24T01:00:00.000Z',
      end: '2026-01-24T04:00:00.000Z',
      open: false,
    });
  });

  it("goes to Sunday's window once Saturday's has closed", () => {
    expect(
      summary(
        nextMaintenanceWindow(
          [berlinWeekend],
          new Date('2026-01-17T12:00:00Z'),
        ),
      ),
    ).toEqual({
      start: '2026-01-18T01:00:00.000Z',
      end: '2026-01-18T04:00:00.000Z',
      open: false,
    });
  });

  it("goes a full week ahead when today's only window has passed", () => {
    const kolkataWednesday: MaintenanceWindow = {
      days: ['wed'],
      start: '18:00',
      end: '19:00',
      timezone: 'Asia/Kolkata',
    };
    // Wednesday 2026-01-14, 17:30 in Kolkata (UTC+5:30): later today.
    expect(
      summary(
        nextMaintenanceWindow(
          [kolkataWednesday],
          new Date('2026-01-14T12:00:00Z'),
        ),
      ),
    ).toEqual({
      start: '2026-01-14T12:30:00.000Z',
      end: '2026-01-14T13:30:00.000Z',
      open: false,
    });
    // 19:30 in Kolkata: the next one is a week later.
    expect(
      summary(
        nextMaintenanceWindow(
          [kolkataWednesday],
          new Date('2026-01-14T14:00:00Z'),
        ),
      ),
    ).toEqual({
      start: '2026-01-21T12:30:00.000Z',
      end: '2026-01-21T13:30:00.000Z',
      open: false,
    });
  });

  it("takes the weekday in the window's zone, not in UTC", () => {
    // Sunday 18:30 UTC is already Monday 07:30 in Auckland (UTC+13).
    expect(
      summary(
        nextMaintenanceWindow(
          [
            {
              days: ['mon'],
              start: '08:00',
              end: '09:00',
              timezone: 'Pacific/Auckland',
            },
          ],
          new Date('2026-01-18T18:30:00Z'),
        ),
      ),
    ).toEqual({
      start: '2026-01-18T19:00:00.000Z',
      end: '2026-01-18T20:00:00.000Z',
      open: false,
    });
  });

  describe('a window crossing midnight', () => {
    it('is open shortly after midnight of the day after a listed day', () => {
      // Saturday 2026-01-17, 00:30 in New York (UTC-5); only Friday is listed.
      const next = nextMaintenanceWindow(
        [newYorkFridayNight],
        new Date('2026-01-17T05:30:00Z'),
      );
      expect(summary(next)).toEqual({
        start: '2026-01-17T03:00:00.000Z',
        end: '2026-01-17T06:00:00.000Z',
        open: true,
      });
      expect(localTime(next!.start, 'America/New_York')).toBe('Fri 22:00');
      expect(localTime(next!.end, 'America/New_York')).toBe('Sat 01:00');
    });

    it('is not yet open before it starts on the listed day', () => {
      // Friday 2026-01-16, 21:00 in New York.
      expect(
        summary(
          nextMaintenanceWindow(
            [newYorkFridayNight],
            new Date('2026-01-17T02:00:00Z'),
          ),
        ),
      ).toEqual({
        start: '2026-01-17T03:00:00.000Z',
        end: '2026-01-17T06:00:00.000Z',
        open: false,
      });
    });

    it('moves to the next week once it has ended after midnight', () => {
      // Saturday 2026-01-17, 01:30 in New York.
      expect(
        summary(
          nextMaintenanceWindow(
            [newYorkFridayNight],
            new Date('2026-01-17T06:30:00Z'),
          ),
        ),
      ).toEqual({
        start: '2026-01-24T03:00:00.000Z',
        end: '2026-01-24T06:00:00.000Z',
        open: false,
      });
    });
  });

  describe('across daylight-saving changes', () => {
    it('moves a Berlin start skipped by the spring change forward by the gap', () => {
      // On Sunday 2026-03-29 Berlin's clocks jump from 02:00 CET to 03:00
      // CEST (01:00 UTC): 02:30 does not exist that day.
      const window: MaintenanceWindow = {
        days: ['sun'],
        start: '02:30',
        end: '04:00',
        timezone: 'Europe/Berlin',
      };
      const next = nextMaintenanceWindow(
        [window],
        new Date('2026-03-25T12:00:00Z'),
      );
      expect(Number.isNaN(next!.start.getTime())).toBe(false);
      expect(Number.isNaN(next!.end.getTime())).toBe(false);
      expect(summary(next)).toEqual({
        start: '2026-03-29T01:30:00.000Z', // 03:30 CEST
        end: '2026-03-29T02:00:00.000Z', // 04:00 CEST
        open: false,
      });
      expect(localTime(next!.start, 'Europe/Berlin')).toBe('Sun 03:30');
      expect(localTime(next!.end, 'Europe/Berlin')).toBe('Sun 04:00');
      // A week later the window is back to its usual local times.
      expect(
        summary(
          nextMaintenanceWindow([window], new Date('2026-03-30T00:00:00Z')),
        ),
      ).toEqual({
        start: '2026-04-05T00:30:00.000Z',
        end: '2026-04-05T02:00:00.000Z',
        open: false,
      });
    });

    it('keeps the Berlin weekend window sensible on the day of the spring change', () => {
      // Saturday 2026-03-28 is still CET; Sunday starts at 02:00, which is
      // skipped, so it opens at 03:00 CEST and closes at 05:00 CEST.
      const saturday = nextMaintenanceWindow(
        [berlinWeekend],
        new Date('2026-03-25T12:00:00Z'),
      );
      expect(summary(saturday)).toEqual({
        start: '2026-03-28T01:00:00.000Z',
        end: '2026-03-28T04:00:00.000Z',
        open: false,
      });
      const sunday = nextMaintenanceWindow(
        [berlinWeekend],
        new Date('2026-03-28T12:00:00Z'),
      );
      expect(summary(sunday)).toEqual({
        start: '2026-03-29T01:00:00.000Z',
        end: '2026-03-29T03:00:00.000Z',
        open: false,
      });
    });

    it('moves a New York start skipped by the spring change forward, not back', () => {
      // On Sunday 2026-03-08 New York's clocks jump from 02:00 EST to 03:00
      // EDT (07:00 UTC): 02:30 does not exist that day. The window must not
      // open before 02:00 local (an hour early, 01:30 EST = 06:30 UTC).
      const next = nextMaintenanceWindow(
        [
          {
            days: ['sun'],
            start: '02:30',
            end: '04:00',
            timezone: 'America/New_York',
          },
        ],
        new Date('2026-03-04T12:00:00Z'),
      );
      expect(summary(next)).toEqual({
        start: '2026-03-08T07:30:00.000Z', // 03:30 EDT
        end: '2026-03-08T08:00:00.000Z', // 04:00 EDT
        open: false,
      });
      expect(localTime(next!.start, 'America/New_York')).toBe('Sun 03:30');
    });

    it('moves a New York end skipped by the spring change forward, not back', () => {
      const next = nextMaintenanceWindow(
        [
          {
            days: ['sun'],
            start: '01:00',
            end: '02:30',
            timezone: 'America/New_York',
          },
        ],
        new Date('2026-03-04T12:00:00Z'),
      );
      expect(summary(next)).toEqual({
        start: '2026-03-08T06:00:00.000Z', // 01:00 EST
        end: '2026-03-08T07:30:00.000Z', // 03:30 EDT
        open: false,
      });
    });

    it('picks one of the two real instants of a time repeated in autumn', () => {
      // On Sunday 2026-10-25 Berlin's clocks go back from 03:00 CEST to
      // 02:00 CET (01:00 UTC): 02:30 happens twice.
      const next = nextMaintenanceWindow(
        [
          {
            days: ['sun'],
            start: '02:30',
            end: '04:00',
            timezone: 'Europe/Berlin',
          },
        ],
        new Date('2026-10-21T12:00:00Z'),
      );
      expect([
        '2026-10-25T00:30:00.000Z', // 02:30 CEST
        '2026-10-25T01:30:00.000Z', // 02:30 CET
      ]).toContain(next!.start.toISOString());
      expect(localTime(next!.start, 'Europe/Berlin')).toBe('Sun 02:30');
      expect(next!.end.toISOString()).toBe('2026-10-25T03:00:00.000Z'); // 04:00 CET
    });
  });

  describe('several windows', () => {
    const tokyoSaturday: MaintenanceWindow = {
      days: ['sat'],
      start: '09:00',
      end: '10:00',
      timezone: 'Asia/Tokyo',
    };

    it('gives the earliest across zones, whatever the order', () => {
      // From Wednesday 2026-01-14: Tokyo Saturday 09:00 JST (00:00 UTC)
      // comes before Berlin Saturday 02:00 CET (01:00 UTC) and New York
      // Friday 22:00 EST (03:00 UTC Saturday).
      const now = new Date('2026-01-14T12:00:00Z');
      const windows = [berlinWeekend, newYorkFridayNight, tokyoSaturday];
      const expected = {
        start: '2026-01-17T00:00:00.000Z',
        end: '2026-01-17T01:00:00.000Z',
        open: false,
      };
      const next = nextMaintenanceWindow(windows, now);
      expect(summary(next)).toEqual(expected);
      expect(next?.window).toBe(tokyoSaturday);
      expect(
        summary(nextMaintenanceWindow([...windows].reverse(), now)),
      ).toEqual(expected);
    });

    it('prefers a window open now over one that opens later', () => {
      // Saturday 2026-01-17 00:30 UTC: Tokyo's is open, Berlin's opens at 01:00.
      const next = nextMaintenanceWindow(
        [berlinWeekend, tokyoSaturday],
        new Date('2026-01-17T00:30:00Z'),
      );
      expect(next?.window).toBe(tokyoSaturday);
      expect(next?.open).toBe(true);
    });

    it('moves on to the next window once the earliest has closed', () => {
      // Saturday 2026-01-17 01:30 UTC: Tokyo's has closed, Berlin's is open.
      const next = nextMaintenanceWindow(
        [tokyoSaturday, berlinWeekend],
        new Date('2026-01-17T01:30:00Z'),
      );
      expect(next?.window).toBe(berlinWeekend);
      expect(summary(next)).toEqual({
        start: '2026-01-17T01:00:00.000Z',
        end: '2026-01-17T04:00:00.000Z',
        open: true,
      });
    });
  });

  describe('without an explicit now', () => {
    afterEach(() => {
      jest.useRealTimers();
    });

    it('uses the current time', () => {
      jest.useFakeTimers();
      jest.setSystemTime(new Date('2026-07-15T12:00:00Z'));
      expect(summary(nextMaintenanceWindow([berlinWeekend]))).toEqual({
        start: '2026-07-18T00:00:00.000Z',
        end: '2026-07-18T03:00:00.000Z',
        open: false,
      });
    });
  });
});
