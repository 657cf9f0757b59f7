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

function getPath(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (
      typeof current !== 'object' ||
      current === null ||
      Array.isArray(current)
    ) {
      return undefined;
    }
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/**
 * A workload as read from the API: Deployment, StatefulSet or DaemonSet.
 *
 * @public
 */
export interface RolloutWorkload {
  kind?: string;
  metadata?: {
    name?: string;
    generation?: number;
    annotations?: Record<string, string>;
  };
  spec?: object;
  status?: object;
}

/**
 * What `kubectl rollout status` concludes from one observation of a workload:
 * `done` ends the wait successfully; `error` ends it with a failure (the
 * rollout exceeded its progress deadline, the revision moved on, or the
 * workload's update strategy has no rollout status); otherwise `message`
 * says what is still awaited.
 *
 * @public
 */
export interface RolloutStatus {
  done: boolean;
  message: string;
  error?: string;
}

function num(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}

function optionalNum(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

/**
 * The decision `kubectl rollout status` makes, case by case as in
 * k8s.io/kubectl/pkg/polymorphichelpers/rollout_status.go, as a pure
 * function. `revision` pins a Deployment revision as `--revision` does.
 * The simulator's controllers and the hub's rollout engine both use it.
 *
 * @public
 */
export function rolloutStatus(
  workload: RolloutWorkload,
  revision?: number,
): RolloutStatus {
  switch (workload.kind) {
    case 'Deployment':
      return deploymentStatus(workload, revision);
    case 'StatefulSet':
      return statefulSetStatus(workload);
    case 'DaemonSet':
      return daemonSetStatus(workload);
    default:
      return {
        done: false,
        message: '',
        error: `no status viewer has been implemented for ${
          workload.kind ?? 'an object without kind'
        }`,
      };
  }
}

function deploymentStatus(
  d: RolloutWorkload,
  revision?: number,
): RolloutStatus {
  const name = d.metadata?.name ?? '';
  if (revision !== undefined && revision > 0) {
    const annotation =
      d.metadata?.annotations?.['deployment.kubernetes.io/revision'];
    const current = annotation === undefined ? NaN : Number(annotation);
    if (!Number.isInteger(current)) {
      return {
        done: false,
        message: '',
        error: `cannot get the revision of deployment "${name}": revision annotation missing or invalid`,
      };
    }
    if (current !== revision) {
      return {
        done: false,
        message: '',
        error: `desired revision (${revision}) is different from the running revision (${current})`,
      };
    }
  }
  const status = d.status ?? {};
  const generation = num(d.metadata?.generation);
  if (generation <= num(getPath(status, ['observedGeneration']))) {
    const conditions = getPath(status, ['conditions']);
    const progressing = Array.isArray(conditions)
      ? conditions.find(c => c?.type === 'Progressing')
      : undefined;
    if (progressing?.reason === 'ProgressDeadlineExceeded') {
      return {
        done: false,
        message: '',
        error: `deployment "${name}" exceeded its progress deadline`,
      };
    }
    const replicas = optionalNum(getPath(d.spec, ['replicas']));
    const updated = num(getPath(status, ['updatedReplicas']));
    const total = num(getPath(status, ['replicas']));
    const available = num(getPath(status, ['availableReplicas']));
    if (replicas !== undefined && updated < replicas) {
      return {
        done: false,
        message: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${replicas} new replicas have been updated...`,
      };
    }
    if (total > updated) {
      return {
        done: false,
        message: `Waiting for deployment "${name}" rollout to finish: ${
          total - updated
        } old replicas are pending termination...`,
      };
    }
    if (available < updated) {
      return {
        done: false,
        message: `Waiting for deployment "${name}" rollout to finish: ${available} of ${updated} updated replicas are available...`,
      };
    }
    return {
      done: true,
      message: `deployment "${name}" successfully rolled out`,
    };
  }
  return {
    done: false,
    message: 'Waiting for deployment spec update to be observed...',
  };
}

function daemonSetStatus(ds: RolloutWorkload): RolloutStatus {
  const name = ds.metadata?.name ?? '';
  if (getPath(ds.spec, ['updateStrategy', 'type']) !== 'RollingUpdate') {
    return {
      done: true,
      message: '',
      error: 'rollout status is only available for RollingUpdate strategy type',
    };
  }
  const status = ds.status ?? {};
  if (
    num(ds.metadata?.generation) <= num(getPath(status, ['observedGeneration']))
  ) {
    const desired = num(getPath(status, ['desiredNumberScheduled']));
    const updated = num(getPath(status, ['updatedNumberScheduled']));
    const available = num(getPath(status, ['numberAvailable']));
    if (updated < desired) {
      return {
        done: false,
        message: `Waiting for daemon set "${name}" rollout to finish: ${updated} out of ${desired} new pods have been updated...`,
      };
    }
    if (available < desired) {
      return {
        done: false,
        message: `Waiting for daemon set "${name}" rollout to finish: ${available} of ${desired} updated pods are available...`,
      };
    }
    return {
      done: true,
      message: `daemon set "${name}" successfully rolled out`,
    };
  }
  return {
    done: false,
    message: 'Waiting for daemon set spec update to be observed...',
  };
}

function statefulSetStatus(sts: RolloutWorkload): RolloutStatus {
  const strategy = getPath(sts.spec, ['updateStrategy', 'type']);
  if (strategy !== 'RollingUpdate') {
    return {
      done: true,
      message: '',
      error: 'rollout status is only available for RollingUpdate strategy type',
    };
  }
  const status = sts.status ?? {};
  const observed = num(getPath(status, ['observedGeneration']));
  if (observed === 0 || num(sts.metadata?.generation) > observed) {
    return {
      done: false,
      message: 'Waiting for statefulset spec update to be observed...',
    };
  }
  const replicas = optionalNum(getPath(sts.spec, ['replicas']));
  const ready = num(getPath(status, ['readyReplicas']));
  const updated = num(getPath(status, ['updatedReplicas']));
  if (replicas !== undefined && ready < replicas) {
    return {
      done: false,
      message: `Waiting for ${replicas - ready} pods to be ready...`,
    };
  }
  const rollingUpdate = getPath(sts.spec, ['updateStrategy', 'rollingUpdate']);
  if (rollingUpdate !== undefined && rollingUpdate !== null) {
    const partition = optionalNum(getPath(rollingUpdate, ['partition']));
    if (
      replicas !== undefined &&
      partition !== undefined &&
      updated < replicas - partition
    ) {
      return {
        done: false,
        message: `Waiting for partitioned roll out to finish: ${updated} out of ${
          replicas - partition
        } new pods have been updated...`,
      };
    }
    return {
      done: true,
      message: `partitioned roll out complete: ${updated} new pods have been updated...`,
    };
  }
  const updateRevision = getPath(status, ['updateRevision']);
  const currentRevision = getPath(status, ['currentRevision']);
  if (updateRevision !== currentRevision) {
    return {
      done: false,
      message: `waiting for statefulset rolling update to complete ${updated} pods at revision ${updateRevision}...`,
    };
  }
  return {
    done: true,
    message: `statefulset rolling update complete ${num(
      getPath(status, ['currentReplicas']),
    )} pods at revision ${currentRevision}...`,
  };
}
