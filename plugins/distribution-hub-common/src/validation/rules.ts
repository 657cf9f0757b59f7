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
import { parseEntityRef } from '@backstage/catalog-model';
import { EntityProblem } from './types';

const ENTITY_NAME = /^[a-z0-9A-Z]([-_.a-z0-9A-Z]{0,61}[a-z0-9A-Z])?$/;

/**
 * Checks that a reference names an entity of the expected kind, accepting the
 * forms Backstage accepts: `name`, `kind:name`, `kind:namespace/name`.
 */
export function referenceProblems(
  path: string,
  value: unknown,
  options: { defaultKind: string; allowedKinds: string[] },
): EntityProblem[] {
  if (typeof value !== 'string' || value.trim() === '') {
    return [];
  }
  const forms = `"name", "${options.defaultKind.toLocaleLowerCase(
    'en-US',
  )}:name" or "${options.defaultKind.toLocaleLowerCase(
    'en-US',
  )}:namespace/name"`;
  let ref;
  try {
    ref = parseEntityRef(value, { defaultKind: options.defaultKind });
  } catch {
    return [
      {
        path,
        rule: 'reference-form',
        message: `${path} "${value}" is not an entity reference; write it as ${forms}`,
      },
    ];
  }
  // A malformed reference is reported as such before its kind is judged:
  // in "a:b:c/d/e" the "a" is not meant as a kind.
  if (!ENTITY_NAME.test(ref.name) || !ENTITY_NAME.test(ref.namespace)) {
    return [
      {
        path,
        rule: 'reference-form',
        message: `${path} "${value}" is not a valid entity reference; names use letters, digits, '-', '_' and '.', at most 63 characters`,
      },
    ];
  }
  const kind = ref.kind.toLocaleLowerCase('en-US');
  if (!options.allowedKinds.some(k => k.toLocaleLowerCase('en-US') === kind)) {
    return [
      {
        path,
        rule: 'reference-kind',
        message: `${path} "${value}" must reference a ${options.allowedKinds.join(
          ' or ',
        )}, not a ${ref.kind}; write it as ${forms}`,
      },
    ];
  }
  return [];
}

const knownTimeZones = new Map<string, boolean>();

/** Whether the runtime's time zone database knows an IANA zone name. */
export function isKnownTimeZone(zone: string): boolean {
  let known = knownTimeZones.get(zone);
  if (known === undefined) {
    try {
      // eslint-disable-next-line no-new
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      known = true;
    } catch {
      known = false;
    }
    knownTimeZones.set(zone, known);
  }
  return known;
}

/** Reports each list entry that repeats an earlier one, by the given key. */
export function duplicateProblems<T>(
  path: string,
  items: unknown,
  keyOf: (item: T) => string | undefined,
  describe: (key: string) => string,
): EntityProblem[] {
  if (!Array.isArray(items)) {
    return [];
  }
  const firstIndex = new Map<string, number>();
  const problems: EntityProblem[] = [];
  items.forEach((item, index) => {
    const key = keyOf(item as T);
    if (key === undefined) {
      return;
    }
    const first = firstIndex.get(key);
    if (first === undefined) {
      firstIndex.set(key, index);
    } else {
      problems.push({
        path: `${path}[${index}]`,
        rule: 'duplicate',
        message: `${path}[${index}] repeats ${describe(
          key,
        )}, already listed at ${path}[${first}]`,
      });
    }
  });
  return problems;
}
