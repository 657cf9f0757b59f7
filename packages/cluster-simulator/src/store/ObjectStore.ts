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

import { KubeObject } from '../api/types';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** One change of one object, as kept for watches. */
export interface StoreEvent {
  type: WatchEventType;
  resource: string;
  /** '' for cluster-scoped objects. */
  namespace: string;
  name: string;
  resourceVersion: number;
  /** The object after the change; for DELETED its last state. */
  json: string;
  /** The object before the change, for selector transitions in watches. */
  previousJson?: string;
}

/** A stored object: kept serialized, which costs far less memory than objects. */
export interface StoredEntry {
  json: string;
  resourceVersion: number;
  namespace: string;
  name: string;
  labels?: Record<string, string>;
}

/**
 * Told of each change as it happens. For writes, `object` is the object
 * put() stored, which nobody may change: a listener may read it instead of
 * parsing the event's JSON.
 */
export type StoreListener = (event: StoreEvent, object?: KubeObject) => void;

export interface ObjectStoreOptions {
  /** How many past events a watch can resume from (default 20,000). */
  historySize?: number;
}

/**
 * The simulated etcd of one cluster: objects per resource, a single
 * increasing resourceVersion, and a bounded event history for watches.
 * It knows nothing of Kubernetes semantics; ResourceApi adds those.
 */
export class ObjectStore {
  private readonly buckets = new Map<
    string,
    Map<string, Map<string, StoredEntry>>
  >();
  private readonly history: StoreEvent[] = [];
  private historyStart = 0;
  private historyTruncated = false;
  private readonly listeners = new Set<StoreListener>();
  private readonly resetListeners = new Set<() => void>();
  private revision = 0;
  /** The JSON each object returned by put() was stored as, to answer without serializing again. */
  private readonly serialized = new WeakMap<KubeObject, string>();

  static create(options: ObjectStoreOptions = {}): ObjectStore {
    return new ObjectStore(options.historySize ?? 20_000);
  }

  private constructor(private readonly historySize: number) {}

  /** The latest resourceVersion handed out. */
  get resourceVersion(): number {
    return this.revision;
  }

  get(
    resource: string,
    namespace: string,
    name: string,
  ): StoredEntry | undefined {
    return this.buckets.get(resource)?.get(namespace)?.get(name);
  }

  read(
    resource: string,
    namespace: string,
    name: string,
  ): KubeObject | undefined {
    const entry = this.get(resource, namespace, name);
    return entry ? JSON.parse(entry.json) : undefined;
  }

  /** Entries of a resource, in one namespace or all, sorted by namespace and name. */
  list(resource: string, namespace?: string): StoredEntry[] {
    const bucket = this.buckets.get(resource);
    if (!bucket) return [];
    const namespaces =
      namespace !== undefined ? [namespace] : [...bucket.keys()].sort();
    const out: StoredEntry[] = [];
    for (const ns of namespaces) {
      const byName = bucket.get(ns);
      if (!byName) continue;
      const names = [...byName.keys()].sort();
      for (const name of names) out.push(byName.get(name)!);
    }
    return out;
  }

  count(resource: string): number {
    let total = 0;
    for (const byName of this.buckets.get(resource)?.values() ?? []) {
      total += byName.size;
    }
    return total;
  }

  /**
   * Writes an object, giving it the next resourceVersion. The object is
   * the store's from then on: listeners may hold it, so neither the caller
   * nor whoever it hands the object to may change it.
   */
  put(resource: string, object: KubeObject): KubeObject {
    const namespace = object.metadata.namespace ?? '';
    const name = object.metadata.name!;
    let bucket = this.buckets.get(resource);
    if (!bucket) {
      bucket = new Map();
      this.buckets.set(resource, bucket);
    }
    let byName = bucket.get(namespace);
    if (!byName) {
      byName = new Map();
      bucket.set(namespace, byName);
    }
    const previous = byName.get(name);
    const resourceVersion = ++this.revision;
    object.metadata.resourceVersion = String(resourceVersion);
    const json = JSON.stringify(object);
    this.serialized.set(object, json);
    byName.set(name, {
      json,
      resourceVersion,
      namespace,
      name,
      labels: object.metadata.labels,
    });
    this.emit(
      {
        type: previous ? 'MODIFIED' : 'ADDED',
        resource,
        namespace,
        name,
        resourceVersion,
        json,
        previousJson: previous?.json,
      },
      object,
    );
    return object;
  }

  /**
   * The JSON an object returned by put() was stored as, so that it can be
   * sent without serializing it again. Callers must not change such objects.
   */
  serializedJson(object: KubeObject): string | undefined {
    return this.serialized.get(object);
  }

  /** Removes an object; the DELETED event carries a new resourceVersion. */
  remove(resource: string, namespace: string, name: string): boolean {
    const byName = this.buckets.get(resource)?.get(namespace);
    const previous = byName?.get(name);
    if (!byName || !previous) return false;
    byName.delete(name);
    if (byName.size === 0) this.buckets.get(resource)!.delete(namespace);
    const resourceVersion = ++this.revision;
    // The deleted object carries the deletion's resourceVersion. Objects are
    // stored with metadata first, so the first resourceVersion key is theirs.
    const marker = `"resourceVersion":"${previous.resourceVersion}"`;
    let json = previous.json.replace(
      marker,
      `"resourceVersion":"${resourceVersion}"`,
    );
    if (json === previous.json) {
      const object: KubeObject = JSON.parse(previous.json);
      object.metadata.resourceVersion = String(resourceVersion);
      json = JSON.stringify(object);
    }
    this.emit({
      type: 'DELETED',
      resource,
      namespace,
      name,
      resourceVersion,
      json,
      previousJson: previous.json,
    });
    return true;
  }

  /**
   * Events after a resourceVersion, or undefined when the history no longer
   * reaches back that far (the API answers 410 Gone then).
   */
  eventsSince(resourceVersion: number): StoreEvent[] | undefined {
    const events = this.history;
    const oldest = events.length
      ? events[this.historyStart].resourceVersion
      : this.revision + 1;
    if (this.historyTruncated && resourceVersion < oldest - 1) return undefined;
    const ordered =
      this.historyStart === 0
        ? events
        : [
            ...events.slice(this.historyStart),
            ...events.slice(0, this.historyStart),
          ];
    // Binary search for the first event newer than resourceVersion.
    let low = 0;
    let high = ordered.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (ordered[mid].resourceVersion <= resourceVersion) low = mid + 1;
      else high = mid;
    }
    return ordered.slice(low);
  }

  /** The oldest resourceVersion a watch can still start from. */
  get oldestResumableVersion(): number {
    if (!this.historyTruncated || this.history.length === 0) return 0;
    return this.history[this.historyStart].resourceVersion - 1;
  }

  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called after reset(), so that open watches can end. */
  onReset(listener: () => void): () => void {
    this.resetListeners.add(listener);
    return () => this.resetListeners.delete(listener);
  }

  /** Drops every object and the history; resourceVersions keep increasing. */
  reset(): void {
    this.buckets.clear();
    this.history.length = 0;
    this.historyStart = 0;
    this.historyTruncated = false;
    for (const listener of [...this.resetListeners]) listener();
  }

  private emit(event: StoreEvent, object?: KubeObject): void {
    if (this.history.length < this.historySize) {
      this.history.push(event);
    } else {
      this.history[this.historyStart] = event;
      this.historyStart = (this.historyStart + 1) % this.historySize;
      this.historyTruncated = true;
    }
    for (const listener of [...this.listeners]) listener(event, object);
  }
}
