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
import { getPath, isObject, JsonObject } from '../util/json';
import { randomSuffix } from '../util/names';
import { putCount, scaledValue, setCondition } from './conditions';
import { isAvailable, isReady, nodeName, SimulatedPod } from './pods';
import {
  earliest,
  hashTemplate,
  nextPodWake,
  RolloutContext,
  RolloutResult,
} from './rollout';
import { scaledMs } from './settings';

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';

/** progressDeadlineSeconds at its maximum means "no deadline". */
const NO_DEADLINE = 2147483647;

/**
 * One reconcile of a Deployment, as the deployment controller does it: a
 * ReplicaSet per pod template (here: pods labelled with the template hash),
 * rolling updates bounded by maxSurge and maxUnavailable or a Recreate,
 * status counts, Available and Progressing conditions, the revision
 * annotation, and the progress deadline.
 */
export function reconcileDeployment(ctx: RolloutContext): RolloutResult {
  const { object, state, now, settings, minReadyMs } = ctx;
  const name = object.metadata.name!;
  const spec = object.spec ?? {};
  const previous = (object.status ?? {}) as JsonObject;
  const desired = typeof spec.replicas === 'number' ? spec.replicas : 1;
  const paused = spec.paused === true;
  const template = (spec.template ?? {}) as JsonObject;
  const hash = hashTemplate(state, template);
  let rolloutReason: 'NewReplicaSetCreated' | 'FoundNewReplicaSet' | undefined;
  if (!paused && state.currentHash !== hash) {
    rolloutReason = state.revisions.has(hash)
      ? 'FoundNewReplicaSet'
      : 'NewReplicaSetCreated';
    state.maxRevision += 1;
    state.revisions.set(hash, state.maxRevision);
    state.currentHash = hash;
    state.lastProgressAt = now;
  }
  const current = state.currentHash;
  const rsName = `${name}-${current ?? hash}`;
  const strategyType = getPath(spec, ['strategy', 'type']) ?? 'RollingUpdate';
  let maxSurge = scaledValue(
    getPath(spec, ['strategy', 'rollingUpdate', 'maxSurge']),
    desired,
    true,
  );
  let maxUnavailable = scaledValue(
    getPath(spec, ['strategy', 'rollingUpdate', 'maxUnavailable']),
    desired,
    false,
  );
  if (strategyType === 'Recreate') {
    // Kubernetes counts no unavailability budget for Recreate: Available turns False while pods restart.
    maxSurge = 0;
    maxUnavailable = 0;
  } else if (maxSurge === 0 && maxUnavailable === 0) {
    maxUnavailable = 1;
  }
  const minAvailable = Math.max(0, desired - maxUnavailable);
  const available = (pod: SimulatedPod) => isAvailable(pod, now, minReadyMs);
  const create = () =>
    ctx.createPod({
      revision: current!,
      name: `${name}-${current}-${randomSuffix()}`,
      node: nodeName(state.pods.length % Math.max(1, settings.nodeCount)),
      ownerKind: 'ReplicaSet',
      ownerName: `${name}-${current}`,
      ownerUid: `${state.uid.slice(0, 24)}${current!
        .padEnd(12, '0')
        .slice(0, 12)}`,
      extraLabels: { 'pod-template-hash': current! },
    });
  // Unhealthy pods go first, then the youngest, as ReplicaSets scale down.
  const byDeletionPreference = (a: SimulatedPod, b: SimulatedPod) =>
    Number(available(a)) - Number(available(b)) || b.createdAt - a.createdAt;

  if (current !== undefined) {
    for (let step = 0; step < 4 * desired + 16; step++) {
      const newPods = state.pods.filter(p => p.revision === current);
      const oldPods = state.pods.filter(p => p.revision !== current);
      let changed = false;
      if (strategyType === 'Recreate') {
        if (oldPods.length > 0) {
          oldPods.forEach(p => ctx.deletePod(p));
          changed = true;
        } else {
          for (let i = newPods.length; i < desired; i++) {
            create();
            changed = true;
          }
        }
      } else {
        if (newPods.length > desired) {
          newPods
            .sort(byDeletionPreference)
            .slice(0, newPods.length - desired)
            .forEach(p => ctx.deletePod(p));
          changed = true;
        } else if (newPods.length < desired) {
          const room = desired + maxSurge - state.pods.length;
          const count = Math.min(desired - newPods.length, room);
          for (let i = 0; i < count; i++) create();
          if (count > 0) changed = true;
        }
        const pods = state.pods;
        const freshNew = pods.filter(p => p.revision === current);
        const newUnavailable = freshNew.filter(p => !available(p)).length;
        let scaleDown = pods.length - minAvailable - newUnavailable;
        const olds = pods
          .filter(p => p.revision !== current)
          .sort(byDeletionPreference);
        for (const pod of olds) {
          if (scaleDown <= 0) break;
          ctx.deletePod(pod);
          scaleDown -= 1;
          changed = true;
        }
      }
      if (!changed) break;
    }
  }

  const pods = state.pods;
  const updated = pods.filter(p => p.revision === current).length;
  const ready = pods.filter(p => isReady(p, now)).length;
  const availableCount = pods.filter(available).length;
  const status: JsonObject = {
    observedGeneration: object.metadata.generation ?? 1,
  };
  putCount(status, 'replicas', pods.length);
  putCount(status, 'updatedReplicas', updated);
  putCount(status, 'readyReplicas', ready);
  putCount(status, 'availableReplicas', availableCount);
  putCount(
    status,
    'unavailableReplicas',
    Math.max(0, pods.length - availableCount),
  );

  const oldCount = (s: JsonObject) =>
    ((s.replicas as number) ?? 0) - ((s.updatedReplicas as number) ?? 0);
  const progressed =
    updated > ((previous.updatedReplicas as number) ?? 0) ||
    ready > ((previous.readyReplicas as number) ?? 0) ||
    availableCount > ((previous.availableReplicas as number) ?? 0) ||
    oldCount(status) < oldCount(previous);
  const complete =
    updated === desired &&
    pods.length === desired &&
    availableCount === desired;

  let conditions = Array.isArray(previous.conditions)
    ? (previous.conditions as JsonObject[]).filter(isObject)
    : [];
  conditions = setCondition(
    conditions,
    availableCount >= minAvailable
      ? {
          type: 'Available',
          status: 'True',
          reason: 'MinimumReplicasAvailable',
          message: 'Deployment has minimum availability.',
        }
      : {
          type: 'Available',
          status: 'False',
          reason: 'MinimumReplicasUnavailable',
          message: 'Deployment does not have minimum availability.',
        },
    now,
  );
  const deadlineSeconds =
    typeof spec.progressDeadlineSeconds === 'number'
      ? spec.progressDeadlineSeconds
      : 600;
  const deadlineMs =
    deadlineSeconds >= NO_DEADLINE
      ? Infinity
      : scaledMs(settings, deadlineSeconds);
  const progressing = conditions.find(c => c.type === 'Progressing');
  let wakeAt: number | undefined;
  if (paused) {
    conditions = setCondition(
      conditions,
      {
        type: 'Progressing',
        status: 'Unknown',
        reason: 'DeploymentPaused',
        message: 'Deployment is paused',
      },
      now,
    );
  } else if (complete) {
    conditions = setCondition(
      conditions,
      {
        type: 'Progressing',
        status: 'True',
        reason: 'NewReplicaSetAvailable',
        message: `ReplicaSet "${rsName}" has successfully progressed.`,
      },
      now,
    );
  } else if (rolloutReason) {
    conditions = setCondition(
      conditions,
      {
        type: 'Progressing',
        status: 'True',
        reason: rolloutReason,
        message:
          rolloutReason === 'NewReplicaSetCreated'
            ? `Created new replica set "${rsName}"`
            : `Found new replica set "${rsName}"`,
      },
      now,
      true,
    );
  } else if (progressed) {
    state.lastProgressAt = now;
    conditions = setCondition(
      conditions,
      {
        type: 'Progressing',
        status: 'True',
        reason: 'ReplicaSetUpdated',
        message: `ReplicaSet "${rsName}" is progressing.`,
      },
      now,
      true,
    );
  } else if (
    progressing?.reason !== 'ProgressDeadlineExceeded' &&
    now - state.lastProgressAt >= deadlineMs
  ) {
    conditions = setCondition(
      conditions,
      {
        type: 'Progressing',
        status: 'False',
        reason: 'ProgressDeadlineExceeded',
        message: `ReplicaSet "${rsName}" has timed out progressing.`,
      },
      now,
    );
  }
  const timedOut = conditions.some(
    c => c.type === 'Progressing' && c.reason === 'ProgressDeadlineExceeded',
  );
  if (!paused && !complete && !timedOut && deadlineMs !== Infinity) {
    wakeAt = state.lastProgressAt + deadlineMs;
  }
  // Available before Progressing, the order the controller writes them in.
  status.conditions = [
    ...conditions.filter(c => c.type === 'Available'),
    ...conditions.filter(c => c.type !== 'Available'),
  ];
  const revision = current ? state.revisions.get(current) : undefined;
  return {
    status,
    annotations:
      revision !== undefined
        ? { [REVISION_ANNOTATION]: String(revision) }
        : undefined,
    wakeAt: earliest(wakeAt, nextPodWake(pods, now, minReadyMs)),
  };
}
