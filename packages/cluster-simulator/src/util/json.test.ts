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
import { copyJson, deepEqual } from './json';
import { stableStringify } from './names';

const throughJson = (value: unknown) => JSON.parse(JSON.stringify(value));

describe('copyJson', () => {
  it.each([
    ['a workload', { metadata: { name: 'web', labels: { app: 'web' } } }],
    ['nested lists', { a: [1, [2, { b: [true, null, 'x'] }], {}] }],
    ['undefined members', { a: undefined, b: { c: undefined, d: 1 } }],
    ['undefined and functions in lists', { a: [undefined, () => 1, 2] }],
    ['numbers JSON cannot hold', { a: NaN, b: [Infinity, -Infinity] }],
    ['integer-like keys', { b: 1, 2: 'two', a: 3, 1: 'one' }],
    ['dates', { at: new Date(0), list: [new Date(1000)] }],
    ['strings', 'text'],
    ['null', null],
  ])('copies %s as a JSON round trip does', (_, value) => {
    const copy = copyJson(value);
    expect(copy).toStrictEqual(throughJson(value));
    expect(JSON.stringify(copy)).toBe(JSON.stringify(value));
  });

  it('shares nothing with the original', () => {
    const original = { spec: { containers: [{ name: 'app', image: 'x:1' }] } };
    const copy = copyJson(original);
    copy.spec.containers[0].image = 'x:2';
    expect(original.spec.containers[0].image).toBe('x:1');
  });

  it('keeps a __proto__ key as an own key, as JSON.parse does', () => {
    const parsed = JSON.parse('{"__proto__":{"polluted":true},"a":1}');
    const copy = copyJson(parsed);
    expect(Object.keys(copy)).toEqual(['__proto__', 'a']);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    expect(JSON.stringify(copy)).toBe(JSON.stringify(parsed));
  });
});

describe('deepEqual', () => {
  it.each([
    [{ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 }, true],
    [{ a: 1, b: undefined }, { a: 1 }, true],
    [{ a: 1 }, { a: 1, b: undefined }, true],
    [{ a: 1 }, { a: 1, b: 2 }, false],
    [{ a: 1, b: 2 }, { a: 1 }, false],
    [{ a: undefined }, { b: undefined }, true],
    [{ a: 1, c: undefined }, { a: 1, b: 2 }, false],
    [[1, 2], [2, 1], false],
    [{ a: [] }, { a: {} }, false],
  ])('compares %j and %j: %s', (a, b, equal) => {
    expect(deepEqual(a, b)).toBe(equal);
    expect(deepEqual(b, a)).toBe(equal);
  });
});

describe('stableStringify', () => {
  // The implementation it replaced, which defines the template hashes.
  const reference = (value: unknown): string => {
    if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
    if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      const entries = Object.keys(record)
        .filter(k => record[k] !== undefined)
        .sort()
        .map(k => `${JSON.stringify(k)}:${reference(record[k])}`);
      return `{${entries.join(',')}}`;
    }
    return JSON.stringify(value);
  };

  it.each([
    [{ b: 1, a: { d: [1, 'x', null], c: true } }],
    [{ containers: [{ name: 'app', image: 'x:1', ports: [] }], z: {} }],
    [[undefined, 1, { a: undefined, b: 'q"uote' }]],
    ['plain'],
    [42],
  ])('serializes %j as before, keys sorted', value => {
    expect(stableStringify(value)).toBe(reference(value));
  });
});
