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
import { Entity } from '@backstage/catalog-model';
import { isInstallationEntity, isTenantEntity } from './types';

function entity(apiVersion: string, kind: string): Entity {
  return { apiVersion, kind, metadata: { name: 'flareup' }, spec: {} };
}

const HUB = 'distribution-hub.io/v1alpha1';

describe('isTenantEntity', () => {
  it('accepts a Tenant of the hub apiVersion', () => {
    expect(isTenantEntity(entity(HUB, 'Tenant'))).toBe(true);
  });

  it.each([
    ['a backstage.io Tenant', 'backstage.io/v1alpha1', 'Tenant'],
    [
      'a Tenant of another hub version',
      'distribution-hub.io/v1beta1',
      'Tenant',
    ],
    ['a hub Installation', HUB, 'Installation'],
    ['a lower-case kind', HUB, 'tenant'],
    ['a Group', 'backstage.io/v1alpha1', 'Group'],
  ])('rejects %s', (_, apiVersion, kind) => {
    expect(isTenantEntity(entity(apiVersion, kind))).toBe(false);
  });

  it('rejects undefined', () => {
    expect(isTenantEntity(undefined)).toBe(false);
  });
});

describe('isInstallationEntity', () => {
  it('accepts an Installation of the hub apiVersion', () => {
    expect(isInstallationEntity(entity(HUB, 'Installation'))).toBe(true);
  });

  it.each([
    ['a backstage.io Installation', 'backstage.io/v1alpha1', 'Installation'],
    [
      'an Installation of another hub version',
      'distribution-hub.io/v1beta1',
      'Installation',
    ],
    ['a hub Tenant', HUB, 'Tenant'],
    ['a lower-case kind', HUB, 'installation'],
    ['a Component', 'backstage.io/v1alpha1', 'Component'],
  ])('rejects %s', (_, apiVersion, kind) => {
    expect(isInstallationEntity(entity(apiVersion, kind))).toBe(false);
  });

  it('rejects undefined', () => {
    expect(isInstallationEntity(undefined)).toBe(false);
  });
});
