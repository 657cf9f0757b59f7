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
import { InstallationTier } from '../kinds/constants';
import {
  InstallationEntityV1alpha1,
  TenantEntityV1alpha1,
} from '../kinds/types';
import {
  Page,
  Release,
  ReleaseHistoryEntry,
  ReleaseRequirements,
  ReleaseStatus,
  ReleaseSummary,
  ReleaseTrack,
} from '../releases/types';
import {
  InstallationState,
  Rollout,
  RolloutRequest,
  RolloutTarget,
  RolloutTargetPage,
  TargetState,
} from '../rollouts/types';
import {
  FleetView,
  InstallationRollout,
  RolloutPreview,
  RolloutTargetDetail,
} from '../rollouts/views';

/**
 * A tenant or installation created in the portal, with its bookkeeping.
 *
 * @public
 */
export interface PortalEntityRecord<T> {
  entity: T;
  revision: number;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
}

/** @public */
export interface TenantRequest {
  id: string;
  title?: string;
  description?: string;
  owner: string;
  contacts?: string[];
  ring?: string;
}

/** @public */
export interface InstallationRequest {
  id: string;
  title?: string;
  description?: string;
  tenant: string;
  owner: string;
  tier: InstallationEntityV1alpha1['spec']['tier'];
  environments: InstallationEntityV1alpha1['spec']['environments'];
  maintenanceWindows?: InstallationEntityV1alpha1['spec']['maintenanceWindows'];
}

/** @public */
export interface ApplicationImage {
  tag: string;
  digest: string;
  /** repository:tag@digest, ready to use as a release's image. */
  reference: string;
}

/** @public */
export interface ImageListing {
  entityRef: string;
  repository: string;
  images: ApplicationImage[];
}

/** A release that includes an application, with that application's image. @public */
export interface ApplicationRelease {
  releaseId: string;
  track: string;
  version: string;
  name: string;
  status: ReleaseStatus;
  image?: string;
  stageIndex: number;
}

/**
 * Options of a change to a release: the revision it was based on, so that a
 * concurrent change by someone else is refused instead of overwritten.
 *
 * @public
 */
export interface ChangeOptions {
  revision?: number;
}

/**
 * Options of a change that replaces what someone edited (a release's
 * fields or requirements, a tenant, an installation): the revision is
 * required; `'*'` overwrites whatever is current.
 *
 * @public
 */
export interface RevisionOptions {
  revision: number | '*';
}

/**
 * Which targets of a rollout to list, and which page.
 *
 * @public
 */
export interface RolloutTargetQuery {
  /** Only targets in one of these states. */
  states?: TargetState[];
  /** Only installations of this tenant (an ID or entity ref). */
  tenant?: string;
  /** Only installations of these tiers. */
  tiers?: InstallationTier[];
  cursor?: string;
  /** 1 to 500; default 100. */
  limit?: number;
}

/**
 * The hub's REST API, as the frontend and other clients use it.
 *
 * @public
 */
export interface DistributionHubApi {
  listTracks(query?: {
    search?: string;
    limit?: number;
    cursor?: string;
  }): Promise<Page<ReleaseTrack>>;
  getTrack(name: string): Promise<ReleaseTrack>;
  createTrack(track: {
    name: string;
    title?: string;
    description?: string;
  }): Promise<ReleaseTrack>;
  updateTrack(
    name: string,
    change: { title?: string; description?: string },
  ): Promise<ReleaseTrack>;
  listReleases(track: string): Promise<ReleaseSummary[]>;
  createRelease(
    track: string,
    release: {
      version: string;
      name?: string;
      description?: string;
      cloneFrom?: string;
    },
  ): Promise<Release>;
  getRelease(id: string): Promise<Release>;
  updateRelease(
    id: string,
    change: { name?: string; description?: string; notes?: string },
    options: RevisionOptions,
  ): Promise<Release>;
  putRequirements(
    id: string,
    requirements: ReleaseRequirements,
    options: RevisionOptions,
  ): Promise<Release>;
  lockRelease(id: string, options?: ChangeOptions): Promise<Release>;
  unlockRelease(id: string, options?: ChangeOptions): Promise<Release>;
  setReleaseStatus(
    id: string,
    status: ReleaseStatus,
    options?: ChangeOptions,
  ): Promise<Release>;
  getReleaseHistory(id: string): Promise<ReleaseHistoryEntry[]>;
  listReleasesWithApplication(entityRef: string): Promise<ApplicationRelease[]>;
  listImages(entityRef: string): Promise<ImageListing>;
  listClusters(): Promise<string[]>;
  listPortalTenants(): Promise<PortalEntityRecord<TenantEntityV1alpha1>[]>;
  createTenant(
    tenant: TenantRequest,
  ): Promise<PortalEntityRecord<TenantEntityV1alpha1>>;
  updateTenant(
    id: string,
    change: Partial<Omit<TenantRequest, 'id'>>,
    options: RevisionOptions,
  ): Promise<PortalEntityRecord<TenantEntityV1alpha1>>;
  listPortalInstallations(): Promise<
    PortalEntityRecord<InstallationEntityV1alpha1>[]
  >;
  createInstallation(
    installation: InstallationRequest,
  ): Promise<PortalEntityRecord<InstallationEntityV1alpha1>>;
  updateInstallation(
    id: string,
    change: Partial<Omit<InstallationRequest, 'id'>>,
    options: RevisionOptions,
  ): Promise<PortalEntityRecord<InstallationEntityV1alpha1>>;
  /** Starts rolling out a locked release that is Ready for release. */
  startRollout(releaseId: string, request: RolloutRequest): Promise<Rollout>;
  /** The release's rollouts, newest first. */
  listRollouts(releaseId: string): Promise<Rollout[]>;
  getRollout(rolloutId: string): Promise<Rollout>;
  listRolloutTargets(
    rolloutId: string,
    query?: RolloutTargetQuery,
  ): Promise<RolloutTargetPage>;
  pauseRollout(rolloutId: string): Promise<Rollout>;
  resumeRollout(rolloutId: string): Promise<Rollout>;
  cancelRollout(rolloutId: string): Promise<Rollout>;
  /** Retries a failed, rolled-back or cancelled installation of a rollout. */
  retryTarget(rolloutId: string, installation: string): Promise<RolloutTarget>;
  /** What the hub deployed to an installation and what runs there now. */
  getInstallationState(installation: string): Promise<InstallationState>;
  /**
   * What a rollout request would do, without starting it: the plan, and one
   * page of targets with what would change on each.
   */
  previewRollout(
    releaseId: string,
    request: RolloutRequest,
    page?: RolloutPreviewPage,
  ): Promise<RolloutPreview>;
  /** One installation of a rollout, with its deployments. */
  getRolloutTarget(
    rolloutId: string,
    installation: string,
  ): Promise<RolloutTargetDetail>;
  /** The rollouts that included an installation, newest first (at most 50). */
  listInstallationRollouts(
    installation: string,
  ): Promise<InstallationRollout[]>;
  /** What the hub last deployed where, from its own records. */
  getFleet(query?: FleetQuery): Promise<FleetView>;
}

/**
 * Which page of a rollout preview's targets to read live.
 *
 * @public
 */
export interface RolloutPreviewPage {
  offset?: number;
  /** 1 to 100; default 50. */
  limit?: number;
}

/**
 * Which installations the fleet view shows, and which track's releases.
 *
 * @public
 */
export interface FleetQuery {
  /** A tenant ID or entity ref. */
  tenant?: string;
  tier?: InstallationTier;
  /** Only releases of this track count. */
  track?: string;
}
