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
import { JsonObject } from '../util/json';
import { fnv32a, templateHash } from '../util/names';
import { SimulatedPod } from './pods';
import { ControllerSettings } from './settings';

/** The controller's memory of one workload between reconciles. */
export interface WorkloadState {
  key: string;
  resource: string;
  namespace: string;
  name: string;
  uid: string;
  pods: SimulatedPod[];
  /**
   * Pod templates (as JSON, which is compact) of revisions other than the
   * workload's current one that pods may still be created from (a
   * StatefulSet's current revision below its partition).
   */
  templates: Map<string, string>;
  /** A cheap fingerprint of the last template seen, and its stable hash. */
  lastTemplateKey?: string;
  lastTemplateHash?: string;
  /** The last template object hashed: reconciles of a stored object see it again. */
  lastTemplate?: JsonObject;
  /** The revision being rolled out (pod-template-hash or revision name). */
  currentHash?: string;
  /** Deployment: revision number of each template hash seen. */
  revisions: Map<string, number>;
  maxRevision: number;
  /** When the rollout last made progress (real ms), for progress deadlines. */
  lastProgressAt: number;
  /** StatefulSet: the revision all pods had before the current rollout. */
  currentRevision?: string;
  /** DaemonSet: the generation whose template is rolled out. */
  templateGeneration?: number;
  /**
   * The pod objects this controller stored last, by pod name, while it
   * still has to write them again (until they are shown ready): read
   * instead of parsing their JSON. Never changed, as stored objects are not.
   */
  podObjects?: Map<string, KubeObject>;
}

/** What a kind-specific rollout step may do, given by the controller. */
export interface RolloutContext {
  object: KubeObject;
  state: WorkloadState;
  now: number;
  settings: ControllerSettings;
  /** Real ms of minReadySeconds (0 when settling instantly). */
  minReadyMs: number;
  createPod(options: {
    revision: string;
    name: string;
    node: string;
    ordinal?: number;
    ownerKind: string;
    ownerName: string;
    ownerUid: string;
    extraLabels: Record<string, string>;
  }): SimulatedPod;
  deletePod(pod: SimulatedPod): void;
}

export interface RolloutResult {
  status: JsonObject;
  annotations?: Record<string, string>;
  /** When something will change by itself next (a pod becoming ready, a deadline). */
  wakeAt?: number;
}

/** The earliest future moment at which a pod becomes ready or available. */
export function nextPodWake(
  pods: SimulatedPod[],
  now: number,
  minReadyMs: number,
): number | undefined {
  let wake: number | undefined;
  for (const pod of pods) {
    if (pod.readyAt === undefined) continue;
    for (const at of [pod.readyAt, pod.readyAt + minReadyMs]) {
      if (at > now && (wake === undefined || at < wake)) wake = at;
    }
  }
  return wake;
}

/** The stable hash of a workload's pod template, computed once per template change. */
export function hashTemplate(
  state: WorkloadState,
  template: JsonObject,
): string {
  // Stored objects are never changed, so the same template object has the same hash.
  if (template === state.lastTemplate && state.lastTemplateHash !== undefined) {
    return state.lastTemplateHash;
  }
  state.lastTemplate = template;
  // Fingerprint the plain JSON (fast, but key-order sensitive) and compute
  // the key-order independent hash only when the fingerprint changes.
  const json = JSON.stringify(template);
  const key = `${json.length}:${fnv32a(json)}`;
  if (key !== state.lastTemplateKey || state.lastTemplateHash === undefined) {
    state.lastTemplateKey = key;
    state.lastTemplateHash = templateHash(template);
  }
  return state.lastTemplateHash;
}

export function earliest(...times: (number | undefined)[]): number | undefined {
  const defined = times.filter((t): t is number => t !== undefined);
  return defined.length ? Math.min(...defined) : undefined;
}
