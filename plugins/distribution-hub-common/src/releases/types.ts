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
import { ReleaseDeploymentState } from '../rollouts/types';

/**
 * A product line holding releases.
 *
 * @public
 */
export interface ReleaseTrack {
  /** The track's ID, a lower-case slug used in URLs. */
  name: string;
  title: string;
  description?: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  /** How many releases the track has. */
  releaseCount: number;
  /** The highest version by semver precedence, if any. */
  latestVersion?: string;
}

/**
 * Where a release stands in its lifecycle.
 *
 * @public
 */
export const RELEASE_STATUSES = [
  'draft',
  'ready',
  'on-hold',
  'rescinded',
] as const;

/** @public */
export type ReleaseStatus = (typeof RELEASE_STATUSES)[number];

/**
 * One application of a release: a catalog Component, its image and how to
 * release it.
 *
 * @public
 */
export interface ReleaseApplication {
  /** A Component entity ref, e.g. component:default/orders-api. */
  entityRef: string;
  /** An OCI image reference with a tag and/or a digest. */
  image?: string;
  /** Release instructions in Markdown. */
  instructions?: string;
}

/**
 * An ordered stage of a release; stage N+1 starts on an installation only
 * once every application of stage N is healthy there.
 *
 * @public
 */
export interface ReleaseStage {
  name?: string;
  apps: ReleaseApplication[];
}

/** @public */
export interface ReleaseRequirements {
  stages: ReleaseStage[];
}

/**
 * A version of a track's product, with its requirements and lifecycle.
 *
 * @public
 */
export interface Release {
  id: string;
  track: string;
  version: string;
  name: string;
  description?: string;
  notes?: string;
  status: ReleaseStatus;
  requirements: ReleaseRequirements;
  locked: boolean;
  lockedBy?: string;
  lockedAt?: string;
  /** Increases with every change; send it back as If-Match. */
  revision: number;
  /** The release this one was cloned from, if any. */
  clonedFrom?: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  /** How far the release has reached the installations, from rollouts. */
  deployment?: ReleaseDeployment;
}

/**
 * How many installations a release has reached: `completed` distinct
 * installations completed it in some rollout, of the `total` installations
 * in the catalog.
 *
 * @public
 */
export interface ReleaseDeployment {
  state: ReleaseDeploymentState;
  completed: number;
  total: number;
}

/**
 * A release as listed, without its requirements and its notes (Markdown of
 * up to 200 kB): read the release for those.
 *
 * @public
 */
export type ReleaseSummary = Omit<Release, 'requirements' | 'notes'> & {
  applicationCount: number;
  stageCount: number;
};

/**
 * One change of a release: who, when, what.
 *
 * @public
 */
export interface ReleaseHistoryEntry {
  revision: number;
  action:
    | 'created'
    | 'updated'
    | 'requirements-updated'
    | 'locked'
    | 'unlocked'
    | 'status-changed';
  actor: string;
  at: string;
  /** Field by field, what the change did. */
  changes: Record<string, { from?: unknown; to?: unknown }>;
}

/**
 * A page of a list.
 *
 * @public
 */
export interface Page<T> {
  items: T[];
  totalCount: number;
  /** Pass as `cursor` to get the next page; absent on the last page. */
  nextCursor?: string;
}
