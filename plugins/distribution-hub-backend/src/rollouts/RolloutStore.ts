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
import {
  FINISHED_TARGET_STATES,
  RolloutStatus,
  TargetCounts,
  TargetState,
} from '@sdh/plugin-distribution-hub-common';
import { Knex } from 'knex';
import {
  emptyCounts,
  Millis,
  RolloutRecord,
  RolloutRow,
  TargetRecord,
  TargetRow,
  toRolloutRecord,
  toTargetRecord,
} from './rolloutRows';

/** A target as planned, before the engine touches it. */
export interface NewTarget {
  installationRef: string;
  tenantRef: string;
  tier: string;
  ring?: string;
  wave: number;
  environments: { cluster: string; namespace: string }[];
  maintenanceWindows?: unknown[];
  contacts: string[];
}

/** Per wave: targets per state and when the last one finished. */
export interface WaveStats {
  wave: number;
  counts: TargetCounts;
  lastFinishedAt?: Millis;
}

const FINISHED = [...FINISHED_TARGET_STATES];
/** Rows per insert: well under every database's bound-parameter limit. */
const INSERT_CHUNK = 200;

/**
 * Rollouts and their targets: what the API reads and changes, and what the
 * engine's controller needs to admit targets. The worker's leased access is
 * in {@link TargetWorkStore}.
 */
export class RolloutStore {
  /** Expects the plugin's migrations to have run (ReleaseStore.create). */
  static async create(options: {
    database: DatabaseService;
  }): Promise<RolloutStore> {
    return new RolloutStore(await options.database.getClient());
  }

  static fromKnex(db: Knex): RolloutStore {
    return new RolloutStore(db);
  }

  /** Whether the database is PostgreSQL. */
  private readonly postgres: boolean;
  /** Whether the database takes row locks (`SELECT … FOR UPDATE`). */
  private readonly rowLocks: boolean;

  private constructor(private readonly db: Knex) {
    const client = String(db.client.config.client);
    this.postgres = client === 'pg' || client === 'postgresql';
    this.rowLocks = this.postgres;
  }

  async insertRollout(
    rollout: Omit<
      RolloutRecord,
      'held' | 'settled' | 'updatedAt' | 'finishedAt'
    >,
    targets: NewTarget[],
  ): Promise<void> {
    const now = rollout.createdAt;
    await this.db.transaction(async tx => {
      await tx<RolloutRow>('rollouts').insert({
        id: rollout.id,
        release_id: rollout.releaseId,
        track: rollout.track,
        version: rollout.version,
        status: rollout.status,
        held: false,
        settled: false,
        request: JSON.stringify(rollout.request),
        stages: JSON.stringify(rollout.stages),
        waves: JSON.stringify(rollout.waves),
        skipped: JSON.stringify(rollout.skipped),
        max_parallel: rollout.maxParallel,
        failure_limit: rollout.failureLimit ?? null,
        not_before: rollout.notBefore ?? null,
        respect_windows: rollout.respectWindows,
        auto_rollback: rollout.autoRollback,
        created_by: rollout.createdBy,
        created_at: now,
        updated_at: now,
      });
      const rows: Partial<TargetRow>[] = targets.map(t => ({
        rollout_id: rollout.id,
        installation_ref: t.installationRef,
        tenant_ref: t.tenantRef,
        tier: t.tier,
        ring: t.ring ?? null,
        wave: t.wave,
        environments: JSON.stringify(t.environments),
        maintenance_windows: t.maintenanceWindows
          ? JSON.stringify(t.maintenanceWindows)
          : null,
        contacts: JSON.stringify(t.contacts),
        state: 'pending',
        stage: 0,
        due_at: rollout.notBefore ?? now,
        attempts: 0,
        updated_at: now,
      }));
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        await tx('rollout_targets').insert(rows.slice(i, i + INSERT_CHUNK));
      }
    });
  }

  async getRollout(id: string): Promise<RolloutRecord | undefined> {
    const row = await this.db<RolloutRow>('rollouts').where({ id }).first();
    return row && toRolloutRecord(row);
  }

  async listRolloutsForRelease(releaseId: string): Promise<RolloutRecord[]> {
    const rows = await this.db<RolloutRow>('rollouts')
      .where({ release_id: releaseId })
      .orderBy('created_at', 'desc');
    return rows.map(toRolloutRecord);
  }

  /** Rollouts whose targets may still move, oldest first. */
  async listUnsettled(): Promise<RolloutRecord[]> {
    const rows = await this.db<RolloutRow>('rollouts')
      .where({ settled: false })
      .orderBy('created_at');
    return rows.map(toRolloutRecord);
  }

  /** Targets per wave and state, for one rollout. */
  async waveStats(rolloutId: string): Promise<WaveStats[]> {
    const rows = (await this.db('rollout_targets')
      .where({ rollout_id: rolloutId })
      .groupBy('wave', 'state')
      .select('wave', 'state')
      .count({ count: '*' })
      .max({ last: 'finished_at' })) as {
      wave: number;
      state: TargetState;
      count: number | string;
      last: number | string | null;
    }[];
    const byWave = new Map<number, WaveStats>();
    for (const row of rows) {
      const wave = Number(row.wave);
      const stats = byWave.get(wave) ?? { wave, counts: emptyCounts() };
      stats.counts[row.state] = Number(row.count);
      if (row.last !== null && FINISHED.includes(row.state)) {
        stats.lastFinishedAt = Math.max(
          stats.lastFinishedAt ?? 0,
          Number(row.last),
        );
      }
      byWave.set(wave, stats);
    }
    return [...byWave.values()].sort((a, b) => a.wave - b.wave);
  }

  async listTargets(
    rolloutId: string,
    options: {
      states?: TargetState[];
      tenantRef?: string;
      tiers?: string[];
      after?: { wave: number; installationRef: string };
      limit: number;
    },
  ): Promise<TargetRecord[]> {
    const query = this.db<TargetRow>('rollout_targets').where({
      rollout_id: rolloutId,
    });
    if (options.states?.length) query.whereIn('state', options.states);
    if (options.tenantRef) query.where('tenant_ref', options.tenantRef);
    if (options.tiers?.length) query.whereIn('tier', options.tiers);
    const after = options.after;
    if (after) {
      query.where(q =>
        q
          .where('wave', '>', after.wave)
          .orWhere(q2 =>
            q2
              .where('wave', after.wave)
              .andWhere('installation_ref', '>', after.installationRef),
          ),
      );
    }
    const rows = await query
      .orderBy([
        { column: 'wave', order: 'asc' },
        { column: 'installation_ref', order: 'asc' },
      ])
      .limit(options.limit);
    return rows.map(toTargetRecord);
  }

  async getTarget(
    rolloutId: string,
    installationRef: string,
  ): Promise<TargetRecord | undefined> {
    const row = await this.db<TargetRow>('rollout_targets')
      .where({ rollout_id: rolloutId, installation_ref: installationRef })
      .first();
    return row && toTargetRecord(row);
  }

  /** Changes a rollout's status if it is in one of `from`; true if it did. */
  async transitionRollout(
    id: string,
    from: RolloutStatus[],
    to: RolloutStatus,
    now: Millis,
    options: { finished?: boolean } = {},
  ): Promise<boolean> {
    const changed = await this.db<RolloutRow>('rollouts')
      .where({ id })
      .whereIn('status', from)
      .update({
        status: to,
        updated_at: now,
        ...(options.finished ? { finished_at: now } : {}),
      });
    return changed > 0;
  }

  /** Opens a finished or halted rollout again after a retry. */
  async reopen(id: string, now: Millis): Promise<void> {
    await this.db<RolloutRow>('rollouts')
      .where({ id })
      .whereNot('status', 'cancelled')
      .update({
        status: this.db.raw(
          "case when status in ('paused') then status else 'running' end",
        ) as unknown as string,
        settled: false,
        finished_at: null,
        updated_at: now,
      });
  }

  async markSettled(id: string): Promise<void> {
    await this.db<RolloutRow>('rollouts')
      .where({ id })
      .update({ settled: true });
  }

  /** Holds (or releases) every unsettled rollout of a release. */
  async setHeld(releaseId: string, held: boolean, now: Millis) {
    await this.db<RolloutRow>('rollouts')
      .where({ release_id: releaseId, settled: false })
      .update({ held, updated_at: now });
  }

  /**
   * Admits due pending targets of a wave while fewer than `maxParallel`
   * targets of the rollout are ongoing and fewer than `failureLimit` failed, holding the rollout's row lock so
   * that replicas admitting at once never exceed it together (SQLite
   * serialises writers anyway). `decide` defers a target (e.g. to its
   * maintenance window) by returning when and why. Returns the refs changed.
   */
  async admitDue(
    rolloutId: string,
    wave: number,
    now: Millis,
    limits: { maxParallel: number; failureLimit?: number },
    decide: (
      target: TargetRecord,
    ) => { dueAt: Millis; detail: string } | undefined,
  ): Promise<string[]> {
    return this.db.transaction(async tx => {
      const lock = tx('rollouts').where({ id: rolloutId }).select('id');
      if (this.rowLocks) lock.forUpdate();
      await lock;
      // Counted under the lock: a failure or a start recorded since the
      // caller looked counts here.
      const counts = (await tx('rollout_targets')
        .where({ rollout_id: rolloutId })
        .whereIn('state', ['ongoing', 'failed', 'rolled-back'])
        .groupBy('state')
        .select('state')
        .count({ count: '*' })) as { state: string; count: number | string }[];
      const countOf = (state: string) =>
        Number(counts.find(c => c.state === state)?.count ?? 0);
      const failures = countOf('failed') + countOf('rolled-back');
      if (
        limits.failureLimit !== undefined &&
        failures >= limits.failureLimit
      ) {
        return [];
      }
      const slots = limits.maxParallel - countOf('ongoing');
      if (slots <= 0) return [];
      const due = await tx<TargetRow>('rollout_targets')
        .where({ rollout_id: rolloutId, wave, state: 'pending' })
        .where('due_at', '<=', now)
        .orderBy('installation_ref')
        .limit(slots);
      const changed: string[] = [];
      for (const row of due) {
        const key = {
          rollout_id: rolloutId,
          installation_ref: row.installation_ref,
          state: 'pending',
        };
        const deferral = decide(toTargetRecord(row));
        await tx<TargetRow>('rollout_targets')
          .where(key)
          .update(
            deferral
              ? {
                  due_at: deferral.dueAt,
                  detail: deferral.detail,
                  updated_at: now,
                }
              : {
                  state: 'ongoing',
                  stage: 0,
                  detail: 'Starting',
                  due_at: now,
                  attempts: 0,
                  started_at: now,
                  updated_at: now,
                },
          );
        changed.push(row.installation_ref);
      }
      return changed;
    });
  }

  /**
   * Cancels the targets of a rollout that nobody is working on: pending
   * ones, and ongoing ones without a live lease. Returns their refs.
   */
  async cancelIdleTargets(rolloutId: string, now: Millis): Promise<string[]> {
    return this.db.transaction(async tx => {
      const idle = () =>
        tx<TargetRow>('rollout_targets')
          .where({ rollout_id: rolloutId })
          .where(q =>
            q
              .where('state', 'pending')
              .orWhere(q2 =>
                q2
                  .where('state', 'ongoing')
                  .andWhere(q3 =>
                    q3
                      .whereNull('lease_expires_at')
                      .orWhere('lease_expires_at', '<', now),
                  ),
              ),
          );
      const refs = (await idle().select('installation_ref')).map(
        r => r.installation_ref,
      );
      if (refs.length > 0) {
        await idle().update({
          state: 'cancelled',
          detail: 'Cancelled',
          lease_owner: null,
          lease_expires_at: null,
          finished_at: now,
          updated_at: now,
        });
      }
      return refs;
    });
  }

  /**
   * Puts a failed, rolled-back or cancelled target back in the queue, to
   * continue from its first unfinished stage. False if it was not in one
   * of those states.
   */
  async requeue(
    rolloutId: string,
    installationRef: string,
    now: Millis,
  ): Promise<boolean> {
    return this.db.transaction(async tx => {
      const key = { rollout_id: rolloutId, installation_ref: installationRef };
      const row = await tx<TargetRow>('rollout_targets').where(key).first();
      if (!row || !['failed', 'rolled-back', 'cancelled'].includes(row.state)) {
        return false;
      }
      // Rolled-back images are gone: start over. Otherwise keep what is
      // healthy and redo the rest.
      const deployments = tx('rollout_deployments').where(key);
      if (row.state === 'rolled-back') {
        await deployments.delete();
      } else {
        await deployments
          .whereNot('state', 'healthy')
          .update({ state: 'pending', reason: null });
      }
      await tx<TargetRow>('rollout_targets').where(key).update({
        state: 'pending',
        detail: 'Retry requested',
        failure: null,
        attempts: 0,
        due_at: now,
        lease_owner: null,
        lease_expires_at: null,
        finished_at: null,
        updated_at: now,
      });
      return true;
    });
  }

  /** Distinct installations that completed a release, in any rollout. */
  async completedInstallations(releaseIds: string[]) {
    const query = this.db('rollout_targets as t').join(
      'rollouts as r',
      'r.id',
      't.rollout_id',
    );
    // One array parameter rather than one per release: with a track's
    // 1,000 releases, the 1,000 parameters cost PostgreSQL about 8 ms.
    if (this.postgres) {
      query.whereRaw('r.release_id = any(?::text[])', [releaseIds]);
    } else {
      query.whereIn('r.release_id', releaseIds);
    }
    const rows = (await query
      .where('t.state', 'completed')
      .groupBy('r.release_id')
      .select('r.release_id as releaseId')
      .countDistinct({ count: 't.installation_ref' })) as {
      releaseId: string;
      count: number | string;
    }[];
    return new Map(rows.map(r => [r.releaseId, Number(r.count)]));
  }
}
