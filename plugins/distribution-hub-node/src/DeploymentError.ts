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
import { InstallationEnvironment } from '@sdh/plugin-distribution-hub-common';

const TRANSIENT_STATUS = new Set([408, 425, 429, 500, 502, 503, 504]);

/**
 * A failed deployment step, saying whether retrying may help (a cluster
 * answering 503, a dropped connection) or not (a missing workload, a 403).
 * Deployers throw it so the rollout engine knows whether to retry.
 *
 * @public
 */
export class DeploymentError extends Error {
  /** True when retrying cannot help; the rollout engine then gives up. */
  readonly final: boolean;

  constructor(message: string, options: { final: boolean; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = 'DeploymentError';
    this.final = options.final;
  }

  /**
   * Runs a Kubernetes API call (through `@kubernetes/client-node`),
   * classifying its failure with {@link DeploymentError.from}.
   */
  static async wrap<T>(
    environment: InstallationEnvironment,
    call: () => Promise<T>,
  ): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw DeploymentError.from(environment, error);
    }
  }

  /**
   * Classifies a `@kubernetes/client-node` failure: an HTTP status is
   * transient for 408, 425, 429 and 5xx and final otherwise; no status
   * means the cluster could not be reached, which is transient.
   */
  static from(
    environment: InstallationEnvironment,
    error: unknown,
  ): DeploymentError {
    if (error instanceof DeploymentError) {
      return error;
    }
    const where = `${environment.cluster}/${environment.namespace}`;
    const status = (error as { code?: unknown })?.code;
    if (typeof status === 'number') {
      const body = (error as { body?: unknown }).body;
      let message = String((error as Error).message ?? error);
      try {
        const parsed = typeof body === 'string' ? JSON.parse(body) : body;
        if (parsed?.message) message = parsed.message;
      } catch {
        // keep the client's message
      }
      return new DeploymentError(
        `Cluster ${environment.cluster} answered ${status} for ${where}: ${message}`,
        { final: !TRANSIENT_STATUS.has(status), cause: error },
      );
    }
    // No HTTP status: the cluster could not be reached at all.
    return new DeploymentError(
      `Cluster ${environment.cluster} is unreachable (${
        (error as Error)?.message ?? String(error)
      })`,
      { final: false, cause: error },
    );
  }
}
