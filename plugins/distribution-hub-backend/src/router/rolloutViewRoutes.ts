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
import { InstallationTier } from '@sdh/plugin-distribution-hub-common';
import { Router } from 'express';
import { FleetService } from '../rollouts/FleetService';
import { RolloutPreviewService } from '../rollouts/RolloutPreviewService';
import { RolloutTargetViews } from '../rollouts/RolloutTargetViews';
import {
  readLimit,
  readText,
  readWholeNumber,
  RequestContext,
} from './requestContext';

const DEFAULT_PREVIEW_LIMIT = 50;

/**
 * Read-only views of rollouts for the UI: a preview of a rollout request,
 * one target in detail, an installation's rollouts, and the fleet.
 */
export function addRolloutViewRoutes(
  router: Router,
  options: {
    previews: RolloutPreviewService;
    targets: RolloutTargetViews;
    fleet: FleetService;
    context: RequestContext;
  },
) {
  const { previews, targets, fleet, context } = options;

  // A POST for the request body, but nothing is stored: reading suffices.
  router.post('/releases/:id/rollouts/preview', async (req, res) => {
    const credentials = await context.reader(req);
    res.json(
      await previews.preview(
        req.params.id,
        req.body,
        {
          offset: readWholeNumber(req, 'offset') ?? 0,
          limit: readLimit(req) ?? DEFAULT_PREVIEW_LIMIT,
        },
        credentials,
      ),
    );
  });

  router.get('/rollouts/:rolloutId/targets/:installation', async (req, res) => {
    await context.reader(req);
    res.json(
      await targets.getTarget(req.params.rolloutId, req.params.installation),
    );
  });

  router.get('/installations/:installation/rollouts', async (req, res) => {
    const credentials = await context.reader(req);
    res.json({
      items: await targets.listInstallationRollouts(
        req.params.installation,
        credentials,
      ),
    });
  });

  router.get('/fleet', async (req, res) => {
    const credentials = await context.reader(req);
    res.json(
      await fleet.getFleet(
        {
          tenant: readText(req, 'tenant'),
          tier: readText(req, 'tier') as InstallationTier | undefined,
          track: readText(req, 'track'),
        },
        credentials,
      ),
    );
  });
}
