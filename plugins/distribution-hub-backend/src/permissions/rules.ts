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
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import {
  INSTALLATION_TIERS,
  InstallationTier,
  RESOURCE_TYPE_DISTRIBUTION_HUB_INSTALLATION,
} from '@sdh/plugin-distribution-hub-common';
import { z } from 'zod';

/**
 * What the hub's rollout permissions are checked against: one installation
 * a rollout deploys to.
 *
 * @public
 */
export interface DistributionHubInstallationResource {
  installationRef: string;
  tenantRef: string;
  tier: InstallationTier;
}

/**
 * The query form of the installation rules. The hub evaluates conditions in
 * memory; this shape exists for policies and tooling that inspect them.
 *
 * @public
 */
export type DistributionHubInstallationQuery = {
  property: 'tenantRef' | 'tier';
  values: string[];
};

/** @public */
export const distributionHubInstallationResourceRef =
  createPermissionResourceRef<
    DistributionHubInstallationResource,
    DistributionHubInstallationQuery
  >().with({
    pluginId: 'distribution-hub',
    resourceType: RESOURCE_TYPE_DISTRIBUTION_HUB_INSTALLATION,
  });

/** `acme`, `default/acme` or `tenant:default/acme` → `tenant:default/acme`. */
function tenantRefOf(value: string): string | undefined {
  try {
    return stringifyEntityRef(
      parseEntityRef(value, {
        defaultKind: 'tenant',
        defaultNamespace: 'default',
      }),
    ).toLocaleLowerCase('en-US');
  } catch {
    return undefined;
  }
}

const isInTenant = createPermissionRule({
  name: 'IS_IN_TENANT',
  description:
    'Allow only installations of the given tenants (IDs or entity refs)',
  resourceRef: distributionHubInstallationResourceRef,
  paramsSchema: z.object({
    tenants: z
      .array(z.string())
      .describe('Tenant IDs or entity refs, e.g. acme or tenant:default/acme'),
  }),
  apply: (resource, { tenants }) => {
    const ref = resource.tenantRef.toLocaleLowerCase('en-US');
    return tenants.some(tenant => tenantRefOf(tenant) === ref);
  },
  toQuery: ({ tenants }) => ({
    property: 'tenantRef',
    values: tenants.flatMap(tenant => tenantRefOf(tenant) ?? []),
  }),
});

const hasTier = createPermissionRule({
  name: 'HAS_TIER',
  description: 'Allow only installations of the given tiers',
  resourceRef: distributionHubInstallationResourceRef,
  paramsSchema: z.object({
    tiers: z
      .array(z.enum(INSTALLATION_TIERS))
      .describe('Installation tiers, e.g. qa or development'),
  }),
  apply: (resource, { tiers }) => tiers.includes(resource.tier),
  toQuery: ({ tiers }) => ({ property: 'tier', values: tiers }),
});

/**
 * The permission rules of installations, for the permissions registry.
 *
 * @public
 */
export const distributionHubInstallationRules = { isInTenant, hasTier };

const { conditions, createConditionalDecision } = createConditionExports({
  resourceRef: distributionHubInstallationResourceRef,
  rules: distributionHubInstallationRules,
});

/**
 * Conditions for permission policies on the hub's rollout permissions, e.g.
 * `distributionHubInstallationConditions.hasTier({ tiers: ['qa'] })`.
 *
 * @public
 */
export const distributionHubInstallationConditions = conditions;

/**
 * Wraps conditions into a policy decision for a rollout permission:
 *
 * ```ts
 * if (isPermission(request.permission, rolloutCreatePermission)) {
 *   return createDistributionHubInstallationConditionalDecision(
 *     request.permission,
 *     distributionHubInstallationConditions.isInTenant({ tenants: ['acme'] }),
 *   );
 * }
 * ```
 *
 * @public
 */
export const createDistributionHubInstallationConditionalDecision =
  createConditionalDecision;
