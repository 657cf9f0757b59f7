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
import { KubeObject } from '../api/types';
import { copyJson } from '../util/json';
import { applyMergePatch } from './mergePatch';
import { copyForPatch } from './patchTarget';
import { applyStrategicMergePatch } from './strategicMergePatch';

const deployment = (): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'web',
    labels: { app: 'web', tier: 'front' },
    annotations: { note: 'x' },
    finalizers: ['a', 'b'],
    managedFields: [
      {
        manager: 'kubectl',
        operation: 'Update',
        apiVersion: 'apps/v1',
        time: '2026-01-01T00:00:00Z',
        fieldsType: 'FieldsV1',
        fieldsV1: { 'f:spec': {} },
      },
    ],
  },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [
          {
            name: 'app',
            image: 'shop/web:1',
            env: [{ name: 'A', value: '1' }],
            ports: [{ containerPort: 80 }],
            resources: { requests: { cpu: '100m' } },
          },
          { name: 'sidecar', image: 'proxy:1', args: ['-v'] },
        ],
      },
    },
  },
  status: { replicas: 2 },
});

const image = (name: string, value: string) => ({
  spec: { template: { spec: { containers: [{ name, image: value }] } } },
});

const strategic: [string, unknown][] = [
  ['an image', image('app', 'shop/web:2')],
  ['a new container', image('debug', 'busybox:1')],
  [
    'a container deleted',
    {
      spec: {
        template: {
          spec: { containers: [{ name: 'sidecar', $patch: 'delete' }] },
        },
      },
    },
  ],
  [
    'an element order',
    {
      spec: {
        template: {
          spec: {
            '$setElementOrder/containers': [
              { name: 'sidecar' },
              { name: 'app' },
            ],
            containers: [{ name: 'app', image: 'shop/web:3' }],
          },
        },
      },
    },
  ],
  [
    'a primitive deleted',
    { metadata: { '$deleteFromPrimitiveList/finalizers': ['a'] } },
  ],
  [
    'retained keys',
    {
      spec: {
        strategy: { $retainKeys: ['type'], type: 'Recreate' },
      },
    },
  ],
  [
    'a replaced map',
    { spec: { strategy: { $patch: 'replace', type: 'Recreate' } } },
  ],
  ['a nested value', image('app', 'shop/web:2')],
  [
    'a deep change in a container',
    {
      spec: {
        template: {
          spec: {
            containers: [
              { name: 'app', resources: { requests: { cpu: '200m' } } },
            ],
          },
        },
      },
    },
  ],
  ['a removed field', { spec: { strategy: { rollingUpdate: null } } }],
  [
    'labels and annotations',
    {
      metadata: { labels: { tier: null, x: 'y' }, annotations: { note: 'z' } },
    },
  ],
  ['a new top-level field', { spec: { paused: true }, extra: { a: 1 } }],
];

const merge: [string, unknown][] = [
  ['an annotation', { metadata: { annotations: { round: '2' } } }],
  ['a removed label', { metadata: { labels: { tier: null } } }],
  [
    'a replaced list',
    {
      spec: {
        template: { spec: { containers: [{ name: 'app', image: 'x:1' }] } },
      },
    },
  ],
  ['replicas', { spec: { replicas: 5 } }],
  ['a map replaced by a value', { spec: { strategy: 'odd' } }],
  ['a value replaced by a map', { spec: { replicas: { odd: true } } }],
  ['the whole spec removed', { spec: null }],
];

describe('copyForPatch', () => {
  it.each(strategic)(
    'lets a strategic merge patch of %s change nothing of the original',
    (_, patch) => {
      const original = deployment();
      const before = JSON.stringify(original);
      const result = applyStrategicMergePatch(
        copyForPatch(original, patch),
        patch,
        false,
      );
      expect(JSON.stringify(original)).toBe(before);
      expect(result).toEqual(
        applyStrategicMergePatch(copyJson(original), patch, false),
      );
    },
  );

  it.each(merge)(
    'lets a merge patch of %s change nothing of the original',
    (_, patch) => {
      const original = deployment();
      const before = JSON.stringify(original);
      const result = applyMergePatch(copyForPatch(original, patch), patch);
      expect(JSON.stringify(original)).toBe(before);
      expect(result).toEqual(applyMergePatch(copyJson(original), patch));
    },
  );

  it('copies metadata, which every write changes, and shares what the patch does not reach', () => {
    const original = deployment();
    const copy = copyForPatch(original, image('app', 'shop/web:2'));
    const spec = (o: KubeObject) => o.spec as any;
    expect(copy.metadata).not.toBe(original.metadata);
    expect(copy.metadata.labels).toBe(original.metadata.labels);
    expect(copy.status).toBe(original.status);
    expect(spec(copy).selector).toBe(spec(original).selector);
    expect(spec(copy).template).not.toBe(spec(original).template);
    expect(spec(copy).template.spec.containers).not.toBe(
      spec(original).template.spec.containers,
    );
  });
});
