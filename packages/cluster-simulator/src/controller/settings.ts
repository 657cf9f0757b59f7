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
/** How the simulated controllers pace a rollout. */
export interface ControllerSettings {
  /**
   * Speeds simulated time up: 10 makes every delay (pod start-up,
   * minReadySeconds, progressDeadlineSeconds) ten times shorter.
   */
  timeScale: number;
  /** Seconds from a pod's creation until it is ready (simulated time). */
  podStartSeconds: number;
  /** Seconds before a controller observes a spec change (simulated time). */
  observeDelaySeconds: number;
  /** Images matching this never start, so their rollouts stall. */
  brokenImagePattern: RegExp;
  /** Nodes a DaemonSet schedules one pod on each. */
  nodeCount: number;
}

/** A tag (the part after the last `:` of the last path segment) containing `broken`. */
export const DEFAULT_BROKEN_IMAGE_PATTERN = /:[^/:@]*broken[^/:@]*$/;

export const DEFAULT_CONTROLLER_SETTINGS: ControllerSettings = {
  timeScale: 1,
  podStartSeconds: 2,
  observeDelaySeconds: 0.2,
  brokenImagePattern: DEFAULT_BROKEN_IMAGE_PATTERN,
  nodeCount: 3,
};

/** Real milliseconds for a span of simulated seconds. */
export function scaledMs(
  settings: ControllerSettings,
  seconds: number,
): number {
  return (seconds * 1000) / Math.max(settings.timeScale, 1e-6);
}

export function isBrokenImage(
  settings: ControllerSettings,
  image: unknown,
): boolean {
  return typeof image === 'string' && settings.brokenImagePattern.test(image);
}
