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
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  INSTALLATION_TIERS,
  InstallationEntityV1alpha1,
  isInstallationEntity,
  isTenantEntity,
  PortalEntityRecord,
  TenantEntityV1alpha1,
} from '@sdh/plugin-distribution-hub-common';

/** The location the hub's entity provider gives what the portal created. */
export const PORTAL_LOCATION = 'distribution-hub:portal';

/** Where an entity is defined: created in the portal, or in catalog YAML. */
export type EntitySource = 'portal' | 'catalog';

export function isPortalEntity(entity: Entity): boolean {
  return (
    entity.metadata.annotations?.['backstage.io/managed-by-location'] ===
    PORTAL_LOCATION
  );
}

/** An entity ref as a key: refs compare without regard to case. */
export function refKey(ref: string): string {
  return ref.toLocaleLowerCase('en-US');
}

export interface InstallationItem {
  ref: string;
  /** What to show: the portal's record when it has one, else the catalog's. */
  entity: InstallationEntityV1alpha1;
  record?: PortalEntityRecord<InstallationEntityV1alpha1>;
  source: EntitySource;
  /** False while a portal-created entity has not reached the catalog yet. */
  inCatalog: boolean;
}

export interface TenantItem {
  ref: string;
  /** Undefined for a tenant that installations name but nobody defines. */
  entity?: TenantEntityV1alpha1;
  record?: PortalEntityRecord<TenantEntityV1alpha1>;
  source: EntitySource;
  inCatalog: boolean;
  installations: InstallationItem[];
}

/** The ref of an installation's tenant, resolved in its namespace. */
export function tenantRefOf(installation: InstallationEntityV1alpha1): string {
  try {
    return stringifyEntityRef(
      parseEntityRef(installation.spec.tenant, {
        defaultKind: 'Tenant',
        defaultNamespace: installation.metadata.namespace ?? 'default',
      }),
    );
  } catch {
    return String(installation.spec.tenant);
  }
}

export function displayName(entity: Entity): string {
  return entity.metadata.title ?? entity.metadata.name;
}

function byTierThenName(a: InstallationItem, b: InstallationItem): number {
  const tier = (item: InstallationItem) => {
    const index = INSTALLATION_TIERS.indexOf(item.entity.spec.tier);
    return index < 0 ? INSTALLATION_TIERS.length : index;
  };
  return (
    tier(a) - tier(b) ||
    displayName(a.entity).localeCompare(displayName(b.entity))
  );
}

function byName(a: TenantItem, b: TenantItem): number {
  // Tenants nobody defines go last.
  if (!a.entity || !b.entity) {
    return Number(!a.entity) - Number(!b.entity) || a.ref.localeCompare(b.ref);
  }
  return displayName(a.entity).localeCompare(displayName(b.entity));
}

/**
 * Every tenant with its installations, from the catalog (YAML-defined and
 * portal-created alike) and from the portal's own records, which cover
 * what the catalog has not picked up yet.
 */
export function buildTenantItems(data: {
  catalogEntities: Entity[];
  portalTenants: PortalEntityRecord<TenantEntityV1alpha1>[];
  portalInstallations: PortalEntityRecord<InstallationEntityV1alpha1>[];
}): TenantItem[] {
  const tenants = new Map<string, TenantItem>();
  const installations = new Map<string, InstallationItem>();

  for (const entity of data.catalogEntities) {
    const ref = stringifyEntityRef(entity);
    const source = isPortalEntity(entity) ? 'portal' : 'catalog';
    if (isTenantEntity(entity)) {
      tenants.set(refKey(ref), {
        ref,
        entity,
        source,
        inCatalog: true,
        installations: [],
      });
    } else if (isInstallationEntity(entity)) {
      installations.set(refKey(ref), {
        ref,
        entity,
        source,
        inCatalog: true,
      });
    }
  }

  for (const record of data.portalTenants) {
    const ref = stringifyEntityRef(record.entity);
    const known = tenants.get(refKey(ref));
    if (!known) {
      tenants.set(refKey(ref), {
        ref,
        entity: record.entity,
        record,
        source: 'portal',
        inCatalog: false,
        installations: [],
      });
    } else if (known.source === 'portal') {
      // The portal's record is the newest word on what it created.
      known.record = record;
      known.entity = record.entity;
    }
  }
  for (const record of data.portalInstallations) {
    const ref = stringifyEntityRef(record.entity);
    const known = installations.get(refKey(ref));
    if (!known) {
      installations.set(refKey(ref), {
        ref,
        entity: record.entity,
        record,
        source: 'portal',
        inCatalog: false,
      });
    } else if (known.source === 'portal') {
      known.record = record;
      known.entity = record.entity;
    }
  }

  for (const installation of installations.values()) {
    const tenantRef = tenantRefOf(installation.entity);
    let tenant = tenants.get(refKey(tenantRef));
    if (!tenant) {
      tenant = {
        ref: tenantRef,
        source: 'catalog',
        inCatalog: false,
        installations: [],
      };
      tenants.set(refKey(tenantRef), tenant);
    }
    tenant.installations.push(installation);
  }

  const items = [...tenants.values()].sort(byName);
  for (const item of items) {
    item.installations.sort(byTierThenName);
  }
  return items;
}

function includesTerm(term: string, values: Array<string | undefined>) {
  return values.some(v => v?.toLocaleLowerCase('en-US').includes(term));
}

function installationMatches(item: InstallationItem, term: string) {
  const { metadata, spec } = item.entity;
  return includesTerm(term, [
    metadata.name,
    metadata.title,
    spec.tier,
    spec.owner,
    ...spec.environments.map(e => `${e.cluster} / ${e.namespace}`),
  ]);
}

/**
 * The tenants a filter text leaves: a tenant that matches keeps all its
 * installations, otherwise only its installations that match are kept.
 */
export function filterTenantItems(
  items: TenantItem[],
  text: string,
): TenantItem[] {
  const term = text.trim().toLocaleLowerCase('en-US');
  if (!term) {
    return items;
  }
  return items.flatMap(item => {
    const tenantMatches = includesTerm(term, [
      item.ref,
      item.entity?.metadata.title,
      item.entity?.spec.ring,
      item.entity?.spec.owner,
    ]);
    if (tenantMatches) {
      return [item];
    }
    const installations = item.installations.filter(i =>
      installationMatches(i, term),
    );
    return installations.length > 0 ? [{ ...item, installations }] : [];
  });
}

/** A value with its object keys sorted, to compare JSON documents. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(canonical);
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
}

function content(entity: Entity) {
  return JSON.stringify(
    canonical({
      title: entity.metadata.title,
      description: entity.metadata.description,
      spec: entity.spec,
    }),
  );
}

/** Whether the catalog shows an entity as it was saved. */
export function isReflected(catalogEntities: Entity[], saved: Entity) {
  const key = refKey(stringifyEntityRef(saved));
  const inCatalog = catalogEntities.find(
    e => refKey(stringifyEntityRef(e)) === key,
  );
  return inCatalog !== undefined && content(inCatalog) === content(saved);
}
