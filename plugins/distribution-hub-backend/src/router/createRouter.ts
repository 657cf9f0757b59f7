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
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  Release,
  releaseCreatePermission,
  releaseLockPermission,
  releaseStatusChangePermission,
  releaseUnlockPermission,
  releaseUpdatePermission,
  trackCreatePermission,
  trackUpdatePermission,
} from '@sdh/plugin-distribution-hub-common';
import { NotFoundError } from '@backstage/errors';
import { BasicPermission } from '@backstage/plugin-permission-common';
import { Request, Response, Router } from 'express';
import { spec } from '../schema/openapi';
import { ImageService } from '../images/ImageService';
import { Actor, ReleaseService } from '../service/ReleaseService';
import { InstallationAuthorizer } from '../permissions/InstallationAuthorizer';
import { InstallationStateService } from '../rollouts/InstallationStateService';
import { ReleaseDeployments } from '../rollouts/ReleaseDeployments';
import { RolloutReadStore } from '../rollouts/RolloutReadStore';
import { RolloutService } from '../rollouts/RolloutService';
import { FleetService } from '../rollouts/FleetService';
import { RolloutPreviewService } from '../rollouts/RolloutPreviewService';
import { RolloutTargetViews } from '../rollouts/RolloutTargetViews';
import { readIfMatch, readLimit, RequestContext } from './requestContext';
import { addRolloutRoutes } from './rolloutRoutes';
import { addRolloutViewRoutes } from './rolloutViewRoutes';
import { addTenantRoutes } from './tenantRoutes';
import { createValidatedRouter } from './validatedRouter';
import { TenantService } from '../tenants/TenantService';

/**
 * The REST API: every request is validated against the OpenAPI document
 * first, so handlers see well-formed input.
 */
export async function createRouter(options: {
  releases: ReleaseService;
  images: ImageService;
  tenants: TenantService;
  rollouts: RolloutService;
  rolloutReads: RolloutReadStore;
  installationState: InstallationStateService;
  rolloutPreviews: RolloutPreviewService;
  rolloutTargets: RolloutTargetViews;
  fleet: FleetService;
  deployments: ReleaseDeployments;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  installationPermissions: InstallationAuthorizer;
  auditor: AuditorService;
}): Promise<Router> {
  const { releases, deployments } = options;
  const context = new RequestContext(
    options.httpAuth,
    options.permissions,
    options.auditor,
    options.installationPermissions,
  );
  const router = createValidatedRouter(spec);

  /** Answers with a release, how far it has been deployed, and its ETag. */
  async function sendRelease(res: Response, release: Release, status = 200) {
    const deployment = await deployments.forRelease(release.id);
    res.setHeader('ETag', `"${release.revision}"`);
    res.status(status).json(deployment ? { ...release, deployment } : release);
  }

  addTenantRoutes(router, {
    tenants: options.tenants,
    context,
    httpAuth: options.httpAuth,
  });
  addRolloutRoutes(router, {
    rollouts: options.rollouts,
    reads: options.rolloutReads,
    installationState: options.installationState,
    context,
  });
  addRolloutViewRoutes(router, {
    previews: options.rolloutPreviews,
    targets: options.rolloutTargets,
    fleet: options.fleet,
    context,
  });

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/tracks', async (req, res) => {
    await context.reader(req);
    res.json(
      await releases.listTracks({
        search: req.query.search as string | undefined,
        cursor: req.query.cursor as string | undefined,
        limit: readLimit(req),
      }),
    );
  });

  router.post('/tracks', async (req, res) => {
    const track = await context.mutate(
      req,
      {
        permission: trackCreatePermission,
        eventId: 'track-create',
        action: 'create release tracks',
        meta: { track: req.body.name },
      },
      actor => releases.createTrack(req.body, actor),
    );
    res.status(201).json(track);
  });

  router.get('/tracks/:track', async (req, res) => {
    await context.reader(req);
    res.json(await releases.getTrack(req.params.track));
  });

  router.patch('/tracks/:track', async (req, res) => {
    const track = await context.mutate(
      req,
      {
        permission: trackUpdatePermission,
        eventId: 'track-update',
        action: 'edit release tracks',
        meta: { track: req.params.track },
      },
      () => releases.updateTrack(req.params.track, req.body),
    );
    res.json(track);
  });

  router.get('/tracks/:track/releases', async (req, res) => {
    await context.reader(req);
    const items = await releases.listReleases(req.params.track);
    const deployed = await deployments.forReleases(items.map(r => r.id));
    res.json({
      items: items.map(release => {
        const deployment = deployed.get(release.id);
        return deployment ? { ...release, deployment } : release;
      }),
    });
  });

  router.post('/tracks/:track/releases', async (req, res) => {
    const release = await context.mutate(
      req,
      {
        permission: releaseCreatePermission,
        eventId: 'release-create',
        action: 'create releases',
        meta: {
          track: req.params.track,
          version: req.body.version,
          ...(req.body.cloneFrom ? { cloneFrom: req.body.cloneFrom } : {}),
        },
        resultMeta: (created: Release) => ({
          releaseId: created.id,
          ...(created.clonedFrom ? { clonedFrom: created.clonedFrom } : {}),
        }),
      },
      actor => releases.createRelease(req.params.track, req.body, actor),
    );
    await sendRelease(res, release, 201);
  });

  router.get('/images', async (req, res) => {
    const credentials = await context.reader(req);
    res.json(
      await options.images.listImages(
        req.query.entityRef as string,
        credentials,
      ),
    );
  });

  router.get('/releases', async (req, res) => {
    await context.reader(req);
    res.json({
      items: await releases.listReleasesWithApplication(
        req.query.entityRef as string,
      ),
    });
  });

  router.get('/releases/:id', async (req, res) => {
    await context.reader(req);
    await sendRelease(res, await releases.getRelease(req.params.id));
  });

  router.get('/releases/:id/history', async (req, res) => {
    await context.reader(req);
    res.json({ items: await releases.listHistory(req.params.id) });
  });

  // Changes to a release: each takes If-Match (required where the change
  // replaces what someone edited), checks its permission, is audited, and
  // answers with the release and its revision as ETag.
  const releaseChanges: Array<{
    method: 'patch' | 'put' | 'post';
    path: string;
    permission: BasicPermission;
    eventId: string;
    action: string;
    ifMatchRequired?: boolean;
    run: (
      req: Request,
      ifMatch: number | undefined,
      actor: Actor,
    ) => Promise<Release>;
  }> = [
    {
      method: 'patch',
      path: '/releases/:id',
      permission: releaseUpdatePermission,
      eventId: 'release-update',
      action: 'edit releases',
      ifMatchRequired: true,
      run: (req, ifMatch, actor) =>
        releases.updateRelease(req.params.id, req.body, ifMatch, actor),
    },
    {
      method: 'put',
      path: '/releases/:id/requirements',
      permission: releaseUpdatePermission,
      eventId: 'release-requirements-update',
      action: 'edit release requirements',
      ifMatchRequired: true,
      run: (req, ifMatch, actor) =>
        releases.putRequirements(req.params.id, req.body, ifMatch, actor),
    },
    {
      method: 'post',
      path: '/releases/:id/lock',
      permission: releaseLockPermission,
      eventId: 'release-lock',
      action: 'lock release requirements',
      run: (req, ifMatch, actor) =>
        releases.lock(req.params.id, ifMatch, actor),
    },
    {
      method: 'post',
      path: '/releases/:id/unlock',
      permission: releaseUnlockPermission,
      eventId: 'release-unlock',
      action: 'unlock release requirements',
      run: (req, ifMatch, actor) =>
        releases.unlock(req.params.id, ifMatch, actor),
    },
    {
      method: 'post',
      path: '/releases/:id/status',
      permission: releaseStatusChangePermission,
      eventId: 'release-status-change',
      action: 'change the status of releases',
      run: (req, ifMatch, actor) =>
        releases.setStatus(req.params.id, req.body.status, ifMatch, actor),
    },
  ];
  for (const change of releaseChanges) {
    router[change.method](change.path, async (req, res) => {
      const ifMatch = readIfMatch(req, {
        requiredFor: change.ifMatchRequired ? 'a release' : undefined,
      });
      const release = await context.mutate(
        req,
        {
          permission: change.permission,
          eventId: change.eventId,
          action: change.action,
          meta: {
            releaseId: req.params.id,
            ...(req.body?.status ? { status: String(req.body.status) } : {}),
          },
        },
        actor => change.run(req, ifMatch, actor),
      );
      await sendRelease(res, release);
    });
  }

  // Unknown routes get an error body like every other failure.
  router.use((req, _res) => {
    throw new NotFoundError(
      `No such route: ${req.method} ${req.baseUrl}${req.path}`,
    );
  });

  return router;
}
