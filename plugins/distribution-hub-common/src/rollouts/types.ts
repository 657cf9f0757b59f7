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
