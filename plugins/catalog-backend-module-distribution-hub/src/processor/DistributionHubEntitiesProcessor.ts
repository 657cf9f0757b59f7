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
import { LoggerService } from '@backstage/backend-plugin-api';
import {
  Entity,
  getCompoundEntityRef,
  parseEntityRef,
  RELATION_HAS_PART,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
  RELATION_PART_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  CatalogProcessor,
  CatalogProcessorCache,
  CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  ANNOTATION_ENVIRONMENT_CONFLICTS,
  EntityProblem,
  isInstallationEntity,
  isTenantEntity,
  validateInstallationEntity,
  validateTenantEntity,
} from '@sdh/plugin-distribution-hub-common';
import {
  ClaimHolderCheck,
  EnvironmentClaimStore,
} from '../claims/EnvironmentClaimStore';

/**
 * Set in an entity's processing cache on its first processing. The catalog
 * keeps that cache with the stored entity and hands it back on later runs;
 * the validate-entity endpoint runs the processors on a submitted copy with
 * an empty cache and keeps nothing.
 */
const CACHE_KEY_PROCESSED = 'processed';

function describeProblems(entity: Entity, problems: EntityProblem[]): string {
  const ref = stringifyEntityRef(entity);
  return `${entity.kind} ${ref} is invalid: ${problems
    .map(p => p.message)
    .join('; ')}`;
}

/**
 * Validates the Tenant and Installation kinds, emits their relations and
 * flags an installation whose environment another installation claimed first.
 */
export class DistributionHubEntitiesProcessor implements CatalogProcessor {
  static create(options: {
    claims: EnvironmentClaimStore;
    isStillClaimedBy: ClaimHolderCheck;
    logger: LoggerService;
  }): DistributionHubEntitiesProcessor {
    return new DistributionHubEntitiesProcessor(
      options.claims,
      options.isStillClaimedBy,
      options.logger,
    );
  }

  private constructor(
    private readonly claims: EnvironmentClaimStore,
    private readonly isStillClaimedBy: ClaimHolderCheck,
    private readonly logger: LoggerService,
  ) {}

  getProcessorName(): string {
    return 'DistributionHubEntitiesProcessor';
  }

  async validateEntityKind(entity: Entity): Promise<boolean> {
    let problems: EntityProblem[];
    if (isTenantEntity(entity)) {
      problems = validateTenantEntity(entity);
    } else if (isInstallationEntity(entity)) {
      problems = validateInstallationEntity(entity);
    } else {
      return false;
    }
    if (problems.length > 0) {
      throw new InputError(describeProblems(entity, problems));
    }
    return true;
  }

  async postProcessEntity(
    entity: Entity,
    _location: LocationSpec,
    emit: CatalogProcessorEmit,
    cache: CatalogProcessorCache,
  ): Promise<Entity> {
    const self = getCompoundEntityRef(entity);
    const relate = (
      target: string,
      defaultKind: string,
      forward: string,
      reverse: string,
    ) => {
      const other = parseEntityRef(target, {
        defaultKind,
        defaultNamespace: self.namespace,
      });
      emit(
        processingResult.relation({
          source: self,
          type: forward,
          target: other,
        }),
      );
      emit(
        processingResult.relation({
          source: other,
          type: reverse,
          target: self,
        }),
      );
    };

    if (isTenantEntity(entity)) {
      relate(entity.spec.owner, 'Group', RELATION_OWNED_BY, RELATION_OWNER_OF);
      return entity;
    }
    if (!isInstallationEntity(entity)) {
      return entity;
    }
    relate(entity.spec.owner, 'Group', RELATION_OWNED_BY, RELATION_OWNER_OF);
    relate(entity.spec.tenant, 'Tenant', RELATION_PART_OF, RELATION_HAS_PART);

    // Processors cannot tell the catalog's processing of a stored entity from
    // validate-entity's run on a submitted copy (an edit, or one made up), so
    // claims are recorded only when the cache shows an earlier processing of
    // this entity; otherwise conflicts are only looked up. A new installation
    // thus records its claims on its second processing.
    const stored = (await cache.get<boolean>(CACHE_KEY_PROCESSED)) === true;
    if (!stored) {
      await cache.set(CACHE_KEY_PROCESSED, true);
    }
    return this.flagEnvironmentConflicts(entity, { record: stored });
  }

  private async flagEnvironmentConflicts(
    entity: Entity,
    options: { record: boolean },
  ): Promise<Entity> {
    if (!isInstallationEntity(entity)) {
      return entity;
    }
    const ref = stringifyEntityRef(entity);
    const conflicts = options.record
      ? await this.claims.claim(
          ref,
          entity.spec.environments,
          this.isStillClaimedBy,
        )
      : await this.claims.findConflicts(
          ref,
          entity.spec.environments,
          this.isStillClaimedBy,
        );
    const { [ANNOTATION_ENVIRONMENT_CONFLICTS]: _previous, ...annotations } =
      entity.metadata.annotations ?? {};
    if (conflicts.length === 0) {
      return { ...entity, metadata: { ...entity.metadata, annotations } };
    }
    const message = conflicts
      .map(
        c =>
          `${c.environment.cluster}/${c.environment.namespace} is already claimed by ${c.claimedBy}`,
      )
      .join('; ');
    this.logger.warn(`Installation ${ref}: ${message}`);
    return {
      ...entity,
      metadata: {
        ...entity.metadata,
        annotations: {
          ...annotations,
          [ANNOTATION_ENVIRONMENT_CONFLICTS]: message,
        },
      },
    };
  }
}
