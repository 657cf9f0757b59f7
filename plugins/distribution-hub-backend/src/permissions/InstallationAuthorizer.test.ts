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
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  PermissionsRegistryService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  rolloutControlPermission,
  rolloutCreatePermission,
} from '@sdh/plugin-distribution-hub-common';
import { InstallationAuthorizer } from './InstallationAuthorizer';
import {
  createDistributionHubInstallationConditionalDecision,
  distributionHubInstallationConditions as conditions,
  distributionHubInstallationRules as rules,
} from './rules';

const acmeProd = {
  installationRef: 'installation:default/acme-prod',
  tenantRef: 'tenant:default/acme',
  tier: 'production' as const,
};
const acmeQa = {
  ...acmeProd,
  installationRef: 'installation:default/acme-qa',
  tier: 'qa' as const,
};
const globexQa = {
  installationRef: 'installation:default/globex-qa',
  tenantRef: 'tenant:default/globex',
  tier: 'qa' as const,
};

describe('installation permission rules', () => {
  it('isInTenant takes tenant IDs or refs', () => {
    for (const tenants of [
      ['acme'],
      ['default/acme'],
      ['tenant:default/acme'],
      ['Tenant:default/ACME'],
      ['globex', 'acme'],
    ]) {
      expect(rules.isInTenant.apply(acmeProd, { tenants })).toBe(true);
    }
    expect(rules.isInTenant.apply(acmeProd, { tenants: ['globex'] })).toBe(
      false,
    );
    expect(rules.isInTenant.apply(acmeProd, { tenants: ['other/acme'] })).toBe(
      false,
    );
    expect(rules.isInTenant.apply(acmeProd, { tenants: [] })).toBe(false);
    expect(rules.isInTenant.toQuery({ tenants: ['acme', ':'] })).toEqual({
      property: 'tenantRef',
      values: ['tenant:default/acme'],
    });
  });

  it('hasTier matches the installation tier', () => {
    expect(rules.hasTier.apply(acmeQa, { tiers: ['qa', 'development'] })).toBe(
      true,
    );
    expect(rules.hasTier.apply(acmeProd, { tiers: ['qa'] })).toBe(false);
  });

  it('builds conditions for policies', () => {
    expect(conditions.hasTier({ tiers: ['qa'] })).toEqual({
      rule: 'HAS_TIER',
      resourceType: 'distribution-hub-installation',
      params: { tiers: ['qa'] },
    });
    expect(
      createDistributionHubInstallationConditionalDecision(
        rolloutCreatePermission,
        conditions.isInTenant({ tenants: ['acme'] }),
      ),
    ).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'distribution-hub',
      resourceType: 'distribution-hub-installation',
      conditions: {
        rule: 'IS_IN_TENANT',
        resourceType: 'distribution-hub-installation',
        params: { tenants: ['acme'] },
      },
    });
  });
});

describe('InstallationAuthorizer', () => {
  function authorizer(decision: PolicyDecision) {
    const registry = {
      addPermissions: jest.fn(),
      addPermissionRules: jest.fn(),
      addResourceType: jest.fn(),
      getPermissionRuleset: () => ({
        getRuleByName: (name: string) =>
          Object.values(rules).find(rule => rule.name === name)!,
      }),
    } as unknown as PermissionsRegistryService;
    const permissions: PermissionsService = {
      authorize: jest.fn(),
      authorizeConditional: jest.fn(async () => [decision]),
    };
    const result = InstallationAuthorizer.register({
      permissionsRegistry: registry,
      permissions,
      catalog: {} as any,
      auth: {} as any,
    });
    return { authorizer: result, registry };
  }
  const credentials = mockCredentials.user();
  const all = [acmeProd, acmeQa, globexQa];

  it('registers the basic permissions and the installation resource type', () => {
    const { registry } = authorizer({ result: AuthorizeResult.ALLOW });
    const names = (registry.addPermissions as jest.Mock).mock.calls[0][0].map(
      (p: any) => p.name,
    );
    expect(names).toContain('distribution-hub.release.lock');
    expect(names).not.toContain('distribution-hub.rollout.create');
    expect(registry.addResourceType).toHaveBeenCalledWith(
      expect.objectContaining({
        permissions: [rolloutCreatePermission, rolloutControlPermission],
        rules: [rules.isInTenant, rules.hasTier],
      }),
    );
  });

  it('denies nothing when allowed and everything when denied', async () => {
    const allow = authorizer({ result: AuthorizeResult.ALLOW }).authorizer;
    expect(
      await (
        await allow.decide(credentials, rolloutCreatePermission)
      ).authorize(all),
    ).toEqual([]);
    const deny = authorizer({ result: AuthorizeResult.DENY }).authorizer;
    expect(
      await (
        await deny.decide(credentials, rolloutCreatePermission)
      ).authorize(all),
    ).toEqual(all.map(t => t.installationRef));
    await expect(
      deny.require(credentials, rolloutControlPermission, 'pause rollouts'),
    ).rejects.toThrow(
      'You are not allowed to pause rollouts (permission distribution-hub.rollout.control)',
    );
  });

  it('evaluates a conditional decision against each installation', async () => {
    const { authorizer: conditional } = authorizer(
      createDistributionHubInstallationConditionalDecision(
        rolloutCreatePermission,
        {
          anyOf: [
            conditions.isInTenant({ tenants: ['globex'] }),
            { not: conditions.hasTier({ tiers: ['production', 'qa'] }) },
          ],
        },
      ),
    );
    const authorize = await conditional.require(
      credentials,
      rolloutCreatePermission,
      'start rollouts',
    );
    expect(await authorize(all)).toEqual([
      'installation:default/acme-prod',
      'installation:default/acme-qa',
    ]);
  });
});
