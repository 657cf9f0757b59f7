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
import { ResourceType } from '../api/resources';
import { KubeObject } from '../api/types';
import { getPath, isObject, JsonObject } from '../util/json';
import { humanDuration } from '../util/time';

/** How a client asked for the response: plain objects, a Table, or metadata only. */
export type ResponseShape =
  | { as: 'object' }
  | {
      as: 'Table';
      apiVersion: string;
      includeObject: 'None' | 'Metadata' | 'Object';
    }
  | { as: 'PartialObjectMetadata'; apiVersion: string };

/** Reads the Accept header the way the API server negotiates `as=Table` and friends. */
export function responseShape(
  accept: string | undefined,
  includeObject?: string,
): ResponseShape {
  if (!accept) return { as: 'object' };
  for (const clause of accept.split(',')) {
    const params = new Map(
      clause
        .split(';')
        .slice(1)
        .map(p => p.trim().split('=') as [string, string]),
    );
    const as = params.get('as');
    const group = params.get('g');
    const version = params.get('v') ?? 'v1';
    if (group !== 'meta.k8s.io' || !as) continue;
    if (version !== 'v1' && version !== 'v1beta1') continue;
    if (as === 'Table') {
      const include =
        includeObject === 'None' || includeObject === 'Object'
          ? includeObject
          : 'Metadata';
      return {
        as: 'Table',
        apiVersion: `meta.k8s.io/${version}`,
        includeObject: include,
      };
    }
    if (as === 'PartialObjectMetadata' || as === 'PartialObjectMetadataList') {
      return {
        as: 'PartialObjectMetadata',
        apiVersion: `meta.k8s.io/${version}`,
      };
    }
  }
  return { as: 'object' };
}

interface Column {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

const col = (
  name: string,
  type: string,
  description: string,
  priority = 0,
  format = '',
): Column => ({
  name,
  type,
  format,
  description,
  priority,
});

const NAME = col(
  'Name',
  'string',
  'Name must be unique within a namespace.',
  0,
  'name',
);
const AGE = col(
  'Age',
  'string',
  'CreationTimestamp is a timestamp representing the server time when this object was created.',
);
const CONTAINERS = col(
  'Containers',
  'string',
  'Names of each container in the template.',
  1,
);
const IMAGES = col(
  'Images',
  'string',
  'Images referenced by each container in the template.',
  1,
);
const SELECTOR = col(
  'Selector',
  'string',
  'The label selector of the workload.',
  1,
);

const COLUMNS: Record<string, Column[]> = {
  Namespace: [
    NAME,
    col('Status', 'string', 'The status of the namespace'),
    AGE,
  ],
  Deployment: [
    NAME,
    col('Ready', 'string', 'Number of the pod with ready state'),
    col(
      'Up-to-date',
      'integer',
      'Total number of non-terminated pods targeted by this deployment that have the desired template spec.',
    ),
    col(
      'Available',
      'integer',
      'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.',
    ),
    AGE,
    CONTAINERS,
    IMAGES,
    SELECTOR,
  ],
  StatefulSet: [
    NAME,
    col('Ready', 'string', 'Number of the pod with ready state'),
    AGE,
    CONTAINERS,
    IMAGES,
  ],
  DaemonSet: [
    NAME,
    col(
      'Desired',
      'integer',
      'The total number of nodes that should be running the daemon pod.',
    ),
    col(
      'Current',
      'integer',
      'The number of nodes that are running at least 1 daemon pod.',
    ),
    col(
      'Ready',
      'integer',
      'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready.',
    ),
    col(
      'Up-to-date',
      'integer',
      'The total number of nodes that are running updated daemon pod',
    ),
    col(
      'Available',
      'integer',
      'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available.',
    ),
    col(
      'Node Selector',
      'string',
      'NodeSelector is a selector which must be true for the pod to fit on a node.',
    ),
    AGE,
    CONTAINERS,
    IMAGES,
    SELECTOR,
  ],
  Pod: [
    NAME,
    col(
      'Ready',
      'string',
      'The aggregate readiness state of this pod for accepting traffic.',
    ),
    col(
      'Status',
      'string',
      'The aggregate status of the containers in this pod.',
    ),
    col(
      'Restarts',
      'string',
      'The number of times the containers in this pod have been restarted.',
    ),
    AGE,
    col('IP', 'string', 'IP address allocated to the pod.', 1),
    col('Node', 'string', 'Name of the node this pod is running on.', 1),
    col(
      'Nominated Node',
      'string',
      'Name of the node this pod is nominated to run on.',
      1,
    ),
    col('Readiness Gates', 'string', 'Readiness gates of the pod.', 1),
  ],
};

function n(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}

function containerInfo(object: KubeObject): [string, string] {
  const containers = getPath(object, [
    'spec',
    'template',
    'spec',
    'containers',
  ]);
  const list = Array.isArray(containers) ? (containers as JsonObject[]) : [];
  return [
    list.map(c => String(c.name)).join(','),
    list.map(c => String(c.image)).join(','),
  ];
}

function selectorText(selector: unknown): string {
  if (!isObject(selector)) return '<none>';
  const parts = Object.entries(
    (selector.matchLabels as Record<string, string>) ?? {},
  ).map(([k, v]) => `${k}=${v}`);
  const expressions = Array.isArray(selector.matchExpressions)
    ? selector.matchExpressions
    : [];
  for (const e of expressions as JsonObject[]) {
    const values = Array.isArray(e.values)
      ? (e.values as string[]).join(',')
      : '';
    parts.push(`${e.key} ${String(e.operator).toLowerCase()} (${values})`);
  }
  return parts.length ? parts.join(',') : '<none>';
}

function podStatusText(pod: KubeObject): string {
  if (pod.metadata.deletionTimestamp) return 'Terminating';
  const statuses = getPath(pod, ['status', 'containerStatuses']);
  if (Array.isArray(statuses)) {
    for (const s of statuses as JsonObject[]) {
      const reason = getPath(s, ['state', 'waiting', 'reason']);
      if (typeof reason === 'string') return reason;
    }
  }
  return String(getPath(pod, ['status', 'phase']) ?? 'Unknown');
}

/** The cells of one row, as the API server's table convertors compute them. */
export function tableCells(
  type: ResourceType,
  object: KubeObject,
  now: number,
): unknown[] {
  const created = Date.parse(object.metadata.creationTimestamp ?? '');
  const age = Number.isNaN(created)
    ? '<unknown>'
    : humanDuration(now - created);
  const name = object.metadata.name;
  const status = (object.status ?? {}) as JsonObject;
  const spec = (object.spec ?? {}) as JsonObject;
  switch (type.kind) {
    case 'Namespace':
      return [name, status.phase ?? 'Active', age];
    case 'Deployment': {
      const [containers, images] = containerInfo(object);
      return [
        name,
        `${n(status.readyReplicas)}/${n(spec.replicas)}`,
        n(status.updatedReplicas),
        n(status.availableReplicas),
        age,
        containers,
        images,
        selectorText(spec.selector),
      ];
    }
    case 'StatefulSet': {
      const [containers, images] = containerInfo(object);
      return [
        name,
        `${n(status.readyReplicas)}/${n(spec.replicas)}`,
        age,
        containers,
        images,
      ];
    }
    case 'DaemonSet': {
      const [containers, images] = containerInfo(object);
      const nodeSelector = getPath(spec, ['template', 'spec', 'nodeSelector']);
      return [
        name,
        n(status.desiredNumberScheduled),
        n(status.currentNumberScheduled),
        n(status.numberReady),
        n(status.updatedNumberScheduled),
        n(status.numberAvailable),
        isObject(nodeSelector)
          ? Object.entries(nodeSelector)
              .map(([k, v]) => `${k}=${v}`)
              .join(',')
          : '<none>',
        age,
        containers,
        images,
        selectorText(spec.selector),
      ];
    }
    case 'Pod': {
      const statuses = getPath(object, ['status', 'containerStatuses']);
      const list = Array.isArray(statuses) ? (statuses as JsonObject[]) : [];
      const ready = list.filter(s => s.ready === true).length;
      const total = Array.isArray(spec.containers)
        ? spec.containers.length
        : list.length;
      const restarts = list.reduce((sum, s) => sum + n(s.restartCount), 0);
      return [
        name,
        `${ready}/${total}`,
        podStatusText(object),
        String(restarts),
        age,
        getPath(object, ['status', 'podIP']) ?? '<none>',
        spec.nodeName ?? '<none>',
        '<none>',
        '<none>',
      ];
    }
    default:
      return [name, age];
  }
}

export function partialMetadata(
  object: KubeObject,
  apiVersion = 'meta.k8s.io/v1',
): JsonObject {
  return {
    kind: 'PartialObjectMetadata',
    apiVersion,
    metadata: object.metadata,
  };
}

/** A meta.k8s.io Table of objects; headers are left out when `withHeaders` is false (watch events after the first). */
export function toTable(
  type: ResourceType,
  objects: KubeObject[],
  shape: Extract<ResponseShape, { as: 'Table' }>,
  meta: JsonObject,
  now: number,
  withHeaders = true,
): JsonObject {
  const columns = COLUMNS[type.kind] ?? [NAME, AGE];
  return {
    kind: 'Table',
    apiVersion: shape.apiVersion,
    metadata: meta,
    ...(withHeaders
      ? { columnDefinitions: columns }
      : { columnDefinitions: null }),
    rows: objects.map(object => ({
      cells: tableCells(type, object, now),
      ...(shape.includeObject === 'None'
        ? {}
        : {
            object:
              shape.includeObject === 'Object'
                ? object
                : partialMetadata(object, shape.apiVersion),
          }),
    })),
  };
}
