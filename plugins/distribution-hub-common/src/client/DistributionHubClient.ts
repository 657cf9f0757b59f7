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
import { ResponseError } from '@backstage/errors';
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
} from '../rollouts/types';
import {
  FleetView,
  InstallationRollout,
  RolloutPreview,
  RolloutTargetDetail,
} from '../rollouts/views';
import {
  ApplicationRelease,
  ChangeOptions,
  RevisionOptions,
  DistributionHubApi,
  FleetQuery,
  ImageListing,
  InstallationRequest,
  PortalEntityRecord,
  RolloutPreviewPage,
  RolloutTargetQuery,
  TenantRequest,
} from './types';

/** `?a=1&b=2` of the defined values, or nothing. */
function queryString(values: Record<string, string | number | undefined>) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `?${qs}` : '';
}

/**
 * A client of the hub's REST API over fetch, for browsers and backends.
 *
 * @public
 */
export class DistributionHubClient implements DistributionHubApi {
  constructor(
    private readonly options: {
      discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
      fetchApi?: { fetch: typeof fetch };
    },
  ) {}

  private async request<T>(
    method: string,
    path: string,
    body?: unknown,
    changeOptions?: ChangeOptions | RevisionOptions,
  ): Promise<T> {
    const baseUrl = await this.options.discoveryApi.getBaseUrl(
      'distribution-hub',
    );
    const headers: Record<string, string> = {};
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    const revision = changeOptions?.revision;
    if (revision !== undefined) {
      headers['If-Match'] = revision === '*' ? '*' : `"${revision}"`;
    }
    const doFetch = this.options.fetchApi?.fetch ?? fetch;
    const response = await doFetch(`${baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }

  listTracks(
    query: { search?: string; limit?: number; cursor?: string } = {},
  ): Promise<Page<ReleaseTrack>> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') {
        params.set(key, String(value));
      }
    }
    const qs = params.toString();
    return this.request('GET', `/tracks${qs ? `?${qs}` : ''}`);
  }

  getTrack(name: string): Promise<ReleaseTrack> {
    return this.request('GET', `/tracks/${encodeURIComponent(name)}`);
  }

  createTrack(track: {
    name: string;
    title?: string;
    description?: string;
  }): Promise<ReleaseTrack> {
    return this.request('POST', '/tracks', track);
  }

  updateTrack(
    name: string,
    change: { title?: string; description?: string },
  ): Promise<ReleaseTrack> {
    return this.request('PATCH', `/tracks/${encodeURIComponent(name)}`, change);
  }

  async listReleases(track: string): Promise<ReleaseSummary[]> {
    const { items } = await this.request<{ items: ReleaseSummary[] }>(
      'GET',
      `/tracks/${encodeURIComponent(track)}/releases`,
    );
    return items;
  }

  createRelease(
    track: string,
    release: {
      version: string;
      name?: string;
      description?: string;
      cloneFrom?: string;
    },
  ): Promise<Release> {
    return this.request(
      'POST',
      `/tracks/${encodeURIComponent(track)}/releases`,
      release,
    );
  }

  getRelease(id: string): Promise<Release> {
    return this.request('GET', `/releases/${encodeURIComponent(id)}`);
  }

  updateRelease(
    id: string,
    change: { name?: string; description?: string; notes?: string },
    options: RevisionOptions,
  ): Promise<Release> {
    return this.request(
      'PATCH',
      `/releases/${encodeURIComponent(id)}`,
      change,
      options,
    );
  }

  putRequirements(
    id: string,
    requirements: ReleaseRequirements,
    options: RevisionOptions,
  ): Promise<Release> {
    return this.request(
      'PUT',
      `/releases/${encodeURIComponent(id)}/requirements`,
      requirements,
      options,
    );
  }

  lockRelease(id: string, options?: ChangeOptions): Promise<Release> {
    return this.request(
      'POST',
      `/releases/${encodeURIComponent(id)}/lock`,
      {},
      options,
    );
  }

  unlockRelease(id: string, options?: ChangeOptions): Promise<Release> {
    return this.request(
      'POST',
      `/releases/${encodeURIComponent(id)}/unlock`,
      {},
      options,
    );
  }

  setReleaseStatus(
    id: string,
    status: ReleaseStatus,
    options?: ChangeOptions,
  ): Promise<Release> {
    return this.request(
      'POST',
      `/releases/${encodeURIComponent(id)}/status`,
      { status },
      options,
    );
  }

  async getReleaseHistory(id: string): Promise<ReleaseHistoryEntry[]> {
    const { items } = await this.request<{ items: ReleaseHistoryEntry[] }>(
      'GET',
      `/releases/${encodeURIComponent(id)}/history`,
    );
    return items;
  }

  async listReleasesWithApplication(
    entityRef: string,
  ): Promise<ApplicationRelease[]> {
    const { items } = await this.request<{ items: ApplicationRelease[] }>(
      'GET',
      `/releases?entityRef=${encodeURIComponent(entityRef)}`,
    );
    return items;
  }

  listImages(entityRef: string): Promise<ImageListing> {
    return this.request(
      'GET',
      `/images?entityRef=${encodeURIComponent(entityRef)}`,
    );
  }

  async listClusters(): Promise<string[]> {
    const { items } = await this.request<{ items: { name: string }[] }>(
      'GET',
      '/clusters',
    );
    return items.map(cluster => cluster.name);
  }

  async listPortalTenants(): Promise<
    PortalEntityRecord<TenantEntityV1alpha1>[]
  > {
    const { items } = await this.request<{
      items: PortalEntityRecord<TenantEntityV1alpha1>[];
    }>('GET', '/tenants');
    return items;
  }

  createTenant(
    tenant: TenantRequest,
  ): Promise<PortalEntityRecord<TenantEntityV1alpha1>> {
    return this.request('POST', '/tenants', tenant);
  }

  updateTenant(
    id: string,
    change: Partial<Omit<TenantRequest, 'id'>>,
    options: RevisionOptions,
  ): Promise<PortalEntityRecord<TenantEntityV1alpha1>> {
    return this.request(
      'PATCH',
      `/tenants/${encodeURIComponent(id)}`,
      change,
      options,
    );
  }

  async listPortalInstallations(): Promise<
    PortalEntityRecord<InstallationEntityV1alpha1>[]
  > {
    const { items } = await this.request<{
      items: PortalEntityRecord<InstallationEntityV1alpha1>[];
    }>('GET', '/installations');
    return items;
  }

  createInstallation(
    installation: InstallationRequest,
  ): Promise<PortalEntityRecord<InstallationEntityV1alpha1>> {
    return this.request('POST', '/installations', installation);
  }

  updateInstallation(
    id: string,
    change: Partial<Omit<InstallationRequest, 'id'>>,
    options: RevisionOptions,
  ): Promise<PortalEntityRecord<InstallationEntityV1alpha1>> {
    return this.request(
      'PATCH',
      `/installations/${encodeURIComponent(id)}`,
      change,
      options,
    );
  }

  startRollout(releaseId: string, request: RolloutRequest): Promise<Rollout> {
    return this.request(
      'POST',
      `/releases/${encodeURIComponent(releaseId)}/rollouts`,
      request,
    );
  }

  async listRollouts(releaseId: string): Promise<Rollout[]> {
    const { items } = await this.request<{ items: Rollout[] }>(
      'GET',
      `/releases/${encodeURIComponent(releaseId)}/rollouts`,
    );
    return items;
  }

  getRollout(rolloutId: string): Promise<Rollout> {
    return this.request('GET', `/rollouts/${encodeURIComponent(rolloutId)}`);
  }

  listRolloutTargets(
    rolloutId: string,
    query: RolloutTargetQuery = {},
  ): Promise<RolloutTargetPage> {
    const params = new URLSearchParams();
    if (query.states?.length) params.set('state', query.states.join(','));
    if (query.tenant) params.set('tenant', query.tenant);
    if (query.tiers?.length) params.set('tier', query.tiers.join(','));
    if (query.cursor) params.set('cursor', query.cursor);
    if (query.limit !== undefined) params.set('limit', String(query.limit));
    const qs = params.toString();
    return this.request(
      'GET',
      `/rollouts/${encodeURIComponent(rolloutId)}/targets${qs ? `?${qs}` : ''}`,
    );
  }

  pauseRollout(rolloutId: string): Promise<Rollout> {
    return this.control(rolloutId, 'pause');
  }

  resumeRollout(rolloutId: string): Promise<Rollout> {
    return this.control(rolloutId, 'resume');
  }

  cancelRollout(rolloutId: string): Promise<Rollout> {
    return this.control(rolloutId, 'cancel');
  }

  private control(
    rolloutId: string,
    action: 'pause' | 'resume' | 'cancel',
  ): Promise<Rollout> {
    return this.request(
      'POST',
      `/rollouts/${encodeURIComponent(rolloutId)}/${action}`,
      {},
    );
  }

  retryTarget(rolloutId: string, installation: string): Promise<RolloutTarget> {
    return this.request(
      'POST',
      `/rollouts/${encodeURIComponent(rolloutId)}/targets/${encodeURIComponent(
        installation,
      )}/retry`,
      {},
    );
  }

  getInstallationState(installation: string): Promise<InstallationState> {
    return this.request(
      'GET',
      `/installations/${encodeURIComponent(installation)}/state`,
    );
  }

  previewRollout(
    releaseId: string,
    request: RolloutRequest,
    page: RolloutPreviewPage = {},
  ): Promise<RolloutPreview> {
    return this.request(
      'POST',
      `/releases/${encodeURIComponent(releaseId)}/rollouts/preview${queryString(
        {
          offset: page.offset,
          limit: page.limit,
        },
      )}`,
      request,
    );
  }

  getRolloutTarget(
    rolloutId: string,
    installation: string,
  ): Promise<RolloutTargetDetail> {
    return this.request(
      'GET',
      `/rollouts/${encodeURIComponent(rolloutId)}/targets/${encodeURIComponent(
        installation,
      )}`,
    );
  }

  async listInstallationRollouts(
    installation: string,
  ): Promise<InstallationRollout[]> {
    const { items } = await this.request<{ items: InstallationRollout[] }>(
      'GET',
      `/installations/${encodeURIComponent(installation)}/rollouts`,
    );
    return items;
  }

  getFleet(query: FleetQuery = {}): Promise<FleetView> {
    return this.request(
      'GET',
      `/fleet${queryString({
        tenant: query.tenant,
        tier: query.tier,
        track: query.track,
      })}`,
    );
  }
}
