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
  Deployer,
  DeploymentRequest,
  HealthResult,
  WorkloadImage,
  rolloutStatus,
  RolloutStatus,
  RolloutWorkload,
} from '@sdh/plugin-distribution-hub-node';
import { ClusterConnection } from './clusterConfigs';
import { DeploymentError } from './DeploymentError';

const KINDS = [
  { kind: 'Deployment', plural: 'deployments' },
  { kind: 'StatefulSet', plural: 'statefulsets' },
  { kind: 'DaemonSet', plural: 'daemonsets' },
] as const;

type Kind = (typeof KINDS)[number]['kind'];

interface Workload extends RolloutWorkload {
  kind: Kind;
  metadata: { name: string; generation?: number; resourceVersion?: string };
  spec?: {
    template?: { spec?: { containers?: { name: string; image?: string }[] } };
  };
}

function repositoryOf(image: string): string | undefined {
  const parsed = parseImageReference(image);
  return 'reference' in parsed ? parsed.reference.repository : undefined;
}

/**
 * Deploys by setting the container image of the Deployments, StatefulSets
 * and DaemonSets that carry an application's `backstage.io/kubernetes-id`
 * label, through @kubernetes/client-node, and waits for health with
 * `kubectl rollout status` semantics by watching the workloads.
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

  private selector(request: Omit<DeploymentRequest, 'image'>): string {
    return (
      request.labelSelector ??
      `backstage.io/kubernetes-id=${request.kubernetesId}`
    );
  }

  private async listWorkloads(
    request: Omit<DeploymentRequest, 'image'>,
  ): Promise<Workload[]> {
    const apps = this.config(request.environment).makeApiClient(AppsV1Api);
    const { namespace } = request.environment;
    const labelSelector = this.selector(request);
    const [deployments, statefulSets, daemonSets] = await DeploymentError.wrap(
      request.environment,
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

  private async workloadsOrFail(request: Omit<DeploymentRequest, 'image'>) {
    const workloads = await this.listWorkloads(request);
    if (workloads.length === 0) {
      throw new DeploymentError(
        `No Deployment, StatefulSet or DaemonSet with label ${this.selector(
          request,
        )} in ${request.environment.cluster}/${request.environment.namespace}`,
        { final: true },
      );
    }
    return workloads;
  }

  /** The container that runs the application's image in a workload. */
  private containerFor(workload: Workload, image: string) {
    const containers = workload.spec?.template?.spec?.containers ?? [];
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
      `${workload.kind} ${workload.metadata.name} has ${
        containers.length
      } containers (${containers
        .map(c => c.name)
        .join(
          ', ',
        )}) and none runs ${repository}; cannot tell which one to update`,
      { final: true },
    );
  }

  async apply(request: DeploymentRequest): Promise<AppliedDeployment> {
    const workloads = await this.workloadsOrFail(request);
    const apps = this.config(request.environment).makeApiClient(AppsV1Api);
    const previous: WorkloadImage[] = [];
    for (const workload of workloads) {
      const container = this.containerFor(workload, request.image);
      if (container.image === request.image) {
        continue; // already there: a retried step changes nothing
      }
      previous.push({
        kind: workload.kind,
        name: workload.metadata.name,
        container: container.name,
        image: container.image ?? '',
      });
      await this.setImage(
        apps,
        request.environment,
        workload,
        container.name,
        request.image,
      );
    }
    return { previous, changed: previous.length > 0 };
  }

  private async setImage(
    apps: AppsV1Api,
    environment: InstallationEnvironment,
    workload: { kind: string; metadata: { name: string } },
    container: string,
    image: string,
  ) {
    const params = {
      name: workload.metadata.name,
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
        { kind: entry.kind, metadata: { name: entry.name } },
        entry.container,
        entry.image,
      );
    }
  }

  async currentImages(
    request: Omit<DeploymentRequest, 'image'>,
  ): Promise<WorkloadImage[]> {
    const workloads = await this.listWorkloads(request);
    return workloads.flatMap(workload =>
      (workload.spec?.template?.spec?.containers ?? []).map(container => ({
        kind: workload.kind,
        name: workload.metadata.name,
        container: container.name,
        image: container.image ?? '',
      })),
    );
  }

  async waitForHealth(
    request: DeploymentRequest,
    options: { timeoutMs: number; signal?: AbortSignal },
  ): Promise<HealthResult> {
    const deadline = Date.now() + options.timeoutMs;
    const workloads = await this.workloadsOrFail(request);
    for (const workload of workloads) {
      const result = await this.watchUntilRolledOut(
        request,
        workload,
        deadline,
        options.signal,
      );
      if (!result.healthy) {
        return result;
      }
    }
    return { healthy: true };
  }

  /**
   * Follows one workload until `kubectl rollout status` would say it is
   * done or failed, re-establishing the watch when it drops, until the
   * deadline.
   */
  private async watchUntilRolledOut(
    request: DeploymentRequest,
    workload: Workload,
    deadline: number,
    signal?: AbortSignal,
  ): Promise<HealthResult> {
    const { environment } = request;
    const name = workload.metadata.name;
    let last = rolloutStatus(workload);
    let resourceVersion = workload.metadata.resourceVersion;
    while (!last.done && !last.error) {
      const remaining = deadline - Date.now();
      if (remaining <= 0 || signal?.aborted) {
        return {
          healthy: false,
          reason: `${workload.kind} ${name} in ${environment.cluster}/${
            environment.namespace
          } was not healthy in time: ${last.message || 'no progress observed'}`,
        };
      }
      const round = await this.watchOnce(
        environment,
        workload,
        resourceVersion,
        remaining,
        signal,
      );
      if (round.status) {
        last = round.status;
        resourceVersion = round.resourceVersion;
        continue;
      }
      // The watch ended (timeout, dropped connection, expired version):
      // read the workload afresh and watch again.
      const fresh = await this.listWorkloads(request).catch(
        () => [] as Workload[],
      );
      const current = fresh.find(
        w => w.kind === workload.kind && w.metadata.name === name,
      );
      last = current ? rolloutStatus(current) : last;
      resourceVersion = current?.metadata.resourceVersion;
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
    workload: Workload,
    fromVersion: string | undefined,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<{ status?: RolloutStatus; resourceVersion?: string }> {
    const plural = KINDS.find(k => k.kind === workload.kind)!.plural;
    const path = `/apis/apps/v1/namespaces/${environment.namespace}/${plural}`;
    const name = workload.metadata.name;
    const watch = new Watch(this.config(environment));
    return new Promise(resolve => {
      let resourceVersion = fromVersion;
      let controller: AbortController | undefined;
      let settled = false;
      let timer: ReturnType<typeof setTimeout> | undefined = undefined;
      const finish = (status?: RolloutStatus) => {
        if (settled) {
          return;
        }
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', stop);
        controller?.abort();
        resolve({ status, resourceVersion });
      };
      function stop() {
        finish();
      }
      timer = setTimeout(stop, timeoutMs);
      signal?.addEventListener('abort', stop);
      watch
        .watch(
          path,
          {
            fieldSelector: `metadata.name=${name}`,
            ...(fromVersion ? { resourceVersion: fromVersion } : {}),
            allowWatchBookmarks: true,
          },
          (phase, object) => {
            resourceVersion =
              object?.metadata?.resourceVersion ?? resourceVersion;
            if (phase === 'DELETED') {
              finish({
                done: false,
                message: '',
                error: `${workload.kind} ${name} was deleted`,
              });
            } else if (phase === 'ADDED' || phase === 'MODIFIED') {
              const status = rolloutStatus({ ...object, kind: workload.kind });
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
