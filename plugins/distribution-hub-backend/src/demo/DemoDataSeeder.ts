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
import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ReleaseRequirements,
  ReleaseStatus,
} from '@sdh/plugin-distribution-hub-common';
import { randomUUID } from 'crypto';
import fs from 'fs/promises';
import { parse } from 'yaml';
import { ReleaseStore } from '../database/ReleaseStore';

interface DemoRelease {
  version: string;
  name?: string;
  description?: string;
  notes?: string;
  requirements?: ReleaseRequirements;
  lock?: boolean;
  statuses?: ReleaseStatus[];
}

interface DemoTrack {
  name: string;
  title?: string;
  description?: string;
  createdBy: string;
  releases?: DemoRelease[];
}

/**
 * Fills an empty database with demo tracks and releases from a YAML file,
 * replaying each release's life (requirements, lock, status changes) so the
 * history reads as it would have happened.
 */
export class DemoDataSeeder {
  static create(options: { store: ReleaseStore; logger: LoggerService }) {
    return new DemoDataSeeder(options.store, options.logger);
  }

  private constructor(
    private readonly store: ReleaseStore,
    private readonly logger: LoggerService,
  ) {}

  async seedIfEmpty(file: string): Promise<void> {
    const existing = await this.store.listTracks({ offset: 0, limit: 1 });
    if (existing.totalCount > 0) {
      return;
    }
    const { tracks } = parse(await fs.readFile(file, 'utf8')) as {
      tracks: DemoTrack[];
    };
    for (const track of tracks) {
      await this.store.createTrack({
        name: track.name,
        title: track.title ?? track.name,
        description: track.description,
        createdBy: track.createdBy,
      });
      for (const release of track.releases ?? []) {
        await this.seedRelease(track, release);
      }
    }
    this.logger.info(`Seeded demo release tracks from ${file}`);
  }

  private async seedRelease(track: DemoTrack, demo: DemoRelease) {
    const actor = track.createdBy;
    let release = await this.store.createRelease({
      id: randomUUID(),
      track: track.name,
      version: demo.version,
      name: demo.name ?? demo.version,
      description: demo.description,
      requirements: { stages: [] },
      createdBy: actor,
    });
    const step = async (
      action: Parameters<ReleaseStore['updateRelease']>[3]['action'],
      change: Parameters<ReleaseStore['updateRelease']>[2],
      changes: Record<string, { from?: unknown; to?: unknown }>,
    ) => {
      release = await this.store.updateRelease(
        release.id,
        release.revision,
        change,
        { action, actor, changes },
      );
    };
    if (demo.notes) {
      await step(
        'updated',
        { notes: demo.notes },
        { notes: { to: demo.notes } },
      );
    }
    if (demo.requirements) {
      await step(
        'requirements-updated',
        { requirements: demo.requirements },
        { requirements: { from: { stages: [] }, to: demo.requirements } },
      );
    }
    if (demo.lock) {
      await step(
        'locked',
        { locked: true, lockedBy: actor, lockedAt: new Date() },
        { locked: { from: false, to: true } },
      );
    }
    for (const status of demo.statuses ?? []) {
      const from = release.status;
      await step(
        'status-changed',
        { status },
        { status: { from, to: status } },
      );
    }
  }
}
