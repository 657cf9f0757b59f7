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
import { DatabaseService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import {
  InstallationEntityV1alpha1,
  TenantEntityV1alpha1,
} from '@sdh/plugin-distribution-hub-common';
import { Knex } from 'knex';

/** A tenant or installation created in the portal. */
export type PortalEntity = TenantEntityV1alpha1 | InstallationEntityV1alpha1;

/** A stored portal entity with its bookkeeping. */
export interface PortalEntityRecord<T extends PortalEntity = PortalEntity> {
  entity: T;
  revision: number;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
}

type Row = {
  kind: string;
  name: string;
  entity: string;
  revision: number;
  created_by: string;
  created_at: Date | string | number;
  updated_by: string;
  updated_at: Date | string | number;
};

function toRecord<T extends PortalEntity>(row: Row): PortalEntityRecord<T> {
  return {
    entity: JSON.parse(row.entity),
    revision: Number(row.revision),
    createdBy: row.created_by,
    createdAt: new Date(row.created_at).toISOString(),
    updatedBy: row.updated_by,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

function environmentsOf(entity: PortalEntity) {
  return entity.kind === 'Installation' ? entity.spec.environments : [];
}

/**
 * Portal-created tenants and installations, with each environment mapped to
 * at most one of them (a primary key decides between concurrent requests).
 */
export class PortalEntityStore {
  static async create(options: { database: DatabaseService }) {
    // Migrations are run by the release store, which shares the database.
    return new PortalEntityStore(await options.database.getClient());
  }

  private constructor(private readonly db: Knex) {}

  async list<T extends PortalEntity>(
    kind: T['kind'],
  ): Promise<PortalEntityRecord<T>[]> {
    const rows = await this.db<Row>('portal_entities')
      .where({ kind })
      .orderBy('name');
    return rows.map(row => toRecord<T>(row));
  }

  async listAll(): Promise<PortalEntity[]> {
    const rows = await this.db<Row>('portal_entities').select('entity');
    return rows.map(row => JSON.parse(row.entity));
  }

  async get<T extends PortalEntity>(
    kind: T['kind'],
    name: string,
  ): Promise<PortalEntityRecord<T> | undefined> {
    const row = await this.db<Row>('portal_entities')
      .where({ kind, name })
      .first();
    return row ? toRecord<T>(row) : undefined;
  }

  /** Which portal installation holds an environment, if any. */
  async environmentHolder(
    cluster: string,
    namespace: string,
  ): Promise<string | undefined> {
    const row = await this.db('portal_environments')
      .where({ cluster, namespace })
      .first('installation');
    return row?.installation;
  }

  async insert(entity: PortalEntity, actor: string): Promise<void> {
    const now = new Date();
    await this.conflictsAsConflictError(entity, tx =>
      this.insertIn(tx, entity, actor, now),
    );
  }

  private async insertIn(
    tx: Knex.Transaction,
    entity: PortalEntity,
    actor: string,
    now: Date,
  ) {
    const existing = await tx('portal_entities')
      .where({ kind: entity.kind, name: entity.metadata.name })
      .first('name');
    if (existing) {
      throw new ConflictError(
        `A ${entity.kind.toLocaleLowerCase('en-US')} with the ID "${
          entity.metadata.name
        }" already exists`,
      );
    }
    await tx('portal_entities').insert({
      kind: entity.kind,
      name: entity.metadata.name,
      entity: JSON.stringify(entity),
      revision: 1,
      created_by: actor,
      created_at: now,
      updated_by: actor,
      updated_at: now,
    });
    await this.mapEnvironments(tx, entity);
  }

  /**
   * Runs a write in a transaction; a unique-key violation (a concurrent
   * request mapped the same environment first) is reported as a conflict.
   */
  private async conflictsAsConflictError(
    entity: PortalEntity,
    write: (tx: Knex.Transaction) => Promise<void>,
  ) {
    try {
      await this.db.transaction(write);
    } catch (error) {
      if (
        !(error instanceof ConflictError) &&
        /unique|duplicate|constraint/i.test(String(error))
      ) {
        throw new ConflictError(
          `${entity.kind} ${entity.metadata.name} conflicts with a concurrent change (an ID or environment was just taken); reload and try again`,
        );
      }
      throw error;
    }
  }

  async update(
    entity: PortalEntity,
    expectedRevision: number,
    actor: string,
  ): Promise<void> {
    await this.conflictsAsConflictError(entity, async tx => {
      const updated = await tx('portal_entities')
        .where({
          kind: entity.kind,
          name: entity.metadata.name,
          revision: expectedRevision,
        })
        .update({
          entity: JSON.stringify(entity),
          revision: expectedRevision + 1,
          updated_by: actor,
          updated_at: new Date(),
        });
      if (updated === 0) {
        throw new ConflictError(
          `${entity.kind} ${entity.metadata.name} was changed by someone else; reload it and try again`,
        );
      }
      await tx('portal_environments')
        .where({ installation: entity.metadata.name })
        .delete();
      await this.mapEnvironments(tx, entity);
    });
  }

  private async mapEnvironments(tx: Knex.Transaction, entity: PortalEntity) {
    for (const env of environmentsOf(entity)) {
      const holder = await tx('portal_environments')
        .where({ cluster: env.cluster, namespace: env.namespace })
        .first('installation');
      if (holder) {
        throw new ConflictError(
          `The environment ${env.cluster}/${env.namespace} is already mapped to installation ${holder.installation}`,
        );
      }
      await tx('portal_environments').insert({
        cluster: env.cluster,
        namespace: env.namespace,
        installation: entity.metadata.name,
      });
    }
  }
}
