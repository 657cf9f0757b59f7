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
import {
  InstallationEntityV1alpha1,
  TenantEntityV1alpha1,
} from '@sdh/plugin-distribution-hub-common';

/*
 * Catalog entities for the component tests, shaped like what the catalog
 * returns for examples/tenants.yaml after the distribution-hub processor has
 * emitted its relations.
 */

export const flareupTenant: TenantEntityV1alpha1 = {
  apiVersion: 'distribution-hub.io/v1alpha1',
  kind: 'Tenant',
  metadata: {
    name: 'flareup',
    namespace: 'default',
    title: 'Flareup.xyz',
    description: 'Early adopter; gets every release first.',
  },
  spec: {
    owner: 'group:customer-success',
    contacts: ['user:jane.doe', 'omar.haddad'],
    ring: 'canary',
  },
  relations: [
    { type: 'ownedBy', targetRef: 'group:default/customer-success' },
    { type: 'hasPart', targetRef: 'installation:default/flareup-dev' },
    { type: 'hasPart', targetRef: 'installation:default/flareup-qa' },
    { type: 'hasPart', targetRef: 'installation:default/flareup-prod' },
  ],
};

export const initechTenant: TenantEntityV1alpha1 = {
  apiVersion: 'distribution-hub.io/v1alpha1',
  kind: 'Tenant',
  metadata: { name: 'initech', namespace: 'default' },
  spec: { owner: 'customer-success' },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/customer-success' }],
};

export const flareupProd: InstallationEntityV1alpha1 = {
  apiVersion: 'distribution-hub.io/v1alpha1',
  kind: 'Installation',
  metadata: {
    name: 'flareup-prod',
    namespace: 'default',
    title: 'Flareup Prod',
  },
  spec: {
    tenant: 'flareup',
    owner: 'group:customer-success',
    tier: 'production',
    environments: [
      { cluster: 'demo-eu', namespace: 'flareup-prod' },
      { cluster: 'demo-us', namespace: 'flareup-prod-us' },
    ],
    maintenanceWindows: [
      {
        days: ['sun', 'sat'],
        start: '02:00',
        end: '05:00',
        timezone: 'Europe/Berlin',
      },
    ],
  },
  relations: [
    { type: 'partOf', targetRef: 'tenant:default/flareup' },
    { type: 'ownedBy', targetRef: 'group:default/customer-success' },
  ],
};

export const flareupQa: InstallationEntityV1alpha1 = {
  apiVersion: 'distribution-hub.io/v1alpha1',
  kind: 'Installation',
  metadata: { name: 'flareup-qa', namespace: 'default', title: 'Flareup QA' },
  spec: {
    tenant: 'tenant:default/flareup',
    owner: 'group:customer-success',
    tier: 'qa',
    environments: [{ cluster: 'demo-eu', namespace: 'flareup-qa' }],
  },
  relations: [
    { type: 'partOf', targetRef: 'tenant:default/flareup' },
    { type: 'ownedBy', targetRef: 'group:default/customer-success' },
  ],
};

export const flareupDev: InstallationEntityV1alpha1 = {
  apiVersion: 'distribution-hub.io/v1alpha1',
  kind: 'Installation',
  metadata: { name: 'flareup-dev', namespace: 'default' },
  spec: {
    tenant: 'flareup',
    owner: 'group:platform',
    tier: 'development',
    environments: [{ cluster: 'demo-us', namespace: 'flareup-dev' }],
  },
  relations: [
    { type: 'partOf', targetRef: 'tenant:default/flareup' },
    { type: 'ownedBy', targetRef: 'group:default/platform' },
  ],
};

function user(name: string, displayName: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default' },
    spec: { profile: { displayName, email: `${name}@example.com` } },
  };
}

export const janeDoe = user('jane.doe', 'Jane Doe');
export const omarHaddad = user('omar.haddad', 'Omar Haddad');

export const customerSuccess: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'customer-success', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

/** A catalog entity of another kind, which the cards must ignore. */
export const paymentsComponent: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments', namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'customer-success' },
};

/** Everything above, as the catalog would hold it. */
export const allEntities: Entity[] = [
  flareupTenant,
  initechTenant,
  flareupProd,
  flareupQa,
  flareupDev,
  janeDoe,
  omarHaddad,
  customerSuccess,
  paymentsComponent,
];
