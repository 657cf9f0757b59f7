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
  ReleaseStatus,
  TargetState,
} from '@sdh/plugin-distribution-hub-common';
import { Knex } from 'knex';
import { millis, Millis } from './rolloutRows';

/** An installation that completed a release, first and last time. */
export interface Completion {
  installationRef: string;
  releaseId: string;
  track: string;
  version: string;
  first: Millis;
  last: Millis;
}

/** An installation's target in the newest rollout that included it. */
export interface LastTarget {
  installationRef: string;
  rolloutId: string;
  releaseId: string;
  version: string;
  state: TargetState;
  updatedAt: Millis;
}

/** The image an application last went healthy with on an installation. */
export interface LatestImage {
  installationRef: string;
  entityRef: string;
  image: string;
  rolloutId: string;
}

/**
 * The latest images, with the release of each rollout they came from:
 * looked up per rollout rather than copied onto 50,000 rows.
 */
export interface LatestImages {
  images: LatestImage[];
  releases: Map<string, RolloutRelease>;
}

/** The release a rollout deployed. */
export interface RolloutRelease {
  releaseId: string;
  track: string;
  version: string;
}

export interface ReleaseRow {
  id: string;
  track: string;
  version: string;
  status: ReleaseStatus;
  createdAt: Millis;
}

type Row = Record<string, string | number | null>;

/**
 * The fleet's grouped reads: one query per question over every
 * installation, so the fleet view costs the same few round trips however
 * many installations there are. `track` limits each to that track's
 * rollouts.
 */
export class FleetStore {
  /** Expects the plugin's migrations to have run (ReleaseStore.create). */
  static async create(options: {
    database: DatabaseService;
  }): Promise<FleetStore> {
    return new FleetStore(await options.database.getClient());
  }

  static fromKnex(db: Knex): FleetStore {
    return new FleetStore(db);
  }

  private readonly engine: 'postgres' | 'sqlite' | 'other';

  private constructor(private readonly db: Knex) {
    const client = String(db.client.config.client);
    if (client === 'pg' || client === 'postgresql') {
      this.engine = 'postgres';
    } else if (client === 'better-sqlite3' || client.startsWith('sqlite')) {
      this.engine = 'sqlite';
    } else {
      this.engine = 'other';
    }
  }

  private targets(track?: string) {
    const query = this.db('rollout_targets as t').join(
      'rollouts as r',
      'r.id',
      't.rollout_id',
    );
    if (track) query.where('r.track', track);
    return query;
  }

  async completions(track?: string): Promise<Completion[]> {
    // A target is one installation in one rollout: the completed ones are
    // read as they are and merged per installation and release here, with
    // the few rollouts' releases looked up after, which is faster on both
    // databases than grouping a join with them.
    const query = this.db('rollout_targets as t')
      .where('t.state', 'completed')
      .select('t.installation_ref', 't.rollout_id', 't.finished_at');
    if (track) {
      query.whereIn(
        't.rollout_id',
        this.db('rollouts').where({ track }).select('id'),
      );
    }
    const rows: Row[] = await query;
    const releases = await this.rolloutReleases();
    const completions = new Map<string, Completion>();
    for (const row of rows) {
      const release = releases.get(String(row.rollout_id));
      if (!release) continue;
      const installationRef = String(row.installation_ref);
      const at = millis(row.finished_at!);
      const key = `${release.releaseId}\n${installationRef}`;
      const known = completions.get(key);
      if (known) {
        known.first = Math.min(known.first, at);
        known.last = Math.max(known.last, at);
      } else {
        completions.set(key, {
          installationRef,
          releaseId: release.releaseId,
          track: release.track,
          version: release.version,
          first: at,
          last: at,
        });
      }
    }
    return [...completions.values()];
  }

  async lastTargets(track?: string): Promise<LastTarget[]> {
    // The rollouts' releases are looked up after: 10,000 rows sort and read
    // faster without them.
    const ranked = this.targets(track).select(
      't.installation_ref',
      't.rollout_id',
      't.state',
      't.updated_at',
      this.db.raw(
        'row_number() over (partition by t.installation_ref order by r.created_at desc, r.id desc) as n',
      ),
    );
    const rows: Row[] = await this.db
      .from(ranked.as('ranked'))
      .where('n', 1)
      .select('installation_ref', 'rollout_id', 'state', 'updated_at');
    const releases = await this.rolloutReleases();
    const targets: LastTarget[] = [];
    for (const row of rows) {
      const release = releases.get(String(row.rollout_id));
      if (!release) continue;
      targets.push({
        installationRef: String(row.installation_ref),
        rolloutId: String(row.rollout_id),
        releaseId: release.releaseId,
        version: release.version,
        state: row.state as TargetState,
        updatedAt: millis(row.updated_at!),
      });
    }
    return targets;
  }

  /**
   * The release of every rollout; read after the rows that name them, so
   * that each is found.
   */
  private async rolloutReleases(): Promise<Map<string, RolloutRelease>> {
    const rows: Row[] = await this.db('rollouts').select(
      'id',
      'release_id',
      'track',
      'version',
    );
    return new Map(
      rows.map(r => [
        String(r.id),
        {
          releaseId: String(r.release_id),
          track: String(r.track),
          version: String(r.version),
        },
      ]),
    );
  }

  async latestImages(track?: string): Promise<LatestImages> {
    // Without the rollouts joined in: 50,000 rows read faster narrow, and
    // the few rollouts are looked up after.
    const images: LatestImage[] = await this.latestHealthy(track);
    return { images, releases: await this.rolloutReleases() };
  }

  /**
   * Per installation and application, the latest healthy deployment.
   * rollout_deployments_latest_idx holds these rows in this order, so each
   * database walks it once without sorting; the shapes that do so fastest
   * differ by database (with the index, about half the time of the
   * row_number() window, which stays for other databases).
   */
  private latestHealthy(track?: string) {
    // Named as LatestImage's fields, so the rows are used as they come.
    const columns = [
      'd.installation_ref as installationRef',
      'd.entity_ref as entityRef',
      'd.image as image',
      'd.rollout_id as rolloutId',
    ];
    const healthy = this.db('rollout_deployments as d').where(
      'd.state',
      'healthy',
    );
    if (track) {
      healthy.whereIn(
        'd.rollout_id',
        this.db('rollouts').where({ track }).select('id'),
      );
    }
    if (this.engine === 'postgres') {
      // The first row of each pair in this order.
      return healthy
        .distinctOn('d.installation_ref', 'd.entity_ref')
        .select(columns)
        .orderBy([
          { column: 'd.installation_ref' },
          { column: 'd.entity_ref' },
          { column: 'd.healthy_at', order: 'desc' },
        ]);
    }
    if (this.engine === 'sqlite') {
      // SQLite takes the other columns from the row max() picks.
      return healthy
        .select(columns)
        .max({ healthyAt: 'd.healthy_at' })
        .groupBy('d.installation_ref', 'd.entity_ref');
    }
    const ranked = healthy.select(
      ...columns,
      this.db.raw(
        'row_number() over (partition by d.installation_ref, d.entity_ref order by d.healthy_at desc) as n',
      ),
    );
    return this.db
      .from(ranked.as('ranked'))
      .where('n', 1)
      .select('installationRef', 'entityRef', 'image', 'rolloutId');
  }

  /** The releases of one track, or of every track. */
  async releases(track?: string): Promise<ReleaseRow[]> {
    const query = this.db('releases').select(
      'id',
      'track',
      'version',
      'status',
      'created_at',
    );
    if (track) query.where({ track });
    const rows: Row[] = await query;
    return rows.map(row => ({
      id: String(row.id),
      track: String(row.track),
      version: String(row.version),
      status: row.status as ReleaseStatus,
      createdAt: new Date(row.created_at as string | number).getTime(),
    }));
  }
}
