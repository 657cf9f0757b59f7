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
import { KubeObject } from '../api/types';
import { isObject, JsonObject } from '../util/json';
import { ControllerSettings, isBrokenImage } from './settings';

/**
 * A workload annotation holding a regular expression (JavaScript syntax):
 * pods of that workload with a container image matching it never start, as
 * images matching the cluster-wide `brokenImagePattern` do. It breaks one
 * workload without breaking the image everywhere, and removing or changing
 * it fixes the workload without changing the image.
 */
export const BROKEN_IMAGES_ANNOTATION =
  'simulator.distribution-hub.io/broken-images';

/** Why an annotation value is not a usable regular expression; undefined when it is. */
export function brokenImagesPatternError(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'must be a string';
  try {
    // eslint-disable-next-line no-new
    new RegExp(value);
    return undefined;
  } catch (error) {
    return `must be a valid regular expression: ${
      error instanceof Error ? error.message : String(error)
    }`;
  }
}

const CACHE_SIZE = 1000;
const compiled = new Map<string, RegExp | undefined>();

/** The workload's own broken-image pattern, if it has a valid one. */
export function workloadBrokenImagePattern(
  object: KubeObject,
): RegExp | undefined {
  const value = object.metadata.annotations?.[BROKEN_IMAGES_ANNOTATION];
  if (typeof value !== 'string') return undefined;
  if (compiled.has(value)) return compiled.get(value);
  let pattern: RegExp | undefined;
  try {
    pattern = new RegExp(value);
  } catch {
    // Validation keeps invalid patterns out of the store; ignore one anyway.
    pattern = undefined;
  }
  if (compiled.size >= CACHE_SIZE) compiled.clear();
  compiled.set(value, pattern);
  return pattern;
}

/**
 * The annotation's value in a stored workload's JSON (undefined without
 * it), parsing the JSON only when it mentions the annotation at all.
 */
export function brokenImagesAnnotationOf(
  json: string | undefined,
): string | undefined {
  if (!json || !json.includes(BROKEN_IMAGES_ANNOTATION)) return undefined;
  const value = (JSON.parse(json) as KubeObject).metadata?.annotations?.[
    BROKEN_IMAGES_ANNOTATION
  ];
  return typeof value === 'string' ? value : undefined;
}

/**
 * Whether a pod template (or a pod: both have the pod spec under `spec`)
 * has a container or init container image that cannot start: one matching
 * the cluster-wide pattern or the workload's own.
 */
export function hasBrokenImage(
  settings: ControllerSettings,
  workloadPattern: RegExp | undefined,
  template: JsonObject,
): boolean {
  const spec = template.spec as JsonObject | undefined;
  const containers = [
    ...((spec?.containers as JsonObject[]) ?? []),
    ...((spec?.initContainers as JsonObject[]) ?? []),
  ];
  return containers.some(
    c =>
      isObject(c) &&
      (isBrokenImage(settings, c.image) ||
        (typeof c.image === 'string' &&
          workloadPattern !== undefined &&
          workloadPattern.test(c.image))),
  );
}
