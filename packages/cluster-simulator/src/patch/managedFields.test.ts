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
import { DEPLOYMENTS } from '../api/resources';
import { KubeObject } from '../api/types';
import { ApiError } from '../api/errors';
import {
  diffFields,
  fieldEntries,
  fromFieldsV1,
  toFieldsV1,
  treeAdd,
  treeHas,
  treeRemove,
} from './fieldSets';
import { applyConfiguration, recordUpdate } from './managedFields';

const deployment = (
  image: string,
  replicas?: number,
  extra: object = {},
): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' } },
  spec: {
    ...(replicas === undefined ? {} : { replicas }),
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'app', image, ...extra }] },
    },
  },
});

const apply = (
  current: KubeObject | undefined,
  applied: KubeObject,
  manager: string,
  force = false,
) => {
  const result = applyConfiguration({
    type: DEPLOYMENTS,
    current,
    applied,
    manager,
    force,
    apiVersion: 'apps/v1',
    now: 0,
  });
  return {
    ...result.object,
    metadata: {
      ...result.object.metadata,
      managedFields: result.managedFields,
    },
  } as KubeObject;
};

describe('managed fields', () => {
  it('writes FieldsV1 as the API server does and reads it back', () => {
    const paths = [...fieldEntries(deployment('a:1', 2)).keys()];
    const fields = toFieldsV1(paths);
    expect(fields).toEqual({
      'f:metadata': { 'f:labels': { 'f:app': {} } },
      'f:spec': {
        'f:replicas': {},
        'f:selector': {},
        'f:template': {
          'f:metadata': { 'f:labels': { 'f:app': {} } },
          'f:spec': {
            'f:containers': {
              'k:{"name":"app"}': { '.': {}, 'f:image': {}, 'f:name': {} },
            },
          },
        },
      },
    });
    expect([...fromFieldsV1(fields)].sort()).toEqual([...paths].sort());
  });

  it('an update takes the fields it changed away from other managers', () => {
    const created = apply(undefined, deployment('a:1', 2), 'deployer');
    const patched = deployment('a:2', 2);
    const managers = recordUpdate(
      created,
      patched,
      'kubectl-set',
      'apps/v1',
      0,
    )!;
    expect(managers.map(m => `${m.manager}/${m.operation}`)).toEqual([
      'deployer/Apply',
      'kubectl-set/Update',
    ]);
    const setFields = JSON.stringify(managers[1].fieldsV1);
    expect(setFields).toContain('f:image');
    expect(JSON.stringify(managers[0].fieldsV1)).not.toContain('f:image');
  });

  it('apply conflicts with another manager changing the same field unless forced', () => {
    const created = apply(undefined, deployment('a:1', 2), 'deployer');
    expect(() => apply(created, deployment('a:1', 5), 'other')).toThrow(
      ApiError,
    );
    const error = (() => {
      try {
        apply(created, deployment('a:1', 5), 'other');
        return undefined;
      } catch (e) {
        return e as ApiError;
      }
    })();
    const status = error!.toStatus();
    expect(status.code).toBe(409);
    expect(status.message).toBe(
      'Apply failed with 1 conflict: conflict with "deployer" using apps/v1: .spec.replicas',
    );
    expect(status.details?.causes?.[0]).toEqual({
      reason: 'FieldManagerConflict',
      message: 'conflict with "deployer" using apps/v1',
      field: '.spec.replicas',
    });
    const forced = apply(created, deployment('a:1', 5), 'other', true);
    expect(forced.spec?.replicas).toBe(5);
    const deployer = forced.metadata.managedFields!.find(
      m => m.manager === 'deployer',
    )!;
    expect(JSON.stringify(deployer.fieldsV1)).not.toContain('f:replicas');
  });

  it('applying the same value shares ownership without conflict', () => {
    const created = apply(undefined, deployment('a:1', 2), 'deployer');
    const shared = apply(created, deployment('a:1', 2), 'other');
    expect(shared.metadata.managedFields!.map(m => m.manager)).toEqual([
      'deployer',
      'other',
    ]);
  });

  it('removes fields an applier stops applying when nobody else owns them', () => {
    const created = apply(
      undefined,
      deployment('a:1', 2, { command: ['run'] }),
      'deployer',
    );
    expect(created.spec?.template).toMatchObject({
      spec: { containers: [{ command: ['run'] }] },
    });
    const next = apply(created, deployment('a:1'), 'deployer');
    expect(next.spec?.replicas).toBeUndefined();
    expect(
      (next.spec?.template as any).spec.containers[0].command,
    ).toBeUndefined();
  });

  it('edits FieldsV1 trees in place exactly as the set of paths would', () => {
    const object = deployment('a:1', 2, {
      command: ['x'],
      env: [{ name: 'A', value: '1' }],
      ports: [{ containerPort: 80 }],
    });
    const paths = [...fieldEntries(object).keys()];
    const tree = {};
    for (const path of paths) treeAdd(tree, path);
    expect(tree).toEqual(toFieldsV1(paths));
    const kept = paths.filter((_, i) => i % 3 !== 0);
    for (const path of paths.filter((_, i) => i % 3 === 0))
      treeRemove(tree, path);
    expect(tree).toEqual(toFieldsV1(kept));
    expect(
      paths.every(path => treeHas(tree, path) === kept.includes(path)),
    ).toBe(true);
  });

  it('diffs only what changed, as comparing every path would', () => {
    const before = deployment('a:1', 2, {
      env: [
        { name: 'A', value: '1' },
        { name: 'B', value: '2' },
      ],
    });
    const after = deployment('a:2', 3, {
      env: [
        { name: 'A', value: '9' },
        { name: 'C', value: '3' },
      ],
    });
    const { changed, removed } = diffFields(before, after);
    const b = fieldEntries(before);
    const a = fieldEntries(after);
    expect([...changed].sort()).toEqual(
      [...a.keys()].filter(p => b.get(p) !== a.get(p)).sort(),
    );
    expect([...removed].sort()).toEqual(
      [...b.keys()].filter(p => !a.has(p)).sort(),
    );
    expect(changed.size).toBeGreaterThan(0);
    expect(diffFields(before, before)).toEqual({
      changed: new Set(),
      removed: new Set(),
    });
  });
});
