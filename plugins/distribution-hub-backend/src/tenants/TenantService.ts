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
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DISTRIBUTION_HUB_API_VERSION,
  EntityProblem,
  InstallationEntityV1alpha1,
  InstallationEnvironment,
  isInstallationEntity,
  MaintenanceWindow,
  TenantEntityV1alpha1,
  validateInstallationEntity,
  validateTenantEntity,
} from '@sdh/plugin-distribution-hub-common';
import { Actor } from '../service/ReleaseService';
import {
  PortalEntity,
  PortalEntityRecord,
  PortalEntityStore,
} from './PortalEntityStore';

/** Marks entities that the portal created, for the provider and the UI. */
export const PORTAL_LOCATION = 'distribution-hub:portal';

export interface TenantInput {
  id: string;
  title?: string;
  description?: string;
  owner: string;
  contacts?: string[];
  ring?: string;
}

export interface InstallationInput {
  id: string;
  title?: string;
  description?: string;
  tenant: string;
  owner: string;
  tier: InstallationEntityV1alpha1['spec']['tier'];
  environments: InstallationEnvironment[];
  maintenanceWindows?: MaintenanceWindow[];
}

function metadata(input: { id: string; title?: string; description?: string }) {
  return {
    name: input.id,
    namespace: 'default',
    ...(input.title?.trim() ? { title: input.title.trim() } : {}),
    ...(input.description?.trim()
      ? { description: input.description.trim() }
      : {}),
    annotations: {
      'backstage.io/managed-by-location': PORTAL_LOCATION,
      'backstage.io/managed-by-origin-location': PORTAL_LOCATION,
    },
  };
}

function assertValid(kind: string, problems: EntityProblem[]) {
  if (problems.length > 0) {
    throw new InputError(
      `Invalid ${kind}: ${problems.map(p => p.message).join('; ')}`,
    );
  }
}

/**
 * Tenants and installations created and edited in the portal, checked with
 * the same rules as catalog YAML, and against what the catalog already has.
 */
export class TenantService {
  static create(options: {
    store: PortalEntityStore;
    catalog: CatalogService;
    clusters: string[];
    onChange: () => Promise<void>;
  }) {
    return new TenantService(
      options.store,
      options.catalog,
      options.clusters,
      options.onChange,
    );
  }

  private constructor(
    private readonly store: PortalEntityStore,
    private readonly catalog: CatalogService,
    private readonly clusters: string[],
    private readonly onChange: () => Promise<void>,
  ) {}

  listClusters(): string[] {
    return [...this.clusters];
  }

  listTenants() {
    return this.store.list<TenantEntityV1alpha1>('Tenant');
  }

  listInstallations() {
    return this.store.list<InstallationEntityV1alpha1>('Installation');
  }

  /** Every portal-created entity, as the catalog should see it. */
  listCatalogEntities(): Promise<PortalEntity[]> {
    return this.store.listAll();
  }

  async getTenant(id: string) {
    return this.getRecord<TenantEntityV1alpha1>('Tenant', id);
  }

  async getInstallation(id: string) {
    return this.getRecord<InstallationEntityV1alpha1>('Installation', id);
  }

  private async getRecord<T extends PortalEntity>(
    kind: T['kind'],
    id: string,
  ): Promise<PortalEntityRecord<T>> {
    const record = await this.store.get<T>(kind, id);
    if (!record) {
      throw new NotFoundError(
        `No ${kind.toLocaleLowerCase(
          'en-US',
        )} "${id}" was created in the portal`,
      );
    }
    return record;
  }

  async createTenant(input: TenantInput, actor: Actor) {
    const entity = this.tenantEntity(input);
    await this.assertNotInCatalog(entity, actor.credentials);
    await this.store.insert(entity, actor.ref);
    await this.onChange();
    return this.getTenant(input.id);
  }

  async updateTenant(
    id: string,
    input: Partial<Omit<TenantInput, 'id'>>,
    ifMatch: number | undefined,
    actor: Actor,
  ) {
    const current = await this.editable<TenantEntityV1alpha1>(
      'Tenant',
      id,
      ifMatch,
      actor,
    );
    const spec = current.entity.spec;
    const entity = this.tenantEntity({
      id,
      title: input.title ?? current.entity.metadata.title,
      description: input.description ?? current.entity.metadata.description,
      owner: input.owner ?? spec.owner,
      contacts: input.contacts ?? spec.contacts,
      ring: input.ring ?? spec.ring,
    });
    await this.store.update(entity, current.revision, actor.ref);
    await this.onChange();
    return this.getTenant(id);
  }

  async createInstallation(input: InstallationInput, actor: Actor) {
    const entity = this.installationEntity(input);
    await this.assertNotInCatalog(entity, actor.credentials);
    await this.assertTenantExists(entity, actor.credentials);
    await this.assertEnvironmentsFree(entity, actor.credentials);
    await this.store.insert(entity, actor.ref);
    await this.onChange();
    return this.getInstallation(input.id);
  }

  async updateInstallation(
    id: string,
    input: Partial<Omit<InstallationInput, 'id'>>,
    ifMatch: number | undefined,
    actor: Actor,
  ) {
    const current = await this.editable<InstallationEntityV1alpha1>(
      'Installation',
      id,
      ifMatch,
      actor,
    );
    const spec = current.entity.spec;
    const entity = this.installationEntity({
      id,
      title: input.title ?? current.entity.metadata.title,
      description: input.description ?? current.entity.metadata.description,
      tenant: input.tenant ?? spec.tenant,
      owner: input.owner ?? spec.owner,
      tier: input.tier ?? spec.tier,
      environments: input.environments ?? spec.environments,
      maintenanceWindows: input.maintenanceWindows ?? spec.maintenanceWindows,
    });
    await this.assertTenantExists(entity, actor.credentials);
    await this.assertEnvironmentsFree(entity, actor.credentials);
    await this.store.update(entity, current.revision, actor.ref);
    await this.onChange();
    return this.getInstallation(id);
  }

  /** A portal record that may be changed, or why not. */
  private async editable<T extends PortalEntity>(
    kind: T['kind'],
    id: string,
    ifMatch: number | undefined,
    actor: Actor,
  ): Promise<PortalEntityRecord<T>> {
    const record = await this.store.get<T>(kind, id);
    if (!record) {
      const inCatalog = await this.catalog.getEntityByRef(
        { kind, namespace: 'default', name: id },
        { credentials: actor.credentials },
      );
      if (inCatalog) {
        throw new ConflictError(
          `${kind} ${id} is defined in the catalog (${
            inCatalog.metadata.annotations?.[
              'backstage.io/managed-by-location'
            ] ?? 'YAML'
          }); edit it there`,
        );
      }
      throw new NotFoundError(`No ${kind.toLocaleLowerCase('en-US')} "${id}"`);
    }
    if (ifMatch !== undefined && ifMatch !== record.revision) {
      throw new ConflictError(
        `${kind} ${id} is at revision ${record.revision}, not ${ifMatch}: someone else changed it; reload it and try again`,
      );
    }
    return record;
  }

  private tenantEntity(input: TenantInput): TenantEntityV1alpha1 {
    const entity: TenantEntityV1alpha1 = {
      apiVersion: DISTRIBUTION_HUB_API_VERSION,
      kind: 'Tenant',
      metadata: metadata(input),
      spec: {
        owner: input.owner,
        ...(input.contacts?.length ? { contacts: input.contacts } : {}),
        ...(input.ring ? { ring: input.ring } : {}),
      },
    };
    assertValid('tenant', validateTenantEntity(entity));
    return entity;
  }

  private installationEntity(
    input: InstallationInput,
  ): InstallationEntityV1alpha1 {
    const entity: InstallationEntityV1alpha1 = {
      apiVersion: DISTRIBUTION_HUB_API_VERSION,
      kind: 'Installation',
      metadata: metadata(input),
      spec: {
        tenant: input.tenant,
        owner: input.owner,
        tier: input.tier,
        environments: input.environments,
        ...(input.maintenanceWindows?.length
          ? { maintenanceWindows: input.maintenanceWindows }
          : {}),
      },
    };
    const problems = validateInstallationEntity(entity);
    input.environments?.forEach((env, index) => {
      if (
        typeof env?.cluster === 'string' &&
        !this.clusters.includes(env.cluster)
      ) {
        problems.push({
          path: `spec.environments[${index}].cluster`,
          rule: 'registered-cluster',
          message: `spec.environments[${index}].cluster "${
            env.cluster
          }" is not a registered cluster; registered: ${
            this.clusters.join(', ') || 'none'
          }`,
        });
      }
    });
    assertValid('installation', problems);
    return entity;
  }

  private async assertNotInCatalog(
    entity: PortalEntity,
    credentials: BackstageCredentials,
  ) {
    const existing = await this.catalog.getEntityByRef(
      stringifyEntityRef(entity),
      { credentials },
    );
    if (existing && !this.isPortalEntity(existing)) {
      throw new ConflictError(
        `A ${entity.kind.toLocaleLowerCase('en-US')} with the ID "${
          entity.metadata.name
        }" is already defined in the catalog`,
      );
    }
  }

  private async assertTenantExists(
    entity: InstallationEntityV1alpha1,
    credentials: BackstageCredentials,
  ) {
    const ref = entity.spec.tenant.includes(':')
      ? entity.spec.tenant
      : `tenant:default/${entity.spec.tenant}`;
    const tenantName = ref.split('/').pop()!;
    const inCatalog = await this.catalog.getEntityByRef(ref, { credentials });
    const inPortal = await this.store.get('Tenant', tenantName);
    if (!inCatalog && !inPortal) {
      throw new InputError(
        `Invalid installation: spec.tenant "${entity.spec.tenant}" is not a known tenant`,
      );
    }
  }

  /**
   * Every environment must be free: not mapped to another portal
   * installation, nor to an installation defined in catalog YAML.
   */
  private async assertEnvironmentsFree(
    entity: InstallationEntityV1alpha1,
    credentials: BackstageCredentials,
  ) {
    const self = entity.metadata.name;
    for (const env of entity.spec.environments) {
      const portalHolder = await this.store.environmentHolder(
        env.cluster,
        env.namespace,
      );
      if (portalHolder && portalHolder !== self) {
        throw new ConflictError(
          `The environment ${env.cluster}/${env.namespace} is already mapped to installation ${portalHolder}`,
        );
      }
      const { items } = await this.catalog.getEntities(
        {
          filter: {
            kind: 'Installation',
            'spec.environments.namespace': env.namespace,
          },
        },
        { credentials },
      );
      const holder = items.find(
        (other: Entity) =>
          isInstallationEntity(other) &&
          other.metadata.name !== self &&
          other.spec.environments.some(
            e => e.cluster === env.cluster && e.namespace === env.namespace,
          ),
      );
      if (holder) {
        throw new ConflictError(
          `The environment ${env.cluster}/${
            env.namespace
          } is already mapped to installation ${holder.metadata.name}${
            this.isPortalEntity(holder) ? '' : ' (defined in the catalog)'
          }`,
        );
      }
    }
  }

  private isPortalEntity(entity: Entity): boolean {
    return (
      entity.metadata.annotations?.['backstage.io/managed-by-location'] ===
      PORTAL_LOCATION
    );
  }
}
