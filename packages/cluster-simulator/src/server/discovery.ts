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
import { apiVersionOf, RESOURCE_TYPES, ResourceType } from '../api/resources';
import { JsonObject } from '../util/json';

/** The Kubernetes version the simulator answers as. */
export const SIMULATED_VERSION = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.0+cluster-simulator',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2026-01-01T00:00:00Z',
  goVersion: 'go1.23.4',
  compiler: 'gc',
  platform: 'linux/amd64',
};

const GROUPS = ['apps'];

function resourceEntry(type: ResourceType): JsonObject {
  return {
    name: type.resource,
    singularName: type.singular,
    namespaced: type.namespaced,
    kind: type.kind,
    verbs: type.verbs,
    ...(type.shortNames.length ? { shortNames: type.shortNames } : {}),
    ...(type.categories ? { categories: type.categories } : {}),
  };
}

function statusEntry(type: ResourceType): JsonObject {
  return {
    name: `${type.resource}/status`,
    singularName: '',
    namespaced: type.namespaced,
    kind: type.kind,
    verbs: ['get'],
  };
}

/** `/api`: the core group's versions. */
export function coreVersions(serverAddress: string): JsonObject {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function groupDocument(name: string): JsonObject {
  const version = { groupVersion: `${name}/v1`, version: 'v1' };
  return { name, versions: [version], preferredVersion: version };
}

/** `/apis`: the named groups. */
export function groupList(): JsonObject {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: GROUPS.map(groupDocument),
  };
}

/** `/apis/<group>`, or undefined for a group the simulator does not serve. */
export function group(name: string): JsonObject | undefined {
  if (!GROUPS.includes(name)) return undefined;
  return { kind: 'APIGroup', apiVersion: 'v1', ...groupDocument(name) };
}

/** `/api/v1`, `/apis/apps/v1`: the resources of one group version. */
export function resourceList(
  groupName: string,
  version: string,
): JsonObject | undefined {
  const types = RESOURCE_TYPES.filter(
    t => t.group === groupName && t.version === version,
  );
  if (types.length === 0) return undefined;
  const resources: JsonObject[] = [];
  for (const type of types) {
    resources.push(resourceEntry(type));
    if (type.workload || type.kind === 'Namespace' || type.kind === 'Pod') {
      resources.push(statusEntry(type));
    }
  }
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: apiVersionOf(types[0]),
    resources,
  };
}
