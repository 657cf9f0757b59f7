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

import { deepEqual, isObject, JsonObject } from '../util/json';
import { isAtomicMap, listKeyValue, listSchemaOf } from './listSchema';

/**
 * Field paths in the notation of managedFields (FieldsV1): `f:spec`,
 * `k:{"name":"app"}` for an element of a keyed list, `v:"x"` for an element of
 * a set. A path is kept as its elements joined by newlines (which JSON-encoded
 * keys never contain raw) so it can live in a Set.
 */
export type PathKey = string;

const SEPARATOR = '\n';

export function joinPath(elements: string[]): PathKey {
  return elements.join(SEPARATOR);
}

export function splitPath(path: PathKey): string[] {
  return path.split(SEPARATOR);
}

/** Fields that identify an object or that the server owns; never managed. */
const IGNORED_TOP = new Set(['apiVersion', 'kind', 'status']);
const IGNORED_METADATA = new Set([
  'name',
  'namespace',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'managedFields',
  'selfLink',
]);

function itemKey(item: JsonObject, keys: string[]): string {
  const parts: JsonObject = {};
  for (const key of [...keys].sort()) {
    const value = listKeyValue(item, key);
    if (value !== undefined) parts[key] = value;
  }
  return `k:${JSON.stringify(parts)}`;
}

/**
 * The managed paths of an object with a signature of each value: leaves map
 * to their JSON, elements of keyed lists map to '' (their existence).
 */
export function fieldEntries(object: unknown): Map<PathKey, string> {
  const out = new Map<PathKey, string>();
  if (!isObject(object)) return out;
  for (const [key, value] of Object.entries(object)) {
    if (IGNORED_TOP.has(key) || value === undefined) continue;
    if (key === 'metadata' && isObject(value)) {
      for (const [metaKey, metaValue] of Object.entries(value)) {
        if (IGNORED_METADATA.has(metaKey) || metaValue === undefined) continue;
        walk(metaValue, `f:metadata${SEPARATOR}f:${metaKey}`, metaKey, out);
      }
      continue;
    }
    walk(value, `f:${key}`, key, out);
  }
  return out;
}

/** Walks a value below `path` (already joined), recording its managed paths. */
function walk(
  value: unknown,
  path: PathKey,
  field: string,
  out: Map<PathKey, string>,
) {
  if (Array.isArray(value)) {
    const schema = listSchemaOf(field);
    if (schema?.keys) {
      for (const item of value) {
        if (!isObject(item)) continue;
        const itemPath = `${path}${SEPARATOR}${itemKey(item, schema.keys)}`;
        out.set(itemPath, '');
        for (const key of Object.keys(item)) {
          const child = item[key];
          if (child !== undefined) {
            walk(child, `${itemPath}${SEPARATOR}f:${key}`, key, out);
          }
        }
      }
      return;
    }
    if (schema?.set) {
      for (const item of value) {
        out.set(`${path}${SEPARATOR}v:${JSON.stringify(item)}`, '');
      }
      return;
    }
    out.set(path, JSON.stringify(value));
    return;
  }
  if (isObject(value) && !isAtomicMap(field)) {
    let empty = true;
    for (const key of Object.keys(value)) {
      const child = value[key];
      if (child === undefined) continue;
      empty = false;
      walk(child, `${path}${SEPARATOR}f:${key}`, key, out);
    }
    if (!empty) return;
  }
  out.set(
    path,
    typeof value === 'string' ? `"${value}"` : JSON.stringify(value),
  );
}

/** Whether a path names an element of a keyed list or a set. */
export function isElementPath(path: PathKey): boolean {
  const last = path.slice(path.lastIndexOf(SEPARATOR) + 1);
  return last.startsWith('k:') || last.startsWith('v:');
}

/** Builds the nested FieldsV1 document from a set of paths. */
export function toFieldsV1(paths: Iterable<PathKey>): JsonObject {
  const root: JsonObject = {};
  const sorted = [...paths].sort();
  for (const path of sorted) {
    const elements = splitPath(path);
    let node = root;
    for (const element of elements) {
      if (!isObject(node[element])) node[element] = {};
      node = node[element] as JsonObject;
    }
    if (isElementPath(path)) node['.'] = {};
  }
  // An element without children is written as `{}`, not `{".":{}}`.
  const tidy = (node: JsonObject): JsonObject => {
    const keys = Object.keys(node);
    if (keys.length === 1 && keys[0] === '.') return {};
    const out: JsonObject = {};
    // `.` first, then the keys in order, as the API server writes them.
    const ordered = keys.filter(k => k !== '.').sort();
    if (keys.includes('.')) ordered.unshift('.');
    for (const key of ordered) {
      out[key] = tidy(node[key] as JsonObject);
    }
    return out;
  };
  return tidy(root);
}

/** Reads the paths of a FieldsV1 document back. */
export function fromFieldsV1(fields: unknown): Set<PathKey> {
  const out = new Set<PathKey>();
  const visit = (node: unknown, path: string[]) => {
    if (!isObject(node)) return;
    const keys = Object.keys(node);
    const last = path[path.length - 1] ?? '';
    const isElement = last.startsWith('k:') || last.startsWith('v:');
    if (
      path.length > 0 &&
      (keys.length === 0 || (isElement && keys.includes('.')))
    ) {
      out.add(joinPath(path));
    }
    for (const key of keys) {
      if (key !== '.') visit(node[key], [...path, key]);
    }
  };
  visit(fields, []);
  return out;
}

function matchesElement(item: unknown, element: string): boolean {
  if (element.startsWith('v:')) {
    return JSON.stringify(item) === element.slice(2);
  }
  if (!isObject(item)) return false;
  const keys: JsonObject = JSON.parse(element.slice(2));
  return Object.entries(keys).every(
    ([key, value]) => listKeyValue(item, key) === value,
  );
}

/** The value at a path, or undefined. */
export function valueAt(object: unknown, path: PathKey): unknown {
  let current: unknown = object;
  for (const element of splitPath(path)) {
    if (element.startsWith('f:')) {
      current = isObject(current) ? current[element.slice(2)] : undefined;
    } else {
      current = Array.isArray(current)
        ? current.find(item => matchesElement(item, element))
        : undefined;
    }
    if (current === undefined) return undefined;
  }
  return current;
}

/** Removes the field or element at a path, if present. */
export function removeAt(object: unknown, path: PathKey): void {
  const elements = splitPath(path);
  let current: unknown = object;
  for (let i = 0; i < elements.length - 1; i++) {
    current = valueAt(current, elements[i]);
    if (current === undefined) return;
  }
  const last = elements[elements.length - 1];
  if (last.startsWith('f:')) {
    if (isObject(current)) delete current[last.slice(2)];
  } else if (Array.isArray(current)) {
    const index = current.findIndex(item => matchesElement(item, last));
    if (index >= 0) current.splice(index, 1);
  }
}

/** `.spec.replicas`, `.spec.template.spec.containers[name="app"].image`: paths as conflicts name them. */
export function describePath(path: PathKey): string {
  return splitPath(path)
    .map(element => {
      if (element.startsWith('f:')) return `.${element.slice(2)}`;
      if (element.startsWith('v:')) return `[${element.slice(2)}]`;
      const keys: JsonObject = JSON.parse(element.slice(2));
      return `[${Object.entries(keys)
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        .join(',')}]`;
    })
    .join('');
}

function collectInto(
  value: unknown,
  path: PathKey,
  field: string,
  out: Set<PathKey>,
): void {
  const entries = new Map<PathKey, string>();
  walk(value, path, field, entries);
  for (const key of entries.keys()) out.add(key);
}

function isElementKey(element: string): boolean {
  return element.startsWith('k:') || element.startsWith('v:');
}

function diffValue(
  before: unknown,
  after: unknown,
  path: PathKey,
  field: string,
  changed: Set<PathKey>,
  removed: Set<PathKey>,
): void {
  if (before === after) return;
  const beforeKeys =
    isObject(before) && isObject(after) && !isAtomicMap(field)
      ? Object.keys(before)
      : undefined;
  const afterKeys = beforeKeys && Object.keys(after as JsonObject);
  const maps =
    beforeKeys !== undefined && beforeKeys.length > 0 && afterKeys!.length > 0;
  // Maps are compared key by key below: comparing them whole first as well
  // would walk every subtree once per level above it.
  if (!maps && deepEqual(before, after)) return;
  if (before === undefined) {
    collectInto(after, path, field, changed);
    return;
  }
  if (after === undefined) {
    collectInto(before, path, field, removed);
    return;
  }
  if (maps) {
    const b = before as JsonObject;
    const a = after as JsonObject;
    // Every key of either side once, without building their union.
    for (const key of beforeKeys!) {
      if (b[key] === a[key]) continue;
      diffValue(
        b[key],
        a[key],
        `${path}${SEPARATOR}f:${key}`,
        key,
        changed,
        removed,
      );
    }
    for (const key of afterKeys!) {
      if (Object.prototype.hasOwnProperty.call(b, key)) continue;
      diffValue(
        undefined,
        a[key],
        `${path}${SEPARATOR}f:${key}`,
        key,
        changed,
        removed,
      );
    }
    return;
  }
  const schema =
    Array.isArray(before) && Array.isArray(after)
      ? listSchemaOf(field)
      : undefined;
  if (schema?.keys) {
    const keyed = (list: unknown[]) =>
      new Map(
        list
          .filter(isObject)
          .map(
            item => [itemKey(item, schema.keys!), item] as [string, JsonObject],
          ),
      );
    const beforeItems = keyed(before as unknown[]);
    const afterItems = keyed(after as unknown[]);
    for (const [key, item] of afterItems) {
      const itemPath = `${path}${SEPARATOR}${key}`;
      const old = beforeItems.get(key);
      if (!old) {
        changed.add(itemPath);
        for (const f of Object.keys(item)) {
          if (item[f] !== undefined)
            collectInto(item[f], `${itemPath}${SEPARATOR}f:${f}`, f, changed);
        }
        continue;
      }
      for (const f of new Set([...Object.keys(old), ...Object.keys(item)])) {
        diffValue(
          old[f],
          item[f],
          `${itemPath}${SEPARATOR}f:${f}`,
          f,
          changed,
          removed,
        );
      }
    }
    for (const [key, item] of beforeItems) {
      if (afterItems.has(key)) continue;
      const itemPath = `${path}${SEPARATOR}${key}`;
      removed.add(itemPath);
      for (const f of Object.keys(item)) {
        if (item[f] !== undefined)
          collectInto(item[f], `${itemPath}${SEPARATOR}f:${f}`, f, removed);
      }
    }
    return;
  }
  // A leaf, a set, an atomic value, or a change of shape: compare the paths under it.
  const beforePaths = new Map<PathKey, string>();
  const afterPaths = new Map<PathKey, string>();
  walk(before, path, field, beforePaths);
  walk(after, path, field, afterPaths);
  for (const [key, signature] of afterPaths) {
    if (beforePaths.get(key) !== signature) changed.add(key);
  }
  for (const key of beforePaths.keys())
    if (!afterPaths.has(key)) removed.add(key);
}

/**
 * The managed paths whose values differ between two versions of an object:
 * `changed` are set (or set differently) in `after`, `removed` are gone.
 * Only differing subtrees are walked.
 */
export function diffFields(
  before: unknown,
  after: unknown,
): { changed: Set<PathKey>; removed: Set<PathKey> } {
  const changed = new Set<PathKey>();
  const removed = new Set<PathKey>();
  const b = isObject(before) ? before : {};
  const a = isObject(after) ? after : {};
  for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (IGNORED_TOP.has(key)) continue;
    if (key === 'metadata') {
      const bm = isObject(b.metadata) ? b.metadata : {};
      const am = isObject(a.metadata) ? a.metadata : {};
      for (const metaKey of new Set([...Object.keys(bm), ...Object.keys(am)])) {
        if (IGNORED_METADATA.has(metaKey)) continue;
        diffValue(
          bm[metaKey],
          am[metaKey],
          `f:metadata${SEPARATOR}f:${metaKey}`,
          metaKey,
          changed,
          removed,
        );
      }
      continue;
    }
    diffValue(b[key], a[key], `f:${key}`, key, changed, removed);
  }
  return { changed, removed };
}

/** Whether a FieldsV1 tree holds a path (a leaf field, or an owned element). */
export function treeHas(tree: JsonObject, path: PathKey): boolean {
  const elements = splitPath(path);
  let node: unknown = tree;
  for (const element of elements) {
    node = isObject(node) ? node[element] : undefined;
    if (!isObject(node)) return false;
  }
  const keys = Object.keys(node as JsonObject);
  if (isElementKey(elements[elements.length - 1]))
    return keys.length === 0 || keys.includes('.');
  return keys.length === 0;
}

/** Sets a key in the order FieldsV1 is written in: `.` first, then sorted. */
function putSorted(node: JsonObject, key: string, value: JsonObject): void {
  node[key] = value;
  const keys = Object.keys(node).sort((x, y) => {
    if (x === '.') return -1;
    if (y === '.') return 1;
    return x < y ? -1 : 1;
  });
  for (const k of keys) {
    const v = node[k];
    delete node[k];
    node[k] = v;
  }
}

/** Adds a path to a FieldsV1 tree, in place. */
export function treeAdd(tree: JsonObject, path: PathKey): void {
  const elements = splitPath(path);
  let node = tree;
  elements.forEach((element, index) => {
    let child = node[element];
    const last = index === elements.length - 1;
    if (!isObject(child)) {
      child = {};
      putSorted(node, element, child as JsonObject);
    } else if (
      !last &&
      isElementKey(element) &&
      Object.keys(child).length === 0
    ) {
      // An owned element gains children: it keeps its ownership marker.
      putSorted(child, '.', {});
    }
    node = child as JsonObject;
  });
  const lastElement = elements[elements.length - 1];
  if (
    isElementKey(lastElement) &&
    Object.keys(node).length > 0 &&
    !('.' in node)
  ) {
    putSorted(node, '.', {});
  }
}

/** Removes a path from a FieldsV1 tree, in place, pruning emptied parents. */
export function treeRemove(tree: JsonObject, path: PathKey): void {
  const elements = splitPath(path);
  const chain: JsonObject[] = [tree];
  for (const element of elements) {
    const next = chain[chain.length - 1][element];
    if (!isObject(next)) return;
    chain.push(next);
  }
  const node = chain[chain.length - 1];
  const parent = chain[chain.length - 2];
  const lastElement = elements[elements.length - 1];
  const keys = Object.keys(node);
  if (isElementKey(lastElement)) {
    if (keys.some(k => k !== '.')) {
      delete node['.'];
      return;
    }
    delete parent[lastElement];
  } else {
    if (keys.length > 0) return;
    delete parent[lastElement];
  }
  // Prune parents left empty; an element left with only `.` is written as `{}`.
  for (let i = chain.length - 2; i > 0; i--) {
    const current = chain[i];
    const currentKeys = Object.keys(current);
    if (currentKeys.length === 1 && currentKeys[0] === '.') {
      delete current['.'];
      return;
    }
    if (currentKeys.length > 0) return;
    delete chain[i - 1][elements[i - 1]];
  }
}
