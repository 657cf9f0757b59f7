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
import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { InstallationEnvironment } from '@sdh/plugin-distribution-hub-common';

/**
 * An application as a deployer finds its workloads.
 *
 * @public
 */
export interface ApplicationWorkloads {
  /** The Component's entity ref. */
  entityRef: string;
  /** The workloads' `backstage.io/kubernetes-id` label value. */
  kubernetesId: string;
  /** Or a label selector, from the `backstage.io/kubernetes-label-selector` annotation. */
  labelSelector?: string;
}

/**
 * One application of a release to put on one environment.
 *
 * @public
 */
export interface DeploymentRequest extends ApplicationWorkloads {
  environment: InstallationEnvironment;
  image: string;
}

/**
 * A workload's container and the image it runs (or ran before a change).
 *
 * @public
 */
export interface WorkloadImage {
  kind: string;
  name: string;
  container: string;
  image: string;
}

/**
 * What applying a deployment did.
 *
 * @public
 */
export interface AppliedDeployment {
  /** The images replaced, to roll back to; empty when nothing changed. */
  previous: WorkloadImage[];
  /** False when every workload already had the image (a retried step). */
  changed: boolean;
}

/**
 * The outcome of waiting for an application to be healthy.
 *
 * @public
 */
export type HealthResult =
  | { healthy: true }
  | { healthy: false; reason: string };

/**
 * Puts application images on environments and tells when they are healthy.
 * The hub's own deployer patches Kubernetes workloads; modules can add
 * others (Helm, Argo CD) through the extension point.
 *
 * The rollout engine calls `inspect` once per environment for all the
 * applications of a release, and hands each application's workloads to
 * `apply` and `waitForHealth`, so a deployment costs few API requests.
 * Failures are thrown as {@link DeploymentError}, saying whether a retry
 * may help.
 *
 * @public
 */
export interface Deployer {
  /** Whether this deployer handles the environment (e.g. by cluster). */
  handles(environment: InstallationEnvironment): boolean;
  /**
   * The workloads, with the images they run now, of several applications
   * on one environment, keyed by entity ref; an application without
   * workloads maps to an empty list. Also what drift is measured against.
   */
  inspect(
    environment: InstallationEnvironment,
    applications: ApplicationWorkloads[],
  ): Promise<Map<string, WorkloadImage[]>>;
  /**
   * Sets the image on the workloads `inspect` found; those already running
   * it are left alone (idempotent). No workloads is a final error.
   */
  apply(
    request: DeploymentRequest,
    workloads: WorkloadImage[],
  ): Promise<AppliedDeployment>;
  /** Waits up to timeoutMs for the workloads to be rolled out and healthy. */
  waitForHealth(
    request: DeploymentRequest,
    workloads: WorkloadImage[],
    options: { timeoutMs: number; signal?: AbortSignal },
  ): Promise<HealthResult>;
  /** Puts back the images a deployment replaced. */
  restore(request: DeploymentRequest, previous: WorkloadImage[]): Promise<void>;
}

/** @public */
export interface DistributionHubDeployersExtensionPoint {
  /** Adds a deployer; the first whose handles() accepts an environment wins. */
  addDeployer(deployer: Deployer): void;
}

/**
 * Lets backend modules add deployers to the hub's rollout engine.
 *
 * @public
 */
export const distributionHubDeployersExtensionPoint =
  createExtensionPoint<DistributionHubDeployersExtensionPoint>({
    id: 'distribution-hub.deployers',
  });
