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

import { WorkloadKind } from './types';

/** What the API knows of one resource type: names, scope and verbs. */
export interface ResourceType {
  /** API group; '' for the core group. */
  group: string;
  version: string;
  /** Plural resource name used in URLs. */
  resource: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  shortNames: string[];
  verbs: string[];
  categories?: string[];
  /** Set for the workloads the controller rolls out. */
  workload?: WorkloadKind;
  /** Pods are derived from workloads, so clients may only read or delete them. */
  derived?: boolean;
}

// No deletecollection: DELETE on a collection answers 405, so discovery
// does not offer it (kubectl delete --all and -l delete one by one).
const WORKLOAD_VERBS = [
  'create',
  'delete',
  'get',
  'list',
  'patch',
  'update',
  'watch',
];

export const NAMESPACES: ResourceType = {
  group: '',
  version: 'v1',
  resource: 'namespaces',
  singular: 'namespace',
  kind: 'Namespace',
  namespaced: false,
  shortNames: ['ns'],
  verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
};

export const PODS: ResourceType = {
  group: '',
  version: 'v1',
  resource: 'pods',
  singular: 'pod',
  kind: 'Pod',
  namespaced: true,
  shortNames: ['po'],
  verbs: ['delete', 'get', 'list', 'watch'],
  categories: ['all'],
  derived: true,
};

export const DEPLOYMENTS: ResourceType = {
  group: 'apps',
  version: 'v1',
  resource: 'deployments',
  singular: 'deployment',
  kind: 'Deployment',
  namespaced: true,
  shortNames: ['deploy'],
  verbs: WORKLOAD_VERBS,
  categories: ['all'],
  workload: 'Deployment',
};

export const STATEFULSETS: ResourceType = {
  group: 'apps',
  version: 'v1',
  resource: 'statefulsets',
  singular: 'statefulset',
  kind: 'StatefulSet',
  namespaced: true,
  shortNames: ['sts'],
  verbs: WORKLOAD_VERBS,
  categories: ['all'],
  workload: 'StatefulSet',
};

export const DAEMONSETS: ResourceType = {
  group: 'apps',
  version: 'v1',
  resource: 'daemonsets',
  singular: 'daemonset',
  kind: 'DaemonSet',
  namespaced: true,
  shortNames: ['ds'],
  verbs: WORKLOAD_VERBS,
  categories: ['all'],
  workload: 'DaemonSet',
};

export const RESOURCE_TYPES: readonly ResourceType[] = [
  NAMESPACES,
  PODS,
  DEPLOYMENTS,
  STATEFULSETS,
  DAEMONSETS,
];

export const WORKLOAD_TYPES: readonly ResourceType[] = [
  DEPLOYMENTS,
  STATEFULSETS,
  DAEMONSETS,
];

export function apiVersionOf(type: ResourceType): string {
  return type.group ? `${type.group}/${type.version}` : type.version;
}

/** `deployments.apps`, `namespaces`: the name Kubernetes uses in messages. */
export function groupResourceOf(type: ResourceType): string {
  return type.group ? `${type.resource}.${type.group}` : type.resource;
}

/** `Deployment.apps`, `Namespace`: the kind as written in Invalid messages. */
export function groupKindOf(type: ResourceType): string {
  return type.group ? `${type.kind}.${type.group}` : type.kind;
}

export function findResourceType(
  group: string,
  version: string,
  resource: string,
): ResourceType | undefined {
  return RESOURCE_TYPES.find(
    t => t.group === group && t.version === version && t.resource === resource,
  );
}

export function resourceTypeForKind(kind: string): ResourceType | undefined {
  return RESOURCE_TYPES.find(t => t.kind === kind);
}
