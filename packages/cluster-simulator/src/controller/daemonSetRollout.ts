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
import { getPath, JsonObject } from '../util/json';
import { randomSuffix } from '../util/names';
import { putCount, scaledValue } from './conditions';
import { isAvailable, isReady, nodeName, SimulatedPod } from './pods';
import {
  hashTemplate,
  nextPodWake,
  RolloutContext,
  RolloutResult,
} from './rollout';

/**
 * One reconcile of a DaemonSet, as the daemonset controller does it: one pod
 * per simulated node, rolling updates bounded by maxUnavailable (replace in
 * place) or maxSurge (start the new pod beside the old one), or OnDelete.
 */
export function reconcileDaemonSet(ctx: RolloutContext): RolloutResult {
  const { object, state, now, settings, minReadyMs } = ctx;
  const name = object.metadata.name!;
  const spec = object.spec ?? {};
  const template = (spec.template ?? {}) as JsonObject;
  const hash = hashTemplate(state, template);
  if (state.currentHash !== hash) {
    state.currentHash = hash;
    state.templateGeneration = object.metadata.generation ?? 1;
    state.lastProgressAt = now;
  }
  const nodes = Array.from(
    { length: Math.max(0, settings.nodeCount) },
    (_, i) => nodeName(i),
  );
  const desired = nodes.length;
  const strategy = getPath(spec, ['updateStrategy', 'type']) ?? 'RollingUpdate';
  let maxUnavailable = scaledValue(
    getPath(spec, ['updateStrategy', 'rollingUpdate', 'maxUnavailable']) ?? 1,
    desired,
    true,
  );
  const maxSurge = scaledValue(
    getPath(spec, ['updateStrategy', 'rollingUpdate', 'maxSurge']) ?? 0,
    desired,
    true,
  );
  if (maxUnavailable === 0 && maxSurge === 0) maxUnavailable = 1;
  const available = (pod: SimulatedPod) => isAvailable(pod, now, minReadyMs);
  const create = (node: string) =>
    ctx.createPod({
      revision: hash,
      name: `${name}-${randomSuffix()}`,
      node,
      ownerKind: 'DaemonSet',
      ownerName: name,
      ownerUid: state.uid,
      extraLabels: {
        'controller-revision-hash': hash,
        'pod-template-generation': String(state.templateGeneration ?? 1),
      },
    });

  for (let step = 0; step < 4 * desired + 16; step++) {
    let changed = false;
    const onNode = (node: string) => state.pods.filter(p => p.node === node);
    for (const pod of state.pods.filter(p => !nodes.includes(p.node))) {
      ctx.deletePod(pod);
      changed = true;
    }
    for (const node of nodes) {
      if (onNode(node).length === 0) {
        create(node);
        changed = true;
      }
    }
    if (strategy === 'RollingUpdate') {
      if (maxSurge === 0) {
        let unavailable = nodes.filter(n => !onNode(n).some(available)).length;
        for (const node of nodes) {
          const old = onNode(node).find(p => p.revision !== hash);
          if (!old) continue;
          if (!available(old)) {
            ctx.deletePod(old);
            changed = true;
          } else if (unavailable < maxUnavailable) {
            ctx.deletePod(old);
            unavailable += 1;
            changed = true;
          }
        }
      } else {
        let surging = nodes.filter(n => {
          const pods = onNode(n);
          return (
            pods.some(p => p.revision === hash) &&
            pods.some(p => p.revision !== hash)
          );
        }).length;
        for (const node of nodes) {
          const pods = onNode(node);
          const fresh = pods.find(p => p.revision === hash);
          const olds = pods.filter(p => p.revision !== hash);
          if (olds.length === 0) continue;
          if (!fresh && surging < maxSurge) {
            create(node);
            surging += 1;
            changed = true;
          } else if (fresh && available(fresh)) {
            olds.forEach(p => ctx.deletePod(p));
            changed = true;
          }
        }
      }
    }
    if (!changed) break;
  }

  const pods = state.pods;
  const scheduled = nodes.filter(n => pods.some(p => p.node === n)).length;
  const numberReady = nodes.filter(n =>
    pods.some(p => p.node === n && isReady(p, now)),
  ).length;
  const updatedNodes = nodes.filter(n =>
    pods.some(p => p.node === n && p.revision === hash),
  ).length;
  const numberAvailable = nodes.filter(n =>
    pods.some(p => p.node === n && available(p)),
  ).length;
  const status: JsonObject = {
    currentNumberScheduled: scheduled,
    numberMisscheduled: 0,
    desiredNumberScheduled: desired,
    numberReady,
    observedGeneration: object.metadata.generation ?? 1,
  };
  putCount(status, 'updatedNumberScheduled', updatedNodes);
  putCount(status, 'numberAvailable', numberAvailable);
  putCount(status, 'numberUnavailable', Math.max(0, desired - numberAvailable));
  return { status, wakeAt: nextPodWake(pods, now, minReadyMs) };
}
