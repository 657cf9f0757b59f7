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
  DISTRIBUTION_HUB_API_VERSION,
  INSTALLATION_KIND,
  InstallationTier,
  TENANT_KIND,
  Weekday,
} from './constants';

/**
 * A customer of the vendor.
 *
 * @public
 */
export interface TenantEntityV1alpha1 extends Entity {
  apiVersion: typeof DISTRIBUTION_HUB_API_VERSION;
  kind: typeof TENANT_KIND;
  spec: {
    /** Who looks after the tenant, an entity ref (default kind Group). */
    owner: string;
    /** The tenant's points of contact, user entity refs. */
    contacts?: string[];
    /** A rollout ring or tag used to select waves, e.g. `canary`. */
    ring?: string;
  };
}

/**
 * A Kubernetes namespace in a cluster registered with the portal.
 *
 * @public
 */
export type InstallationEnvironment = {
  cluster: string;
  namespace: string;
};

/**
 * A recurring window in which rollouts may touch an installation.
 *
 * @public
 */
export type MaintenanceWindow = {
  days: Weekday[];
  /** Local start time, HH:MM (24 h). */
  start: string;
  /** Local end time, HH:MM (24 h); earlier than start means it ends the next day. */
  end: string;
  /** IANA time zone, e.g. `Europe/Berlin`. */
  timezone: string;
};

/**
 * One running copy of the product for a tenant (prod, QA, dev …).
 *
 * @public
 */
export interface InstallationEntityV1alpha1 extends Entity {
  apiVersion: typeof DISTRIBUTION_HUB_API_VERSION;
  kind: typeof INSTALLATION_KIND;
  spec: {
    /** The tenant, an entity ref (default kind Tenant). */
    tenant: string;
    owner: string;
    tier: InstallationTier;
    environments: InstallationEnvironment[];
    maintenanceWindows?: MaintenanceWindow[];
  };
}

/**
 * Whether an entity is a Tenant of the hub's apiVersion.
 *
 * @public
 */
export function isTenantEntity(
  entity: Entity | undefined,
): entity is TenantEntityV1alpha1 {
  return (
    entity?.apiVersion === DISTRIBUTION_HUB_API_VERSION &&
    entity?.kind === TENANT_KIND
  );
}

/**
 * Whether an entity is an Installation of the hub's apiVersion.
 *
 * @public
 */
export function isInstallationEntity(
  entity: Entity | undefined,
): entity is InstallationEntityV1alpha1 {
  return (
    entity?.apiVersion === DISTRIBUTION_HUB_API_VERSION &&
    entity?.kind === INSTALLATION_KIND
  );
}
