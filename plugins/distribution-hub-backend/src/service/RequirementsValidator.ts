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
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  parseImageReference,
  ReleaseRequirements,
} from '@sdh/plugin-distribution-hub-common';

/**
 * Checks requirements beyond their shape: each application is a Component
 * that the catalog has, listed once, with a valid image reference. Returns
 * them normalised (full entity refs, trimmed stage names).
 */
export class RequirementsValidator {
  static create(options: { catalog: CatalogService }) {
    return new RequirementsValidator(options.catalog);
  }

  private constructor(private readonly catalog: CatalogService) {}

  async validate(
    requirements: ReleaseRequirements,
    credentials: BackstageCredentials,
  ): Promise<ReleaseRequirements> {
    const problems: string[] = [];
    const firstSeen = new Map<string, string>();
    const normalised: ReleaseRequirements = {
      stages: requirements.stages.map((stage, s) => ({
        ...(stage.name?.trim() ? { name: stage.name.trim() } : {}),
        apps: stage.apps.map((app, a) => {
          const path = `stages[${s}].apps[${a}]`;
          let entityRef = app.entityRef;
          try {
            const ref = parseEntityRef(app.entityRef, {
              defaultKind: 'component',
              defaultNamespace: 'default',
            });
            if (ref.kind.toLocaleLowerCase('en-US') !== 'component') {
              problems.push(
                `${path}.entityRef "${app.entityRef}" must reference a Component, not a ${ref.kind}`,
              );
            }
            entityRef = stringifyEntityRef(ref);
          } catch {
            problems.push(
              `${path}.entityRef "${app.entityRef}" is not an entity reference (e.g. component:default/orders-api)`,
            );
          }
          const earlier = firstSeen.get(entityRef);
          if (earlier) {
            problems.push(
              `${path}.entityRef ${entityRef} is already listed at ${earlier}; an application belongs to one stage`,
            );
          } else {
            firstSeen.set(entityRef, path);
          }
          if (app.image !== undefined && app.image !== '') {
            const parsed = parseImageReference(app.image);
            if ('error' in parsed) {
              problems.push(`${path}.image "${app.image}" ${parsed.error}`);
            }
          }
          return {
            entityRef,
            ...(app.image ? { image: app.image } : {}),
            ...(app.instructions ? { instructions: app.instructions } : {}),
          };
        }),
      })),
    };
    if (problems.length === 0 && firstSeen.size > 0) {
      problems.push(
        ...(await this.missingFromCatalog([...firstSeen], credentials)),
      );
    }
    if (problems.length > 0) {
      throw new InputError(`Invalid requirements: ${problems.join('; ')}`);
    }
    return normalised;
  }

  private async missingFromCatalog(
    refs: Array<[string, string]>,
    credentials: BackstageCredentials,
  ): Promise<string[]> {
    const { items } = await this.catalog.getEntitiesByRefs(
      {
        entityRefs: refs.map(([ref]) => ref),
        fields: ['kind', 'metadata.name'],
      },
      { credentials },
    );
    return refs.flatMap(([ref, path], index) =>
      items[index] ? [] : [`${path}.entityRef ${ref} is not in the catalog`],
    );
  }
}
