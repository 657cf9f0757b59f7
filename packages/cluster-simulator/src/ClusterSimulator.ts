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
import { KubeObject } from './api/types';
import { ControllerSettings } from './controller/settings';
import { Sequence } from './admin/Sequence';
import { seedObjectsFor, unknownSeedClusters } from './seed/seed';
import { SimulatedCluster } from './SimulatedCluster';
import { generateTlsMaterial, TlsMaterial } from './tls/certificates';

export interface ClusterSpec {
  name: string;
  /** 0 or absent: a free port. */
  port?: number;
  /** Tokens this cluster accepts; the simulator's default tokens when absent. */
  tokens?: string[];
}

export interface ClusterSimulatorOptions {
  clusters: ClusterSpec[];
  /** Tokens for clusters that name none of their own. */
  defaultTokens?: string[];
  /** Address to listen on; 127.0.0.1 by default. */
  host?: string;
  /** Serve HTTPS: `true` generates a CA and a certificate, or pass your own material. */
  tls?: boolean | TlsMaterial;
  /** Extra host names or IPs for a generated certificate. */
  tlsHosts?: string[];
  controller?: Partial<ControllerSettings>;
  /** Objects for every cluster, or for those named by the seed annotation. */
  seed?: KubeObject[];
  /** Requests each cluster's request log keeps (100,000 by default). */
  requestLogSize?: number;
  /** Rollouts each cluster's rollout history keeps (100,000 by default). */
  rolloutHistorySize?: number;
}

/** Several simulated clusters from one process, each on its own port. */
export class ClusterSimulator {
  static async create(
    options: ClusterSimulatorOptions,
  ): Promise<ClusterSimulator> {
    if (options.clusters.length === 0)
      throw new Error('at least one cluster is required');
    const names = options.clusters.map(c => c.name);
    const duplicate = names.find((n, i) => names.indexOf(n) !== i);
    if (duplicate) throw new Error(`cluster ${duplicate} is given twice`);
    const seed = options.seed ?? [];
    const unknown = unknownSeedClusters(seed, names);
    if (unknown.length > 0)
      throw new Error(`the seed names unknown clusters: ${unknown.join(', ')}`);
    const tls =
      options.tls === true
        ? generateTlsMaterial(
            options.host && options.host !== '0.0.0.0'
              ? [options.host, ...(options.tlsHosts ?? [])]
              : options.tlsHosts,
          )
        : options.tls || undefined;
    const clusters: SimulatedCluster[] = [];
    // One sequence for all clusters: their records can be ordered against each other.
    const sequence = Sequence.create();
    try {
      for (const spec of options.clusters) {
        const tokens = spec.tokens?.length
          ? spec.tokens
          : options.defaultTokens ?? [];
        clusters.push(
          await SimulatedCluster.create({
            name: spec.name,
            port: spec.port,
            host: options.host,
            tokens,
            tls,
            controller: options.controller,
            seed: seedObjectsFor(spec.name, seed),
            requestLogSize: options.requestLogSize,
            rolloutHistorySize: options.rolloutHistorySize,
            sequence,
          }),
        );
      }
    } catch (error) {
      await Promise.all(clusters.map(c => c.close()));
      throw error;
    }
    return new ClusterSimulator(clusters, tls);
  }

  private constructor(
    readonly clusters: SimulatedCluster[],
    readonly tls: TlsMaterial | undefined,
  ) {}

  cluster(name: string): SimulatedCluster {
    const found = this.clusters.find(c => c.name === name);
    if (!found) throw new Error(`no simulated cluster named ${name}`);
    return found;
  }

  /** Base64 PEM of the shared CA, for Backstage `caData`; undefined without TLS. */
  get caData(): string | undefined {
    return this.tls?.caData;
  }

  async close(): Promise<void> {
    await Promise.all(this.clusters.map(c => c.close()));
  }
}
