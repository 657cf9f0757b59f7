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
import { NAMESPACES } from './resources';
import { ResourceApi } from './ResourceApi';
import { ObjectStore } from '../store/ObjectStore';

describe('ResourceApi managed fields', () => {
  const api = () => ResourceApi.create({ store: ObjectStore.create() });

  it('leaves out an empty list, as the API server does', () => {
    const resources = api();
    const applied = resources.patch(
      NAMESPACES,
      '',
      'shop',
      'apply',
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'shop' },
      }),
      { fieldManager: 'seed', force: true },
    );
    expect(applied.metadata).not.toHaveProperty('managedFields');
    expect(resources.get(NAMESPACES, '', 'shop').metadata).not.toHaveProperty(
      'managedFields',
    );
  });

  it('records the manager of a field it applies', () => {
    const resources = api();
    const applied = resources.patch(
      NAMESPACES,
      '',
      'shop',
      'apply',
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'shop', labels: { team: 'checkout' } },
      }),
      { fieldManager: 'seed', force: true },
    );
    expect(applied.metadata.managedFields).toEqual([
      expect.objectContaining({ manager: 'seed', operation: 'Apply' }),
    ]);
  });
});
