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
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  InstallationRollout,
  RolloutTargetDetail,
  TargetDeployment,
} from '@sdh/plugin-distribution-hub-common';
import { WorkloadImage } from '@sdh/plugin-distribution-hub-node';
import { InstallationStateService } from './InstallationStateService';
import { RolloutReadStore } from './RolloutReadStore';
import { DeploymentRecord } from './rolloutRows';
import { RolloutService } from './RolloutService';
import { RolloutStore } from './RolloutStore';

const INSTALLATION_ROLLOUTS = 50;

const iso = (value: number | undefined) =>
  value === undefined ? undefined : new Date(value).toISOString();

/** The distinct images of some workload containers, in order. */
const imagesOf = (workloads: WorkloadImage[]) => [
  ...new Set(workloads.map(w => w.image)),
];

function toTargetDeployment(record: DeploymentRecord): TargetDeployment {
  const deployment: TargetDeployment = {
    stage: record.stage,
    entityRef: record.entityRef,
    environment: record.environment,
    image: record.image,
    // Being applied is not applied yet.
    state: record.state === 'applying' ? 'pending' : record.state,
  };
  if (record.previous) deployment.previous = imagesOf(record.previous);
  if (record.workloads) deployment.before = imagesOf(record.workloads);
  if (record.reason) deployment.reason = record.reason;
  if (record.appliedAt !== undefined) {
    deployment.appliedAt = iso(record.appliedAt);
  }
  if (record.healthyAt !== undefined) {
    deployment.healthyAt = iso(record.healthyAt);
  }
  return deployment;
}

/**
 * Rollouts as one installation sees them: a target with its deployments,
 * and the rollouts that included an installation.
 */
export class RolloutTargetViews {
  static create(options: {
    rollouts: RolloutService;
    store: RolloutStore;
    reads: RolloutReadStore;
    catalog: CatalogService;
  }) {
    return new RolloutTargetViews(
      options.rollouts,
      options.store,
      options.reads,
      options.catalog,
    );
  }

  private constructor(
    private readonly rollouts: RolloutService,
    private readonly store: RolloutStore,
    private readonly reads: RolloutReadStore,
    private readonly catalog: CatalogService,
  ) {}

  async getTarget(
    rolloutId: string,
    installation: string,
  ): Promise<RolloutTargetDetail> {
    const installationRef = InstallationStateService.parseRef(installation);
    const rollout = await this.rollouts.getRolloutRecord(rolloutId);
    const target = await this.store.getTarget(rolloutId, installationRef);
    if (!target) {
      throw new NotFoundError(
        `Installation ${installationRef} is not a target of rollout ${rolloutId}`,
      );
    }
    const [[presented], deployments] = await Promise.all([
      this.rollouts.presentTargets(rollout, [target]),
      this.reads.targetDeployments(rolloutId, installationRef),
    ]);
    return {
      ...presented,
      environments: target.environments,
      deployments: deployments.map(toTargetDeployment),
    };
  }

  /** Newest first; 404 for an installation neither rolled out to nor known. */
  async listInstallationRollouts(
    installation: string,
    credentials: BackstageCredentials,
  ): Promise<InstallationRollout[]> {
    const installationRef = InstallationStateService.parseRef(installation);
    const rows = await this.reads.installationTargets(
      installationRef,
      INSTALLATION_ROLLOUTS,
    );
    if (
      rows.length === 0 &&
      !(await this.catalog.getEntityByRef(installationRef, { credentials }))
    ) {
      throw new NotFoundError(`No installation ${installationRef}`);
    }
    return Promise.all(
      rows.map(async ({ rollout, target }) => {
        const [presented] = await this.rollouts.presentTargets(rollout, [
          target,
        ]);
        return {
          rolloutId: rollout.id,
          releaseId: rollout.releaseId,
          track: rollout.track,
          version: rollout.version,
          target: presented,
          rolloutCreatedAt: new Date(rollout.createdAt).toISOString(),
        };
      }),
    );
  }
}
