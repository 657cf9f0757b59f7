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
import { PODS } from '../api/resources';
import { KubeObject } from '../api/types';
import { ObjectStore } from '../store/ObjectStore';
import { SimulatedPod } from './pods';
import { WorkloadState } from './rollout';

/**
 * A settled workload's state, kept small: with a hundred thousand workloads
 * the full state (pod models, maps) would cost about a kilobyte each. The
 * pods themselves are in the store and are read back when the workload
 * changes again.
 */
export interface DormantWorkload {
  uid: string;
  currentHash?: string;
  /** A Deployment's ReplicaSet revisions as `hash=revision` pairs, comma-separated. */
  revisions: string;
  maxRevision: number;
  currentRevision?: string;
  templateGeneration?: number;
  /** Kept templates as revision, JSON, revision, JSON, … */
  templates?: string[];
  lastTemplateKey?: string;
  lastTemplateHash?: string;
  /** The pods as `name revision node createdAt ordinal` lines. */
  pods: string;
}

/**
 * Whether a workload has nothing left to do: every pod shown ready and
 * available, and (but for a partitioned StatefulSet) at the current revision.
 */
export function isSettled(
  state: WorkloadState,
  available: (pod: SimulatedPod) => boolean,
): boolean {
  return state.pods.every(
    p =>
      p.shownReady &&
      available(p) &&
      (p.revision === state.currentHash || state.resource === 'statefulsets'),
  );
}

export function toDormant(state: WorkloadState): DormantWorkload {
  const dormant: DormantWorkload = {
    uid: state.uid,
    revisions: [...state.revisions]
      .map(([hash, n]) => `${hash}=${n}`)
      .join(','),
    maxRevision: state.maxRevision,
    pods: state.pods
      .map(
        p =>
          `${p.name} ${p.revision} ${p.node} ${p.createdAt} ${p.ordinal ?? ''}`,
      )
      .join('\n'),
  };
  if (state.currentHash !== undefined) dormant.currentHash = state.currentHash;
  if (state.currentRevision !== undefined)
    dormant.currentRevision = state.currentRevision;
  if (state.templateGeneration !== undefined)
    dormant.templateGeneration = state.templateGeneration;
  if (state.templates.size > 0) dormant.templates = [...state.templates].flat();
  if (state.lastTemplateKey !== undefined)
    dormant.lastTemplateKey = state.lastTemplateKey;
  if (state.lastTemplateHash !== undefined)
    dormant.lastTemplateHash = state.lastTemplateHash;
  return dormant;
}

function podModel(line: string): SimulatedPod {
  const [name, revision, node, createdAt, ordinal] = line.split(' ');
  return {
    name,
    revision,
    createdAt: Number(createdAt),
    // Dormant workloads only have pods that were ready and available.
    readyAt: 0,
    shownReady: true,
    node,
    ...(ordinal ? { ordinal: Number(ordinal) } : {}),
  };
}

/** Rebuilds the full state, reading the pods back from the store. */
export function fromDormant(
  key: string,
  dormant: DormantWorkload,
  store: ObjectStore,
  now: number,
): WorkloadState {
  const [resource, namespace, name] = key.split('/');
  // Pods deleted meanwhile (by someone else) are left out.
  const pods = (dormant.pods ? dormant.pods.split('\n') : [])
    .map(podModel)
    .filter(p => store.get(PODS.resource, namespace, p.name) !== undefined);
  const templates = new Map<string, string>();
  for (let i = 0; i + 1 < (dormant.templates?.length ?? 0); i += 2) {
    templates.set(dormant.templates![i], dormant.templates![i + 1]);
  }
  return {
    key,
    resource,
    namespace,
    name,
    uid: dormant.uid,
    pods,
    templates,
    currentHash: dormant.currentHash,
    revisions: new Map(
      (dormant.revisions ? dormant.revisions.split(',') : []).map(pair => {
        const [hash, n] = pair.split('=');
        return [hash, Number(n)] as [string, number];
      }),
    ),
    maxRevision: dormant.maxRevision,
    lastProgressAt: now,
    currentRevision: dormant.currentRevision,
    templateGeneration: dormant.templateGeneration,
    lastTemplateKey: dormant.lastTemplateKey,
    lastTemplateHash: dormant.lastTemplateHash,
  };
}

/** The workload key (`deployments/ns/name`) owning a pod, from its ownerReferences. */
export function ownerKeyOf(pod: KubeObject): string | undefined {
  const owner = (pod.metadata.ownerReferences ?? []).find(
    r => r.controller === true,
  );
  if (!owner) return undefined;
  const namespace = pod.metadata.namespace ?? '';
  const ownerName = String(owner.name);
  switch (owner.kind) {
    case 'ReplicaSet': {
      // A Deployment's ReplicaSet is named `<deployment>-<pod-template-hash>`.
      const hash = pod.metadata.labels?.['pod-template-hash'];
      const deployment =
        hash && ownerName.endsWith(`-${hash}`)
          ? ownerName.slice(0, -hash.length - 1)
          : ownerName;
      return `deployments/${namespace}/${deployment}`;
    }
    case 'StatefulSet':
      return `statefulsets/${namespace}/${ownerName}`;
    case 'DaemonSet':
      return `daemonsets/${namespace}/${ownerName}`;
    default:
      return undefined;
  }
}
