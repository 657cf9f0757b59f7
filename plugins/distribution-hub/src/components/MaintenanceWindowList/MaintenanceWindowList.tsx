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
import Typography from '@material-ui/core/Typography';
import {
  MaintenanceWindow,
  nextMaintenanceWindow,
  WEEKDAYS,
} from '@sdh/plugin-distribution-hub-common';

const DAY_NAMES: Record<string, string> = {
  sun: 'Sun',
  mon: 'Mon',
  tue: 'Tue',
  wed: 'Wed',
  thu: 'Thu',
  fri: 'Fri',
  sat: 'Sat',
};

// Monday first, as people read a week; WEEKDAYS starts on Sunday.
function weekOrder(day: string): number {
  return (WEEKDAYS.indexOf(day as (typeof WEEKDAYS)[number]) + 6) % 7;
}

function describeDays(days: string[]): string {
  return [...days]
    .sort((a, b) => weekOrder(a) - weekOrder(b))
    .map(day => DAY_NAMES[day] ?? day)
    .join(', ');
}

const localDateTime = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
});
const localTime = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
});

/**
 * When an occurrence of a maintenance window starts and ends in the
 * viewer's local time: the start with its weekday and date, the
 * end as a time of day.
 */
export function localWindowTimes(occurrence: { start: Date; end: Date }) {
  return {
    start: localDateTime.format(occurrence.start),
    end: localTime.format(occurrence.end),
  };
}

/** @public */
export interface MaintenanceWindowListProps {
  windows?: MaintenanceWindow[];
  /** The moment to count from; the current time when left out. */
  now?: Date;
}

/**
 * An installation's maintenance windows as written (in their own time zone),
 * and the next occurrence in the viewer's local time.
 *
 * @public
 */
export function MaintenanceWindowList(props: MaintenanceWindowListProps) {
  const { windows = [], now = new Date() } = props;
  if (windows.length === 0) {
    return (
      <Typography variant="body2">
        None: rollouts may change this installation at any time.
      </Typography>
    );
  }
  const next = nextMaintenanceWindow(windows, now);
  const times = next && localWindowTimes(next);
  return (
    <>
      {windows.map((window, index) => (
        <Typography variant="body2" key={index}>
          {describeDays(window.days)} {window.start}–{window.end} (
          {window.timezone})
        </Typography>
      ))}
      {next && times && (
        <Typography variant="body2" color="textSecondary">
          {next.open
            ? `Open now, until ${times.end} your time`
            : `Next: ${times.start} – ${times.end} your time`}
        </Typography>
      )}
    </>
  );
}
