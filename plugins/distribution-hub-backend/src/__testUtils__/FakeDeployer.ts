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
import { createBackendModule } from '@backstage/backend-plugin-api';
import { InstallationEnvironment } from '@sdh/plugin-distribution-hub-common';
import {
  ApplicationWorkloads,
  Deployer,
  DeploymentRequest,
  distributionHubDeployersExtensionPoint,
  WorkloadImage,
} from '@sdh/plugin-distribution-hub-node';

/** A cluster in memory: every application runs one Deployment. */
export class FakeDeployer implements Deployer {
  readonly live = new Map<string, WorkloadImage[]>();
  readonly unhealthyNamespaces = new Set<string>();
  /** Namespaces whose cluster cannot be read. */
  readonly unreadableNamespaces = new Set<string>();

  private key(environment: InstallationEnvironment, entityRef: string) {
    return `${environment.cluster}/${environment.namespace}/${entityRef}`;
  }

  handles(environment: InstallationEnvironment) {
    return environment.cluster.startsWith('demo-');
  }

  async inspect(
    environment: InstallationEnvironment,
    applications: ApplicationWorkloads[],
  ) {
    if (this.unreadableNamespaces.has(environment.namespace)) {
      throw new Error(`connect ECONNREFUSED ${environment.cluster}`);
    }
    return new Map(
      applications.map(app => [
        app.entityRef,
        this.live.get(this.key(environment, app.entityRef)) ?? [
          {
            kind: 'Deployment',
            name: app.kubernetesId,
            container: 'app',
            image: `shopfront/${app.kubernetesId}:1.0.0`,
          },
        ],
      ]),
    );
  }

  async apply(request_: DeploymentRequest, workloads: WorkloadImage[]) {
    this.live.set(
      this.key(request_.environment, request_.entityRef),
      workloads.map(w => ({ ...w, image: request_.image })),
    );
    return {
      previous: workloads.filter(w => w.image !== request_.image),
      changed: true,
    };
  }

  async waitForHealth(request_: DeploymentRequest) {
    return this.unhealthyNamespaces.has(request_.environment.namespace)
      ? { healthy: false as const, reason: 'ImagePullBackOff' }
      : { healthy: true as const };
  }

  async restore(request_: DeploymentRequest, previous: WorkloadImage[]) {
    this.live.set(this.key(request_.environment, request_.entityRef), previous);
  }
}

/**
 * A module adding the deployer to the hub; it comes before the hub's own
 * Kubernetes deployer, which would fail: startHub's clusters are
 * unreachable.
 */
export function fakeDeployerModule(deployer: Deployer) {
  return createBackendModule({
    pluginId: 'distribution-hub',
    moduleId: 'test-deployer',
    register(env) {
      env.registerInit({
        deps: { deployers: distributionHubDeployersExtensionPoint },
        async init({ deployers }) {
          deployers.addDeployer(deployer);
        },
      });
    },
  });
}
