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

import { clone, deepEqual, isObject } from '../util/json';

/** A failure to apply a patch; the API answers it with 422. */
export class PatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PatchError';
  }
}

interface Operation {
  op: string;
  path: string;
  from?: string;
  value?: unknown;
}

function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) {
    throw new PatchError(`json pointer must start with '/': ${pointer}`);
  }
  return pointer
    .slice(1)
    .split('/')
    .map(token => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function parentOf(
  document: unknown,
  tokens: string[],
  op: string,
  path: string,
) {
  let current: unknown = document;
  for (const token of tokens.slice(0, -1)) {
    if (Array.isArray(current)) current = current[Number(token)];
    else if (isObject(current)) current = current[token];
    else current = undefined;
    if (current === undefined || current === null) {
      throw new PatchError(
        `${op} operation does not apply: doc is missing path: "${path}": missing value`,
      );
    }
  }
  return current;
}

function readPointer(document: unknown, path: string, op: string): unknown {
  let current: unknown = document;
  for (const token of parsePointer(path)) {
    if (Array.isArray(current)) current = current[Number(token)];
    else if (isObject(current)) current = current[token];
    else current = undefined;
    if (current === undefined) {
      throw new PatchError(
        `${op} operation does not apply: doc is missing path: "${path}": missing value`,
      );
    }
  }
  return current;
}

function arrayIndex(
  parent: unknown[],
  token: string,
  op: string,
  path: string,
  forInsert: boolean,
): number {
  if (token === '-' && forInsert) return parent.length;
  if (!/^(0|[1-9]\d*)$/.test(token)) {
    throw new PatchError(
      `${op} operation does not apply: invalid array index in "${path}"`,
    );
  }
  const index = Number(token);
  if (index > parent.length || (!forInsert && index >= parent.length)) {
    throw new PatchError(
      `${op} operation does not apply: index out of bounds: ${path}`,
    );
  }
  return index;
}

function add(
  document: unknown,
  path: string,
  value: unknown,
  op = 'add',
): unknown {
  const tokens = parsePointer(path);
  if (tokens.length === 0) return value;
  const parent = parentOf(document, tokens, op, path);
  const last = tokens[tokens.length - 1];
  if (Array.isArray(parent)) {
    parent.splice(arrayIndex(parent, last, op, path, true), 0, value);
  } else if (isObject(parent)) {
    parent[last] = value;
  } else {
    throw new PatchError(
      `${op} operation does not apply: doc is missing path: "${path}": missing value`,
    );
  }
  return document;
}

function remove(document: unknown, path: string, op = 'remove'): unknown {
  const tokens = parsePointer(path);
  if (tokens.length === 0)
    throw new PatchError('cannot remove the whole document');
  const parent = parentOf(document, tokens, op, path);
  const last = tokens[tokens.length - 1];
  if (Array.isArray(parent)) {
    parent.splice(arrayIndex(parent, last, op, path, false), 1);
  } else if (isObject(parent) && last in parent) {
    delete parent[last];
  } else {
    throw new PatchError(
      `${op} operation does not apply: doc is missing path: "${path}": missing value`,
    );
  }
  return document;
}

/** Applies an RFC 6902 JSON patch to a copy of the document. */
export function applyJsonPatch<T>(document: T, patch: unknown, copy = true): T {
  if (!Array.isArray(patch)) {
    throw new PatchError('json patch must be an array of operations');
  }
  // Callers that own the document (a fresh parse) may let it be changed in place.
  let result: unknown = copy ? clone(document) : document;
  for (const raw of patch as Operation[]) {
    if (
      !isObject(raw) ||
      typeof raw.op !== 'string' ||
      typeof raw.path !== 'string'
    ) {
      throw new PatchError(
        `invalid json patch operation: ${JSON.stringify(raw)}`,
      );
    }
    switch (raw.op) {
      case 'add':
        result = add(result, raw.path, clone(raw.value));
        break;
      case 'remove':
        result = remove(result, raw.path);
        break;
      case 'replace': {
        readPointer(result, raw.path, 'replace');
        const tokens = parsePointer(raw.path);
        if (tokens.length === 0) {
          result = clone(raw.value);
        } else {
          const parent = parentOf(result, tokens, 'replace', raw.path);
          const last = tokens[tokens.length - 1];
          if (Array.isArray(parent)) {
            parent[arrayIndex(parent, last, 'replace', raw.path, false)] =
              clone(raw.value);
          } else {
            (parent as Record<string, unknown>)[last] = clone(raw.value);
          }
        }
        break;
      }
      case 'move': {
        const value = readPointer(result, raw.from ?? '', 'move');
        result = remove(result, raw.from ?? '', 'move');
        result = add(result, raw.path, value, 'move');
        break;
      }
      case 'copy': {
        const value = readPointer(result, raw.from ?? '', 'copy');
        result = add(result, raw.path, clone(value), 'copy');
        break;
      }
      case 'test': {
        let actual: unknown;
        try {
          actual = readPointer(result, raw.path, 'test');
        } catch {
          actual = undefined;
        }
        if (!deepEqual(actual, raw.value)) {
          throw new PatchError(`testing value ${raw.path} failed: test failed`);
        }
        break;
      }
      default:
        throw new PatchError(`Unexpected kind: ${raw.op}`);
    }
  }
  return result as T;
}
