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
  InstallationTier,
  MaintenanceWindow,
  Rollout,
  RolloutRequest,
  RolloutStatus,
  RolloutTarget,
  TARGET_STATES,
  TargetCounts,
  TargetFailure,
  TargetState,
} from '@sdh/plugin-distribution-hub-common';
import { WorkloadImage } from '@sdh/plugin-distribution-hub-node';

/** An application of a stage as the engine deploys it. */
export interface StageApplication {
  entityRef: string;
  image: string;
  kubernetesId: string;
  labelSelector?: string;
}

/** The release's stages, frozen when the rollout starts. */
export interface StageSnapshot {
  name?: string;
  apps: StageApplication[];
}

export type Millis = number;

export interface RolloutRow {
  id: string;
  release_id: string;
  track: string;
  version: string;
  status: string;
  held: boolean | number;
  settled: boolean | number;
  request: string;
  stages: string;
  waves: string;
  skipped: string;
  max_parallel: number;
  failure_limit: number | null;
  not_before: number | string | null;
  respect_windows: boolean | number;
  auto_rollback: boolean | number;
  created_by: string;
  created_at: number | string;
  updated_at: number | string;
  finished_at: number | string | null;
}

export interface TargetRow {
  rollout_id: string;
  installation_ref: string;
  tenant_ref: string;
  tier: string;
  ring: string | null;
  wave: number;
  environments: string;
  maintenance_windows: string | null;
  contacts: string;
  state: string;
  stage: number;
  detail: string | null;
  failure: string | null;
  due_at: number | string;
  attempts: number;
  lease_owner: string | null;
  lease_expires_at: number | string | null;
  started_at: number | string | null;
  finished_at: number | string | null;
  updated_at: number | string;
}

export type DeploymentState =
  | 'pending'
  | 'applying'
  | 'applied'
  | 'healthy'
  | 'failed'
  | 'restored';

export interface DeploymentRow {
  rollout_id: string;
  installation_ref: string;
  stage: number;
  entity_ref: string;
  cluster: string;
  namespace: string;
  image: string;
  state: DeploymentState;
  workloads: string | null;
  previous: string | null;
  reason: string | null;
  applied_by: string | null;
  applied_at: number | string | null;
  healthy_at: number | string | null;
}

/** A rollout as the engine sees it. */
export interface RolloutRecord {
  id: string;
  releaseId: string;
  track: string;
  version: string;
  status: RolloutStatus;
  held: boolean;
  settled: boolean;
  request: RolloutRequest;
  stages: StageSnapshot[];
  waves: { name: string; bakeMinutes: number; size: number }[];
  skipped: { installationRef: string; reason: string }[];
  maxParallel: number;
  failureLimit?: number;
  notBefore?: Millis;
  respectWindows: boolean;
  autoRollback: boolean;
  createdBy: string;
  createdAt: Millis;
  updatedAt: Millis;
  finishedAt?: Millis;
}

/** A target as the engine sees it. */
export interface TargetRecord {
  rolloutId: string;
  installationRef: string;
  tenantRef: string;
  tier: InstallationTier;
  ring?: string;
  wave: number;
  environments: InstallationEnvironment[];
  maintenanceWindows?: MaintenanceWindow[];
  contacts: string[];
  state: TargetState;
  stage: number;
  detail?: string;
  failure?: TargetFailure;
  dueAt: Millis;
  attempts: number;
  leaseOwner?: string;
  leaseExpiresAt?: Millis;
  startedAt?: Millis;
  finishedAt?: Millis;
  updatedAt: Millis;
}

export interface DeploymentRecord {
  rolloutId: string;
  installationRef: string;
  stage: number;
  entityRef: string;
  environment: InstallationEnvironment;
  image: string;
  state: DeploymentState;
  /** Undefined until inspected. */
  workloads?: WorkloadImage[];
  previous?: WorkloadImage[];
  reason?: string;
  appliedBy?: string;
  appliedAt?: Millis;
  healthyAt?: Millis;
}

export function millis(value: number | string): Millis;
export function millis(
  value: number | string | null | undefined,
): Millis | undefined;
export function millis(value: number | string | null | undefined) {
  return value === null || value === undefined ? undefined : Number(value);
}

function json<T>(value: string | null): T | undefined {
  return value === null ? undefined : (JSON.parse(value) as T);
}

export function toRolloutRecord(row: RolloutRow): RolloutRecord {
  return {
    id: row.id,
    releaseId: row.release_id,
    track: row.track,
    version: row.version,
    status: row.status as RolloutStatus,
    held: Boolean(row.held),
    settled: Boolean(row.settled),
    request: JSON.parse(row.request),
    stages: JSON.parse(row.stages),
    waves: JSON.parse(row.waves),
    skipped: JSON.parse(row.skipped),
    maxParallel: row.max_parallel,
    failureLimit: row.failure_limit ?? undefined,
    notBefore: millis(row.not_before),
    respectWindows: Boolean(row.respect_windows),
    autoRollback: Boolean(row.auto_rollback),
    createdBy: row.created_by,
    createdAt: millis(row.created_at),
    updatedAt: millis(row.updated_at),
    finishedAt: millis(row.finished_at),
  };
}

export function toTargetRecord(row: TargetRow): TargetRecord {
  return {
    rolloutId: row.rollout_id,
    installationRef: row.installation_ref,
    tenantRef: row.tenant_ref,
    tier: row.tier as InstallationTier,
    ring: row.ring ?? undefined,
    wave: row.wave,
    environments: JSON.parse(row.environments),
    maintenanceWindows: json(row.maintenance_windows),
    contacts: JSON.parse(row.contacts),
    state: row.state as TargetState,
    stage: row.stage,
    detail: row.detail ?? undefined,
    failure: json(row.failure),
    dueAt: millis(row.due_at),
    attempts: row.attempts,
    leaseOwner: row.lease_owner ?? undefined,
    leaseExpiresAt: millis(row.lease_expires_at),
    startedAt: millis(row.started_at),
    finishedAt: millis(row.finished_at),
    updatedAt: millis(row.updated_at),
  };
}

export function toDeploymentRecord(row: DeploymentRow): DeploymentRecord {
  return {
    rolloutId: row.rollout_id,
    installationRef: row.installation_ref,
    stage: row.stage,
    entityRef: row.entity_ref,
    environment: { cluster: row.cluster, namespace: row.namespace },
    image: row.image,
    state: row.state,
    workloads: json(row.workloads),
    previous: json(row.previous),
    reason: row.reason ?? undefined,
    appliedBy: row.applied_by ?? undefined,
    appliedAt: millis(row.applied_at),
    healthyAt: millis(row.healthy_at),
  };
}

const iso = (value: Millis | undefined) =>
  value === undefined ? undefined : new Date(value).toISOString();

export function emptyCounts(): TargetCounts {
  return Object.fromEntries(TARGET_STATES.map(s => [s, 0])) as TargetCounts;
}

/** The API shape of a rollout. */
export function toRollout(
  record: RolloutRecord,
  counts: TargetCounts,
  currentWave: number | undefined,
): Rollout {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return {
    id: record.id,
    releaseId: record.releaseId,
    track: record.track,
    version: record.version,
    status: record.status,
    request: record.request,
    waves: record.waves,
    skipped: record.skipped,
    ...(currentWave !== undefined ? { currentWave } : {}),
    ...(record.failureLimit !== undefined
      ? { failureLimit: record.failureLimit }
      : {}),
    counts,
    total,
    createdBy: record.createdBy,
    createdAt: iso(record.createdAt)!,
    updatedAt: iso(record.updatedAt)!,
    ...(record.finishedAt !== undefined
      ? { finishedAt: iso(record.finishedAt) }
      : {}),
  };
}

/** The API shape of a target; `detail` is supplied by the caller. */
export function toRolloutTarget(
  record: TargetRecord,
  detail: string | undefined,
): RolloutTarget {
  const target: RolloutTarget = {
    installationRef: record.installationRef,
    tenantRef: record.tenantRef,
    tier: record.tier,
    wave: record.wave,
    state: record.state,
    updatedAt: iso(record.updatedAt)!,
  };
  if (record.ring) target.ring = record.ring;
  if (record.state === 'ongoing') target.stage = record.stage;
  if (detail) target.detail = detail;
  if (record.failure) target.failure = record.failure;
  if (record.state === 'pending') target.notBefore = iso(record.dueAt);
  if (record.startedAt !== undefined) target.startedAt = iso(record.startedAt);
  if (record.finishedAt !== undefined)
    target.finishedAt = iso(record.finishedAt);
  return target;
}
