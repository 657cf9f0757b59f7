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
import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  InstallationEnvironment,
  isInstallationEntity,
} from '@sdh/plugin-distribution-hub-common';
import {
  ClaimHolderCheck,
  EnvironmentClaimStore,
} from './EnvironmentClaimStore';

const HOLDER_FIELDS = [
  'apiVersion',
  'kind',
  'metadata.name',
  'metadata.namespace',
  'spec.environments',
];

/** Whether an installation, as the catalog stores it, lists an environment. */
export function listsEnvironment(
  entity: Entity | undefined,
  environment: InstallationEnvironment,
): boolean {
  return (
    isInstallationEntity(entity) &&
    Array.isArray(entity.spec?.environments) &&
    entity.spec.environments.some(
      e =>
        e.cluster === environment.cluster &&
        e.namespace === environment.namespace,
    )
  );
}

/**
 * A holder keeps its claim while the catalog still has it listing the
 * environment; deleted or edited installations let go.
 */
export function catalogHolderCheck(options: {
  catalog: CatalogService;
  auth: AuthService;
}): ClaimHolderCheck {
  const { catalog, auth } = options;
  return async (installationRef, environment) => {
    const holder = await catalog.getEntityByRef(installationRef, {
      credentials: await auth.getOwnServiceCredentials(),
    });
    return listsEnvironment(holder, environment);
  };
}

/**
 * Removes the claims whose holder the catalog no longer has listing the
 * environment. Claiming never releases anything, so without this the claims
 * of deleted installations would stay until another installation took them
 * over. Claims younger than minAgeMs are left alone: the catalog may not have
 * stored the installation that just took them yet. Returns how many it
 * removed.
 */
export async function sweepStaleClaims(options: {
  claims: EnvironmentClaimStore;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  minAgeMs?: number;
  now?: Date;
  batchSize?: number;
}): Promise<number> {
  const { claims, catalog, auth, logger } = options;
  const minAgeMs = options.minAgeMs ?? 10 * 60_000;
  const cutoff = (options.now ?? new Date()).getTime() - minAgeMs;
  const batchSize = options.batchSize ?? 500;

  const candidates = (await claims.listClaims()).filter(
    c => c.claimedAt.getTime() < cutoff,
  );
  const refs = [...new Set(candidates.map(c => c.installationRef))];
  const holders = new Map<string, Entity | undefined>();
  const credentials = await auth.getOwnServiceCredentials();
  for (let i = 0; i < refs.length; i += batchSize) {
    const batch = refs.slice(i, i + batchSize);
    const { items } = await catalog.getEntitiesByRefs(
      { entityRefs: batch, fields: HOLDER_FIELDS },
      { credentials },
    );
    batch.forEach((ref, j) => holders.set(ref, items[j] ?? undefined));
  }

  const stale = candidates.filter(
    c => !listsEnvironment(holders.get(c.installationRef), c),
  );
  const released = await claims.release(stale);
  if (released > 0) {
    logger.info(
      `Released ${released} environment claims whose installations no longer list them`,
    );
  }
  return released;
}
