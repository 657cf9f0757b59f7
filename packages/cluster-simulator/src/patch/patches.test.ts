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
import { applyJsonPatch, PatchError } from './jsonPatch';
import { applyMergePatch } from './mergePatch';
import { applyStrategicMergePatch } from './strategicMergePatch';

const podTemplate = () => ({
  spec: {
    template: {
      spec: {
        containers: [
          {
            name: 'app',
            image: 'shop/web:1',
            env: [{ name: 'A', value: '1' }],
            ports: [{ containerPort: 80 }],
          },
          { name: 'sidecar', image: 'proxy:1' },
        ],
        volumes: [{ name: 'data', emptyDir: {} }],
      },
    },
  },
  metadata: { finalizers: ['a'], labels: { app: 'web', tier: 'front' } },
});

describe('strategic merge patch', () => {
  it('merges containers by name and keeps the others', () => {
    const result = applyStrategicMergePatch(podTemplate(), {
      spec: {
        template: {
          spec: { containers: [{ name: 'app', image: 'shop/web:2' }] },
        },
      },
    });
    expect(result.spec.template.spec.containers).toEqual([
      {
        name: 'app',
        image: 'shop/web:2',
        env: [{ name: 'A', value: '1' }],
        ports: [{ containerPort: 80 }],
      },
      { name: 'sidecar', image: 'proxy:1' },
    ]);
  });

  it('understands the patch kubectl set image sends', () => {
    const result = applyStrategicMergePatch(podTemplate(), {
      spec: {
        template: {
          spec: {
            '$setElementOrder/containers': [
              { name: 'sidecar' },
              { name: 'app' },
            ],
            containers: [{ image: 'proxy:2', name: 'sidecar' }],
          },
        },
      },
    });
    expect(
      result.spec.template.spec.containers.map(c => `${c.name}=${c.image}`),
    ).toEqual(['sidecar=proxy:2', 'app=shop/web:1']);
  });

  it('merges env by name, adds new containers, deletes with $patch: delete', () => {
    const result = applyStrategicMergePatch(podTemplate(), {
      spec: {
        template: {
          spec: {
            containers: [
              {
                name: 'app',
                env: [
                  { name: 'B', value: '2' },
                  { name: 'A', $patch: 'delete' },
                ],
              },
              { name: 'sidecar', $patch: 'delete' },
              { name: 'new', image: 'new:1' },
            ],
          },
        },
      },
    });
    const containers = result.spec.template.spec.containers;
    expect(containers.map(c => c.name)).toEqual(['app', 'new']);
    expect(containers[0].env).toEqual([{ name: 'B', value: '2' }]);
  });

  it('replaces lists without a merge key and maps with $patch: replace', () => {
    const result = applyStrategicMergePatch(
      {
        spec: {
          args: ['a', 'b'],
          selector: { matchLabels: { a: '1', b: '2' } },
          strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } },
        },
      },
      {
        spec: {
          args: ['c'],
          selector: { matchLabels: { c: '3' } },
          strategy: { $patch: 'replace', type: 'Recreate' },
        },
      },
    );
    expect(result.spec).toEqual({
      args: ['c'],
      selector: { matchLabels: { c: '3' } },
      strategy: { type: 'Recreate' },
    });
  });

  it('honours $retainKeys, null deletion, and primitive list directives', () => {
    const result = applyStrategicMergePatch(
      {
        spec: {
          strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } },
        },
        metadata: { labels: { a: '1', b: '2' }, finalizers: ['x', 'y'] },
      },
      {
        spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } },
        metadata: {
          labels: { a: null },
          '$deleteFromPrimitiveList/finalizers': ['x'],
        },
      },
    );
    expect(result).toEqual({
      spec: { strategy: { type: 'Recreate' } },
      metadata: { labels: { b: '2' }, finalizers: ['y'] },
    });
  });

  it('merges set-like lists (finalizers) as a union', () => {
    const result = applyStrategicMergePatch(podTemplate(), {
      metadata: { finalizers: ['b', 'a'] },
    });
    expect(result.metadata.finalizers).toEqual(['a', 'b']);
  });

  it('rejects elements without their merge key', () => {
    expect(() =>
      applyStrategicMergePatch(podTemplate(), {
        spec: { template: { spec: { containers: [{ image: 'x' }] } } },
      }),
    ).toThrow(PatchError);
  });
});

describe('JSON merge patch (RFC 7386)', () => {
  it('merges objects, replaces lists, deletes on null', () => {
    const result = applyMergePatch(podTemplate(), {
      metadata: { labels: { tier: null, new: 'x' } },
      spec: {
        template: { spec: { containers: [{ name: 'only', image: 'i' }] } },
      },
    });
    expect(result.metadata.labels).toEqual({ app: 'web', new: 'x' });
    expect(result.spec.template.spec.containers).toEqual([
      { name: 'only', image: 'i' },
    ]);
    expect(result.spec.template.spec.volumes).toHaveLength(1);
  });
});

describe('JSON patch (RFC 6902)', () => {
  it('applies add, replace, remove, move, copy and test', () => {
    const result = applyJsonPatch({ a: { b: 1 }, list: [1, 2] }, [
      { op: 'test', path: '/a/b', value: 1 },
      { op: 'replace', path: '/a/b', value: 2 },
      { op: 'add', path: '/list/-', value: 3 },
      { op: 'add', path: '/list/0', value: 0 },
      { op: 'remove', path: '/list/1' },
      { op: 'copy', from: '/a', path: '/c' },
      { op: 'move', from: '/c/b', path: '/d' },
      { op: 'add', path: '/e~1f', value: true },
    ]);
    expect(result).toEqual({
      a: { b: 2 },
      list: [0, 2, 3],
      c: {},
      d: 2,
      'e/f': true,
    });
  });

  it('fails on a failed test or a missing path, leaving the input untouched', () => {
    const input = { a: 1 };
    expect(() =>
      applyJsonPatch(input, [{ op: 'test', path: '/a', value: 2 }]),
    ).toThrow('testing value /a failed');
    expect(() =>
      applyJsonPatch(input, [{ op: 'replace', path: '/b', value: 2 }]),
    ).toThrow(/doc is missing path/);
    expect(() =>
      applyJsonPatch(input, [{ op: 'remove', path: '/x/y' }]),
    ).toThrow(PatchError);
    expect(() => applyJsonPatch(input, { op: 'add' })).toThrow(
      'json patch must be an array',
    );
    expect(input).toEqual({ a: 1 });
  });
});
