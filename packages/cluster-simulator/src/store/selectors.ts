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

import { badRequest } from '../api/errors';
import { KubeObject } from '../api/types';
import { getPath } from '../util/json';

/** One requirement of a label selector, as in apimachinery's labels package. */
export interface LabelRequirement {
  key: string;
  operator: 'exists' | '!' | '=' | '!=' | 'in' | 'notin' | 'gt' | 'lt';
  values: string[];
}

export type LabelSelector = LabelRequirement[];

/** Splits on commas that are not inside parentheses. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (char === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts.map(p => p.trim()).filter(p => p.length > 0);
}

const KEY = /^([a-z0-9A-Z._-]+\/)?[a-zA-Z0-9]([-a-zA-Z0-9_.]*[a-zA-Z0-9])?$/;

function checkKey(key: string, source: string): string {
  if (!KEY.test(key)) {
    throw badRequest(
      `unable to parse requirement: invalid label key "${key}" in "${source}"`,
    );
  }
  return key;
}

/** Parses `app=web,tier in (a,b),!legacy` into requirements; 400 when malformed. */
export function parseLabelSelector(text: string | undefined): LabelSelector {
  if (!text) return [];
  return splitTopLevel(text).map(part => {
    const setMatch = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(part);
    if (setMatch) {
      return {
        key: checkKey(setMatch[1], text),
        operator: setMatch[2] as 'in' | 'notin',
        values: setMatch[3]
          .split(',')
          .map(v => v.trim())
          .filter(v => v.length > 0),
      };
    }
    const opMatch = /^([^=!<>\s]+)\s*(==|=|!=|>|<)\s*(.*)$/.exec(part);
    if (opMatch) {
      const [, key, op, value] = opMatch;
      const operators: Record<string, LabelRequirement['operator']> = {
        '>': 'gt',
        '<': 'lt',
        '!=': '!=',
      };
      const operator = operators[op] ?? '=';
      if ((operator === 'gt' || operator === 'lt') && !/^-?\d+$/.test(value)) {
        throw badRequest(
          `unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer`,
        );
      }
      return { key: checkKey(key, text), operator, values: [value.trim()] };
    }
    if (part.startsWith('!')) {
      return {
        key: checkKey(part.slice(1).trim(), text),
        operator: '!',
        values: [],
      };
    }
    return { key: checkKey(part, text), operator: 'exists', values: [] };
  });
}

/** Converts a metav1.LabelSelector (matchLabels, matchExpressions) to requirements. */
export function labelSelectorFromObject(selector: unknown): LabelSelector {
  const requirements: LabelSelector = [];
  const matchLabels = getPath(selector, ['matchLabels']);
  if (matchLabels && typeof matchLabels === 'object') {
    for (const [key, value] of Object.entries(matchLabels as object)) {
      requirements.push({ key, operator: '=', values: [String(value)] });
    }
  }
  const expressions = getPath(selector, ['matchExpressions']);
  if (Array.isArray(expressions)) {
    for (const e of expressions) {
      const operator = String(e?.operator ?? '').toLowerCase();
      const values: string[] = Array.isArray(e?.values)
        ? e.values.map(String)
        : [];
      const key = String(e?.key ?? '');
      if (operator === 'in') requirements.push({ key, operator: 'in', values });
      else if (operator === 'notin')
        requirements.push({ key, operator: 'notin', values });
      else if (operator === 'exists')
        requirements.push({ key, operator: 'exists', values });
      else if (operator === 'doesnotexist')
        requirements.push({ key, operator: '!', values });
    }
  }
  return requirements;
}

export function matchesLabels(
  selector: LabelSelector,
  labels: Record<string, string> | undefined,
): boolean {
  for (const { key, operator, values } of selector) {
    const has =
      labels !== undefined && Object.prototype.hasOwnProperty.call(labels, key);
    const value = has ? labels![key] : undefined;
    switch (operator) {
      case 'exists':
        if (!has) return false;
        break;
      case '!':
        if (has) return false;
        break;
      case '=':
        if (value !== values[0]) return false;
        break;
      case '!=':
        if (value === values[0]) return false;
        break;
      case 'in':
        if (!has || !values.includes(value!)) return false;
        break;
      case 'notin':
        if (has && values.includes(value!)) return false;
        break;
      case 'gt':
        if (!has || !(Number(value) > Number(values[0]))) return false;
        break;
      case 'lt':
        if (!has || !(Number(value) < Number(values[0]))) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

export interface FieldRequirement {
  field: string;
  operator: '=' | '!=';
  value: string;
}

export type FieldSelector = FieldRequirement[];

/** Fields each resource can be selected by, as the API server allows. */
const SELECTABLE_FIELDS: Record<string, string[]> = {
  namespaces: ['metadata.name', 'status.phase'],
  pods: [
    'metadata.name',
    'metadata.namespace',
    'spec.nodeName',
    'spec.restartPolicy',
    'spec.schedulerName',
    'spec.serviceAccountName',
    'status.phase',
    'status.podIP',
    'status.nominatedNodeName',
  ],
};

export function parseFieldSelector(
  text: string | undefined,
  resource: string,
): FieldSelector {
  if (!text) return [];
  const allowed = SELECTABLE_FIELDS[resource] ?? [
    'metadata.name',
    'metadata.namespace',
  ];
  return text
    .split(',')
    .map(p => p.trim())
    .filter(p => p.length > 0)
    .map(part => {
      const match = /^([^=!]+)(==|=|!=)(.*)$/.exec(part);
      if (!match) {
        throw badRequest(
          `invalid selector: '${text}'; can't understand '${part}'`,
        );
      }
      const field = match[1].trim();
      if (!allowed.includes(field) && field !== 'metadata.namespace') {
        throw badRequest(`field label not supported: ${field}`);
      }
      return {
        field,
        operator: match[2] === '!=' ? '!=' : '=',
        value: match[3].trim(),
      } as FieldRequirement;
    });
}

/** Whether the selector only needs name and namespace, so no parse is needed. */
export function needsObject(selector: FieldSelector): boolean {
  return selector.some(
    r => r.field !== 'metadata.name' && r.field !== 'metadata.namespace',
  );
}

export function matchesFields(
  selector: FieldSelector,
  name: string,
  namespace: string,
  object?: KubeObject,
): boolean {
  for (const { field, operator, value } of selector) {
    let actual: string;
    if (field === 'metadata.name') actual = name;
    else if (field === 'metadata.namespace') actual = namespace;
    else {
      const found = getPath(object, field.split('.'));
      actual = found === undefined || found === null ? '' : String(found);
    }
    if (operator === '=' ? actual !== value : actual === value) return false;
  }
  return true;
}
