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

import { applyConflict } from '../api/errors';
import { ResourceType } from '../api/resources';
import { KubeObject, ManagedFieldsEntry } from '../api/types';
import { clone, isObject, JsonObject } from '../util/json';
import { rfc3339 } from '../util/time';
import {
  describePath,
  diffFields,
  fieldEntries,
  fromFieldsV1,
  isElementPath,
  PathKey,
  removeAt,
  toFieldsV1,
  treeAdd,
  treeHas,
  treeRemove,
} from './fieldSets';
import { isAtomicMap, listKeyValue, listSchemaOf } from './listSchema';

interface ManagerFields {
  entry: ManagedFieldsEntry;
  paths: Set<PathKey>;
}

function readManagers(object: KubeObject | undefined): ManagerFields[] {
  return (object?.metadata.managedFields ?? []).map(entry => ({
    entry,
    paths: fromFieldsV1(entry.fieldsV1),
  }));
}

function writeManagers(managers: ManagerFields[]): ManagedFieldsEntry[] {
  return managers
    .filter(m => m.paths.size > 0)
    .map(m => ({ ...m.entry, fieldsV1: toFieldsV1(m.paths) }));
}

function sameManager(
  entry: ManagedFieldsEntry,
  manager: string,
  operation: string,
  subresource?: string,
) {
  return (
    entry.manager === manager &&
    entry.operation === operation &&
    (entry.subresource ?? '') === (subresource ?? '')
  );
}

/**
 * Managed fields after a create, update or patch: the manager takes the
 * fields it changed, and every other manager loses them, as the API server's
 * field manager does for operations other than apply. Only the managers
 * touched by the change are rewritten.
 */
export function recordUpdate(
  previous: KubeObject | undefined,
  next: KubeObject,
  manager: string,
  apiVersion: string,
  now: number,
  subresource?: string,
): ManagedFieldsEntry[] | undefined {
  const { changed, removed } = diffFields(previous, next);
  const entries = previous?.metadata.managedFields ?? [];
  if (changed.size === 0 && removed.size === 0)
    return previous?.metadata.managedFields;
  const touched = [...changed, ...removed];
  const result: ManagedFieldsEntry[] = [];
  let own: ManagedFieldsEntry | undefined;
  for (const entry of entries) {
    if (sameManager(entry, manager, 'Update', subresource)) {
      own = { ...entry, time: rfc3339(now), fieldsV1: clone(entry.fieldsV1) };
      result.push(own);
      continue;
    }
    if (!touched.some(path => treeHas(entry.fieldsV1, path))) {
      result.push(entry);
      continue;
    }
    const fieldsV1 = clone(entry.fieldsV1);
    for (const path of touched) treeRemove(fieldsV1, path);
    if (Object.keys(fieldsV1).length > 0) result.push({ ...entry, fieldsV1 });
  }
  if (!own) {
    own = {
      manager,
      operation: 'Update',
      apiVersion,
      time: rfc3339(now),
      fieldsType: 'FieldsV1',
      fieldsV1: {},
      ...(subresource ? { subresource } : {}),
    };
    result.push(own);
  }
  for (const path of removed) treeRemove(own.fieldsV1, path);
  for (const path of changed) treeAdd(own.fieldsV1, path);
  return result.filter(e => Object.keys(e.fieldsV1).length > 0);
}

/** Merges an applied configuration into an object, keyed lists by their keys. */
function mergeApplied(
  current: unknown,
  applied: unknown,
  field: string,
): unknown {
  if (Array.isArray(applied)) {
    const schema = listSchemaOf(field);
    if (schema?.keys && Array.isArray(current)) {
      const keys = schema.keys;
      const result = [...current];
      for (const item of applied) {
        const index = result.findIndex(
          existing =>
            isObject(existing) &&
            isObject(item) &&
            keys.every(
              k => listKeyValue(existing, k) === listKeyValue(item, k),
            ),
        );
        if (index >= 0) result[index] = mergeApplied(result[index], item, '');
        else result.push(clone(item));
      }
      return result;
    }
    if (schema?.set && Array.isArray(current)) {
      const result = [...current];
      for (const item of applied) if (!result.includes(item)) result.push(item);
      return result;
    }
    return clone(applied);
  }
  if (isObject(applied) && !isAtomicMap(field)) {
    const result: JsonObject = isObject(current) ? { ...current } : {};
    for (const [key, value] of Object.entries(applied)) {
      if (value === null) delete result[key];
      else result[key] = mergeApplied(result[key], value, key);
    }
    return result;
  }
  return clone(applied);
}

export interface ApplyResult {
  object: KubeObject;
  managedFields: ManagedFieldsEntry[];
}

/**
 * Server-side apply: the applier owns exactly the fields of its
 * configuration. Changing a field another manager owns is a conflict unless
 * forced; fields the applier stops applying are removed when nobody else
 * owns them.
 */
export function applyConfiguration(options: {
  type: ResourceType;
  current: KubeObject | undefined;
  applied: KubeObject;
  manager: string;
  force: boolean;
  apiVersion: string;
  now: number;
}): ApplyResult {
  const { type, current, applied, manager, force, apiVersion, now } = options;
  const appliedFields = fieldEntries(applied);
  const currentFields = current
    ? fieldEntries(current)
    : new Map<PathKey, string>();
  const managers = readManagers(current);
  const own = managers.find(m => sameManager(m.entry, manager, 'Apply'));
  const conflicts: { manager: string; field: string; path: PathKey }[] = [];
  for (const [path, signature] of appliedFields) {
    if (isElementPath(path)) continue;
    const existing = currentFields.get(path);
    if (existing === undefined || existing === signature) continue;
    for (const m of managers) {
      if (m === own || !m.paths.has(path)) continue;
      conflicts.push({
        manager: m.entry.manager,
        field: describePath(path),
        path,
      });
    }
  }
  if (conflicts.length > 0 && !force) {
    throw applyConflict(type, applied.metadata.name ?? '', conflicts);
  }
  for (const c of conflicts) {
    for (const m of managers) if (m !== own) m.paths.delete(c.path);
  }
  const { status: _ignoredStatus, ...appliedBody } = applied;
  const merged = mergeApplied(current ?? {}, appliedBody, '') as KubeObject;
  if (own) {
    for (const path of own.paths) {
      if (appliedFields.has(path)) continue;
      const ownedElsewhere = managers.some(m => m !== own && m.paths.has(path));
      if (!ownedElsewhere) removeAt(merged, path);
    }
  }
  const entry: ManagedFieldsEntry = {
    manager,
    operation: 'Apply',
    apiVersion,
    time: rfc3339(now),
    fieldsType: 'FieldsV1',
    fieldsV1: {},
  };
  const ownPaths = new Set(appliedFields.keys());
  const unchanged =
    own &&
    own.paths.size === ownPaths.size &&
    [...ownPaths].every(p => own.paths.has(p));
  const updated: ManagerFields = {
    entry: unchanged ? own!.entry : entry,
    paths: ownPaths,
  };
  const others = managers.filter(m => m !== own);
  const ordered = own
    ? managers.map(m => (m === own ? updated : m))
    : [...others, updated];
  return { object: merged, managedFields: writeManagers(ordered) };
}
