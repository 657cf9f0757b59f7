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
  TargetFailure,
  TargetState,
} from '@sdh/plugin-distribution-hub-common';
import { WorkloadImage } from '@sdh/plugin-distribution-hub-node';
import { Knex } from 'knex';
import {
  DeploymentRecord,
  DeploymentRow,
  DeploymentState,
  Millis,
  TargetRecord,
  TargetRow,
  toDeploymentRecord,
  toTargetRecord,
} from './rolloutRows';

/** A lease on one target, held by one worker until `expiresAt`. */
export interface Lease {
  rolloutId: string;
  installationRef: string;
  owner: string;
}

/** Raised when a worker finds its lease taken over; it stops at once. */
export class LeaseLostError extends Error {
  constructor(lease: Lease) {
    super(
      `Lease on ${lease.installationRef} of rollout ${lease.rolloutId} was lost`,
    );
    this.name = 'LeaseLostError';
  }
}

/**
 * The worker's side of the rollout tables: claiming due targets under a
 * lease, and changing them and their deployments only while holding it
 * (every write is fenced by the lease owner), so two replicas never act on
 * one target at once.
 */
export class TargetWorkStore {
  static fromKnex(db: Knex): TargetWorkStore {
    return new TargetWorkStore(db);
  }

  private readonly skipLocked: boolean;

  private constructor(private readonly db: Knex) {
    const client = String(db.client.config.client);
    this.skipLocked = client === 'pg' || client === 'postgresql';
  }

  /**
   * Leases up to `limit` ongoing targets of running rollouts that are due
   * and not leased by a live worker. On PostgreSQL rows another replica is
   * claiming are skipped rather than waited for.
   */
  async claim(
    owner: string,
    now: Millis,
    leaseMs: number,
    limit: number,
  ): Promise<TargetRecord[]> {
    if (limit <= 0) return [];
    return this.db.transaction(async tx => {
      const query = tx<TargetRow>('rollout_targets as t')
        .join('rollouts as r', 'r.id', 't.rollout_id')
        .where('t.state', 'ongoing')
        .where('r.status', 'running')
        .where('r.held', false)
        .where('t.due_at', '<=', now)
        .where(q =>
          q
            .whereNull('t.lease_expires_at')
            .orWhere('t.lease_expires_at', '<', now),
        )
        .orderBy('t.due_at')
        .limit(limit)
        .select('t.rollout_id', 't.installation_ref');
      if (this.skipLocked) {
        query.forUpdate('t').skipLocked();
      }
      const due = (await query) as Pick<
        TargetRow,
        'rollout_id' | 'installation_ref'
      >[];
      const claimed: TargetRecord[] = [];
      for (const key of due) {
        const changed = await tx<TargetRow>('rollout_targets')
          .where(key)
          .where('state', 'ongoing')
          .where(q =>
            q
              .whereNull('lease_expires_at')
              .orWhere('lease_expires_at', '<', now),
          )
          .update({ lease_owner: owner, lease_expires_at: now + leaseMs });
        if (changed > 0) {
          const row = await tx<TargetRow>('rollout_targets').where(key).first();
          claimed.push(toTargetRecord(row!));
        }
      }
      return claimed;
    });
  }

  private fenced(lease: Lease, db: Knex = this.db) {
    return db<TargetRow>('rollout_targets').where({
      rollout_id: lease.rolloutId,
      installation_ref: lease.installationRef,
      lease_owner: lease.owner,
    });
  }

  /** Extends a lease; throws LeaseLostError if it is no longer ours. */
  async renew(lease: Lease, now: Millis, leaseMs: number): Promise<void> {
    const changed = await this.fenced(lease).update({
      lease_expires_at: now + leaseMs,
    });
    if (changed === 0) throw new LeaseLostError(lease);
  }

  /** Gives a lease back, optionally not to be picked up before `dueAt`. */
  async release(
    lease: Lease,
    now: Millis,
    changes: { dueAt?: Millis; detail?: string; attempts?: number } = {},
  ): Promise<void> {
    await this.fenced(lease).update({
      lease_owner: null,
      lease_expires_at: null,
      updated_at: now,
      ...(changes.dueAt !== undefined ? { due_at: changes.dueAt } : {}),
      ...(changes.detail !== undefined ? { detail: changes.detail } : {}),
      ...(changes.attempts !== undefined ? { attempts: changes.attempts } : {}),
    });
  }

  /** Records progress on a leased target. */
  async progress(
    lease: Lease,
    now: Millis,
    changes: { stage?: number; detail?: string },
  ): Promise<void> {
    const changed = await this.fenced(lease).update({
      updated_at: now,
      ...(changes.stage !== undefined ? { stage: changes.stage } : {}),
      ...(changes.detail !== undefined ? { detail: changes.detail } : {}),
    });
    if (changed === 0) throw new LeaseLostError(lease);
  }

  /** Ends a leased target in a final state and gives the lease back. */
  async finish(
    lease: Lease,
    now: Millis,
    state: Extract<
      TargetState,
      'completed' | 'failed' | 'cancelled' | 'rolled-back'
    >,
    changes: { detail?: string; failure?: TargetFailure } = {},
  ): Promise<void> {
    const changed = await this.fenced(lease).update({
      state,
      detail: changes.detail ?? null,
      failure: changes.failure ? JSON.stringify(changes.failure) : null,
      lease_owner: null,
      lease_expires_at: null,
      finished_at: now,
      updated_at: now,
    });
    if (changed === 0) throw new LeaseLostError(lease);
  }

  async listDeployments(lease: Lease): Promise<DeploymentRecord[]> {
    const rows = await this.db<DeploymentRow>('rollout_deployments')
      .where({
        rollout_id: lease.rolloutId,
        installation_ref: lease.installationRef,
      })
      .orderBy(['stage', 'entity_ref', 'cluster', 'namespace']);
    return rows.map(toDeploymentRecord);
  }

  /** Creates the target's deployment rows, with what runs before any change. */
  async createDeployments(
    lease: Lease,
    deployments: Omit<
      DeploymentRecord,
      'state' | 'rolloutId' | 'installationRef'
    >[],
  ): Promise<void> {
    await this.db.transaction(async tx => {
      // Under the lease only: a worker that lost it must not write.
      const held = await this.fenced(lease, tx).first();
      if (!held) throw new LeaseLostError(lease);
      const rows = deployments.map(d => ({
        rollout_id: lease.rolloutId,
        installation_ref: lease.installationRef,
        stage: d.stage,
        entity_ref: d.entityRef,
        cluster: d.environment.cluster,
        namespace: d.environment.namespace,
        image: d.image,
        state: 'pending' as DeploymentState,
        workloads: d.workloads ? JSON.stringify(d.workloads) : null,
      }));
      for (let i = 0; i < rows.length; i += 200) {
        await tx('rollout_deployments')
          .insert(rows.slice(i, i + 200))
          .onConflict([
            'rollout_id',
            'installation_ref',
            'entity_ref',
            'cluster',
            'namespace',
          ])
          .ignore();
      }
    });
  }

  /** Moves one deployment of a leased target to a new state. */
  async updateDeployment(
    lease: Lease,
    deployment: Pick<DeploymentRecord, 'entityRef' | 'environment'>,
    changes: {
      state: DeploymentState;
      previous?: WorkloadImage[];
      workloads?: WorkloadImage[];
      reason?: string;
      appliedAt?: Millis;
      healthyAt?: Millis;
    },
  ): Promise<void> {
    // One statement, fenced by the lease: no transaction round trips.
    const changed = await this.db<DeploymentRow>('rollout_deployments')
      .where({
        rollout_id: lease.rolloutId,
        installation_ref: lease.installationRef,
        entity_ref: deployment.entityRef,
        cluster: deployment.environment.cluster,
        namespace: deployment.environment.namespace,
      })
      .whereExists(
        this.db('rollout_targets').select(this.db.raw('1')).where({
          rollout_id: lease.rolloutId,
          installation_ref: lease.installationRef,
          lease_owner: lease.owner,
        }),
      )
      .update({
        state: changes.state,
        ...(changes.previous
          ? { previous: JSON.stringify(changes.previous) }
          : {}),
        ...(changes.workloads
          ? { workloads: JSON.stringify(changes.workloads) }
          : {}),
        ...(changes.reason !== undefined ? { reason: changes.reason } : {}),
        ...(changes.appliedAt !== undefined
          ? { applied_at: changes.appliedAt, applied_by: lease.owner }
          : {}),
        ...(changes.healthyAt !== undefined
          ? { healthy_at: changes.healthyAt }
          : {}),
      });
    if (changed === 0) throw new LeaseLostError(lease);
  }
}
