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
import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ReleaseDeployment } from '@sdh/plugin-distribution-hub-common';
import { Clock } from './RolloutEngine';
import { RolloutStore } from './RolloutStore';

const DEFAULT_CACHE_MS = 10_000;

/**
 * How far releases have reached the installations: distinct installations
 * that completed each release in any rollout, against the installations in
 * the catalog (counted at most every ten seconds).
 */
export class ReleaseDeployments {
  static create(options: {
    store: Pick<RolloutStore, 'completedInstallations'>;
    catalog: CatalogService;
    auth: AuthService;
    logger: LoggerService;
    cacheMs?: number;
    clock?: Clock;
  }) {
    return new ReleaseDeployments(
      options.store,
      options.catalog,
      options.auth,
      options.logger,
      options.cacheMs ?? DEFAULT_CACHE_MS,
      options.clock ?? { now: () => Date.now() },
    );
  }

  private total?: { value: Promise<number>; at: number };

  private constructor(
    private readonly store: Pick<RolloutStore, 'completedInstallations'>,
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    private readonly logger: LoggerService,
    private readonly cacheMs: number,
    private readonly clock: Clock,
  ) {}

  /**
   * The deployment state of each release; empty when the catalog cannot be
   * counted, so a release still reads without it.
   */
  async forReleases(
    releaseIds: string[],
  ): Promise<Map<string, ReleaseDeployment>> {
    const result = new Map<string, ReleaseDeployment>();
    if (releaseIds.length === 0) return result;
    let total: number;
    try {
      total = await this.totalInstallations();
    } catch (error) {
      this.logger.warn(
        `Could not count installations in the catalog: ${error}`,
      );
      return result;
    }
    const completed = await this.store.completedInstallations(releaseIds);
    for (const id of releaseIds) {
      // Installations since removed from the catalog still count as done,
      // but never beyond the ones there are.
      const done = Math.min(completed.get(id) ?? 0, total);
      let state: ReleaseDeployment['state'] = 'completely-released';
      if (done === 0) state = 'not-released';
      else if (done < total) state = 'partially-released';
      result.set(id, { state, completed: done, total });
    }
    return result;
  }

  async forRelease(releaseId: string): Promise<ReleaseDeployment | undefined> {
    return (await this.forReleases([releaseId])).get(releaseId);
  }

  private totalInstallations(): Promise<number> {
    const now = this.clock.now();
    if (!this.total || now - this.total.at >= this.cacheMs) {
      const value = this.countInstallations();
      this.total = { value, at: now };
      // A failed count is not kept.
      value.catch(() => {
        if (this.total?.value === value) this.total = undefined;
      });
    }
    return this.total.value;
  }

  private async countInstallations(): Promise<number> {
    const { totalItems } = await this.catalog.queryEntities(
      {
        filter: { kind: 'Installation' },
        fields: ['kind'],
        limit: 1,
        totalItems: 'include',
      },
      { credentials: await this.auth.getOwnServiceCredentials() },
    );
    return totalItems;
  }
}
