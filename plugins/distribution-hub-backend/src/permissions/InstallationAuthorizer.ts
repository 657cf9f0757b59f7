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
  AuthService,
  BackstageCredentials,
  PermissionsRegistryService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import {
  distributionHubPermissions,
  isInstallationEntity,
  RESOURCE_TYPE_DISTRIBUTION_HUB_INSTALLATION,
} from '@sdh/plugin-distribution-hub-common';
import { TargetAuthorizer } from '../rollouts/RolloutService';
import {
  DistributionHubInstallationResource,
  distributionHubInstallationResourceRef,
  distributionHubInstallationRules,
} from './rules';

/** A permission checked per installation. */
export type InstallationPermission = ResourcePermission<
  typeof RESOURCE_TYPE_DISTRIBUTION_HUB_INSTALLATION
>;

/** A decision for one caller and permission, applied to installations. */
export interface InstallationDecision {
  result: AuthorizeResult;
  /** The installations among the given ones the caller may not act on. */
  authorize: TargetAuthorizer;
}

/**
 * Checks the rollout permissions, which a policy may grant for some
 * installations only (by tenant or tier): one conditional decision per
 * request, evaluated in memory against each installation.
 */
export class InstallationAuthorizer {
  /**
   * Registers the hub's permissions, the installation resource type and its
   * rules. `getResources` lets other plugins ask about one installation.
   */
  static register(options: {
    permissionsRegistry: PermissionsRegistryService;
    permissions: PermissionsService;
    catalog: CatalogService;
    auth: AuthService;
  }): InstallationAuthorizer {
    const { permissionsRegistry, catalog, auth } = options;
    const basic = distributionHubPermissions.filter(p => p.type === 'basic');
    const perInstallation = distributionHubPermissions.filter(
      p => p.type === 'resource',
    );
    permissionsRegistry.addPermissions(basic);
    permissionsRegistry.addResourceType({
      resourceRef: distributionHubInstallationResourceRef,
      permissions: perInstallation,
      rules: Object.values(distributionHubInstallationRules),
      async getResources(resourceRefs) {
        const { items } = await catalog.getEntitiesByRefs(
          { entityRefs: resourceRefs },
          { credentials: await auth.getOwnServiceCredentials() },
        );
        return items.map(entity =>
          entity && isInstallationEntity(entity)
            ? {
                installationRef: stringifyEntityRef(entity),
                tenantRef: stringifyEntityRef(
                  parseEntityRef(entity.spec.tenant, {
                    defaultKind: 'tenant',
                    defaultNamespace: 'default',
                  }),
                ),
                tier: entity.spec.tier,
              }
            : undefined,
        );
      },
    });
    return new InstallationAuthorizer(options.permissions, permissionsRegistry);
  }

  private constructor(
    private readonly permissions: PermissionsService,
    private readonly registry: PermissionsRegistryService,
  ) {}

  /**
   * Asks the policy once: ALLOW denies nothing, DENY everything, and a
   * conditional decision is evaluated against each installation.
   */
  async decide(
    credentials: BackstageCredentials,
    permission: InstallationPermission,
  ): Promise<InstallationDecision> {
    const [decision] = await this.permissions.authorizeConditional(
      [{ permission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) {
      return { result: decision.result, authorize: async () => [] };
    }
    if (decision.result === AuthorizeResult.DENY) {
      return {
        result: decision.result,
        authorize: async targets => targets.map(t => t.installationRef),
      };
    }
    const allowed = createConditionAuthorizer(
      this.registry.getPermissionRuleset(
        distributionHubInstallationResourceRef,
      ),
    );
    return {
      result: decision.result,
      authorize: async targets =>
        targets
          .filter(
            target =>
              !allowed(decision, target as DistributionHubInstallationResource),
          )
          .map(t => t.installationRef),
    };
  }

  /**
   * Like {@link InstallationAuthorizer.decide}, but refuses at once when
   * the policy denies the permission outright.
   */
  async require(
    credentials: BackstageCredentials,
    permission: InstallationPermission,
    action: string,
  ): Promise<TargetAuthorizer> {
    const decision = await this.decide(credentials, permission);
    if (decision.result === AuthorizeResult.DENY) {
      throw new NotAllowedError(
        `You are not allowed to ${action} (permission ${permission.name})`,
      );
    }
    return decision.authorize;
  }
}
