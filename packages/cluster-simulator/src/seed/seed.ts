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
import { parseAllDocuments } from 'yaml';
import { KubeObject } from '../api/types';
import { clone, isObject } from '../util/json';

/**
 * The annotation naming the clusters a seeded object belongs to, as a
 * comma-separated list of cluster names. Without it, an object goes to every
 * cluster. The simulator removes it before storing the object.
 */
export const SEED_CLUSTERS_ANNOTATION =
  'simulator.distribution-hub.io/clusters';

export const SEEDABLE_KINDS = [
  'Namespace',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
];

/** Parses multi-document YAML into seedable objects; `List` documents are unpacked. */
export function parseSeedDocuments(
  text: string,
  source = 'seed',
): KubeObject[] {
  const objects: KubeObject[] = [];
  const documents = parseAllDocuments(text);
  for (const [index, document] of documents.entries()) {
    if (document.errors.length > 0) {
      throw new Error(
        `${source}: document ${index + 1}: ${document.errors[0].message}`,
      );
    }
    const value = document.toJS();
    if (value === null || value === undefined) continue;
    const items =
      isObject(value) && value.kind === 'List' && Array.isArray(value.items)
        ? value.items
        : [value];
    for (const item of items) {
      if (
        !isObject(item) ||
        typeof item.kind !== 'string' ||
        !isObject(item.metadata)
      ) {
        throw new Error(
          `${source}: document ${index + 1} is not a Kubernetes object`,
        );
      }
      if (!SEEDABLE_KINDS.includes(item.kind)) {
        throw new Error(
          `${source}: document ${index + 1}: kind ${
            item.kind
          } cannot be seeded (supported: ${SEEDABLE_KINDS.join(', ')})`,
        );
      }
      if (typeof item.metadata.name !== 'string' || item.metadata.name === '') {
        throw new Error(
          `${source}: document ${index + 1}: metadata.name is required`,
        );
      }
      objects.push(item as unknown as KubeObject);
    }
  }
  return objects;
}

/** The objects meant for one cluster, without the routing annotation. */
export function seedObjectsFor(
  cluster: string,
  objects: KubeObject[],
): KubeObject[] {
  const out: KubeObject[] = [];
  for (const object of objects) {
    const annotation = object.metadata.annotations?.[SEED_CLUSTERS_ANNOTATION];
    if (annotation !== undefined) {
      const targets = annotation
        .split(',')
        .map(s => s.trim())
        .filter(Boolean);
      if (!targets.includes(cluster)) continue;
    }
    const copy = clone(object);
    if (copy.metadata.annotations) {
      delete copy.metadata.annotations[SEED_CLUSTERS_ANNOTATION];
      if (Object.keys(copy.metadata.annotations).length === 0)
        delete copy.metadata.annotations;
    }
    out.push(copy);
  }
  return out;
}

/** Cluster names a seed refers to that are not among the given clusters. */
export function unknownSeedClusters(
  objects: KubeObject[],
  clusters: string[],
): string[] {
  const unknown = new Set<string>();
  for (const object of objects) {
    const annotation = object.metadata.annotations?.[SEED_CLUSTERS_ANNOTATION];
    for (const name of (annotation ?? '')
      .split(',')
      .map(s => s.trim())
      .filter(Boolean)) {
      if (!clusters.includes(name)) unknown.add(name);
    }
  }
  return [...unknown];
}
