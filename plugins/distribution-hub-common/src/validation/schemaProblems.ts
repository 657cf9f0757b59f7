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

import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { EntityProblem } from './types';

// Human wording for the schema's patterns, keyed by the pattern itself, so a
// pattern failure says which rule was broken rather than echoing a regex.
const PATTERN_RULES: Record<string, string> = {
  '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$':
    "is not a DNS-1123 label (lower-case letters, digits and '-', starting and ending with a letter or digit)",
  '^([01][0-9]|2[0-3]):[0-5][0-9]$':
    'is not a time of day written HH:MM (24-hour, e.g. 02:00)',
};

/** Turns a JSON pointer such as /spec/environments/0/namespace into spec.environments[0].namespace */
export function pointerToPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map(part => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce(
      (path, part) =>
        /^\d+$/.test(part)
          ? `${path}[${part}]`
          : `${path}${path ? '.' : ''}${part}`,
      '',
    );
}

function quote(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

function valueAt(root: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .reduce<unknown>(
      (node, part) =>
        node && typeof node === 'object'
          ? (node as Record<string, unknown>)[part]
          : undefined,
      root,
    );
}

function toProblem(error: ErrorObject, root: unknown): EntityProblem {
  const path = pointerToPath(error.instancePath);
  const value = valueAt(root, error.instancePath);
  const params = error.params as Record<string, any>;
  switch (error.keyword) {
    case 'required': {
      const field = path
        ? `${path}.${params.missingProperty}`
        : params.missingProperty;
      return { path: field, rule: 'required', message: `${field} is missing` };
    }
    case 'additionalProperties': {
      const field = `${path}.${params.additionalProperty}`;
      return {
        path: field,
        rule: 'unknown-field',
        message: `${field} is not a known field of ${path}`,
      };
    }
    case 'enum':
      return {
        path,
        rule: 'allowed-values',
        message: `${path} must be one of ${(params.allowedValues as unknown[])
          .map(String)
          .join(', ')}; got ${quote(value)}`,
      };
    case 'pattern':
      return {
        path,
        rule: 'pattern',
        message: `${path} ${quote(value)} ${
          PATTERN_RULES[params.pattern] ?? `does not match ${params.pattern}`
        }`,
      };
    case 'type':
      return {
        path,
        rule: 'type',
        message: `${path} must be ${
          params.type === 'array' ? 'a list' : `a ${params.type}`
        }; got ${quote(value)}`,
      };
    case 'minItems':
      return {
        path,
        rule: 'min-items',
        message: `${path} must list at least ${params.limit} item${
          params.limit === 1 ? '' : 's'
        }`,
      };
    case 'minLength':
      return { path, rule: 'required', message: `${path} must not be empty` };
    case 'maxLength':
      return {
        path,
        rule: 'max-length',
        message: `${path} ${quote(value)} is longer than ${
          params.limit
        } characters`,
      };
    default:
      return { path, rule: error.keyword, message: `${path} ${error.message}` };
  }
}

const ajv = new Ajv({ allErrors: true, strict: false });
const compiled = new Map<object, ValidateFunction>();

/** Checks a value against a JSON schema and words each failure for people. */
export function schemaProblems(
  schema: object,
  value: unknown,
): EntityProblem[] {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  if (validate(value)) {
    return [];
  }
  return (validate.errors ?? []).map(error => toProblem(error, value));
}
