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
import { putCount } from './conditions';
import { isAvailable, isReady, nodeName, SimulatedPod } from './pods';
import {
  hashTemplate,
  nextPodWake,
  RolloutContext,
  RolloutResult,
} from './rollout';

/**
 * One reconcile of a StatefulSet, as the statefulset controller does it:
 * stable pod names by ordinal, OrderedReady or Parallel pod management, and
 * rolling updates from the highest ordinal down to the partition, one pod at
 * a time, each waiting for its successor to be ready.
 */
export function reconcileStatefulSet(ctx: RolloutContext): RolloutResult {
  const { object, state, now, settings, minReadyMs } = ctx;
  const name = object.metadata.name!;
  const spec = object.spec ?? {};
  const desired = typeof spec.replicas === 'number' ? spec.replicas : 1;
  const template = (spec.template ?? {}) as JsonObject;
  const updateRevision = `${name}-${hashTemplate(state, template)}`;
  if (state.currentHash !== updateRevision) {
    state.currentHash = updateRevision;
    state.templates.set(updateRevision, JSON.stringify(template));
    state.lastProgressAt = now;
  }
  state.currentRevision ??= updateRevision;
  const strategy = getPath(spec, ['updateStrategy', 'type']) ?? 'RollingUpdate';
  const partitionValue = getPath(spec, [
    'updateStrategy',
    'rollingUpdate',
    'partition',
  ]);
  const partition =
    strategy === 'RollingUpdate' && typeof partitionValue === 'number'
      ? partitionValue
      : 0;
  const ordered = spec.podManagementPolicy !== 'Parallel';
  const ready = (pod: SimulatedPod) => isReady(pod, now);
  const create = (ordinal: number) =>
    ctx.createPod({
      revision:
        strategy === 'RollingUpdate' && ordinal < partition
          ? state.currentRevision!
          : updateRevision,
      name: `${name}-${ordinal}`,
      node: nodeName(ordinal % Math.max(1, settings.nodeCount)),
      ordinal,
      ownerKind: 'StatefulSet',
      ownerName: name,
      ownerUid: state.uid,
      extraLabels: {
        'apps.kubernetes.io/pod-index': String(ordinal),
        'controller-revision-hash':
          strategy === 'RollingUpdate' && ordinal < partition
            ? state.currentRevision!
            : updateRevision,
        'statefulset.kubernetes.io/pod-name': `${name}-${ordinal}`,
      },
    });

  for (let step = 0; step < 4 * desired + 16; step++) {
    let changed = false;
    const byOrdinal = new Map(state.pods.map(p => [p.ordinal!, p]));
    let blocked = false;
    for (let ordinal = 0; ordinal < desired; ordinal++) {
      const pod = byOrdinal.get(ordinal);
      if (!pod) {
        create(ordinal);
        changed = true;
        if (ordered) {
          blocked = true;
          break;
        }
      } else if (ordered && !ready(pod)) {
        blocked = true;
        break;
      }
    }
    if (changed) continue;
    const surplus = state.pods
      .filter(p => p.ordinal! >= desired)
      .sort((a, b) => b.ordinal! - a.ordinal!);
    if (surplus.length > 0) {
      if (!ordered) surplus.forEach(p => ctx.deletePod(p));
      else if (!blocked && state.pods.every(ready)) ctx.deletePod(surplus[0]);
      else break;
      continue;
    }
    if (strategy === 'RollingUpdate' && !blocked) {
      const inRange = state.pods
        .filter(p => p.ordinal! < desired && p.ordinal! >= partition)
        .sort((a, b) => b.ordinal! - a.ordinal!);
      for (const pod of inRange) {
        if (pod.revision !== updateRevision) {
          ctx.deletePod(pod);
          changed = true;
          break;
        }
        if (!ready(pod)) break;
      }
    }
    if (!changed) break;
  }

  const pods = state.pods;
  const readyCount = pods.filter(ready).length;
  const updated = pods.filter(p => p.revision === updateRevision).length;
  if (
    strategy === 'RollingUpdate' &&
    updated === pods.length &&
    readyCount === pods.length
  ) {
    state.currentRevision = updateRevision;
  }
  const status: JsonObject = {
    observedGeneration: object.metadata.generation ?? 1,
    replicas: pods.length,
  };
  putCount(status, 'readyReplicas', readyCount);
  putCount(
    status,
    'currentReplicas',
    pods.filter(p => p.revision === state.currentRevision).length,
  );
  putCount(status, 'updatedReplicas', updated);
  status.currentRevision = state.currentRevision;
  status.updateRevision = updateRevision;
  status.collisionCount = 0;
  status.availableReplicas = pods.filter(p =>
    isAvailable(p, now, minReadyMs),
  ).length;
  return { status, wakeAt: nextPodWake(pods, now, minReadyMs) };
}
