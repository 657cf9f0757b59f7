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
import { ConflictError } from '@backstage/errors';
import {
  compareVersionsDescending,
  Release,
  ReleaseHistoryEntry,
  ReleaseRequirements,
  ReleaseStatus,
  ReleaseSummary,
  ReleaseTrack,
} from '@sdh/plugin-distribution-hub-common';
import { Knex } from 'knex';
import semver from 'semver';

const migrationsDir = resolvePackagePath(
  '@sdh/plugin-distribution-hub-backend',
  'migrations',
);

type TrackRow = {
  name: string;
  title: string;
  description: string | null;
  created_by: string;
  created_at: Date | string | number;
  updated_at: Date | string | number;
};

type ReleaseRow = {
  id: string;
  track: string;
  version: string;
  name: string;
  description: string | null;
  notes: string | null;
  status: string;
  requirements: string;
  application_count: number;
  stage_count: number;
  locked: boolean | number;
  locked_by: string | null;
  locked_at: Date | string | number | null;
  revision: number;
  cloned_from: string | null;
  created_by: string;
  created_at: Date | string | number;
  updated_at: Date | string | number;
};

/** The columns of a release that a change may set. */
export type ReleaseChange = Partial<{
  name: string;
  description: string | null;
  notes: string | null;
  status: ReleaseStatus;
  requirements: ReleaseRequirements;
  locked: boolean;
  lockedBy: string | null;
  lockedAt: Date | null;
}>;

// Not the notes: up to 200 kB each, they made a list of 1,000 releases
// megabytes long. A release's notes are read with the release.
const SUMMARY_COLUMNS = [
  'id',
  'track',
  'version',
  'name',
  'description',
  'status',
  'application_count',
  'stage_count',
  'locked',
  'locked_by',
  'locked_at',
  'revision',
  'cloned_from',
  'created_by',
  'created_at',
  'updated_at',
];

function iso(value: Date | string | number): string {
  return new Date(value).toISOString();
}

function toTrack(row: TrackRow, releaseCount = 0, latestVersion?: string) {
  const track: ReleaseTrack = {
    name: row.name,
    title: row.title,
    createdBy: row.created_by,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    releaseCount,
  };
  if (row.description) track.description = row.description;
  if (latestVersion) track.latestVersion = latestVersion;
  return track;
}

function toSummary(
  row: Omit<ReleaseRow, 'requirements' | 'notes'>,
): ReleaseSummary {
  const summary: ReleaseSummary = {
    id: row.id,
    track: row.track,
    version: row.version,
    name: row.name,
    status: row.status as ReleaseStatus,
    locked: Boolean(row.locked),
    revision: Number(row.revision),
    applicationCount: Number(row.application_count),
    stageCount: Number(row.stage_count),
    createdBy: row.created_by,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
  if (row.description) summary.description = row.description;
  if (row.locked_by) summary.lockedBy = row.locked_by;
  if (row.locked_at) summary.lockedAt = iso(row.locked_at);
  if (row.cloned_from) summary.clonedFrom = row.cloned_from;
  return summary;
}

function toRelease(row: ReleaseRow): Release {
  const { applicationCount: _a, stageCount: _s, ...rest } = toSummary(row);
  const release: Release = {
    ...rest,
    requirements: JSON.parse(row.requirements),
  };
  if (row.notes) release.notes = row.notes;
  return release;
}

function countApplications(requirements: ReleaseRequirements) {
  return requirements.stages.reduce((n, stage) => n + stage.apps.length, 0);
}

/**
 * Tracks, releases and their history, in the plugin's database.
 */
export class ReleaseStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<ReleaseStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      // A table of our own, so a database shared with other plugins (as in
      // tests) keeps each plugin's migration history apart.
      await client.migrate.latest({
        directory: migrationsDir,
        tableName: 'distribution_hub_knex_migrations',
      });
    }
    return new ReleaseStore(client);
  }

  private constructor(private readonly db: Knex) {}

  async listTracks(options: {
    search?: string;
    offset: number;
    limit: number;
  }): Promise<{ items: ReleaseTrack[]; totalCount: number }> {
    const filtered = () => {
      const query = this.db<TrackRow>('tracks');
      if (options.search) {
        const pattern = `%${options.search
          .toLocaleLowerCase('en-US')
          .replace(/[\\%_]/g, c => `\\${c}`)}%`;
        query.where(q =>
          q
            .whereRaw("lower(name) like ? escape '\\'", [pattern])
            .orWhereRaw("lower(title) like ? escape '\\'", [pattern]),
        );
      }
      return query;
    };
    const [{ count }] = await filtered().count({ count: '*' });
    const rows = await filtered()
      .orderBy('name')
      .offset(options.offset)
      .limit(options.limit);
    const stats = await this.trackStats(rows.map(r => r.name));
    return {
      totalCount: Number(count),
      items: rows.map(row =>
        toTrack(row, stats.get(row.name)?.count, stats.get(row.name)?.latest),
      ),
    };
  }

  /** Release counts and the latest version by semver, for some tracks. */
  private async trackStats(names: string[]) {
    const stats = new Map<string, { count: number; latest?: string }>();
    if (names.length === 0) {
      return stats;
    }
    const rows = await this.db<ReleaseRow>('releases')
      .whereIn('track', names)
      .select('track', 'version');
    for (const row of rows) {
      const entry = stats.get(row.track) ?? { count: 0 };
      entry.count += 1;
      if (!entry.latest || semver.gt(row.version, entry.latest)) {
        entry.latest = row.version;
      }
      stats.set(row.track, entry);
    }
    return stats;
  }

  async hasTrack(name: string): Promise<boolean> {
    return Boolean(await this.db('tracks').where({ name }).first('name'));
  }

  async getTrack(name: string): Promise<ReleaseTrack | undefined> {
    const row = await this.db<TrackRow>('tracks').where({ name }).first();
    if (!row) {
      return undefined;
    }
    const stats = await this.trackStats([name]);
    return toTrack(row, stats.get(name)?.count, stats.get(name)?.latest);
  }

  async createTrack(track: {
    name: string;
    title: string;
    description?: string;
    createdBy: string;
  }): Promise<ReleaseTrack> {
    const now = new Date();
    const row: TrackRow = {
      name: track.name,
      title: track.title,
      description: track.description ?? null,
      created_by: track.createdBy,
      created_at: now,
      updated_at: now,
    };
    const conflict = () =>
      new ConflictError(`A track named "${track.name}" already exists`);
    if (await this.db('tracks').where({ name: track.name }).first('name')) {
      throw conflict();
    }
    try {
      await this.db<TrackRow>('tracks').insert(row);
    } catch (error) {
      // A concurrent creation won the race to the primary key.
      if (await this.db('tracks').where({ name: track.name }).first('name')) {
        throw conflict();
      }
      throw error;
    }
    return toTrack(row);
  }

  async updateTrack(
    name: string,
    change: { title?: string; description?: string | null },
  ): Promise<boolean> {
    const updated = await this.db<TrackRow>('tracks')
      .where({ name })
      .update({ ...change, updated_at: new Date() });
    return updated > 0;
  }

  async listReleases(track: string): Promise<ReleaseSummary[]> {
    const rows: Omit<ReleaseRow, 'requirements' | 'notes'>[] = await this.db(
      'releases',
    )
      .where({ track })
      .select(SUMMARY_COLUMNS);
    return rows
      .map(row => toSummary(row))
      .sort((a, b) => compareVersionsDescending(a.version, b.version));
  }

  async getRelease(id: string): Promise<Release | undefined> {
    const row = await this.db<ReleaseRow>('releases').where({ id }).first();
    return row ? toRelease(row) : undefined;
  }

  async getReleaseByVersion(
    track: string,
    version: string,
  ): Promise<Release | undefined> {
    const row = await this.db<ReleaseRow>('releases')
      .where({ track, version })
      .first();
    return row ? toRelease(row) : undefined;
  }

  async createRelease(release: {
    id: string;
    track: string;
    version: string;
    name: string;
    description?: string;
    requirements: ReleaseRequirements;
    clonedFrom?: string;
    createdBy: string;
  }): Promise<Release> {
    const now = new Date();
    await this.db.transaction(async tx => {
      // Build metadata does not order versions (semver 2.0.0 §10): 1.0.0
      // and 1.0.0+build.1 would be the same release to every comparison.
      const precedence = release.version.split('+')[0];
      const existing = await tx<ReleaseRow>('releases')
        .where({ track: release.track })
        .andWhere(q =>
          q
            .where({ version: precedence })
            .orWhere('version', 'like', `${precedence}+%`),
        )
        .first('version');
      if (existing?.version === release.version) {
        throw new ConflictError(
          `Track "${release.track}" already has a release ${release.version}`,
        );
      }
      if (existing) {
        throw new ConflictError(
          `Track "${release.track}" already has release ${existing.version}, which ${release.version} equals in precedence (build metadata does not order versions)`,
        );
      }
      try {
        await tx<ReleaseRow>('releases').insert({
          id: release.id,
          track: release.track,
          version: release.version,
          name: release.name,
          description: release.description ?? null,
          notes: null,
          status: 'draft',
          requirements: JSON.stringify(release.requirements),
          application_count: countApplications(release.requirements),
          stage_count: release.requirements.stages.length,
          locked: false,
          revision: 1,
          cloned_from: release.clonedFrom ?? null,
          created_by: release.createdBy,
          created_at: now,
          updated_at: now,
        });
      } catch (error) {
        // Two creations raced past the check above: the unique index decides.
        if (isUniqueViolation(error)) {
          throw new ConflictError(
            `Track "${release.track}" already has a release ${release.version}`,
          );
        }
        throw error;
      }
      await this.replaceApplications(tx, release.id, release.requirements);
      await tx('release_history').insert({
        release_id: release.id,
        revision: 1,
        action: 'created',
        actor: release.createdBy,
        at: now,
        changes: JSON.stringify({
          version: { to: release.version },
          name: { to: release.name },
          ...(release.clonedFrom
            ? { clonedFrom: { to: release.clonedFrom } }
            : {}),
        }),
      });
    });
    return (await this.getRelease(release.id))!;
  }

  /**
   * Applies a change if the release is still at the expected revision, and
   * records it in the history, in one transaction.
   */
  async updateRelease(
    id: string,
    expectedRevision: number,
    change: ReleaseChange,
    history: Pick<ReleaseHistoryEntry, 'action' | 'actor' | 'changes'>,
  ): Promise<Release> {
    const now = new Date();
    await this.db.transaction(async tx => {
      const row: Partial<ReleaseRow> & Record<string, unknown> = {
        revision: expectedRevision + 1,
        updated_at: now as any,
      };
      if (change.name !== undefined) row.name = change.name;
      if (change.description !== undefined)
        row.description = change.description;
      if (change.notes !== undefined) row.notes = change.notes;
      if (change.status !== undefined) row.status = change.status;
      if (change.locked !== undefined) row.locked = change.locked;
      if (change.lockedBy !== undefined) row.locked_by = change.lockedBy;
      if (change.lockedAt !== undefined) row.locked_at = change.lockedAt;
      if (change.requirements !== undefined) {
        row.requirements = JSON.stringify(change.requirements);
        row.application_count = countApplications(change.requirements);
        row.stage_count = change.requirements.stages.length;
      }
      const updated = await tx('releases')
        .where({ id, revision: expectedRevision })
        .update(row);
      if (updated === 0) {
        throw new ConflictError(
          `Release ${id} was changed by someone else (it is no longer at revision ${expectedRevision}); reload it and try again`,
        );
      }
      if (change.requirements !== undefined) {
        await this.replaceApplications(tx, id, change.requirements);
      }
      await tx('release_history').insert({
        release_id: id,
        revision: expectedRevision + 1,
        action: history.action,
        actor: history.actor,
        at: now,
        changes: JSON.stringify(history.changes),
      });
    });
    return (await this.getRelease(id))!;
  }

  private async replaceApplications(
    tx: Knex.Transaction,
    releaseId: string,
    requirements: ReleaseRequirements,
  ) {
    await tx('release_applications').where({ release_id: releaseId }).delete();
    const rows = requirements.stages.flatMap((stage, stageIndex) =>
      stage.apps.map(app => ({
        release_id: releaseId,
        entity_ref: app.entityRef,
        stage_index: stageIndex,
        image: app.image ?? null,
      })),
    );
    if (rows.length > 0) {
      await tx.batchInsert('release_applications', rows, 100);
    }
  }

  async listHistory(id: string): Promise<ReleaseHistoryEntry[]> {
    const rows = await this.db('release_history')
      .where({ release_id: id })
      .orderBy('revision', 'asc');
    return rows.map(row => ({
      revision: Number(row.revision),
      action: row.action,
      actor: row.actor,
      at: iso(row.at),
      changes: JSON.parse(row.changes),
    }));
  }

  /** The releases that include an application, with the image of each. */
  async listReleasesWithApplication(entityRef: string) {
    const rows = await this.db('release_applications as a')
      .join('releases as r', 'r.id', 'a.release_id')
      .where('a.entity_ref', entityRef)
      .select(
        'r.id',
        'r.track',
        'r.version',
        'r.name',
        'r.status',
        'a.image',
        'a.stage_index',
      );
    return rows.map(row => ({
      releaseId: row.id as string,
      track: row.track as string,
      version: row.version as string,
      name: row.name as string,
      status: row.status as ReleaseStatus,
      image: (row.image as string | null) ?? undefined,
      stageIndex: Number(row.stage_index),
    }));
  }
}

/** Whether a database error is a unique index refusing a duplicate. */
function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return (
    code === '23505' || // PostgreSQL
    code === 'ER_DUP_ENTRY' || // MySQL
    (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT'))
  );
}
