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
import { parse as parseYaml } from 'yaml';
import { ImageHistory } from '../admin/ImageHistory';
import { applyJsonPatch, PatchError } from '../patch/jsonPatch';
import { applyConfiguration, recordUpdate } from '../patch/managedFields';
import { applyMergePatch } from '../patch/mergePatch';
import { copyForPatch } from '../patch/patchTarget';
import { applyStrategicMergePatch } from '../patch/strategicMergePatch';
import { ObjectStore, StoredEntry } from '../store/ObjectStore';
import {
  matchesFields,
  matchesLabels,
  needsObject,
  parseFieldSelector,
  parseLabelSelector,
} from '../store/selectors';
import { clone, copyJson, deepEqual, isObject, orderKeys } from '../util/json';
import { randomSuffix } from '../util/names';
import { rfc3339 } from '../util/time';
import { applyDefaults } from './defaults';
import {
  alreadyExists,
  ApiError,
  badRequest,
  conflict,
  invalid,
  methodNotAllowed,
  notFound,
  StatusBody,
  unprocessable,
} from './errors';
import {
  apiVersionOf,
  NAMESPACES,
  RESOURCE_TYPES,
  ResourceType,
} from './resources';
import { KubeObject } from './types';
import { validateObject } from './validation';

export type PatchType = 'json' | 'merge' | 'strategic' | 'apply';

/** Who writes, and how: the query parameters and headers that shape a write. */
export interface WriteOptions {
  /** The `fieldManager` query parameter. */
  fieldManager?: string;
  /** The User-Agent, whose product name is the manager when none is given. */
  userAgent?: string;
  /** `dryRun=All`: validate and answer, but store nothing. */
  dryRun?: boolean;
  /** `force=true` for server-side apply. */
  force?: boolean;
}

export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
}

export interface ListPage {
  entries: StoredEntry[];
  resourceVersion: string;
  continue?: string;
  remainingItemCount?: number;
}

const TOP_LEVEL_ORDER = ['apiVersion', 'kind', 'metadata', 'spec', 'status'];
const METADATA_ORDER = [
  'name',
  'generateName',
  'namespace',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'labels',
  'annotations',
  'ownerReferences',
  'finalizers',
  'managedFields',
];

/** Puts keys in the order the API server writes them. */
export function normalizeObject(object: KubeObject): KubeObject {
  const ordered = orderKeys(object, TOP_LEVEL_ORDER);
  ordered.metadata = orderKeys(object.metadata, METADATA_ORDER);
  return ordered;
}

function managerOf(options: WriteOptions): string {
  if (options.fieldManager) return options.fieldManager;
  const agent = options.userAgent ?? '';
  const product = agent.split('/')[0].trim();
  return product || 'unknown';
}

/** How long a terminating namespace waits before its content is removed. */
const NAMESPACE_FINALIZE_MS = 50;

/**
 * The Kubernetes semantics of reads and writes: resourceVersion checks,
 * generation, uid and timestamps, defaulting, validation, the four patch
 * strategies, managed fields, and namespace lifecycle. One per cluster.
 */
export class ResourceApi {
  private readonly timers = new Set<NodeJS.Timeout>();

  static create(options: {
    store: ObjectStore;
    imageHistory?: ImageHistory;
    now?: () => number;
  }): ResourceApi {
    return new ResourceApi(
      options.store,
      options.imageHistory ?? ImageHistory.create(),
      options.now ?? Date.now,
    );
  }

  private constructor(
    readonly store: ObjectStore,
    readonly imageHistory: ImageHistory,
    private readonly now: () => number,
  ) {}

  get(type: ResourceType, namespace: string, name: string): KubeObject {
    const object = this.store.read(
      type.resource,
      type.namespaced ? namespace : '',
      name,
    );
    if (!object) throw notFound(type, name);
    return object;
  }

  list(
    type: ResourceType,
    namespace: string | undefined,
    options: ListOptions = {},
  ): ListPage {
    const labels = parseLabelSelector(options.labelSelector);
    const fields = parseFieldSelector(options.fieldSelector, type.resource);
    const parse = needsObject(fields);
    const resourceVersion = String(this.store.resourceVersion);
    let entries = this.store.list(
      type.resource,
      type.namespaced ? namespace : undefined,
    );
    if (labels.length > 0 || fields.length > 0) {
      entries = entries.filter(
        e =>
          matchesLabels(labels, e.labels) &&
          matchesFields(
            fields,
            e.name,
            e.namespace,
            parse ? JSON.parse(e.json) : undefined,
          ),
      );
    }
    if (options.continue) {
      let start: string;
      try {
        start = JSON.parse(
          Buffer.from(options.continue, 'base64url').toString(),
        ).start;
      } catch {
        throw badRequest('continue key is not valid: illegal base64 data');
      }
      entries = entries.filter(e => `${e.namespace}/${e.name}` > start);
    }
    if (options.limit && options.limit > 0 && entries.length > options.limit) {
      const page = entries.slice(0, options.limit);
      const last = page[page.length - 1];
      const token = Buffer.from(
        JSON.stringify({
          rv: resourceVersion,
          start: `${last.namespace}/${last.name}`,
        }),
      ).toString('base64url');
      return {
        entries: page,
        resourceVersion,
        continue: token,
        remainingItemCount: entries.length - page.length,
      };
    }
    return { entries, resourceVersion };
  }

  create(
    type: ResourceType,
    namespace: string,
    body: unknown,
    options: WriteOptions = {},
  ): KubeObject {
    this.rejectDerived(type, 'create');
    const object = this.decodeBody(type, body);
    if (type.namespaced) {
      if (
        object.metadata.namespace &&
        object.metadata.namespace !== namespace
      ) {
        throw badRequest(
          'the namespace of the provided object does not match the namespace sent on the request',
        );
      }
      object.metadata.namespace = namespace;
    } else {
      delete object.metadata.namespace;
    }
    if (!object.metadata.name && object.metadata.generateName) {
      object.metadata.name = `${object.metadata.generateName}${randomSuffix()}`;
    }
    const name = object.metadata.name ?? '';
    if (name === '') {
      throw invalid(type, '', [
        {
          reason: 'FieldValueRequired',
          message: 'name or generateName is required',
          field: 'metadata.name',
        },
      ]);
    }
    this.requireNamespace(type, namespace, name, true);
    if (this.store.get(type.resource, type.namespaced ? namespace : '', name)) {
      throw alreadyExists(type, name);
    }
    return this.commit(type, undefined, object, options, managerOf(options));
  }

  replace(
    type: ResourceType,
    namespace: string,
    name: string,
    body: unknown,
    options: WriteOptions = {},
  ): KubeObject {
    this.rejectDerived(type, 'update');
    const object = this.decodeBody(type, body);
    if (object.metadata.name && object.metadata.name !== name) {
      throw badRequest(
        `the name of the object (${object.metadata.name}) does not match the name on the URL (${name})`,
      );
    }
    if (
      type.namespaced &&
      object.metadata.namespace &&
      object.metadata.namespace !== namespace
    ) {
      throw badRequest(
        'the namespace of the provided object does not match the namespace sent on the request',
      );
    }
    const previous = this.get(type, namespace, name);
    object.metadata.name = name;
    return this.commit(type, previous, object, options, managerOf(options));
  }

  patch(
    type: ResourceType,
    namespace: string,
    name: string,
    patchType: PatchType,
    body: string,
    options: WriteOptions = {},
  ): KubeObject {
    this.rejectDerived(type, 'patch');
    if (patchType === 'apply')
      return this.apply(type, namespace, name, body, options);
    let patch: unknown;
    try {
      patch = JSON.parse(body);
    } catch (error) {
      throw badRequest(`error decoding patch: ${(error as Error).message}`);
    }
    const previous = this.get(type, namespace, name);
    let next: KubeObject;
    try {
      // A JSON patch may touch any path; the others only what they name,
      // so they get a copy of just that, sharing the rest with `previous`.
      if (patchType === 'json') {
        next = applyJsonPatch(copyJson(previous), patch, false);
      } else if (patchType === 'merge') {
        next = applyMergePatch(copyForPatch(previous, patch), patch);
      } else {
        next = applyStrategicMergePatch(
          copyForPatch(previous, patch),
          patch,
          false,
        );
      }
    } catch (error) {
      if (error instanceof PatchError) throw unprocessable(error.message);
      throw error;
    }
    if (!isObject(next) || !isObject(next.metadata)) {
      throw unprocessable('the patched object has no metadata');
    }
    if (next.metadata.name !== name) {
      throw badRequest(
        `the name of the object (${next.metadata.name}) does not match the name on the URL (${name})`,
      );
    }
    return this.commit(type, previous, next, options, managerOf(options));
  }

  delete(
    type: ResourceType,
    namespace: string,
    name: string,
    options: WriteOptions = {},
  ): KubeObject | StatusBody {
    const previous = this.get(type, namespace, name);
    if (type === NAMESPACES) return this.deleteNamespace(previous, options);
    if (options.dryRun) return previous;
    this.store.remove(type.resource, type.namespaced ? namespace : '', name);
    if (type.derived) {
      previous.metadata.deletionTimestamp = rfc3339(this.now());
      previous.metadata.deletionGracePeriodSeconds = 30;
      return previous;
    }
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Success',
      details: {
        name,
        ...(type.group ? { group: type.group } : {}),
        kind: type.resource,
        uid: previous.metadata.uid,
      },
    } as unknown as StatusBody;
  }

  /** Stops pending namespace finalization. */
  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private apply(
    type: ResourceType,
    namespace: string,
    name: string,
    body: string,
    options: WriteOptions,
  ): KubeObject {
    if (!options.fieldManager) {
      throw badRequest(
        'PATCH, fieldManager: Required value: is required for apply patch',
      );
    }
    let applied: unknown;
    try {
      applied = parseYaml(body);
    } catch (error) {
      throw badRequest(`error decoding YAML: ${(error as Error).message}`);
    }
    const object = this.decodeBody(type, applied, true);
    if (object.metadata.name && object.metadata.name !== name) {
      throw badRequest(
        `the name of the object (${object.metadata.name}) does not match the name on the URL (${name})`,
      );
    }
    if (
      type.namespaced &&
      object.metadata.namespace &&
      object.metadata.namespace !== namespace
    ) {
      throw badRequest(
        'the namespace of the provided object does not match the namespace sent on the request',
      );
    }
    object.metadata.name = name;
    if (type.namespaced) object.metadata.namespace = namespace;
    const previous = this.store.read(
      type.resource,
      type.namespaced ? namespace : '',
      name,
    );
    if (!previous) this.requireNamespace(type, namespace, name, true);
    const now = this.now();
    const result = applyConfiguration({
      type,
      current: previous,
      applied: object,
      manager: options.fieldManager,
      force: options.force ?? false,
      apiVersion: apiVersionOf(type),
      now,
    });
    const next = result.object;
    next.metadata.managedFields = result.managedFields;
    if (object.metadata.resourceVersion === undefined && previous) {
      next.metadata.resourceVersion = previous.metadata.resourceVersion;
    }
    return this.commit(
      type,
      previous,
      next,
      options,
      options.fieldManager,
      result.managedFields,
    );
  }

  private commit(
    type: ResourceType,
    previous: KubeObject | undefined,
    input: KubeObject,
    options: WriteOptions,
    manager: string,
    appliedManagedFields?: KubeObject['metadata']['managedFields'],
  ): KubeObject {
    const now = this.now();
    const next = input;
    next.apiVersion = apiVersionOf(type);
    next.kind = type.kind;
    const meta = next.metadata;
    if (previous) {
      const requested = meta.resourceVersion;
      if (requested && requested !== previous.metadata.resourceVersion) {
        throw conflict(type, previous.metadata.name!);
      }
      meta.name = previous.metadata.name;
      meta.namespace = previous.metadata.namespace;
      meta.uid = previous.metadata.uid;
      meta.creationTimestamp = previous.metadata.creationTimestamp;
      meta.deletionTimestamp = previous.metadata.deletionTimestamp;
      meta.generation = previous.metadata.generation;
      meta.resourceVersion = previous.metadata.resourceVersion;
      // Writes to the main resource never change status (the /status subresource does).
      if (previous.status !== undefined) next.status = previous.status;
      else delete next.status;
    } else {
      meta.uid = randomUUID();
      meta.creationTimestamp = rfc3339(now);
      delete meta.resourceVersion;
      delete meta.deletionTimestamp;
      if (type.workload) {
        meta.generation = 1;
        next.status = {};
      } else {
        delete meta.generation;
      }
      if (type === NAMESPACES) next.status = { phase: 'Active' };
    }
    applyDefaults(type, next);
    const causes = validateObject(type, next, previous);
    if (causes.length > 0) throw invalid(type, meta.name ?? '', causes);
    if (previous && type.workload && !deepEqual(previous.spec, next.spec)) {
      meta.generation = (previous.metadata.generation ?? 1) + 1;
    }
    meta.managedFields = appliedManagedFields
      ? appliedManagedFields
      : recordUpdate(previous, next, manager, apiVersionOf(type), now);
    // The API server leaves out an empty list, as after an apply of a name.
    if (!meta.managedFields?.length) delete meta.managedFields;
    const normalized = normalizeObject(next);
    if (previous && deepEqual(previous, normalized)) return previous;
    if (options.dryRun) return normalized;
    const stored = this.store.put(type.resource, normalized);
    if (type.workload) this.imageHistory.record(previous, stored, now);
    return stored;
  }

  private decodeBody(
    type: ResourceType,
    body: unknown,
    partial = false,
  ): KubeObject {
    if (!isObject(body))
      throw badRequest('the body of the request must be a JSON object');
    const object = clone(body) as KubeObject;
    const apiVersion = apiVersionOf(type);
    if (object.apiVersion !== undefined && object.apiVersion !== apiVersion) {
      throw badRequest(
        `the API version in the data (${object.apiVersion}) does not match the expected API version (${apiVersion})`,
      );
    }
    if (object.kind !== undefined && object.kind !== type.kind) {
      throw badRequest(
        `the kind in the data (${object.kind}) does not match the expected kind (${type.kind})`,
      );
    }
    if (
      partial &&
      (object.apiVersion === undefined || object.kind === undefined)
    ) {
      throw badRequest('apiVersion and kind are required for apply');
    }
    if (object.metadata === undefined) object.metadata = {};
    if (!isObject(object.metadata))
      throw badRequest('metadata must be an object');
    return object;
  }

  private rejectDerived(type: ResourceType, verb: string): void {
    if (type.derived) {
      throw methodNotAllowed(
        `${verb} is not supported on ${type.resource}: the cluster simulator derives them from Deployments, StatefulSets and DaemonSets`,
      );
    }
  }

  private requireNamespace(
    type: ResourceType,
    namespace: string,
    name: string,
    creating: boolean,
  ): void {
    if (!type.namespaced) return;
    const ns = this.store.read(NAMESPACES.resource, '', namespace);
    if (!ns) throw notFound(NAMESPACES, namespace);
    if (creating && ns.metadata.deletionTimestamp) {
      throw new ApiError(
        403,
        'Forbidden',
        `${type.resource}${
          type.group ? `.${type.group}` : ''
        } "${name}" is forbidden: unable to create new content in namespace ${namespace} because it is being terminated`,
        {
          name,
          ...(type.group ? { group: type.group } : {}),
          kind: type.resource,
        },
      );
    }
  }

  private deleteNamespace(
    namespace: KubeObject,
    options: WriteOptions,
  ): KubeObject {
    if (options.dryRun || namespace.metadata.deletionTimestamp)
      return namespace;
    const name = namespace.metadata.name!;
    namespace.metadata.deletionTimestamp = rfc3339(this.now());
    namespace.status = { ...namespace.status, phase: 'Terminating' };
    const stored = this.store.put(
      NAMESPACES.resource,
      normalizeObject(namespace),
    );
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      for (const type of RESOURCE_TYPES) {
        if (!type.namespaced) continue;
        for (const entry of this.store.list(type.resource, name)) {
          this.store.remove(type.resource, name, entry.name);
        }
      }
      this.store.remove(NAMESPACES.resource, '', name);
    }, NAMESPACE_FINALIZE_MS);
    timer.unref?.();
    this.timers.add(timer);
    return stored;
  }
}
