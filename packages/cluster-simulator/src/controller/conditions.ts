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
import { JsonObject } from '../util/json';
import { rfc3339 } from '../util/time';

export interface ConditionUpdate {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message: string;
}

/**
 * Sets a workload condition as the controllers do: an unchanged condition
 * keeps its times unless `touch` asks for a new lastUpdateTime (progress),
 * and lastTransitionTime moves only when the status flips.
 */
export function setCondition(
  conditions: JsonObject[],
  update: ConditionUpdate,
  now: number,
  touch = false,
): JsonObject[] {
  const existing = conditions.find(c => c.type === update.type);
  if (
    existing &&
    !touch &&
    existing.status === update.status &&
    existing.reason === update.reason &&
    existing.message === update.message
  ) {
    return conditions;
  }
  const time = rfc3339(now);
  const condition: JsonObject = {
    type: update.type,
    status: update.status,
    lastUpdateTime: time,
    lastTransitionTime:
      existing && existing.status === update.status
        ? existing.lastTransitionTime
        : time,
    reason: update.reason,
    message: update.message,
  };
  return existing
    ? conditions.map(c => (c === existing ? condition : c))
    : [...conditions, condition];
}

/** Resolves an int-or-percent such as maxSurge `25%` against a replica count. */
export function scaledValue(
  value: unknown,
  total: number,
  roundUp: boolean,
): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.endsWith('%')) {
    const fraction = (Number(value.slice(0, -1)) * total) / 100;
    return roundUp ? Math.ceil(fraction) : Math.floor(fraction);
  }
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return 0;
}

/** Adds a count to a status only when non-zero, as the API's `omitempty` does. */
export function putCount(status: JsonObject, key: string, value: number): void {
  if (value !== 0) status[key] = value;
}
