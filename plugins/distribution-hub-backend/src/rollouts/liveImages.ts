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
  InstallationEnvironment,
  parseImageReference,
} from '@sdh/plugin-distribution-hub-common';
import {
  ApplicationWorkloads,
  Deployer,
  WorkloadImage,
} from '@sdh/plugin-distribution-hub-node';

/** What one environment runs, per application, or why it could not be read. */
export type LiveEnvironment =
  | { images: Map<string, WorkloadImage[]> }
  | { error: string };

export const environmentKey = (environment: InstallationEnvironment) =>
  `${environment.cluster}/${environment.namespace}`;

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function describeMs(ms: number) {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}

/**
 * Reads the workloads of the applications on several environments at once.
 * Each cluster gets one deadline for all of its environments, so a cluster
 * that is down costs the timeout once, not once per namespace.
 */
export async function inspectEnvironments(
  deployers: Deployer[],
  environments: InstallationEnvironment[],
  applications: ApplicationWorkloads[],
  timeoutMs: number,
): Promise<Map<string, LiveEnvironment>> {
  const unique = new Map(environments.map(e => [environmentKey(e), e]));
  const timers: ReturnType<typeof setTimeout>[] = [];
  const deadlines = new Map<string, Promise<never>>();
  const deadlineOf = (cluster: string) => {
    let deadline = deadlines.get(cluster);
    if (!deadline) {
      deadline = new Promise<never>((_resolve, reject) => {
        timers.push(
          setTimeout(
            () =>
              reject(
                new Error(
                  `Cluster ${cluster} did not answer within ${describeMs(
                    timeoutMs,
                  )}`,
                ),
              ),
            timeoutMs,
          ),
        );
      });
      // Nobody may be waiting any more when it fires.
      deadline.catch(() => {});
      deadlines.set(cluster, deadline);
    }
    return deadline;
  };
  try {
    const entries = await Promise.all(
      [...unique].map(async ([key, environment]) => {
        try {
          const deployer = deployers.find(d => d.handles(environment));
          if (!deployer) {
            throw new Error(
              `No deployer handles cluster ${environment.cluster}: it is not registered under kubernetes.clusterLocatorMethods`,
            );
          }
          const images = await Promise.race([
            deployer.inspect(environment, applications),
            deadlineOf(environment.cluster),
          ]);
          return [key, { images }] as const;
        } catch (error) {
          return [key, { error: errorMessage(error) }] as const;
        }
      }),
    );
    return new Map<string, LiveEnvironment>(entries);
  } finally {
    timers.forEach(clearTimeout);
  }
}

function repositoryOf(image: string): string | undefined {
  const parsed = parseImageReference(image);
  return 'reference' in parsed ? parsed.reference.repository : undefined;
}

/**
 * The images an application's containers run, distinct and sorted. In each
 * workload the application's container is the one running the image's
 * repository, or the only one; sidecars do not count.
 */
export function applicationImages(
  image: string,
  live: WorkloadImage[],
): string[] {
  const repository = repositoryOf(image);
  const byWorkload = new Map<string, WorkloadImage[]>();
  for (const entry of live) {
    const key = `${entry.kind}/${entry.name}`;
    byWorkload.set(key, [...(byWorkload.get(key) ?? []), entry]);
  }
  const images = new Set<string>();
  for (const containers of byWorkload.values()) {
    const same = containers.filter(
      c => c.image && repositoryOf(c.image) === repository,
    );
    const picked =
      same.length > 0 || containers.length !== 1 ? same : containers;
    picked.forEach(c => images.add(c.image));
  }
  return [...images].sort();
}
