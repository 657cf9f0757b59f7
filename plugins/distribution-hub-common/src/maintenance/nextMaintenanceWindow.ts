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
import { WEEKDAYS } from '../kinds/constants';
import { MaintenanceWindow } from '../kinds/types';

/**
 * One concrete occurrence of a maintenance window.
 *
 * @public
 */
export interface MaintenanceWindowOccurrence {
  window: MaintenanceWindow;
  start: Date;
  end: Date;
  /** True when the occurrence has started and not yet ended. */
  open: boolean;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock fields of an instant in a time zone. */
function wallClock(instant: number, timeZone: string) {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') {
      fields[part.type] = Number(part.value);
    }
  }
  return fields;
}

/** How far a time zone's wall clock is ahead of UTC at an instant, in ms. */
function zoneOffset(instant: number, timeZone: string): number {
  const f = wallClock(instant, timeZone);
  const wallAsUtc = Date.UTC(
    f.year,
    f.month - 1,
    f.day,
    f.hour,
    f.minute,
    f.second,
  );
  return wallAsUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant at which a wall-clock time occurs in a time zone. Checking the
 * offset twice lands on the right side of a daylight-saving change; a time
 * skipped by the change moves forward by the size of the gap.
 */
function wallClockToInstant(
  year: number,
  month: number,
  day: number,
  minutes: number,
  timeZone: string,
): number {
  const guess = Date.UTC(year, month - 1, day, 0, minutes);
  const before = zoneOffset(guess, timeZone);
  const after = zoneOffset(guess - before, timeZone);
  const instant = guess - after;
  if (zoneOffset(instant, timeZone) === after) {
    return instant;
  }
  // No instant shows this wall-clock time: it falls in the gap of a change
  // that put the clocks forward. Reading it with the offset from before the
  // change (the smaller one) lands the size of the gap later, in every zone.
  return guess - Math.min(before, after);
}

function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

function occurrencesAround(
  window: MaintenanceWindow,
  now: number,
): MaintenanceWindowOccurrence[] {
  const today = wallClock(now, window.timezone);
  const startMinutes = minutesOf(window.start);
  let endMinutes = minutesOf(window.end);
  if (endMinutes <= startMinutes) {
    endMinutes += 24 * 60; // runs past midnight
  }
  const result: MaintenanceWindowOccurrence[] = [];
  // From yesterday (a window still open past midnight) to a week ahead.
  for (let offset = -1; offset <= 7; offset++) {
    const date = new Date(
      Date.UTC(today.year, today.month - 1, today.day + offset),
    );
    if (!window.days.includes(WEEKDAYS[date.getUTCDay()])) {
      continue;
    }
    const [y, m, d] = [
      date.getUTCFullYear(),
      date.getUTCMonth() + 1,
      date.getUTCDate(),
    ];
    const start = wallClockToInstant(y, m, d, startMinutes, window.timezone);
    const end = wallClockToInstant(y, m, d, endMinutes, window.timezone);
    if (end > now) {
      result.push({
        window,
        start: new Date(start),
        end: new Date(end),
        open: start <= now,
      });
    }
  }
  return result;
}

/**
 * The maintenance window that is open now or opens next, across all of an
 * installation's windows, each in its own time zone. Undefined when there are
 * no windows (an installation without windows can be changed at any time).
 *
 * @public
 */
export function nextMaintenanceWindow(
  windows: MaintenanceWindow[] | undefined,
  now: Date = new Date(),
): MaintenanceWindowOccurrence | undefined {
  let best: MaintenanceWindowOccurrence | undefined;
  for (const window of windows ?? []) {
    for (const occurrence of occurrencesAround(window, now.getTime())) {
      if (!best || occurrence.start < best.start) {
        best = occurrence;
      }
    }
  }
  return best;
}
