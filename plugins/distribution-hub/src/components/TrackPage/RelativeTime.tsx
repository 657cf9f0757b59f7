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
import Tooltip from '@material-ui/core/Tooltip';

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "3 days ago", "in 2 hours", "just now": how long ago a time was. */
export function formatRelativeTime(
  time: string | Date,
  now: number = Date.now(),
): string {
  const seconds = (new Date(time).getTime() - now) / 1000;
  if (Number.isNaN(seconds)) {
    return String(time);
  }
  const format = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) {
      return format.format(Math.round(seconds / size), unit);
    }
  }
  return 'just now';
}

/** The exact time, in the viewer's time zone, with the zone named. */
export function formatExactTime(time: string | Date): string {
  const date = new Date(time);
  if (Number.isNaN(date.getTime())) {
    return String(time);
  }
  return date.toLocaleString(undefined, {
    dateStyle: 'full',
    timeStyle: 'long',
  });
}

/** How long ago a time was, with the exact time as a tooltip. */
export function RelativeTime(props: { time: string }) {
  const { time } = props;
  return (
    <Tooltip title={formatExactTime(time)}>
      <time dateTime={time}>{formatRelativeTime(time)}</time>
    </Tooltip>
  );
}
