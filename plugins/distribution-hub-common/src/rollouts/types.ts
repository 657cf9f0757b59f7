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

/**
 * Which installations a rollout, or one of its waves, covers. Installations
 * matching any listed criterion are included; an empty selector matches
 * every installation.
 *
 * @public
 */
export interface TargetSelector {
  /** Installation entity refs or IDs. */
  installations?: string[];
  /** Tenant entity refs or IDs. */
  tenants?: string[];
  tiers?: InstallationTier[];
  /** Tenant rings, e.g. canary. */
  rings?: string[];
}

/**
 * A wave of a rollout: the installations it takes (from the rollout's
 * targets), and how long to wait after it before the next wave starts.
 *
 * @public
 */
export interface RolloutWave {
  name?: string;
  select: TargetSelector;
  /** Minutes to wait after the wave completes before the next one starts. */
  bakeMinutes?: number;
}

/**
 * How many failed installations halt a rollout: a count, or a percentage of
 * its targets.
 *
 * @public
 */
export type FailureThreshold = { count: number } | { percent: number };

/**
 * What a release manager asks for when starting a rollout.
 *
 * @public
 */
export interface RolloutRequest {
  targets: TargetSelector;
  /**
   * Waves in order; targets no wave selects form a last wave. Without
   * waves, every target is in one wave.
   */
  waves?: RolloutWave[];
  /** Installations deployed at once; default 10. */
  maxParallel?: number;
  failureThreshold?: FailureThreshold;
  /** ISO time before which nothing starts. */
  notBefore?: string;
  /** Wait for each installation's maintenance window; default true. */
  respectMaintenanceWindows?: boolean;
  /** Put a failed installation back on the images it had; default false. */
  autoRollback?: boolean;
}

/**
 * Where one installation of a rollout stands.
 *
 * @public
 */
export const TARGET_STATES = [
  'pending',
  'ongoing',
  'completed',
  'failed',
  'cancelled',
  'rolled-back',
] as const;

/** @public */
export type TargetState = (typeof TARGET_STATES)[number];

/**
 * Where a rollout stands. `halted` means its failure threshold was reached;
 * `completed-with-failures` that every target ended, some not Completed.
 *
 * @public
 */
export const ROLLOUT_STATUSES = [
  'running',
  'paused',
  'halted',
  'cancelled',
  'completed',
  'completed-with-failures',
] as const;

/** @public */
export type RolloutStatus = (typeof ROLLOUT_STATUSES)[number];

/** Rollout statuses after which nothing changes any more. @public */
export const FINISHED_ROLLOUT_STATUSES: readonly RolloutStatus[] = [
  'cancelled',
  'completed',
  'completed-with-failures',
];

/** Target states after which a target never moves again (but retry). @public */
export const FINISHED_TARGET_STATES: readonly TargetState[] = [
  'completed',
  'failed',
  'cancelled',
  'rolled-back',
];

/**
 * Where and why an installation failed.
 *
 * @public
 */
export interface TargetFailure {
  /** Zero-based stage index, and its name when it has one. */
  stage: number;
  stageName?: string;
  application: string;
  environment: { cluster: string; namespace: string };
  /** The cluster's own reason, or why the cluster could not be reached. */
  reason: string;
}

/**
 * One installation of a rollout.
 *
 * @public
 */
export interface RolloutTarget {
  installationRef: string;
  tenantRef: string;
  tier: InstallationTier;
  ring?: string;
  /** Zero-based wave. */
  wave: number;
  state: TargetState;
  /** The stage being deployed (zero-based), while ongoing. */
  stage?: number;
  /** What it waits for or does now, in words. */
  detail?: string;
  failure?: TargetFailure;
  /** Earliest time it may start (wave bake, window, notBefore). */
  notBefore?: string;
  startedAt?: string;
  finishedAt?: string;
  updatedAt: string;
}

/** @public */
export type TargetCounts = Record<TargetState, number>;

/**
 * A rollout of a release, with its targets counted per state.
 *
 * @public
 */
export interface Rollout {
  id: string;
  releaseId: string;
  track: string;
  version: string;
  status: RolloutStatus;
  request: RolloutRequest;
  waves: { name: string; bakeMinutes: number; size: number }[];
  /** Installations selected but left out, and why. */
  skipped: { installationRef: string; reason: string }[];
  /** The wave now deploying (zero-based); absent once finished. */
  currentWave?: number;
  /** Failed installations that halt it. */
  failureLimit?: number;
  counts: TargetCounts;
  total: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  finishedAt?: string;
}

/**
 * How far a release has reached the installations: none, some, or every
 * installation in the catalog.
 *
 * @public
 */
export type ReleaseDeploymentState =
  | 'not-released'
  | 'partially-released'
  | 'completely-released';

/**
 * An application on one environment of an installation: the image the hub
 * last deployed there and what runs now.
 *
 * @public
 */
export interface ApplicationEnvironmentState {
  entityRef: string;
  environment: { cluster: string; namespace: string };
  /** The image the hub last put there successfully, and from which release. */
  intended?: { image: string; releaseId: string; version: string; at: string };
  /** Images running now, per workload container; absent when unreadable. */
  live?: { kind: string; name: string; container: string; image: string }[];
  /** Why the live state could not be read. */
  liveError?: string;
  /** True when something runs that the hub did not deploy. */
  drift: boolean;
}

/**
 * GET /installations/:ref/state.
 *
 * @public
 */
export interface InstallationState {
  installationRef: string;
  applications: ApplicationEnvironmentState[];
  /** Whether any application drifted. */
  drift: boolean;
}

/**
 * A page of a rollout's targets, in wave and installation order.
 *
 * @public
 */
export interface RolloutTargetPage {
  items: RolloutTarget[];
  /** Pass as `cursor` for the next page; absent on the last page. */
  nextCursor?: string;
}

/**
 * The signals channel on which the backend announces rollout changes.
 *
 * @public
 */
export const ROLLOUT_SIGNAL_CHANNEL = 'distribution-hub:rollouts';

/**
 * A message on {@link ROLLOUT_SIGNAL_CHANNEL}: something changed in a
 * rollout. Messages are coalesced (at most a few per second per rollout),
 * so read the rollout or its targets again rather than patching state.
 *
 * @public
 */
export interface RolloutSignal {
  rolloutId: string;
  releaseId: string;
  /** The rollout's new status, when it changed. */
  status?: RolloutStatus;
  /**
   * Installations whose target changed; absent when the rollout itself
   * changed or too many targets changed to list.
   */
  installationRefs?: string[];
}
