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
import { InstallationTier } from '../kinds/constants';
import { RolloutTarget } from './types';

/**
 * What a rollout request would change on one installation: per application
 * and environment, the image running now (read from the cluster) and the
 * image the release brings.
 *
 * @public
 */
export interface RolloutPreviewTarget {
  installationRef: string;
  tenantRef: string;
  tier: InstallationTier;
  ring?: string;
  wave: number;
  changes: {
    entityRef: string;
    environment: { cluster: string; namespace: string };
    /** Images running now in the app's workloads; empty when none found. */
    current: string[];
    /** The release's image. */
    next: string;
    /** The hub's last deployed image differs from what runs now. */
    drift: boolean;
  }[];
  /**
   * Why a cluster could not be read; the changes on its environments then
   * have an empty `current` (and no drift).
   */
  liveError?: string;
  /**
   * The next maintenance window, when the installation has windows and the
   * request respects them; from `notBefore` when that is later than now.
   */
  nextWindow?: { start: string; end: string; open: boolean };
  /** The next window opens more than 7 days from now. */
  windowFarAway?: boolean;
}

/**
 * POST /releases/:id/rollouts/preview?offset=&limit= with a RolloutRequest
 * body: the plan, and one page of targets with what would change on each
 * (live cluster reads are limited to that page).
 *
 * @public
 */
export interface RolloutPreview {
  total: number;
  waves: { name: string; bakeMinutes: number; size: number }[];
  skipped: { installationRef: string; reason: string }[];
  /** Targets per tenant and per tier, for the dialog's live count. */
  byTenant: Record<string, number>;
  byTier: Record<string, number>;
  offset: number;
  targets: RolloutPreviewTarget[];
}

/**
 * One application on one environment of a rollout target.
 *
 * @public
 */
export interface TargetDeployment {
  stage: number;
  entityRef: string;
  environment: { cluster: string; namespace: string };
  /** The image the rollout puts there. */
  image: string;
  /** The images it replaced, once applied. */
  previous?: string[];
  /** What ran before the rollout touched it (read when the target started). */
  before?: string[];
  state: 'pending' | 'applied' | 'healthy' | 'failed' | 'restored';
  reason?: string;
  appliedAt?: string;
  healthyAt?: string;
}

/**
 * GET /rollouts/:rolloutId/targets/:installation: a target with its
 * deployments, for the detail drawer.
 *
 * @public
 */
export interface RolloutTargetDetail extends RolloutTarget {
  environments: { cluster: string; namespace: string }[];
  deployments: TargetDeployment[];
}

/**
 * One rollout as an installation lived it: GET
 * /installations/:ref/rollouts, newest first.
 *
 * @public
 */
export interface InstallationRollout {
  rolloutId: string;
  releaseId: string;
  track: string;
  version: string;
  target: RolloutTarget;
  rolloutCreatedAt: string;
}

/**
 * GET /fleet?tenant=&tier=&track=: what the hub last deployed where.
 *
 * @public
 */
export interface FleetView {
  /** Applications seen in any installation, as entity refs, sorted. */
  applications: string[];
  /** Releases running somewhere, newest version first within a track. */
  releases: {
    id: string;
    track: string;
    version: string;
    /** Installations whose latest completed rollout was this release. */
    installations: number;
  }[];
  installations: FleetInstallation[];
  /**
   * Per release (the 5 newest), installations completed over time:
   * cumulative points, for the progress chart.
   */
  progress: {
    releaseId: string;
    version: string;
    points: { time: string; installations: number }[];
  }[];
}

/**
 * One row of the fleet matrix.
 *
 * @public
 */
export interface FleetInstallation {
  installationRef: string;
  tenantRef: string;
  tier: InstallationTier;
  /** The release of the latest completed rollout here, if any. */
  release?: { id: string; track: string; version: string };
  /** Newer releases of the same track that it has not got. */
  releasesBehind: number;
  /** The latest rollout that touched it, whatever its outcome. */
  lastRollout?: {
    rolloutId: string;
    releaseId: string;
    version: string;
    state: RolloutTarget['state'];
    at: string;
  };
  /** Per application entity ref: the image and release the hub last put here. */
  applications: Record<
    string,
    { image: string; releaseId: string; version: string }
  >;
}
