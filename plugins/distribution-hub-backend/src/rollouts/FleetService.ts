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
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  compareVersionsDescending,
  FleetInstallation,
  FleetView,
  InstallationTier,
} from '@sdh/plugin-distribution-hub-common';
import { Completion, FleetStore, ReleaseRow } from './FleetStore';

const PROGRESS_RELEASES = 5;
const PROGRESS_POINTS = 200;

function tenantRefOf(value: string): string {
  let ref;
  try {
    ref = parseEntityRef(value, {
      defaultKind: 'tenant',
      defaultNamespace: 'default',
    });
  } catch (error) {
    throw new InputError(
      `Invalid request: query.tenant "${value}" is not a tenant ID or entity ref`,
    );
  }
  if (ref.kind.toLocaleLowerCase('en-US') !== 'tenant') {
    throw new InputError(
      `Invalid request: query.tenant "${value}" is not a Tenant entity ref`,
    );
  }
  return stringifyEntityRef(ref);
}

/**
 * Cumulative installations over time from each installation's first
 * completion; points at each completion time, or at the last completion
 * of each of at most {@link PROGRESS_POINTS} equal slices of time.
 */
export function progressPoints(firstCompletions: number[]) {
  const times = [...firstCompletions].sort((a, b) => a - b);
  if (times.length === 0) return [];
  const start = times[0];
  const span = times[times.length - 1] - start;
  const points = new Map<number, { time: number; installations: number }>();
  times.forEach((time, index) => {
    const slice =
      span === 0
        ? 0
        : Math.min(
            PROGRESS_POINTS - 1,
            Math.floor(((time - start) / span) * PROGRESS_POINTS),
          );
    // Per slice the last completion wins; equal times fall in one slice.
    points.set(times.length > PROGRESS_POINTS ? slice : time, {
      time,
      installations: index + 1,
    });
  });
  return [...points.values()].map(p => ({
    time: new Date(p.time).toISOString(),
    installations: p.installations,
  }));
}

/**
 * What the hub last deployed where, from its own records only (no cluster
 * is called): per installation in the catalog, the release it last
 * completed, how far behind its track it is, its latest rollout and the
 * image of each application; with adoption counts and progress per
 * release.
 */
export class FleetService {
  static create(options: { store: FleetStore; catalog: CatalogService }) {
    return new FleetService(options.store, options.catalog);
  }

  private constructor(
    private readonly store: FleetStore,
    private readonly catalog: CatalogService,
  ) {}

  async getFleet(
    query: { tenant?: string; tier?: InstallationTier; track?: string },
    credentials: BackstageCredentials,
  ): Promise<FleetView> {
    const tenantRef = query.tenant ? tenantRefOf(query.tenant) : undefined;
    const [entities, completions, lastTargets, images, releases] =
      await Promise.all([
        this.catalog.getEntities(
          {
            filter: {
              kind: 'Installation',
              ...(query.tier ? { 'spec.tier': query.tier } : {}),
            },
            fields: [
              'kind',
              'metadata.name',
              'metadata.namespace',
              'spec.tenant',
              'spec.tier',
            ],
          },
          { credentials },
        ),
        this.store.completions(query.track),
        this.store.lastTargets(query.track),
        this.store.latestImages(query.track),
        this.store.releases(query.track),
      ]);

    const rows = new Map<string, FleetInstallation>();
    for (const entity of entities.items) {
      const spec = entity.spec as { tenant?: string; tier?: InstallationTier };
      if (!spec?.tenant || !spec.tier) continue;
      let installationTenant: string;
      try {
        installationTenant = stringifyEntityRef(
          parseEntityRef(spec.tenant, {
            defaultKind: 'tenant',
            defaultNamespace: 'default',
          }),
        );
      } catch {
        continue; // the catalog module reports it
      }
      if (tenantRef && installationTenant !== tenantRef) continue;
      const installationRef = stringifyEntityRef(entity);
      rows.set(installationRef, {
        installationRef,
        tenantRef: installationTenant,
        tier: spec.tier,
        releasesBehind: 0,
        applications: {},
      });
    }

    // The release of each installation's latest completion.
    const latest = new Map<string, Completion>();
    for (const completion of completions) {
      if (!rows.has(completion.installationRef)) continue;
      const known = latest.get(completion.installationRef);
      if (!known || completion.last > known.last) {
        latest.set(completion.installationRef, completion);
      }
    }
    const behind = releasesBehind(releases);
    for (const [ref, completion] of latest) {
      const row = rows.get(ref)!;
      row.release = {
        id: completion.releaseId,
        track: completion.track,
        version: completion.version,
      };
      row.releasesBehind = behind(completion);
    }
    for (const target of lastTargets) {
      const row = rows.get(target.installationRef);
      if (!row) continue;
      row.lastRollout = {
        rolloutId: target.rolloutId,
        releaseId: target.releaseId,
        version: target.version,
        state: target.state,
        at: new Date(target.updatedAt).toISOString(),
      };
    }
    const applications = new Set<string>();
    for (const image of images) {
      const row = rows.get(image.installationRef);
      if (!row) continue;
      applications.add(image.entityRef);
      row.applications[image.entityRef] = {
        image: image.image,
        releaseId: image.releaseId,
        version: image.version,
      };
    }

    return {
      applications: [...applications].sort(),
      releases: adoption(latest),
      installations: [...rows.values()].sort((a, b) =>
        a.installationRef.localeCompare(b.installationRef),
      ),
      progress: progress(
        completions.filter(c => rows.has(c.installationRef)),
        releases,
      ),
    };
  }
}

/**
 * Counts the releases of a completion's track that are newer and Ready for
 * release; once per release. On hold ones do not count: the release manager
 * has stopped them, so nobody should be told to catch up on them.
 */
function releasesBehind(releases: ReleaseRow[]) {
  const installable = releases.filter(r => r.status === 'ready');
  const counted = new Map<string, number>();
  return (completion: Completion) => {
    let count = counted.get(completion.releaseId);
    if (count === undefined) {
      count = installable.filter(
        r =>
          r.track === completion.track &&
          compareVersionsDescending(r.version, completion.version) < 0,
      ).length;
      counted.set(completion.releaseId, count);
    }
    return count;
  };
}

/** Installations per release, newest version first within a track. */
function adoption(latest: Map<string, Completion>): FleetView['releases'] {
  const counts = new Map<string, FleetView['releases'][number]>();
  for (const completion of latest.values()) {
    const entry = counts.get(completion.releaseId) ?? {
      id: completion.releaseId,
      track: completion.track,
      version: completion.version,
      installations: 0,
    };
    entry.installations += 1;
    counts.set(completion.releaseId, entry);
  }
  return [...counts.values()].sort(
    (a, b) =>
      a.track.localeCompare(b.track) ||
      compareVersionsDescending(a.version, b.version),
  );
}

/** Progress of the most recently created releases that were completed. */
function progress(
  completions: Completion[],
  releases: ReleaseRow[],
): FleetView['progress'] {
  const firsts = new Map<string, { version: string; times: number[] }>();
  for (const c of completions) {
    const entry = firsts.get(c.releaseId) ?? { version: c.version, times: [] };
    entry.times.push(c.first);
    firsts.set(c.releaseId, entry);
  }
  const createdAt = new Map(releases.map(r => [r.id, r.createdAt]));
  return [...firsts.keys()]
    .sort(
      (a, b) =>
        (createdAt.get(b) ?? 0) - (createdAt.get(a) ?? 0) ||
        compareVersionsDescending(
          firsts.get(a)!.version,
          firsts.get(b)!.version,
        ),
    )
    .slice(0, PROGRESS_RELEASES)
    .map(releaseId => ({
      releaseId,
      version: firsts.get(releaseId)!.version,
      points: progressPoints(firsts.get(releaseId)!.times),
    }));
}
