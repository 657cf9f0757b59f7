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
import { Entity } from '@backstage/catalog-model';
import {
  MaintenanceWindow,
  Release,
} from '@sdh/plugin-distribution-hub-common';

/** A made-up fleet: tenants, installations on clusters, and a release. */
export interface FleetOptions {
  installations: number;
  tenants?: number;
  clusters: string[];
  stages: number;
  appsPerStage: number;
  /** Replicas per Deployment; fewer means a faster simulated rollout. */
  replicas?: number;
  /** Which cluster installation i lives on; default round-robin. */
  clusterOf?: (index: number) => string;
  /** Maintenance windows of installation i. */
  windowsOf?: (index: number) => MaintenanceWindow[] | undefined;
  /** Tenant index → ring. */
  rings?: Record<number, string>;
}

export interface Fleet {
  entities: Entity[];
  /** Namespaces and Deployments to seed, with their cluster annotation. */
  seed: object[];
  release: Release;
  installationRefs: string[];
  appNames: string[][];
  /** Where each installation lives. */
  environmentOf: Map<string, { cluster: string; namespace: string }>;
}

const TIERS = ['production', 'staging', 'qa', 'development'] as const;
export const OLD_TAG = '1.0.0';
export const NEW_TAG = '2.0.0';

export const imageOf = (app: string, tag: string) => `shop/${app}:${tag}`;

export function buildFleet(options: FleetOptions): Fleet {
  const tenantCount = options.tenants ?? Math.min(options.installations, 3);
  const entities: Entity[] = [];
  const seed: object[] = [];
  const appNames = Array.from({ length: options.stages }, (_s, stage) =>
    Array.from(
      { length: options.appsPerStage },
      (_a, index) => `app-${stage + 1}-${index + 1}`,
    ),
  );
  for (let t = 0; t < tenantCount; t++) {
    entities.push({
      apiVersion: 'distribution-hub.io/v1alpha1',
      kind: 'Tenant',
      metadata: { name: `tenant-${t}`, namespace: 'default' },
      spec: {
        owner: 'group:default/customer-success',
        contacts: [`user:default/contact-${t}`],
        ...(options.rings?.[t] ? { ring: options.rings[t] } : {}),
      },
    });
  }
  for (const name of appNames.flat()) {
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name,
        namespace: 'default',
        annotations: { 'backstage.io/kubernetes-id': name },
      },
      spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
    });
  }
  const installationRefs: string[] = [];
  const environmentOf = new Map<
    string,
    { cluster: string; namespace: string }
  >();
  for (let i = 0; i < options.installations; i++) {
    const name = `inst-${String(i).padStart(4, '0')}`;
    const cluster =
      options.clusterOf?.(i) ?? options.clusters[i % options.clusters.length];
    const windows = options.windowsOf?.(i);
    const environment = { cluster, namespace: name };
    installationRefs.push(`installation:default/${name}`);
    environmentOf.set(`installation:default/${name}`, environment);
    entities.push({
      apiVersion: 'distribution-hub.io/v1alpha1',
      kind: 'Installation',
      metadata: { name, namespace: 'default' },
      spec: {
        tenant: `tenant-${i % tenantCount}`,
        owner: 'group:default/customer-success',
        tier: TIERS[i % TIERS.length],
        environments: [environment],
        ...(windows ? { maintenanceWindows: windows } : {}),
      },
    });
    const onCluster = { 'simulator.distribution-hub.io/clusters': cluster };
    seed.push({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, annotations: onCluster },
    });
    for (const app of appNames.flat()) {
      seed.push({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: {
          name: app,
          namespace: name,
          labels: { 'backstage.io/kubernetes-id': app },
          annotations: onCluster,
        },
        spec: {
          replicas: options.replicas ?? 1,
          progressDeadlineSeconds: 30,
          selector: { matchLabels: { app } },
          template: {
            metadata: { labels: { app } },
            spec: { containers: [{ name: app, image: imageOf(app, OLD_TAG) }] },
          },
        },
      });
    }
  }
  const now = new Date(0).toISOString();
  const release: Release = {
    id: 'release-2',
    track: 'shop',
    version: '2.0.0',
    name: 'Shop 2.0',
    status: 'ready',
    locked: true,
    revision: 3,
    createdBy: 'user:default/release-owner',
    createdAt: now,
    updatedAt: now,
    requirements: {
      stages: appNames.map((apps, index) => ({
        name: `Stage ${index + 1}`,
        apps: apps.map(app => ({
          entityRef: `component:default/${app}`,
          image: imageOf(app, NEW_TAG),
        })),
      })),
    },
  };
  return {
    entities,
    seed,
    release,
    installationRefs,
    appNames,
    environmentOf,
  };
}
