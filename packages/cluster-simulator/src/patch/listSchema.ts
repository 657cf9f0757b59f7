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

/**
 * How a list field merges, by field name: the subset of the Kubernetes
 * OpenAPI extensions (x-kubernetes-patch-merge-key, x-kubernetes-list-type,
 * x-kubernetes-list-map-keys) that the served resources use. Lists not named
 * here are atomic: a patch or an apply replaces them whole.
 */
export interface ListSchema {
  /** Keys identifying an element (list-type map); the first is the patch merge key. */
  keys?: string[];
  /** A list of scalars merged as a set (list-type set). */
  set?: boolean;
}

const LISTS: Record<string, ListSchema> = {
  containers: { keys: ['name'] },
  initContainers: { keys: ['name'] },
  ephemeralContainers: { keys: ['name'] },
  env: { keys: ['name'] },
  ports: { keys: ['containerPort', 'protocol'] },
  volumeMounts: { keys: ['mountPath'] },
  volumeDevices: { keys: ['devicePath'] },
  volumes: { keys: ['name'] },
  imagePullSecrets: { keys: ['name'] },
  hostAliases: { keys: ['ip'] },
  topologySpreadConstraints: { keys: ['topologyKey', 'whenUnsatisfiable'] },
  resourceClaims: { keys: ['name'] },
  schedulingGates: { keys: ['name'] },
  conditions: { keys: ['type'] },
  ownerReferences: { keys: ['uid'] },
  finalizers: { set: true },
};

/** Maps that are replaced whole rather than merged key by key. */
const ATOMIC_MAPS = new Set(['selector']);

export function listSchemaOf(field: string): ListSchema | undefined {
  return LISTS[field];
}

export function isAtomicMap(field: string): boolean {
  return ATOMIC_MAPS.has(field);
}

/** Default values of list keys, as the API server fills them before matching. */
export function listKeyValue(
  item: Record<string, unknown>,
  key: string,
): unknown {
  if (key === 'protocol' && item[key] === undefined) return 'TCP';
  return item[key];
}
