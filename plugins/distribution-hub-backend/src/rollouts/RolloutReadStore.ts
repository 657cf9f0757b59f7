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
import { InstallationTier } from '@sdh/plugin-distribution-hub-common';
import { Knex } from 'knex';
import {
  DeploymentRecord,
  DeploymentRow,
  millis,
  Millis,
  RolloutRecord,
  RolloutRow,
  StageSnapshot,
  TargetRecord,
  TargetRow,
  toDeploymentRecord,
  toRolloutRecord,
  toTargetRecord,
} from './rolloutRows';

/** A target as the permission rules see it. */
export interface TargetScope {
  installationRef: string;
  tenantRef: string;
  tier: InstallationTier;
}

/** The deployment of an application on an environment that last went healthy. */
export interface HealthyDeployment {
  rolloutId: string;
  releaseId: string;
  version: string;
  entityRef: string;
  environment: { cluster: string; namespace: string };
  image: string;
  healthyAt: Millis;
  /** The rollout's stage snapshot: how to find the application's workloads. */
  stages: StageSnapshot[];
}

/**
 * Reads of the rollout tables that the API needs beyond RolloutStore: the
 * scopes of a rollout's targets for permission checks, what the hub last
 * deployed successfully to an installation, a target's deployments and an
 * installation's rollouts.
 */
export class RolloutReadStore {
  /** Expects the plugin's migrations to have run (ReleaseStore.create). */
  static async create(options: {
    database: DatabaseService;
  }): Promise<RolloutReadStore> {
    return new RolloutReadStore(await options.database.getClient());
  }

  static fromKnex(db: Knex): RolloutReadStore {
    return new RolloutReadStore(db);
  }

  private constructor(private readonly db: Knex) {}

  /** Every target of a rollout (one target, given its ref). */
  async targetScopes(
    rolloutId: string,
    installationRef?: string,
  ): Promise<TargetScope[]> {
    const query = this.db('rollout_targets')
      .where({ rollout_id: rolloutId })
      .select(
        'installation_ref as installationRef',
        'tenant_ref as tenantRef',
        'tier',
      );
    if (installationRef) query.where({ installation_ref: installationRef });
    return query;
  }

  /**
   * Per application × environment of an installation, the deployment that
   * went healthy last, with the release it came from.
   */
  async latestHealthy(installationRef: string): Promise<HealthyDeployment[]> {
    return (await this.latestHealthyOf([installationRef])).get(
      installationRef,
    )!;
  }

  /** {@link latestHealthy} for several installations in one query. */
  async latestHealthyOf(
    installationRefs: string[],
  ): Promise<Map<string, HealthyDeployment[]>> {
    const result = new Map<string, Map<string, HealthyDeployment>>(
      installationRefs.map(ref => [ref, new Map()]),
    );
    const rows: {
      rollout_id: string;
      installation_ref: string;
      entity_ref: string;
      cluster: string;
      namespace: string;
      image: string;
      healthy_at: number | string;
    }[] = installationRefs.length
      ? await this.db('rollout_deployments as d')
          .whereIn('d.installation_ref', installationRefs)
          .where('d.state', 'healthy')
          .whereNotExists(later =>
            later
              .from('rollout_deployments as l')
              .whereRaw('l.installation_ref = d.installation_ref')
              .whereRaw('l.entity_ref = d.entity_ref')
              .whereRaw('l.cluster = d.cluster')
              .whereRaw('l.namespace = d.namespace')
              .where('l.state', 'healthy')
              .whereRaw('l.healthy_at > d.healthy_at'),
          )
          .select(
            'd.rollout_id',
            'd.installation_ref',
            'd.entity_ref',
            'd.cluster',
            'd.namespace',
            'd.image',
            'd.healthy_at',
          )
      : [];
    const rolloutIds = [...new Set(rows.map(r => r.rollout_id))];
    const rollouts: {
      id: string;
      release_id: string;
      version: string;
      stages: string;
    }[] = rolloutIds.length
      ? await this.db('rollouts')
          .whereIn('id', rolloutIds)
          .select('id', 'release_id', 'version', 'stages')
      : [];
    const byId = new Map(rollouts.map(r => [r.id, r]));
    for (const row of rows) {
      const rollout = byId.get(row.rollout_id);
      const deployments = result.get(row.installation_ref);
      if (!rollout || !deployments) continue;
      // Two rollouts healthy in the same millisecond: either will do.
      const key = `${row.entity_ref}\u0000${row.cluster}\u0000${row.namespace}`;
      if (deployments.has(key)) continue;
      deployments.set(key, {
        rolloutId: row.rollout_id,
        releaseId: rollout.release_id,
        version: rollout.version,
        entityRef: row.entity_ref,
        environment: { cluster: row.cluster, namespace: row.namespace },
        image: row.image,
        healthyAt: millis(row.healthy_at),
        stages: JSON.parse(rollout.stages),
      });
    }
    return new Map(
      [...result].map(([ref, deployments]) => [ref, [...deployments.values()]]),
    );
  }

  /** The deployments of one target, in stage and application order. */
  async targetDeployments(
    rolloutId: string,
    installationRef: string,
  ): Promise<DeploymentRecord[]> {
    const rows = await this.db<DeploymentRow>('rollout_deployments')
      .where({ rollout_id: rolloutId, installation_ref: installationRef })
      .orderBy(['stage', 'entity_ref', 'cluster', 'namespace']);
    return rows.map(toDeploymentRecord);
  }

  /** The rollouts that included an installation, newest first. */
  async installationTargets(
    installationRef: string,
    limit: number,
  ): Promise<{ rollout: RolloutRecord; target: TargetRecord }[]> {
    const targets = await this.db<TargetRow>('rollout_targets as t')
      .join('rollouts as r', 'r.id', 't.rollout_id')
      .where('t.installation_ref', installationRef)
      .orderBy([
        { column: 'r.created_at', order: 'desc' },
        { column: 'r.id', order: 'desc' },
      ])
      .limit(limit)
      .select('t.*');
    if (targets.length === 0) return [];
    const rollouts = await this.db<RolloutRow>('rollouts').whereIn(
      'id',
      targets.map(t => t.rollout_id),
    );
    const byId = new Map(rollouts.map(r => [r.id, toRolloutRecord(r)]));
    return targets.map(t => ({
      rollout: byId.get(t.rollout_id)!,
      target: toTargetRecord(t),
    }));
  }
}
