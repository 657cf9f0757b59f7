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

/** A recorded claim: who holds an environment, and since when. */
export interface EnvironmentClaim {
  cluster: string;
  namespace: string;
  installationRef: string;
  claimedAt: Date;
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
 * database so that every catalog replica sees the same owner, and a restart
 * does not change it.
 *
 * Claims are never released because a copy of an installation stops listing
 * an environment: the copy may be one submitted for validation only, or an
 * edit the catalog then rejects. A claim passes on when its holder, as the
 * catalog stores it, no longer lists the environment (checked when another
 * installation wants it), and the sweep removes such claims.
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
   * The environments of the installation that others hold, recording nothing.
   */
  async findConflicts(
    installationRef: string,
    environments: InstallationEnvironment[],
    isStillClaimedBy: ClaimHolderCheck,
  ): Promise<EnvironmentConflict[]> {
    const conflicts: EnvironmentConflict[] = [];
    for (const environment of environments) {
      const holder = await this.holderOf(environment);
      if (
        holder &&
        holder !== installationRef &&
        (await isStillClaimedBy(holder, environment))
      ) {
        conflicts.push({ environment, claimedBy: holder });
      }
    }
    return conflicts;
  }

  /**
   * Records the installation's claims on the environments nobody holds, takes
   * over those whose holder let go, and returns the environments others hold.
   * Releases nothing (see the class comment).
   */
  async claim(
    installationRef: string,
    environments: InstallationEnvironment[],
    isStillClaimedBy: ClaimHolderCheck,
  ): Promise<EnvironmentConflict[]> {
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
      const holder = await this.holderOf(environment);
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
        .update({
          installation_ref: installationRef,
          // The database's clock, as for new claims, so all times compare.
          claimed_at: this.db.fn.now(),
        });
      if (taken === 0) {
        const current = await this.holderOf(environment);
        if (current && current !== installationRef) {
          conflicts.push({ environment, claimedBy: current });
        }
      }
    }
    return conflicts;
  }

  /** Every recorded claim, oldest first. */
  async listClaims(): Promise<EnvironmentClaim[]> {
    const rows = await this.db(TABLE)
      .orderBy([
        { column: 'claimed_at' },
        { column: 'cluster' },
        { column: 'namespace' },
      ])
      .select('cluster', 'namespace', 'installation_ref', 'claimed_at');
    return rows.map(row => ({
      cluster: row.cluster,
      namespace: row.namespace,
      installationRef: row.installation_ref,
      claimedAt: toDate(row.claimed_at),
    }));
  }

  /**
   * Removes the given claims, each only while the same installation still
   * holds it (another may have taken it over meanwhile). Returns how many
   * were removed.
   */
  async release(claims: EnvironmentClaim[]): Promise<number> {
    let released = 0;
    for (const claim of claims) {
      released += await this.db(TABLE)
        .where({
          cluster: claim.cluster,
          namespace: claim.namespace,
          installation_ref: claim.installationRef,
        })
        .delete();
    }
    return released;
  }

  private async holderOf(
    environment: InstallationEnvironment,
  ): Promise<string | undefined> {
    const row = await this.db(TABLE)
      .where({ cluster: environment.cluster, namespace: environment.namespace })
      .first('installation_ref');
    return row?.installation_ref;
  }
}

/** PostgreSQL returns a Date; SQLite the text of CURRENT_TIMESTAMP, in UTC. */
function toDate(value: unknown): Date {
  if (value instanceof Date) {
    return value;
  }
  if (
    typeof value === 'string' &&
    /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(value)
  ) {
    return new Date(`${value.replace(' ', 'T')}Z`);
  }
  return new Date(value as string | number);
}
