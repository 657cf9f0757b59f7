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
import {
  AppsV1Api,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
  Watch,
} from '@kubernetes/client-node';
import {
  InstallationEnvironment,
  parseImageReference,
} from '@sdh/plugin-distribution-hub-common';
import {
  AppliedDeployment,
  ApplicationWorkloads,
  Deployer,
  DeploymentError,
  DeploymentRequest,
  HealthResult,
  WorkloadImage,
  rolloutStatus,
  RolloutStatus,
  RolloutWorkload,
} from '@sdh/plugin-distribution-hub-node';
import { ClusterConnection } from './clusterConfigs';

const KUBERNETES_ID = 'backstage.io/kubernetes-id';

const KINDS = [
  { kind: 'Deployment', plural: 'deployments' },
  { kind: 'StatefulSet', plural: 'statefulsets' },
  { kind: 'DaemonSet', plural: 'daemonsets' },
] as const;

type Kind = (typeof KINDS)[number]['kind'];

interface Workload extends RolloutWorkload {
  kind: Kind;
  metadata: {
    name: string;
    generation?: number;
    resourceVersion?: string;
    labels?: Record<string, string>;
  };
  spec?: {
    template?: { spec?: { containers?: { name: string; image?: string }[] } };
  };
}

/** One workload as `inspect` reported it, with its containers. */
interface WorkloadRef {
  kind: Kind;
  name: string;
  containers: { name: string; image: string }[];
}

function repositoryOf(image: string): string | undefined {
  const parsed = parseImageReference(image);
  return 'reference' in parsed ? parsed.reference.repository : undefined;
}

function pluralOf(kind: string): string {
  const known = KINDS.find(k => k.kind === kind);
  if (!known) {
    // WorkloadImage.kind is a plain string; never patch the wrong resource.
    throw new DeploymentError(
      `Cannot deploy to a ${kind}: only Deployments, StatefulSets and DaemonSets`,
      { final: true },
    );
  }
  return known.plural;
}

/** Groups inspect's per-container entries back into workloads, in order. */
function groupByWorkload(workloads: WorkloadImage[]): WorkloadRef[] {
  const byKey = new Map<string, WorkloadRef>();
  for (const entry of workloads) {
    pluralOf(entry.kind); // throws for a kind this deployer cannot patch
    const key = `${entry.kind}/${entry.name}`;
    let workload = byKey.get(key);
    if (!workload) {
      workload = { kind: entry.kind as Kind, name: entry.name, containers: [] };
      byKey.set(key, workload);
    }
    workload.containers.push({ name: entry.container, image: entry.image });
  }
  return [...byKey.values()];
}

function imagesOf(workload: Workload): WorkloadImage[] {
  return (workload.spec?.template?.spec?.containers ?? []).map(container => ({
    kind: workload.kind,
    name: workload.metadata.name,
    container: container.name,
    image: container.image ?? '',
  }));
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0 || signal?.aborted) {
    return Promise.resolve();
  }
  return new Promise(resolve => {
    let timer: ReturnType<typeof setTimeout> | undefined = undefined;
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done);
  });
}

/** Least time between two watches of one workload. */
const RECONNECT_PAUSE_MS = 1000;

/**
 * Deploys by setting the container image of the Deployments, StatefulSets
 * and DaemonSets that carry an application's `backstage.io/kubernetes-id`
 * label, through @kubernetes/client-node, and waits for health with
 * `kubectl rollout status` semantics by watching the workloads.
 *
 * Requests per application on an environment: `inspect` lists the three
 * kinds once for all applications, then one patch and one watch per
 * workload.
 */
export class KubernetesDeployer implements Deployer {
  static create(options: { clusters: ClusterConnection[] }) {
    return new KubernetesDeployer(options.clusters);
  }

  private readonly configs = new Map<string, KubeConfig>();

  private constructor(clusters: ClusterConnection[]) {
    for (const cluster of clusters) {
      const config = new KubeConfig();
      config.loadFromOptions({
        clusters: [
          {
            name: cluster.name,
            server: cluster.url,
            skipTLSVerify: cluster.skipTLSVerify,
            ...(cluster.caData ? { caData: cluster.caData } : {}),
          },
        ],
        users: [{ name: 'distribution-hub', token: cluster.token }],
        contexts: [
          {
            name: cluster.name,
            cluster: cluster.name,
            user: 'distribution-hub',
          },
        ],
        currentContext: cluster.name,
      });
      this.configs.set(cluster.name, config);
    }
  }

  handles(environment: InstallationEnvironment): boolean {
    return this.configs.has(environment.cluster);
  }

  private config(environment: InstallationEnvironment): KubeConfig {
    const config = this.configs.get(environment.cluster);
    if (!config) {
      throw new DeploymentError(
        `Cluster ${environment.cluster} is not registered under kubernetes.clusterLocatorMethods`,
        { final: true },
      );
    }
    return config;
  }

  private selector(application: ApplicationWorkloads): string {
    return (
      application.labelSelector ??
      `${KUBERNETES_ID}=${application.kubernetesId}`
    );
  }

  async inspect(
    environment: InstallationEnvironment,
    applications: ApplicationWorkloads[],
  ): Promise<Map<string, WorkloadImage[]>> {
    const result = new Map<string, WorkloadImage[]>();
    const byId = applications.filter(a => !a.labelSelector);
    const bySelector = applications.filter(a => a.labelSelector);
    const ids = [...new Set(byId.map(a => a.kubernetesId))];
    // One set-based selector lists every labelled application's workloads
    // at once; custom selectors cannot be merged, so they list on their own.
    const [labelled, ...selected] = await Promise.all([
      ids.length > 0
        ? this.listWorkloads(
            environment,
            `${KUBERNETES_ID} in (${ids.join(',')})`,
          )
        : Promise.resolve([]),
      ...bySelector.map(a => this.listWorkloads(environment, a.labelSelector!)),
    ]);
    for (const application of byId) {
      result.set(
        application.entityRef,
        labelled
          .filter(
            w =>
              w.metadata.labels?.[KUBERNETES_ID] === application.kubernetesId,
          )
          .flatMap(imagesOf),
      );
    }
    bySelector.forEach((application, index) => {
      result.set(application.entityRef, selected[index].flatMap(imagesOf));
    });
    return result;
  }

  private async listWorkloads(
    environment: InstallationEnvironment,
    labelSelector: string,
  ): Promise<Workload[]> {
    const apps = this.config(environment).makeApiClient(AppsV1Api);
    const { namespace } = environment;
    const [deployments, statefulSets, daemonSets] = await DeploymentError.wrap(
      environment,
      () =>
        Promise.all([
          apps.listNamespacedDeployment({ namespace, labelSelector }),
          apps.listNamespacedStatefulSet({ namespace, labelSelector }),
          apps.listNamespacedDaemonSet({ namespace, labelSelector }),
        ]),
    );
    const tag = (kind: Kind, items: object[]) =>
      items.map(item => ({ ...item, kind } as Workload));
    return [
      ...tag('Deployment', deployments.items),
      ...tag('StatefulSet', statefulSets.items),
      ...tag('DaemonSet', daemonSets.items),
    ];
  }

  private workloadsOrFail(
    request: DeploymentRequest,
    workloads: WorkloadImage[],
  ): WorkloadRef[] {
    if (workloads.length === 0) {
      throw new DeploymentError(
        `No Deployment, StatefulSet or DaemonSet with label ${this.selector(
          request,
        )} in ${request.environment.cluster}/${request.environment.namespace}`,
        { final: true },
      );
    }
    return groupByWorkload(workloads);
  }

  /** The container that runs the application's image in a workload. */
  private containerFor(workload: WorkloadRef, image: string) {
    const { containers } = workload;
    const repository = repositoryOf(image);
    const byRepository = containers.filter(
      c => c.image && repositoryOf(c.image) === repository,
    );
    if (byRepository.length === 1) {
      return byRepository[0];
    }
    if (containers.length === 1) {
      return containers[0];
    }
    throw new DeploymentError(
      `${workload.kind} ${workload.name} has ${
        containers.length
      } containers (${containers
        .map(c => c.name)
        .join(
          ', ',
        )}) and none runs ${repository}; cannot tell which one to update`,
      { final: true },
    );
  }

  async apply(
    request: DeploymentRequest,
    workloads: WorkloadImage[],
  ): Promise<AppliedDeployment> {
    const targets = this.workloadsOrFail(request, workloads);
    const apps = this.config(request.environment).makeApiClient(AppsV1Api);
    // Pick every container first, so an ambiguous workload patches nothing.
    const changes = targets
      .map(workload => ({
        workload,
        container: this.containerFor(workload, request.image),
      }))
      .filter(({ container }) => container.image !== request.image);
    const previous: WorkloadImage[] = [];
    for (const { workload, container } of changes) {
      await this.setImage(
        apps,
        request.environment,
        workload,
        container.name,
        request.image,
      );
      previous.push({
        kind: workload.kind,
        name: workload.name,
        container: container.name,
        image: container.image,
      });
    }
    return { previous, changed: previous.length > 0 };
  }

  private async setImage(
    apps: AppsV1Api,
    environment: InstallationEnvironment,
    workload: { kind: string; name: string },
    container: string,
    image: string,
  ) {
    pluralOf(workload.kind);
    const params = {
      name: workload.name,
      namespace: environment.namespace,
      body: {
        spec: {
          template: { spec: { containers: [{ name: container, image }] } },
        },
      },
    };
    const options = setHeaderOptions(
      'Content-Type',
      PatchStrategy.StrategicMergePatch,
    );
    await DeploymentError.wrap<unknown>(environment, () => {
      switch (workload.kind) {
        case 'StatefulSet':
          return apps.patchNamespacedStatefulSet(params, options);
        case 'DaemonSet':
          return apps.patchNamespacedDaemonSet(params, options);
        default:
          return apps.patchNamespacedDeployment(params, options);
      }
    });
  }

  async restore(request: DeploymentRequest, previous: WorkloadImage[]) {
    const apps = this.config(request.environment).makeApiClient(AppsV1Api);
    for (const entry of previous) {
      await this.setImage(
        apps,
        request.environment,
        entry,
        entry.container,
        entry.image,
      );
    }
  }

  async waitForHealth(
    request: DeploymentRequest,
    workloads: WorkloadImage[],
    options: { timeoutMs: number; signal?: AbortSignal },
  ): Promise<HealthResult> {
    const deadline = Date.now() + options.timeoutMs;
    const targets = this.workloadsOrFail(request, workloads);
    // The first failure ends the wait: stop watching the other workloads.
    const stop = new AbortController();
    const forward = () => stop.abort();
    if (options.signal?.aborted) stop.abort();
    options.signal?.addEventListener('abort', forward);
    let failure: HealthResult | undefined;
    try {
      await Promise.all(
        targets.map(async workload => {
          const result = await this.watchUntilRolledOut(
            request,
            workload,
            deadline,
            stop.signal,
          );
          if (!result.healthy && !failure) {
            failure = result;
            stop.abort();
          }
        }),
      );
      return failure ?? { healthy: true };
    } finally {
      options.signal?.removeEventListener('abort', forward);
      stop.abort();
    }
  }

  /** One GET of a workload, to pick up again after a watch ended. */
  private async readWorkload(
    environment: InstallationEnvironment,
    workload: WorkloadRef,
  ): Promise<Workload> {
    const apps = this.config(environment).makeApiClient(AppsV1Api);
    const params = { name: workload.name, namespace: environment.namespace };
    const object = await DeploymentError.wrap<object>(environment, () => {
      switch (workload.kind) {
        case 'StatefulSet':
          return apps.readNamespacedStatefulSet(params);
        case 'DaemonSet':
          return apps.readNamespacedDaemonSet(params);
        default:
          return apps.readNamespacedDeployment(params);
      }
    });
    return { ...object, kind: workload.kind } as Workload;
  }

  /**
   * Follows one workload until `kubectl rollout status` would say it is
   * done or failed, re-establishing the watch when it drops, until the
   * deadline.
   */
  private async watchUntilRolledOut(
    request: DeploymentRequest,
    workload: WorkloadRef,
    deadline: number,
    signal: AbortSignal,
  ): Promise<HealthResult> {
    const { environment } = request;
    const { kind, name } = workload;
    let last: RolloutStatus = { done: false, message: '' };
    // No version at first: the watch starts with the workload as it is now.
    let resourceVersion: string | undefined = undefined;
    while (!last.done && !last.error) {
      const remaining = deadline - Date.now();
      if (remaining <= 0 || signal.aborted) {
        return {
          healthy: false,
          reason: `${kind} ${name} in ${environment.cluster}/${
            environment.namespace
          } was not healthy in time: ${last.message || 'no progress observed'}`,
        };
      }
      const started = Date.now();
      const round = await this.watchOnce(
        environment,
        workload,
        resourceVersion,
        remaining,
        signal,
      );
      if (round.status) {
        last = round.status;
        continue;
      }
      // A watch that failed at once is paced, not to spin on a sick cluster.
      await sleep(
        Math.min(
          started + RECONNECT_PAUSE_MS - Date.now(),
          deadline - Date.now(),
        ),
        signal,
      );
      if (signal.aborted || Date.now() >= deadline) {
        continue;
      }
      // The watch ended (timeout, dropped connection, expired version):
      // read the workload afresh and watch again from its version.
      try {
        const current = await this.readWorkload(environment, workload);
        last = rolloutStatus(current);
        resourceVersion = current.metadata.resourceVersion;
      } catch (error) {
        const failure = DeploymentError.from(environment, error);
        if ((failure.cause as { code?: unknown })?.code === 404) {
          last = {
            done: false,
            message: '',
            error: `${kind} ${name} was deleted`,
          };
        } else if (failure.final) {
          throw failure; // e.g. 403: waiting longer cannot help
        } else {
          resourceVersion = undefined;
        }
      }
    }
    if (last.error) {
      return {
        healthy: false,
        reason: `${last.error} (${environment.cluster}/${environment.namespace})`,
      };
    }
    return { healthy: true };
  }

  /**
   * One watch of a workload: resolves with the first status that ends the
   * wait, or with no status when the watch ends or the time runs out.
   */
  private watchOnce(
    environment: InstallationEnvironment,
    workload: WorkloadRef,
    fromVersion: string | undefined,
    timeoutMs: number,
    signal: AbortSignal,
  ): Promise<{ status?: RolloutStatus }> {
    const plural = pluralOf(workload.kind);
    const path = `/apis/apps/v1/namespaces/${environment.namespace}/${plural}`;
    const { kind, name } = workload;
    const watch = new Watch(this.config(environment));
    return new Promise(resolve => {
      let controller: AbortController | undefined;
      let settled = false;
      let timer: ReturnType<typeof setTimeout> | undefined = undefined;
      const finish = (status?: RolloutStatus) => {
        if (settled) {
          return;
        }
        settled = true;
        clearTimeout(timer);
        signal.removeEventListener('abort', stop);
        controller?.abort();
        resolve({ status });
      };
      function stop() {
        finish();
      }
      timer = setTimeout(stop, timeoutMs);
      signal.addEventListener('abort', stop);
      watch
        .watch(
          path,
          {
            fieldSelector: `metadata.name=${name}`,
            ...(fromVersion ? { resourceVersion: fromVersion } : {}),
            allowWatchBookmarks: true,
          },
          (phase, object) => {
            if (phase === 'DELETED') {
              finish({
                done: false,
                message: '',
                error: `${kind} ${name} was deleted`,
              });
            } else if (phase === 'ADDED' || phase === 'MODIFIED') {
              const status = rolloutStatus({ ...object, kind });
              if (status.done || status.error) {
                finish(status);
              }
            }
          },
          () => finish(),
        )
        .then(
          c => {
            controller = c;
            if (settled) {
              c.abort();
            }
          },
          () => finish(),
        );
    });
  }
}
