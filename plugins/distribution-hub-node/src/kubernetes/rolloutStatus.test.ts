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
import { rolloutStatus, RolloutWorkload } from './rolloutStatus';

function deployment(
  generation: number,
  spec: object,
  status: object,
  annotations?: Record<string, string>,
): RolloutWorkload {
  return {
    kind: 'Deployment',
    metadata: { name: 'web', generation, annotations },
    spec,
    status,
  };
}

const progressing = (reason: string) => ({
  conditions: [
    {
      type: 'Progressing',
      status: reason === 'ProgressDeadlineExceeded' ? 'False' : 'True',
      reason,
    },
  ],
});

describe('rolloutStatus for Deployments (kubectl DeploymentStatusViewer)', () => {
  it.each([
    [
      'generation ahead of observedGeneration',
      deployment(
        3,
        { replicas: 3 },
        {
          observedGeneration: 2,
          replicas: 3,
          updatedReplicas: 3,
          availableReplicas: 3,
        },
      ),
      {
        done: false,
        message: 'Waiting for deployment spec update to be observed...',
      },
    ],
    [
      'a deadline exceeded is not reported before the generation is observed',
      deployment(
        3,
        { replicas: 3 },
        { observedGeneration: 2, ...progressing('ProgressDeadlineExceeded') },
      ),
      {
        done: false,
        message: 'Waiting for deployment spec update to be observed...',
      },
    ],
    [
      'updatedReplicas below spec.replicas',
      deployment(
        2,
        { replicas: 3 },
        {
          observedGeneration: 2,
          replicas: 4,
          updatedReplicas: 1,
          availableReplicas: 3,
        },
      ),
      {
        done: false,
        message:
          'Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...',
      },
    ],
    [
      'updatedReplicas absent (omitted when zero)',
      deployment(2, { replicas: 2 }, { observedGeneration: 2, replicas: 2 }),
      {
        done: false,
        message:
          'Waiting for deployment "web" rollout to finish: 0 out of 2 new replicas have been updated...',
      },
    ],
    [
      'old replicas pending termination',
      deployment(
        2,
        { replicas: 3 },
        {
          observedGeneration: 2,
          replicas: 4,
          updatedReplicas: 3,
          availableReplicas: 3,
        },
      ),
      {
        done: false,
        message:
          'Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...',
      },
    ],
    [
      'availableReplicas below updatedReplicas',
      deployment(
        2,
        { replicas: 3 },
        {
          observedGeneration: 2,
          replicas: 3,
          updatedReplicas: 3,
          availableReplicas: 2,
        },
      ),
      {
        done: false,
        message:
          'Waiting for deployment "web" rollout to finish: 2 of 3 updated replicas are available...',
      },
    ],
    [
      'everything updated and available',
      deployment(
        2,
        { replicas: 3 },
        {
          observedGeneration: 2,
          replicas: 3,
          updatedReplicas: 3,
          availableReplicas: 3,
          ...progressing('NewReplicaSetAvailable'),
        },
      ),
      { done: true, message: 'deployment "web" successfully rolled out' },
    ],
    [
      'observedGeneration ahead of generation counts as observed',
      deployment(
        2,
        { replicas: 1 },
        {
          observedGeneration: 3,
          replicas: 1,
          updatedReplicas: 1,
          availableReplicas: 1,
        },
      ),
      { done: true, message: 'deployment "web" successfully rolled out' },
    ],
    [
      'no spec.replicas: the updated check is skipped',
      deployment(
        1,
        {},
        {
          observedGeneration: 1,
          replicas: 1,
          updatedReplicas: 1,
          availableReplicas: 1,
        },
      ),
      { done: true, message: 'deployment "web" successfully rolled out' },
    ],
    [
      'zero replicas',
      deployment(4, { replicas: 0 }, { observedGeneration: 4 }),
      { done: true, message: 'deployment "web" successfully rolled out' },
    ],
  ])('%s', (_, workload, expected) => {
    expect(rolloutStatus(workload)).toEqual(expected);
  });

  it('fails once the progress deadline is exceeded, before looking at counts', () => {
    const workload = deployment(
      2,
      { replicas: 3 },
      {
        observedGeneration: 2,
        replicas: 4,
        updatedReplicas: 1,
        availableReplicas: 3,
        ...progressing('ProgressDeadlineExceeded'),
      },
    );
    expect(rolloutStatus(workload)).toEqual({
      done: false,
      message: '',
      error: 'deployment "web" exceeded its progress deadline',
    });
  });

  it('checks a pinned revision against the revision annotation', () => {
    const workload = deployment(
      2,
      { replicas: 1 },
      {
        observedGeneration: 2,
        replicas: 1,
        updatedReplicas: 1,
        availableReplicas: 1,
      },
      { 'deployment.kubernetes.io/revision': '3' },
    );
    expect(rolloutStatus(workload, 3).done).toBe(true);
    expect(rolloutStatus(workload, 2)).toEqual({
      done: false,
      message: '',
      error: 'desired revision (2) is different from the running revision (3)',
    });
    expect(
      rolloutStatus(
        { ...workload, metadata: { name: 'web', generation: 2 } },
        2,
      ).error,
    ).toMatch(/cannot get the revision of deployment "web"/);
  });
});

function statefulSet(
  generation: number,
  spec: object,
  status: object,
): RolloutWorkload {
  return {
    kind: 'StatefulSet',
    metadata: { name: 'db', generation },
    spec,
    status,
  };
}

const rolling = (partition?: number) => ({
  type: 'RollingUpdate',
  ...(partition === undefined ? {} : { rollingUpdate: { partition } }),
});

describe('rolloutStatus for StatefulSets (kubectl StatefulSetStatusViewer)', () => {
  it.each([
    [
      'OnDelete has no rollout status',
      statefulSet(
        1,
        { replicas: 3, updateStrategy: { type: 'OnDelete' } },
        { observedGeneration: 1 },
      ),
      {
        done: true,
        message: '',
        error:
          'rollout status is only available for RollingUpdate strategy type',
      },
    ],
    [
      'observedGeneration zero',
      statefulSet(
        1,
        { replicas: 3, updateStrategy: rolling(0) },
        { replicas: 3, readyReplicas: 3 },
      ),
      {
        done: false,
        message: 'Waiting for statefulset spec update to be observed...',
      },
    ],
    [
      'generation ahead of observedGeneration',
      statefulSet(
        3,
        { replicas: 3, updateStrategy: rolling(0) },
        { observedGeneration: 2, readyReplicas: 3 },
      ),
      {
        done: false,
        message: 'Waiting for statefulset spec update to be observed...',
      },
    ],
    [
      'readyReplicas below spec.replicas',
      statefulSet(
        2,
        { replicas: 3, updateStrategy: rolling(0) },
        { observedGeneration: 2, replicas: 3, readyReplicas: 1 },
      ),
      { done: false, message: 'Waiting for 2 pods to be ready...' },
    ],
    [
      'partitioned update still updating pods above the partition',
      statefulSet(
        2,
        { replicas: 3, updateStrategy: rolling(1) },
        {
          observedGeneration: 2,
          replicas: 3,
          readyReplicas: 3,
          updatedReplicas: 1,
        },
      ),
      {
        done: false,
        message:
          'Waiting for partitioned roll out to finish: 1 out of 2 new pods have been updated...',
      },
    ],
    [
      'partitioned update complete (pods below the partition keep the old revision)',
      statefulSet(
        2,
        { replicas: 3, updateStrategy: rolling(1) },
        {
          observedGeneration: 2,
          replicas: 3,
          readyReplicas: 3,
          updatedReplicas: 2,
          currentRevision: 'db-a',
          updateRevision: 'db-b',
        },
      ),
      {
        done: true,
        message:
          'partitioned roll out complete: 2 new pods have been updated...',
      },
    ],
    [
      'defaulted partition 0 reports through the partition branch',
      statefulSet(
        2,
        { replicas: 2, updateStrategy: rolling(0) },
        {
          observedGeneration: 2,
          replicas: 2,
          readyReplicas: 2,
          updatedReplicas: 2,
        },
      ),
      {
        done: true,
        message:
          'partitioned roll out complete: 2 new pods have been updated...',
      },
    ],
    [
      'without rollingUpdate: updateRevision differs from currentRevision',
      statefulSet(
        2,
        { replicas: 3, updateStrategy: rolling() },
        {
          observedGeneration: 2,
          replicas: 3,
          readyReplicas: 3,
          updatedReplicas: 1,
          currentRevision: 'db-a',
          updateRevision: 'db-b',
        },
      ),
      {
        done: false,
        message:
          'waiting for statefulset rolling update to complete 1 pods at revision db-b...',
      },
    ],
    [
      'without rollingUpdate: revisions equal',
      statefulSet(
        2,
        { replicas: 3, updateStrategy: rolling() },
        {
          observedGeneration: 2,
          replicas: 3,
          readyReplicas: 3,
          currentReplicas: 3,
          updatedReplicas: 3,
          currentRevision: 'db-b',
          updateRevision: 'db-b',
        },
      ),
      {
        done: true,
        message:
          'statefulset rolling update complete 3 pods at revision db-b...',
      },
    ],
  ])('%s', (_, workload, expected) => {
    expect(rolloutStatus(workload)).toEqual(expected);
  });
});

function daemonSet(
  generation: number,
  status: object,
  type = 'RollingUpdate',
): RolloutWorkload {
  return {
    kind: 'DaemonSet',
    metadata: { name: 'agent', generation },
    spec: { updateStrategy: { type } },
    status,
  };
}

describe('rolloutStatus for DaemonSets (kubectl DaemonSetStatusViewer)', () => {
  it.each([
    [
      'OnDelete has no rollout status',
      daemonSet(1, { observedGeneration: 1 }, 'OnDelete'),
      {
        done: true,
        message: '',
        error:
          'rollout status is only available for RollingUpdate strategy type',
      },
    ],
    [
      'generation ahead of observedGeneration',
      daemonSet(2, { observedGeneration: 1, desiredNumberScheduled: 3 }),
      {
        done: false,
        message: 'Waiting for daemon set spec update to be observed...',
      },
    ],
    [
      'updatedNumberScheduled below desiredNumberScheduled',
      daemonSet(2, {
        observedGeneration: 2,
        desiredNumberScheduled: 3,
        updatedNumberScheduled: 1,
        numberAvailable: 3,
      }),
      {
        done: false,
        message:
          'Waiting for daemon set "agent" rollout to finish: 1 out of 3 new pods have been updated...',
      },
    ],
    [
      'numberAvailable below desiredNumberScheduled',
      daemonSet(2, {
        observedGeneration: 2,
        desiredNumberScheduled: 3,
        updatedNumberScheduled: 3,
        numberAvailable: 2,
      }),
      {
        done: false,
        message:
          'Waiting for daemon set "agent" rollout to finish: 2 of 3 updated pods are available...',
      },
    ],
    [
      'all nodes updated and available',
      daemonSet(2, {
        observedGeneration: 2,
        desiredNumberScheduled: 3,
        updatedNumberScheduled: 3,
        numberAvailable: 3,
      }),
      { done: true, message: 'daemon set "agent" successfully rolled out' },
    ],
  ])('%s', (_, workload, expected) => {
    expect(rolloutStatus(workload)).toEqual(expected);
  });
});

it('has no status viewer for other kinds', () => {
  expect(
    rolloutStatus({ kind: 'ReplicaSet', metadata: { name: 'x' } }).error,
  ).toBe('no status viewer has been implemented for ReplicaSet');
});
