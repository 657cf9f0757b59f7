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

import { clone, isObject, JsonObject } from '../util/json';
import { PatchError } from './jsonPatch';
import { isAtomicMap, listKeyValue, listSchemaOf } from './listSchema';

const SET_ORDER = '$setElementOrder/';
const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList/';

/**
 * Applies a strategic merge patch as the API server does for built-in types:
 * lists with a merge key (containers by name, env by name, ports by
 * containerPort, …) merge element by element, other lists are replaced, and
 * the directives `$patch` (replace, delete, merge), `$retainKeys`,
 * `$setElementOrder/…` and `$deleteFromPrimitiveList/…` are honoured.
 */
export function applyStrategicMergePatch<T>(
  original: T,
  patch: unknown,
  copy = true,
): T {
  if (!isObject(patch)) {
    throw new PatchError('strategic merge patch must be a JSON object');
  }
  // Callers that own the document (a fresh parse) may let it be changed in place.
  const target = (copy ? clone(original) : original) as unknown as JsonObject;
  const merged = mergeMap(target, patch, '');
  return (merged ?? {}) as unknown as T;
}

function stripDirectives(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value
      .filter(item => !(isObject(item) && item.$patch === 'delete'))
      .map(stripDirectives);
  }
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const [key, child] of Object.entries(value)) {
    if (key.startsWith('$')) continue;
    if (child === null) continue;
    out[key] = stripDirectives(child);
  }
  return out;
}

function mergeMap(
  original: JsonObject | undefined,
  patch: JsonObject,
  field: string,
): JsonObject | undefined {
  const directive = patch.$patch;
  if (directive === 'delete') return undefined;
  if (directive === 'replace' || isAtomicMap(field)) {
    return stripDirectives(patch) as JsonObject;
  }
  if (directive !== undefined && directive !== 'merge') {
    throw new PatchError(
      `Unknown patch type: ${String(directive)} in map: ${JSON.stringify(
        patch,
      )}`,
    );
  }
  const result: JsonObject = original ? original : {};
  const orders: [string, unknown[]][] = [];
  const primitiveDeletes: [string, unknown[]][] = [];
  for (const [key, value] of Object.entries(patch)) {
    if (key === '$patch' || key === '$retainKeys') continue;
    if (key.startsWith(SET_ORDER)) {
      if (Array.isArray(value))
        orders.push([key.slice(SET_ORDER.length), value]);
      continue;
    }
    if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
      if (Array.isArray(value)) {
        primitiveDeletes.push([
          key.slice(DELETE_FROM_PRIMITIVE_LIST.length),
          value,
        ]);
      }
      continue;
    }
    if (value === null) {
      delete result[key];
    } else if (isObject(value)) {
      const current = isObject(result[key])
        ? (result[key] as JsonObject)
        : undefined;
      const merged = mergeMap(current, value, key);
      if (merged === undefined) delete result[key];
      else result[key] = merged;
    } else if (Array.isArray(value)) {
      result[key] = mergeList(result[key], value, key);
    } else {
      result[key] = value;
    }
  }
  for (const [key, values] of primitiveDeletes) {
    const current = result[key];
    if (Array.isArray(current)) {
      result[key] = current.filter(item => !values.includes(item as never));
    }
  }
  for (const [key, order] of orders) {
    const current = result[key];
    if (Array.isArray(current)) result[key] = applyOrder(current, order, key);
  }
  const retain = patch.$retainKeys;
  if (Array.isArray(retain)) {
    for (const key of Object.keys(result)) {
      if (!retain.includes(key)) delete result[key];
    }
  }
  return result;
}

function sameElement(a: unknown, b: unknown, keys: string[]): boolean {
  if (!isObject(a) || !isObject(b)) return false;
  return keys.every(key => listKeyValue(a, key) === listKeyValue(b, key));
}

function mergeList(
  original: unknown,
  patch: unknown[],
  field: string,
): unknown[] {
  const schema = listSchemaOf(field);
  if (patch.some(item => isObject(item) && item.$patch === 'replace')) {
    return stripDirectives(
      patch.filter(item => !(isObject(item) && item.$patch === 'replace')),
    ) as unknown[];
  }
  const current = Array.isArray(original) ? original : [];
  if (schema?.set) {
    const result = [...current];
    for (const item of patch) if (!result.includes(item)) result.push(item);
    return result;
  }
  if (!schema?.keys) return stripDirectives(patch) as unknown[];
  // Strategic merge identifies elements by the merge key alone.
  const keys = [schema.keys[0]];
  let result = [...current];
  for (const item of patch) {
    if (!isObject(item)) {
      throw new PatchError(`list ${field} with merge key must contain objects`);
    }
    if (item[keys[0]] === undefined) {
      throw new PatchError(
        `map: ${JSON.stringify(item)} does not contain declared merge key: ${
          keys[0]
        }`,
      );
    }
    if (item.$patch === 'delete') {
      result = result.filter(existing => !sameElement(existing, item, keys));
      continue;
    }
    const index = result.findIndex(existing =>
      sameElement(existing, item, keys),
    );
    if (index >= 0) {
      result[index] = mergeMap(result[index] as JsonObject, item, '') ?? {};
    } else {
      result.push(stripDirectives(mergeMap(undefined, item, '') ?? {}));
    }
  }
  return result;
}

/** Orders merged elements as `$setElementOrder` says; unnamed ones keep their place after. */
function applyOrder(
  list: unknown[],
  order: unknown[],
  field: string,
): unknown[] {
  const schema = listSchemaOf(field);
  const key = schema?.keys?.[0];
  const position = (item: unknown) =>
    order.findIndex(entry =>
      key ? sameElement(entry, item, [key]) : entry === item,
    );
  const listed = list.filter(item => position(item) >= 0);
  const unlisted = list.filter(item => position(item) < 0);
  listed.sort((a, b) => position(a) - position(b));
  return [...listed, ...unlisted];
}
