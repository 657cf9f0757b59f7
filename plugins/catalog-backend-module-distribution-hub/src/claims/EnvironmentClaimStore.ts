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
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { InstallationEnvironment } from '@sdh/plugin-distribution-hub-common';
import { Knex } from 'knex';

const TABLE = 'distribution_hub_environment_claims';
const migrationsDir = resolvePackagePath(
  '@sdh/plugin-catalog-backend-module-distribution-hub',
  'migrations',
);

/** An environment that another installation claimed first. */
export interface EnvironmentConflict {
  environment: InstallationEnvironment;
  claimedBy: string;
}

/**
 * Tells whether an installation still claims an environment; a claim whose
 * holder no longer does (deleted, or environment removed) can be taken over.
 */
export type ClaimHolderCheck = (
  installationRef: string,
  environment: InstallationEnvironment,
) => Promise<boolean>;

/**
 * First-come claims of environments by installations, kept in the catalog's
 * database so that every catalog replica sees the same owner.
 */
export class EnvironmentClaimStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<EnvironmentClaimStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      // Our own migrations table, so the catalog's own migrations are untouched.
      await client.migrate.latest({
        directory: migrationsDir,
        tableName: 'distribution_hub_catalog_module_migrations',
      });
    }
    return new EnvironmentClaimStore(client);
  }

  private constructor(private readonly db: Knex) {}

  /**
   * Records the installation's claims on its environments, releases the ones
   * it no longer lists, and returns the environments held by others.
   */
  async claim(
    installationRef: string,
    environments: InstallationEnvironment[],
    isStillClaimedBy: ClaimHolderCheck,
  ): Promise<EnvironmentConflict[]> {
    const wanted = new Set(
      environments.map(e => `${e.cluster}\u0000${e.namespace}`),
    );
    const held = await this.db(TABLE)
      .where({ installation_ref: installationRef })
      .select('cluster', 'namespace');
    for (const row of held) {
      if (!wanted.has(`${row.cluster}\u0000${row.namespace}`)) {
        await this.db(TABLE)
          .where({ ...row, installation_ref: installationRef })
          .delete();
      }
    }

    const conflicts: EnvironmentConflict[] = [];
    for (const environment of environments) {
      const key = {
        cluster: environment.cluster,
        namespace: environment.namespace,
      };
      await this.db(TABLE)
        .insert({ ...key, installation_ref: installationRef })
        .onConflict(['cluster', 'namespace'])
        .ignore();
      const holder: string | undefined = (
        await this.db(TABLE).where(key).first('installation_ref')
      )?.installation_ref;
      if (!holder || holder === installationRef) {
        continue;
      }
      if (await isStillClaimedBy(holder, environment)) {
        conflicts.push({ environment, claimedBy: holder });
        continue;
      }
      // The holder let go; take over only if nobody else did in between.
      const taken = await this.db(TABLE)
        .where({ ...key, installation_ref: holder })
        .update({ installation_ref: installationRef, claimed_at: new Date() });
      if (taken === 0) {
        const current = await this.db(TABLE)
          .where(key)
          .first('installation_ref');
        if (current && current.installation_ref !== installationRef) {
          conflicts.push({ environment, claimedBy: current.installation_ref });
        }
      }
    }
    return conflicts;
  }
}
