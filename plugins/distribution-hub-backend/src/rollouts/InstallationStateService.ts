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
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ApplicationEnvironmentState,
  InstallationEnvironment,
  InstallationState,
  parseImageReference,
} from '@sdh/plugin-distribution-hub-common';
import { Deployer, WorkloadImage } from '@sdh/plugin-distribution-hub-node';
import { HealthyDeployment, RolloutReadStore } from './RolloutReadStore';

const DEFAULT_INSPECT_TIMEOUT_MS = 10_000;

function repositoryOf(image: string): string | undefined {
  const parsed = parseImageReference(image);
  return 'reference' in parsed ? parsed.reference.repository : undefined;
}

/**
 * Whether the workloads run something other than the intended image. In
 * each workload the application's container is picked the way the deployer
 * picks it (the one running the image's repository, or the only one), so
 * sidecars do not count; no workload at all is drift too.
 */
export function hasDrift(intended: string, live: WorkloadImage[]): boolean {
  if (live.length === 0) return true;
  const repository = repositoryOf(intended);
  const byWorkload = new Map<string, WorkloadImage[]>();
  for (const entry of live) {
    const key = `${entry.kind}/${entry.name}`;
    byWorkload.set(key, [...(byWorkload.get(key) ?? []), entry]);
  }
  return [...byWorkload.values()].some(containers => {
    const sameRepository = containers.filter(
      c => c.image && repositoryOf(c.image) === repository,
    );
    let app: WorkloadImage | undefined;
    if (sameRepository.length === 1) {
      app = sameRepository[0];
    } else if (containers.length === 1) {
      app = containers[0];
    }
    return !app || app.image !== intended;
  });
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * What runs in an installation: per application × environment, the image
 * the hub last deployed there successfully, against what the cluster runs
 * now.
 */
export class InstallationStateService {
  static create(options: {
    store: RolloutReadStore;
    deployers: Deployer[];
    catalog: CatalogService;
    /** How long to wait for a cluster before reporting it unreadable. */
    inspectTimeoutMs?: number;
  }) {
    return new InstallationStateService(
      options.store,
      options.deployers,
      options.catalog,
      options.inspectTimeoutMs ?? DEFAULT_INSPECT_TIMEOUT_MS,
    );
  }

  private constructor(
    private readonly store: RolloutReadStore,
    private readonly deployers: Deployer[],
    private readonly catalog: CatalogService,
    private readonly inspectTimeoutMs: number,
  ) {}

  /** `name`, `namespace/name` or `installation:namespace/name`. */
  static parseRef(value: string): string {
    // PostgreSQL text cannot hold one: refused rather than a 500.
    if (value.includes('\u0000')) {
      throw new InputError(
        'The installation ID or entity ref contains a NUL character',
      );
    }
    let ref;
    try {
      ref = parseEntityRef(value, {
        defaultKind: 'installation',
        defaultNamespace: 'default',
      });
    } catch (error) {
      throw new InputError(
        `"${value}" is not an installation ID or entity ref: ${errorMessage(
          error,
        )}`,
      );
    }
    if (ref.kind.toLocaleLowerCase('en-US') !== 'installation') {
      throw new InputError(`"${value}" is not an Installation entity ref`);
    }
    return stringifyEntityRef(ref);
  }

  async getState(
    installation: string,
    credentials: BackstageCredentials,
  ): Promise<InstallationState> {
    const installationRef = InstallationStateService.parseRef(installation);
    const [deployments, entity] = await Promise.all([
      this.store.latestHealthy(installationRef),
      this.catalog.getEntityByRef(installationRef, { credentials }),
    ]);
    // An installation gone from the catalog still shows what it was given.
    if (!entity && deployments.length === 0) {
      throw new NotFoundError(`No installation ${installationRef}`);
    }
    const byEnvironment = new Map<string, HealthyDeployment[]>();
    for (const deployment of deployments) {
      const key = `${deployment.environment.cluster}/${deployment.environment.namespace}`;
      byEnvironment.set(key, [...(byEnvironment.get(key) ?? []), deployment]);
    }
    const applications = (
      await Promise.all(
        [...byEnvironment.values()].map(group => this.inspect(group)),
      )
    )
      .flat()
      .sort(
        (a, b) =>
          a.entityRef.localeCompare(b.entityRef) ||
          a.environment.cluster.localeCompare(b.environment.cluster) ||
          a.environment.namespace.localeCompare(b.environment.namespace),
      );
    return {
      installationRef,
      applications,
      drift: applications.some(a => a.drift),
    };
  }

  /** Reads one environment's workloads for the deployments made there. */
  private async inspect(
    deployments: HealthyDeployment[],
  ): Promise<ApplicationEnvironmentState[]> {
    const environment: InstallationEnvironment = deployments[0].environment;
    let live: Map<string, WorkloadImage[]> | undefined;
    let liveError: string | undefined;
    try {
      const deployer = this.deployers.find(d => d.handles(environment));
      if (!deployer) {
        throw new Error(
          `No deployer handles cluster ${environment.cluster}: it is not registered under kubernetes.clusterLocatorMethods`,
        );
      }
      live = await this.withTimeout(
        deployer.inspect(
          environment,
          deployments.map(d => {
            const app = d.stages
              .flatMap(s => s.apps)
              .find(a => a.entityRef === d.entityRef);
            return {
              entityRef: d.entityRef,
              kubernetesId: app?.kubernetesId ?? '',
              ...(app?.labelSelector
                ? { labelSelector: app.labelSelector }
                : {}),
            };
          }),
        ),
        environment,
      );
    } catch (error) {
      liveError = errorMessage(error);
    }
    return deployments.map(d => {
      const state: ApplicationEnvironmentState = {
        entityRef: d.entityRef,
        environment: d.environment,
        intended: {
          image: d.image,
          releaseId: d.releaseId,
          version: d.version,
          at: new Date(d.healthyAt).toISOString(),
        },
        drift: false,
      };
      if (live) {
        state.live = live.get(d.entityRef) ?? [];
        state.drift = hasDrift(d.image, state.live);
      } else {
        state.liveError = liveError;
      }
      return state;
    });
  }

  private withTimeout<T>(
    promise: Promise<T>,
    environment: InstallationEnvironment,
  ): Promise<T> {
    const ms = this.inspectTimeoutMs;
    const limit = ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        reject(
          new Error(
            `Cluster ${environment.cluster} did not answer within ${limit}`,
          ),
        );
      }, ms);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }
}
