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
import { randomUUID } from 'node:crypto';
import { KubeObject } from '../api/types';
import { clone, getPath, isObject, JsonObject } from '../util/json';
import { rfc3339 } from '../util/time';

/** What the controller remembers of a pod it created. */
export interface SimulatedPod {
  name: string;
  /** pod-template-hash (Deployment) or revision name (StatefulSet, DaemonSet). */
  revision: string;
  createdAt: number;
  /** When the pod becomes ready; undefined when its image can never start. */
  readyAt?: number;
  /** Whether the stored pod object already shows it ready. */
  shownReady: boolean;
  node: string;
  ordinal?: number;
}

export function isReady(pod: SimulatedPod, now: number): boolean {
  return pod.readyAt !== undefined && now >= pod.readyAt;
}

export function isAvailable(
  pod: SimulatedPod,
  now: number,
  minReadyMs: number,
): boolean {
  return pod.readyAt !== undefined && now >= pod.readyAt + minReadyMs;
}

export function nodeName(index: number): string {
  return `sim-node-${index + 1}`;
}

let ipCounter = 0;
function nextPodIp(): string {
  ipCounter = (ipCounter + 1) % 65000;
  return `10.244.${Math.floor(ipCounter / 250)}.${(ipCounter % 250) + 2}`;
}

function nodeIp(node: string): string {
  const index = Number(node.replace(/\D+/g, '')) || 1;
  return `172.18.0.${index + 1}`;
}

export interface PodSource {
  owner: KubeObject;
  ownerKind: string;
  /** Name of the owning controller object: the ReplicaSet for a Deployment. */
  ownerName: string;
  ownerUid: string;
  template: JsonObject;
  extraLabels: Record<string, string>;
  /** Whether any container image is a broken one. */
  broken: boolean;
}

function containerNames(spec: JsonObject): string[] {
  const list = spec.containers;
  return Array.isArray(list)
    ? list.map(c => String((c as JsonObject).name))
    : [];
}

/** The pod status for a pod starting, running, or stuck on an image it cannot pull. */
export function podStatus(
  pod: KubeObject,
  model: SimulatedPod,
  now: number,
): JsonObject {
  const spec = (pod.spec ?? {}) as JsonObject;
  const ready = isReady(model, now);
  const started = rfc3339(model.createdAt);
  const containers = Array.isArray(spec.containers)
    ? (spec.containers as JsonObject[])
    : [];
  const names = containerNames(spec);
  const existingIp = getPath(pod, ['status', 'podIP']);
  const podIP = typeof existingIp === 'string' ? existingIp : nextPodIp();
  const condition = (
    type: string,
    status: boolean,
    reason?: string,
    message?: string,
  ) => ({
    type,
    status: status ? 'True' : 'False',
    lastProbeTime: null,
    lastTransitionTime:
      status && type !== 'PodScheduled' && ready
        ? rfc3339(model.readyAt!)
        : started,
    ...(reason ? { reason } : {}),
    ...(message ? { message } : {}),
  });
  const unready = `containers with unready status: [${names.join(' ')}]`;
  return {
    phase: ready ? 'Running' : 'Pending',
    conditions: [
      condition('PodReadyToStartContainers', true),
      condition('Initialized', true),
      condition(
        'Ready',
        ready,
        ready ? undefined : 'ContainersNotReady',
        ready ? undefined : unready,
      ),
      condition(
        'ContainersReady',
        ready,
        ready ? undefined : 'ContainersNotReady',
        ready ? undefined : unready,
      ),
      condition('PodScheduled', true),
    ],
    hostIP: nodeIp(model.node),
    hostIPs: [{ ip: nodeIp(model.node) }],
    podIP,
    podIPs: [{ ip: podIP }],
    startTime: started,
    containerStatuses: containers.map(c => ({
      name: c.name,
      state: ready
        ? { running: { startedAt: rfc3339(model.readyAt!) } }
        : {
            waiting:
              model.readyAt === undefined
                ? {
                    reason: 'ImagePullBackOff',
                    message: `Back-off pulling image "${c.image}": ErrImagePull: failed to pull and unpack image "${c.image}": not found`,
                  }
                : { reason: 'ContainerCreating' },
          },
      lastState: {},
      ready,
      restartCount: 0,
      image: c.image,
      imageID: ready
        ? `${String(c.image).split(':')[0]}@sha256:${'0'.repeat(64)}`
        : '',
      ...(ready
        ? {
            containerID: `containerd://${model.name
              .replace(/[^a-z0-9]/g, '')
              .padEnd(64, '0')
              .slice(0, 64)}`,
          }
        : {}),
      started: ready,
    })),
    qosClass: 'BestEffort',
  };
}

/** Builds the Pod object for a pod the controller has just created. */
export function buildPod(
  source: PodSource,
  model: SimulatedPod,
  now: number,
): KubeObject {
  const templateMeta = (source.template.metadata ?? {}) as JsonObject;
  // A shallow copy does: the pod is serialized at once and nothing nested is changed.
  const podSpec = { ...((source.template.spec ?? {}) as JsonObject) };
  podSpec.nodeName = model.node;
  podSpec.serviceAccountName ??= 'default';
  podSpec.serviceAccount ??= podSpec.serviceAccountName;
  podSpec.enableServiceLinks ??= true;
  podSpec.preemptionPolicy ??= 'PreemptLowerPriority';
  podSpec.priority ??= 0;
  const labels = {
    ...((templateMeta.labels as Record<string, string>) ?? {}),
    ...source.extraLabels,
  };
  const annotations = templateMeta.annotations as
    | Record<string, string>
    | undefined;
  const pod: KubeObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: model.name,
      ...(source.ownerKind !== 'StatefulSet'
        ? { generateName: `${source.ownerName}-` }
        : {}),
      namespace: source.owner.metadata.namespace,
      uid: randomUUID(),
      creationTimestamp: rfc3339(model.createdAt),
      labels,
      ...(annotations && isObject(annotations)
        ? { annotations: clone(annotations) }
        : {}),
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: source.ownerKind,
          name: source.ownerName,
          uid: source.ownerUid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: podSpec,
  };
  pod.status = podStatus(pod, model, now);
  return pod;
}
