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
import { rolloutStatus } from '@sdh/plugin-distribution-hub-node';
import { RolloutHistory } from '../admin/RolloutHistory';
import { normalizeObject } from '../api/ResourceApi';
import { PODS, ResourceType, WORKLOAD_TYPES } from '../api/resources';
import { KubeObject } from '../api/types';
import { ObjectStore, StoreEvent } from '../store/ObjectStore';
import { deepEqual, getPath, isObject, JsonObject } from '../util/json';
import { reconcileDaemonSet } from './daemonSetRollout';
import { reconcileDeployment } from './deploymentRollout';
import {
  buildPod,
  isAvailable,
  isReady,
  podStatus,
  SimulatedPod,
} from './pods';
import {
  DormantWorkload,
  fromDormant,
  isSettled,
  ownerKeyOf,
  toDormant,
} from './dormancy';
import {
  hashTemplate,
  RolloutContext,
  RolloutResult,
  WorkloadState,
} from './rollout';
import {
  ControllerSettings,
  DEFAULT_CONTROLLER_SETTINGS,
  scaledMs,
} from './settings';
import {
  brokenImagesAnnotationOf,
  hasBrokenImage,
  workloadBrokenImagePattern,
} from './brokenImages';
import { reconcileStatefulSet } from './statefulSetRollout';
import { DelayQueue } from './DelayQueue';

const RECONCILERS: Record<string, (ctx: RolloutContext) => RolloutResult> = {
  deployments: reconcileDeployment,
  statefulsets: reconcileStatefulSet,
  daemonsets: reconcileDaemonSet,
};

/** metadata.generation read without parsing: metadata is written first, and no earlier key is named so. */
function generationOf(json: string | undefined): string | undefined {
  if (!json) return undefined;
  return /"generation":(\d+)/.exec(json)?.[1];
}

function keyOf(resource: string, namespace: string, name: string): string {
  return `${resource}/${namespace}/${name}`;
}

/** Whether a status says the Deployment rollout exceeded its progress deadline. */
function deadlineExceeded(status: JsonObject): boolean {
  return (
    Array.isArray(status.conditions) &&
    status.conditions.some(
      c =>
        isObject(c) &&
        c.type === 'Progressing' &&
        c.reason === 'ProgressDeadlineExceeded',
    )
  );
}

/** Whether `kubectl rollout status` would report success for the workload with this status. */
function rolloutDone(
  type: ResourceType,
  object: KubeObject,
  status: JsonObject,
): boolean {
  const result = rolloutStatus({
    kind: type.kind,
    metadata: object.metadata,
    spec: object.spec,
    status,
  });
  return result.done && result.error === undefined;
}

/**
 * The simulated kube-controller-manager of one cluster: watches workloads in
 * the store, creates and deletes their pods over simulated time, and writes
 * their status the way the Deployment, StatefulSet and DaemonSet
 * controllers do. Pods are stored as real Pod objects, so clients can list
 * and watch them.
 */
export class WorkloadController {
  private readonly states = new Map<string, WorkloadState>();
  /**
   * The workload objects last stored, by key, for the reconcile that is due
   * for them: reading one costs nothing where parsing its JSON is a good
   * part of a reconcile. Held only until that reconcile, which checks the
   * resourceVersion, so that they die young.
   */
  private readonly written = new Map<string, KubeObject>();
  private readonly dormant = new Map<string, DormantWorkload>();
  private readonly ownDeletes = new Set<string>();
  private readonly queue: DelayQueue;
  private readonly unsubscribe: (() => void)[] = [];
  private currentSettings: ControllerSettings;

  static create(options: {
    store: ObjectStore;
    settings?: Partial<ControllerSettings>;
    /** Where completed and failed rollouts are recorded; a history of its own by default. */
    rolloutHistory?: RolloutHistory;
  }): WorkloadController {
    return new WorkloadController(
      options.store,
      {
        ...DEFAULT_CONTROLLER_SETTINGS,
        ...options.settings,
      },
      options.rolloutHistory ?? RolloutHistory.create(),
    );
  }

  private constructor(
    private readonly store: ObjectStore,
    settings: ControllerSettings,
    readonly rolloutHistory: RolloutHistory,
  ) {
    this.currentSettings = settings;
    this.queue = DelayQueue.create(key => this.reconcile(key));
    this.unsubscribe.push(
      store.subscribe((event, object) => this.onEvent(event, object)),
    );
    this.unsubscribe.push(
      store.onReset(() => {
        this.states.clear();
        this.dormant.clear();
        this.written.clear();
        this.queue.clear();
      }),
    );
  }

  get settings(): ControllerSettings {
    return this.currentSettings;
  }

  updateSettings(settings: Partial<ControllerSettings>): void {
    const previous = this.currentSettings.brokenImagePattern;
    this.currentSettings = { ...this.currentSettings, ...settings };
    const pattern = this.currentSettings.brokenImagePattern;
    if (
      pattern.source !== previous.source ||
      pattern.flags !== previous.flags
    ) {
      // Pods stuck on an image that no longer matches start now. Only
      // active workloads can have such pods: dormant ones are settled.
      for (const state of this.states.values()) {
        if (state.pods.some(p => p.readyAt === undefined)) {
          this.queue.schedule(state.key, Date.now());
        }
      }
    }
  }

  /**
   * Brings a workload to its finished state at once: pods created and
   * ready, status complete. Used for seeding, where workloads should look
   * like they have been running for a while.
   */
  settle(type: ResourceType, namespace: string, name: string): void {
    this.reconcile(keyOf(type.resource, namespace, name), true);
  }

  /** Reconciles a workload now instead of at its scheduled time. */
  reconcileNow(type: ResourceType, namespace: string, name: string): void {
    this.reconcile(keyOf(type.resource, namespace, name));
  }

  close(): void {
    this.queue.close();
    this.written.clear();
    for (const stop of this.unsubscribe) stop();
  }

  private onEvent(event: StoreEvent, object?: KubeObject): void {
    if (event.resource === PODS.resource) {
      if (event.type !== 'DELETED') return;
      const podKey = `${event.namespace}/${event.name}`;
      if (this.ownDeletes.delete(podKey)) return;
      const owner = ownerKeyOf(JSON.parse(event.json));
      const state = owner ? this.activeState(owner) : undefined;
      if (!state) return;
      // Someone deleted a pod: drop it, and let the controller replace it.
      state.pods = state.pods.filter(p => p.name !== event.name);
      this.queue.schedule(state.key, Date.now());
      return;
    }
    if (!RECONCILERS[event.resource]) return;
    const key = keyOf(event.resource, event.namespace, event.name);
    if (event.type === 'DELETED') {
      this.queue.cancel(key);
      this.written.delete(key);
      this.dropWorkload(key);
      return;
    }
    // Kept for a reconcile already due, or for the one scheduled below.
    if (object && this.written.has(key)) this.written.set(key, object);
    if (
      event.type === 'MODIFIED' &&
      generationOf(event.json) === generationOf(event.previousJson)
    ) {
      // A metadata-only change bumps no generation, but a changed
      // broken-images annotation may let stuck pods start (only active
      // workloads have any).
      if (
        this.states.has(key) &&
        brokenImagesAnnotationOf(event.json) !==
          brokenImagesAnnotationOf(event.previousJson)
      ) {
        this.schedule(key, Date.now(), object);
      }
      return;
    }
    const delay = scaledMs(
      this.currentSettings,
      this.currentSettings.observeDelaySeconds,
    );
    this.schedule(key, Date.now() + delay, object);
  }

  private schedule(key: string, at: number, object?: KubeObject): void {
    this.queue.schedule(key, at);
    if (object) this.written.set(key, object);
  }

  /** The stored workload, from `written` when that is still the stored version. */
  private readWorkload(
    key: string,
    resource: string,
    namespace: string,
    name: string,
  ): KubeObject | undefined {
    const entry = this.store.get(resource, namespace, name);
    const written = this.written.get(key);
    this.written.delete(key);
    if (!entry) return undefined;
    if (written?.metadata.resourceVersion === String(entry.resourceVersion)) {
      return written;
    }
    return JSON.parse(entry.json);
  }

  /** A stored pod of a workload, from its podObjects when still the stored version. */
  private readPod(state: WorkloadState, name: string): KubeObject | undefined {
    const entry = this.store.get(PODS.resource, state.namespace, name);
    const written = state.podObjects?.get(name);
    state.podObjects?.delete(name);
    if (!entry) return undefined;
    if (written?.metadata.resourceVersion === String(entry.resourceVersion)) {
      return written;
    }
    return JSON.parse(entry.json);
  }

  /** Stores a pod with a new status; the stored pod object is left as it is. */
  private writePod(
    state: WorkloadState,
    pod: KubeObject,
    model: SimulatedPod,
    now: number,
  ): void {
    const stored = this.store.put(PODS.resource, {
      ...pod,
      metadata: { ...pod.metadata },
      status: podStatus(pod, model, now),
    });
    // Pods shown ready are not written again.
    if (!isReady(model, now)) this.rememberPod(state, model.name, stored);
  }

  private rememberPod(
    state: WorkloadState,
    name: string,
    pod: KubeObject,
  ): void {
    if (!state.podObjects) state.podObjects = new Map();
    state.podObjects.set(name, pod);
  }

  /** The full state of a workload, woken from dormancy if need be. */
  private activeState(key: string): WorkloadState | undefined {
    const active = this.states.get(key);
    if (active) return active;
    const dormant = this.dormant.get(key);
    if (!dormant) return undefined;
    this.dormant.delete(key);
    const state = fromDormant(key, dormant, this.store, Date.now());
    this.states.set(key, state);
    return state;
  }

  private dropWorkload(key: string): void {
    const state = this.activeState(key);
    if (!state) return;
    this.states.delete(key);
    for (const pod of state.pods) this.removePod(state, pod);
  }

  private removePod(state: WorkloadState, pod: SimulatedPod): void {
    state.podObjects?.delete(pod.name);
    const podKey = `${state.namespace}/${pod.name}`;
    if (this.store.get(PODS.resource, state.namespace, pod.name)) {
      this.ownDeletes.add(podKey);
      this.store.remove(PODS.resource, state.namespace, pod.name);
    }
  }

  private reconcile(key: string, instant = false): void {
    const [resource, namespace, name] = key.split('/');
    const type = WORKLOAD_TYPES.find(t => t.resource === resource);
    const reconciler = RECONCILERS[resource];
    if (!type || !reconciler) return;
    // Only read: the status is written as a new object.
    const object = this.readWorkload(key, resource, namespace, name);
    if (!object) {
      this.dropWorkload(key);
      return;
    }
    let state = this.activeState(key);
    if (!state || state.uid !== object.metadata.uid) {
      if (state) this.dropWorkload(key);
      state = {
        key,
        resource,
        namespace,
        name,
        uid: object.metadata.uid!,
        pods: [],
        templates: new Map(),
        revisions: new Map(),
        maxRevision: 0,
        lastProgressAt: Date.now(),
      };
      this.states.set(key, state);
    }
    const settings = this.currentSettings;
    const now = Date.now();
    const minReadySeconds = getPath(object, ['spec', 'minReadySeconds']);
    const minReadyMs = instant
      ? 0
      : scaledMs(
          settings,
          typeof minReadySeconds === 'number' ? minReadySeconds : 0,
        );
    const workloadState = state;
    const workloadPattern = workloadBrokenImagePattern(object);
    const ctx: RolloutContext = {
      object,
      state,
      now,
      settings,
      minReadyMs,
      createPod: options => {
        // Pods of the revision of the workload's own template come from it;
        // older revisions from the kept templates. (A paused Deployment scaled
        // up after a template change gets the new template: a known shortcut.)
        const own = (object.spec?.template as JsonObject) ?? {};
        const templateJson = workloadState.templates.get(options.revision);
        const template: JsonObject =
          templateJson &&
          !options.revision.endsWith(hashTemplate(workloadState, own))
            ? JSON.parse(templateJson)
            : own;
        const broken = hasBrokenImage(settings, workloadPattern, template);
        const model: SimulatedPod = {
          name: options.name,
          revision: options.revision,
          createdAt: now,
          readyAt: broken
            ? undefined
            : now +
              (instant ? 0 : scaledMs(settings, settings.podStartSeconds)),
          shownReady: false,
          node: options.node,
          ordinal: options.ordinal,
        };
        const pod = buildPod(
          {
            owner: object,
            ownerKind: options.ownerKind,
            ownerName: options.ownerName,
            ownerUid: options.ownerUid,
            template,
            extraLabels: options.extraLabels,
            broken,
          },
          model,
          now,
        );
        model.shownReady = isReady(model, now);
        workloadState.pods.push(model);
        const stored = this.store.put(PODS.resource, normalizeObject(pod));
        if (!model.shownReady) {
          this.rememberPod(workloadState, model.name, stored);
        }
        return model;
      },
      deletePod: pod => {
        workloadState.pods = workloadState.pods.filter(p => p !== pod);
        this.removePod(workloadState, pod);
      },
    };
    this.recoverPods(state, workloadPattern, now, instant);
    this.refreshPods(state, now);
    const result = reconciler(ctx);
    this.refreshPods(state, now);
    this.forgetUnusedTemplates(state);
    const latest = this.writeStatus(type, object, result, now);
    if (result.wakeAt !== undefined) {
      this.schedule(key, result.wakeAt, latest);
    } else if (isSettled(state, pod => isAvailable(pod, now, minReadyMs))) {
      this.states.delete(key);
      this.dormant.set(key, toDormant(state));
    }
  }

  /**
   * Pods stuck on a broken image whose images are no longer broken (the
   * workload's annotation or the cluster-wide pattern changed) start, as
   * a pod in ImagePullBackOff does once its image can be pulled: ready
   * after the normal pod start-up time.
   */
  private recoverPods(
    state: WorkloadState,
    workloadPattern: RegExp | undefined,
    now: number,
    instant: boolean,
  ): void {
    const settings = this.currentSettings;
    for (const model of state.pods) {
      if (model.readyAt !== undefined) continue;
      const pod = this.readPod(state, model.name);
      if (!pod || hasBrokenImage(settings, workloadPattern, pod as JsonObject))
        continue;
      model.readyAt =
        now + (instant ? 0 : scaledMs(settings, settings.podStartSeconds));
      this.writePod(state, pod, model, now);
    }
  }

  /** Rewrites the pods that have become ready since they were last written. */
  private refreshPods(state: WorkloadState, now: number): void {
    for (const model of state.pods) {
      if (model.shownReady || !isReady(model, now)) continue;
      const pod = this.readPod(state, model.name);
      model.shownReady = true;
      if (!pod) continue;
      this.writePod(state, pod, model, now);
    }
  }

  private forgetUnusedTemplates(state: WorkloadState): void {
    for (const revision of state.templates.keys()) {
      if (
        revision !== state.currentHash &&
        !state.pods.some(p => p.revision === revision)
      ) {
        state.templates.delete(revision);
      }
    }
  }

  /** Writes the status (and annotations) when they changed; returns the stored object. */
  private writeStatus(
    type: ResourceType,
    object: KubeObject,
    result: RolloutResult,
    now: number,
  ): KubeObject {
    const previousStatus = object.status ?? {};
    const annotations = object.metadata.annotations ?? {};
    const annotationsChanged = Object.entries(result.annotations ?? {}).some(
      ([k, v]) => annotations[k] !== v,
    );
    if (deepEqual(previousStatus, result.status) && !annotationsChanged) {
      return object;
    }
    // A reconcile runs synchronously, so the object read at its start is
    // still the latest. It may be a stored object: write a changed copy.
    const latest: KubeObject = {
      ...object,
      metadata: {
        ...object.metadata,
        ...(result.annotations
          ? { annotations: { ...annotations, ...result.annotations } }
          : {}),
      },
      status: result.status,
    };
    const stored = this.store.put(type.resource, normalizeObject(latest));
    this.recordRollout(type, stored, previousStatus, now);
    return stored;
  }

  /**
   * Records the end of a rollout when this status write ends it: the
   * workload turns healthy as `kubectl rollout status` decides, or the
   * Deployment exceeds its progress deadline.
   */
  private recordRollout(
    type: ResourceType,
    object: KubeObject,
    previousStatus: JsonObject,
    now: number,
  ): void {
    const status = object.status ?? {};
    if (
      rolloutDone(type, object, status) &&
      !rolloutDone(type, object, previousStatus)
    ) {
      this.rolloutHistory.record(object, 'complete', now);
    } else if (
      deadlineExceeded(status) &&
      !deadlineExceeded(previousStatus) &&
      Number(status.observedGeneration ?? 0) >=
        (object.metadata.generation ?? 1)
    ) {
      this.rolloutHistory.record(object, 'failed', now);
    }
  }
}
