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
import {
  nextMaintenanceWindow,
  RolloutPreview,
  RolloutPreviewTarget,
  RolloutRequest,
} from '@sdh/plugin-distribution-hub-common';
import { Deployer } from '@sdh/plugin-distribution-hub-node';
import { hasDrift } from './InstallationStateService';
import {
  applicationImages,
  environmentKey,
  inspectEnvironments,
  LiveEnvironment,
} from './liveImages';
import { PlannedTarget } from './planRollout';
import { HealthyDeployment, RolloutReadStore } from './RolloutReadStore';
import { Clock } from './RolloutEngine';
import { StageApplication } from './rolloutRows';
import { RolloutService } from './RolloutService';

const DEFAULT_INSPECT_TIMEOUT_MS = 5_000;
const FAR_AWAY_MS = 7 * 24 * 60 * 60 * 1000;

function countBy<T>(items: T[], key: (item: T) => string) {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

/**
 * What a rollout request would do, without starting it: the plan, and for
 * one page of its targets what runs now against what the release brings.
 * Only that page's clusters are read, so a dialog stays quick on a large
 * fleet.
 */
export class RolloutPreviewService {
  static create(options: {
    rollouts: RolloutService;
    reads: RolloutReadStore;
    deployers: Deployer[];
    /** How long each cluster may take to answer. */
    inspectTimeoutMs?: number;
    clock?: Clock;
  }) {
    return new RolloutPreviewService(
      options.rollouts,
      options.reads,
      options.deployers,
      options.inspectTimeoutMs ?? DEFAULT_INSPECT_TIMEOUT_MS,
      options.clock ?? { now: () => Date.now() },
    );
  }

  private constructor(
    private readonly rollouts: RolloutService,
    private readonly reads: RolloutReadStore,
    private readonly deployers: Deployer[],
    private readonly inspectTimeoutMs: number,
    private readonly clock: Clock,
  ) {}

  async preview(
    releaseId: string,
    request: RolloutRequest,
    page: { offset: number; limit: number },
    credentials: BackstageCredentials,
  ): Promise<RolloutPreview> {
    const { plan, stages } = await this.rollouts.prepare(
      releaseId,
      request,
      credentials,
    );
    const apps = stages.flatMap(s => s.apps);
    const targets = plan.targets.slice(page.offset, page.offset + page.limit);
    const [live, healthy] = await Promise.all([
      inspectEnvironments(
        this.deployers,
        targets.flatMap(t => t.environments),
        apps.map(app => ({
          entityRef: app.entityRef,
          kubernetesId: app.kubernetesId,
          ...(app.labelSelector ? { labelSelector: app.labelSelector } : {}),
        })),
        this.inspectTimeoutMs,
      ),
      this.reads.latestHealthyOf(targets.map(t => t.installationRef)),
    ]);
    const now = this.clock.now();
    // The engine looks for a window once the rollout may start.
    const notBefore = request.notBefore ? Date.parse(request.notBefore) : now;
    const windowsFrom = new Date(Math.max(now, notBefore));
    return {
      total: plan.targets.length,
      waves: plan.waves,
      skipped: plan.skipped,
      byTenant: countBy(plan.targets, t => t.tenantRef),
      byTier: countBy(plan.targets, t => t.tier),
      offset: page.offset,
      targets: targets.map(target => {
        const preview = this.previewTarget(
          target,
          apps,
          live,
          healthy.get(target.installationRef) ?? [],
        );
        const window =
          request.respectMaintenanceWindows !== false
            ? nextMaintenanceWindow(target.maintenanceWindows, windowsFrom)
            : undefined;
        if (window) {
          preview.nextWindow = {
            start: window.start.toISOString(),
            end: window.end.toISOString(),
            open: window.open,
          };
          preview.windowFarAway = window.start.getTime() - now > FAR_AWAY_MS;
        }
        return preview;
      }),
    };
  }

  /** Per application and environment: what runs, what comes, drift. */
  private previewTarget(
    target: PlannedTarget,
    apps: StageApplication[],
    live: Map<string, LiveEnvironment>,
    healthy: HealthyDeployment[],
  ): RolloutPreviewTarget {
    const errors = new Set<string>();
    const changes = apps.flatMap(app =>
      target.environments.map(environment => {
        const found = live.get(environmentKey(environment));
        const running =
          found && 'images' in found
            ? found.images.get(app.entityRef) ?? []
            : undefined;
        if (found && 'error' in found) errors.add(found.error);
        const intended = healthy.find(
          d =>
            d.entityRef === app.entityRef &&
            environmentKey(d.environment) === environmentKey(environment),
        );
        return {
          entityRef: app.entityRef,
          environment,
          current: running ? applicationImages(app.image, running) : [],
          next: app.image,
          drift: Boolean(
            intended && running && hasDrift(intended.image, running),
          ),
        };
      }),
    );
    return {
      installationRef: target.installationRef,
      tenantRef: target.tenantRef,
      tier: target.tier,
      ...(target.ring ? { ring: target.ring } : {}),
      wave: target.wave,
      changes,
      ...(errors.size > 0 ? { liveError: [...errors].join('; ') } : {}),
    };
  }
}
