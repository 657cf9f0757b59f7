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
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  compareVersionsDescending,
  isSemanticVersion,
  Page,
  Release,
  ReleaseHistoryEntry,
  ReleaseRequirements,
  ReleaseStatus,
  ReleaseSummary,
  ReleaseTrack,
} from '@sdh/plugin-distribution-hub-common';
import { randomUUID } from 'crypto';
import { ReleaseChange, ReleaseStore } from '../database/ReleaseStore';
import { RequirementsValidator } from './RequirementsValidator';

/** Who makes a change, as recorded in the history. */
export interface Actor {
  ref: string;
  credentials: BackstageCredentials;
}

const TRANSITIONS: Record<ReleaseStatus, ReleaseStatus[]> = {
  draft: ['ready', 'rescinded'],
  ready: ['on-hold', 'rescinded'],
  'on-hold': ['ready', 'rescinded'],
  rescinded: [],
};

const STATUS_NAMES: Record<ReleaseStatus, string> = {
  draft: 'Draft',
  ready: 'Ready for release',
  'on-hold': 'On hold',
  rescinded: 'Rescinded',
};

function encodeCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64url');
}

function decodeCursor(cursor: string | undefined): number {
  if (!cursor) {
    return 0;
  }
  try {
    const { offset } = JSON.parse(
      Buffer.from(cursor, 'base64url').toString('utf8'),
    );
    if (Number.isInteger(offset) && offset >= 0) {
      return offset;
    }
  } catch {
    // reported below
  }
  throw new InputError(`cursor "${cursor}" is not a cursor this API returned`);
}

/** What changed between two values of some fields, for the history. */
function diff(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): ReleaseHistoryEntry['changes'] {
  const changes: ReleaseHistoryEntry['changes'] = {};
  for (const key of Object.keys(after)) {
    if (
      after[key] !== undefined &&
      JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null)
    ) {
      changes[key] = { from: before[key] ?? null, to: after[key] ?? null };
    }
  }
  return changes;
}

/**
 * The rules of tracks and releases: versions, requirements, lock, lifecycle,
 * revisions and history.
 */
/** Told after a release's status changed. */
export type ReleaseStatusListener = (
  release: Release,
  previous: ReleaseStatus,
) => Promise<void>;

export class ReleaseService {
  static create(options: {
    store: ReleaseStore;
    requirements: RequirementsValidator;
  }) {
    return new ReleaseService(options.store, options.requirements);
  }

  private readonly statusListeners: ReleaseStatusListener[] = [];

  private constructor(
    private readonly store: ReleaseStore,
    private readonly requirements: RequirementsValidator,
  ) {}

  /**
   * Calls `listener` after every change of a release's status, including
   * the drop back to Draft on unlock (rollouts follow it). A listener's
   * failure fails the request, after the change was saved.
   */
  onStatusChange(listener: ReleaseStatusListener): void {
    this.statusListeners.push(listener);
  }

  private async statusChanged(release: Release, previous: ReleaseStatus) {
    for (const listener of this.statusListeners) {
      await listener(release, previous);
    }
  }

  async listTracks(query: {
    search?: string;
    cursor?: string;
    limit?: number;
  }): Promise<Page<ReleaseTrack>> {
    const offset = decodeCursor(query.cursor);
    const limit = query.limit ?? 50;
    const { items, totalCount } = await this.store.listTracks({
      search: query.search?.trim() || undefined,
      offset,
      limit,
    });
    return {
      items,
      totalCount,
      ...(offset + items.length < totalCount
        ? { nextCursor: encodeCursor(offset + items.length) }
        : {}),
    };
  }

  async getTrack(name: string): Promise<ReleaseTrack> {
    const track = await this.store.getTrack(name);
    if (!track) {
      throw new NotFoundError(`No release track named "${name}"`);
    }
    return track;
  }

  async createTrack(
    input: { name: string; title?: string; description?: string },
    actor: Actor,
  ): Promise<ReleaseTrack> {
    return this.store.createTrack({
      name: input.name,
      title: input.title?.trim() || input.name,
      description: input.description,
      createdBy: actor.ref,
    });
  }

  async updateTrack(
    name: string,
    input: { title?: string; description?: string },
  ): Promise<ReleaseTrack> {
    if (input.title !== undefined && input.title.trim() === '') {
      throw new InputError('title must not be empty');
    }
    const updated = await this.store.updateTrack(name, {
      ...(input.title !== undefined ? { title: input.title.trim() } : {}),
      ...(input.description !== undefined
        ? { description: input.description || null }
        : {}),
    });
    if (!updated) {
      throw new NotFoundError(`No release track named "${name}"`);
    }
    return this.getTrack(name);
  }

  async listReleases(track: string): Promise<ReleaseSummary[]> {
    // Only whether the track exists: getTrack would also read every
    // version of it for the latest one.
    if (!(await this.store.hasTrack(track))) {
      throw new NotFoundError(`No release track named "${track}"`);
    }
    return this.store.listReleases(track);
  }

  async createRelease(
    track: string,
    input: {
      version: string;
      name?: string;
      description?: string;
      cloneFrom?: string;
    },
    actor: Actor,
  ): Promise<Release> {
    await this.getTrack(track);
    if (!isSemanticVersion(input.version)) {
      throw new InputError(
        `version "${input.version}" is not a semantic version (MAJOR.MINOR.PATCH, optionally -prerelease and +build, e.g. 1.4.0-rc.1)`,
      );
    }
    let requirements: ReleaseRequirements = { stages: [] };
    let clonedFrom: string | undefined;
    if (input.cloneFrom) {
      const source =
        (await this.store.getRelease(input.cloneFrom).catch(() => undefined)) ??
        (await this.store.getReleaseByVersion(track, input.cloneFrom));
      if (!source || source.track !== track) {
        throw new InputError(
          `cloneFrom "${input.cloneFrom}" is not a release of track "${track}" (give its id or version)`,
        );
      }
      requirements = source.requirements;
      clonedFrom = source.id;
    }
    return this.store.createRelease({
      id: randomUUID(),
      track,
      version: input.version,
      name: input.name?.trim() || input.version,
      description: input.description,
      requirements,
      clonedFrom,
      createdBy: actor.ref,
    });
  }

  async getRelease(id: string): Promise<Release> {
    const release = await this.store.getRelease(id);
    if (!release) {
      throw new NotFoundError(`No release with id ${id}`);
    }
    return release;
  }

  listHistory(id: string): Promise<ReleaseHistoryEntry[]> {
    return this.getRelease(id).then(() => this.store.listHistory(id));
  }

  /**
   * Releases that include an application (`orders-api`,
   * `component:orders-api` or the full ref), by track, newest first.
   */
  async listReleasesWithApplication(entityRef: string) {
    let ref: string;
    try {
      ref = stringifyEntityRef(
        parseEntityRef(entityRef, {
          defaultKind: 'component',
          defaultNamespace: 'default',
        }),
      );
    } catch {
      throw new InputError(
        `entityRef "${entityRef}" is not an entity ref (e.g. component:default/orders-api)`,
      );
    }
    const rows = await this.store.listReleasesWithApplication(ref);
    return rows.sort(
      (a, b) =>
        a.track.localeCompare(b.track) ||
        compareVersionsDescending(a.version, b.version),
    );
  }

  /** Loads a release for a change, refusing stale or read-only ones. */
  private async forChange(id: string, ifMatch: number | undefined) {
    const release = await this.getRelease(id);
    if (ifMatch !== undefined && ifMatch !== release.revision) {
      throw new ConflictError(
        `Release ${release.version} is at revision ${release.revision}, not ${ifMatch}: someone else changed it; reload it and try again`,
      );
    }
    if (release.status === 'rescinded') {
      throw new ConflictError(
        `Release ${release.version} is rescinded; it is read-only`,
      );
    }
    return release;
  }

  async updateRelease(
    id: string,
    input: { name?: string; description?: string; notes?: string },
    ifMatch: number | undefined,
    actor: Actor,
  ): Promise<Release> {
    const release = await this.forChange(id, ifMatch);
    if (input.name !== undefined && input.name.trim() === '') {
      throw new InputError('name must not be empty');
    }
    const change: ReleaseChange = {
      ...(input.name !== undefined ? { name: input.name.trim() } : {}),
      ...(input.description !== undefined
        ? { description: input.description || null }
        : {}),
      ...(input.notes !== undefined ? { notes: input.notes || null } : {}),
    };
    const changes = diff(release as unknown as Record<string, unknown>, change);
    if (Object.keys(changes).length === 0) {
      return release;
    }
    return this.store.updateRelease(id, release.revision, change, {
      action: 'updated',
      actor: actor.ref,
      changes,
    });
  }

  async putRequirements(
    id: string,
    input: ReleaseRequirements,
    ifMatch: number | undefined,
    actor: Actor,
  ): Promise<Release> {
    const release = await this.forChange(id, ifMatch);
    if (release.locked) {
      throw new ConflictError(
        `The requirements of release ${release.version} are locked (by ${release.lockedBy} at ${release.lockedAt}); unlock them to edit`,
      );
    }
    const requirements = await this.requirements.validate(
      input,
      actor.credentials,
    );
    const changes = diff(
      { requirements: release.requirements },
      { requirements },
    );
    if (Object.keys(changes).length === 0) {
      return release;
    }
    return this.store.updateRelease(
      id,
      release.revision,
      { requirements },
      { action: 'requirements-updated', actor: actor.ref, changes },
    );
  }

  async lock(id: string, ifMatch: number | undefined, actor: Actor) {
    const release = await this.forChange(id, ifMatch);
    if (release.locked) {
      throw new ConflictError(
        `The requirements of release ${release.version} are already locked (by ${release.lockedBy} at ${release.lockedAt})`,
      );
    }
    if (release.requirements.stages.every(stage => stage.apps.length === 0)) {
      throw new ConflictError(
        `Release ${release.version} has no applications; add at least one before locking its requirements`,
      );
    }
    const empty = release.requirements.stages.flatMap((stage, index) =>
      stage.apps.length === 0
        ? [`stage ${index + 1}${stage.name ? ` ("${stage.name}")` : ''}`]
        : [],
    );
    if (empty.length > 0) {
      throw new ConflictError(
        `Release ${release.version} cannot be locked: ${empty.join(', ')} ${
          empty.length === 1 ? 'has' : 'have'
        } no applications; add one or remove the stage`,
      );
    }
    const now = new Date();
    return this.store.updateRelease(
      id,
      release.revision,
      { locked: true, lockedBy: actor.ref, lockedAt: now },
      {
        action: 'locked',
        actor: actor.ref,
        changes: { locked: { from: false, to: true } },
      },
    );
  }

  async unlock(id: string, ifMatch: number | undefined, actor: Actor) {
    const release = await this.forChange(id, ifMatch);
    if (!release.locked) {
      throw new ConflictError(
        `The requirements of release ${release.version} are not locked`,
      );
    }
    const change: ReleaseChange = {
      locked: false,
      lockedBy: null,
      lockedAt: null,
      ...(release.status !== 'draft' ? { status: 'draft' as const } : {}),
    };
    const updated = await this.store.updateRelease(
      id,
      release.revision,
      change,
      {
        action: 'unlocked',
        actor: actor.ref,
        changes: {
          locked: { from: true, to: false },
          ...(change.status
            ? { status: { from: release.status, to: 'draft' } }
            : {}),
        },
      },
    );
    if (change.status) await this.statusChanged(updated, release.status);
    return updated;
  }

  async setStatus(
    id: string,
    status: ReleaseStatus,
    ifMatch: number | undefined,
    actor: Actor,
  ): Promise<Release> {
    const release = await this.forChange(id, ifMatch);
    if (release.status === status) {
      return release;
    }
    if (!TRANSITIONS[release.status].includes(status)) {
      const reason =
        status === 'draft'
          ? 'unlock its requirements to take it back to Draft'
          : `from ${STATUS_NAMES[release.status]} it can go to ${TRANSITIONS[
              release.status
            ]
              .map(s => STATUS_NAMES[s])
              .join(' or ')}`;
      throw new ConflictError(
        `Release ${release.version} cannot go from ${
          STATUS_NAMES[release.status]
        } to ${STATUS_NAMES[status]}: ${reason}`,
      );
    }
    if (status === 'ready') {
      this.assertReleasable(release);
    }
    const updated = await this.store.updateRelease(
      id,
      release.revision,
      { status },
      {
        action: 'status-changed',
        actor: actor.ref,
        changes: { status: { from: release.status, to: status } },
      },
    );
    await this.statusChanged(updated, release.status);
    return updated;
  }

  private assertReleasable(release: Release) {
    if (!release.locked) {
      throw new ConflictError(
        `Release ${release.version} cannot be Ready for release: its requirements are not locked`,
      );
    }
    const missing = release.requirements.stages.flatMap(stage =>
      stage.apps.filter(app => !app.image).map(app => app.entityRef),
    );
    if (missing.length > 0) {
      throw new ConflictError(
        `Release ${
          release.version
        } cannot be Ready for release: no image for ${missing.join(', ')}`,
      );
    }
  }
}
