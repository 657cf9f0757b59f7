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
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  Rollout,
  rolloutControlPermission,
  rolloutCreatePermission,
  INSTALLATION_TIERS,
  TARGET_STATES,
} from '@sdh/plugin-distribution-hub-common';
import { Request, Router } from 'express';
import { InstallationStateService } from '../rollouts/InstallationStateService';
import { RolloutReadStore, TargetScope } from '../rollouts/RolloutReadStore';
import { RolloutService, TargetAuthorizer } from '../rollouts/RolloutService';
import { readLimit, readText, RequestContext } from './requestContext';

const DEFAULT_TARGET_LIMIT = 100;
/** Installations named in a refusal; the rest are counted. */
const NAMED_IN_ERRORS = 10;

/**
 * A repeatable query parameter, also comma-separated (`?state=failed&state=
 * pending` or `?state=failed,pending`), each value one of `allowed`.
 */
export function readList<T extends string>(
  req: Request,
  name: string,
  allowed: readonly T[],
  what: string,
): T[] | undefined {
  const raw = req.query[name];
  if (raw === undefined) return undefined;
  const values = (Array.isArray(raw) ? raw : [raw])
    .flatMap(value => String(value).split(','))
    .map(value => value.trim())
    .filter(Boolean);
  const unknown = values.filter(
    value => !(allowed as readonly string[]).includes(value),
  );
  if (unknown.length > 0) {
    throw new InputError(
      `Invalid request: query.${name} ${unknown
        .map(value => `"${value}"`)
        .join(', ')} is not ${what} (${allowed.join(', ')})`,
    );
  }
  return values.length > 0 ? ([...new Set(values)] as T[]) : undefined;
}

function listed(refs: string[]): string {
  const named = refs.slice(0, NAMED_IN_ERRORS).join(', ');
  return refs.length > NAMED_IN_ERRORS
    ? `${named} and ${refs.length - NAMED_IN_ERRORS} more`
    : named;
}

/** Refuses unless the caller may act on every one of the installations. */
async function requireAll(
  authorize: TargetAuthorizer,
  targets: TargetScope[],
  what: string,
) {
  const denied = await authorize(targets);
  if (denied.length > 0) {
    throw new NotAllowedError(
      `You may not ${what}: not allowed for ${
        denied.length === 1 ? 'installation' : 'installations'
      } ${listed(denied)}`,
    );
  }
}

/** Routes for rollouts and for what runs in installations. */
export function addRolloutRoutes(
  router: Router,
  options: {
    rollouts: RolloutService;
    reads: RolloutReadStore;
    installationState: InstallationStateService;
    context: RequestContext;
  },
) {
  const { rollouts, reads, installationState, context } = options;

  router.post('/releases/:id/rollouts', async (req, res) => {
    const rollout = await context.mutateInstallations(
      req,
      {
        permission: rolloutCreatePermission,
        eventId: 'rollout-create',
        action: 'start rollouts',
        meta: { releaseId: req.params.id },
        resultMeta: (created: Rollout) => ({
          rolloutId: created.id,
          installations: created.total,
        }),
      },
      (actor, authorize) =>
        rollouts.createRollout(req.params.id, req.body, actor, authorize),
    );
    res.status(201).json(rollout);
  });

  router.get('/releases/:id/rollouts', async (req, res) => {
    await context.reader(req);
    res.json({ items: await rollouts.listRollouts(req.params.id) });
  });

  router.get('/rollouts/:rolloutId', async (req, res) => {
    await context.reader(req);
    res.json(await rollouts.getRollout(req.params.rolloutId));
  });

  router.get('/rollouts/:rolloutId/targets', async (req, res) => {
    await context.reader(req);
    res.json(
      await rollouts.listTargets(req.params.rolloutId, {
        states: readList(req, 'state', TARGET_STATES, 'a target state'),
        tenant: readText(req, 'tenant'),
        tiers: readList(req, 'tier', INSTALLATION_TIERS, 'a tier'),
        cursor: readText(req, 'cursor'),
        limit: readLimit(req) ?? DEFAULT_TARGET_LIMIT,
      }),
    );
  });

  const controls: Record<string, (id: string) => Promise<Rollout>> = {
    pause: id => rollouts.pause(id),
    resume: id => rollouts.resume(id),
    cancel: id => rollouts.cancel(id),
  };
  for (const [action, run] of Object.entries(controls)) {
    router.post(`/rollouts/:rolloutId/${action}`, async (req, res) => {
      const { rolloutId } = req.params;
      const rollout = await context.mutateInstallations(
        req,
        {
          permission: rolloutControlPermission,
          eventId: `rollout-${action}`,
          action: `${action} rollouts`,
          meta: { rolloutId },
          resultMeta: (changed: Rollout) => ({ status: changed.status }),
        },
        async (_actor, authorize) => {
          // Controlling a rollout acts on all of its installations.
          await requireAll(
            authorize,
            await reads.targetScopes(rolloutId),
            `${action} rollout ${rolloutId}`,
          );
          return run(rolloutId);
        },
      );
      res.json(rollout);
    });
  }

  router.post(
    '/rollouts/:rolloutId/targets/:installation/retry',
    async (req, res) => {
      const { rolloutId } = req.params;
      const installationRef = InstallationStateService.parseRef(
        req.params.installation,
      );
      const target = await context.mutateInstallations(
        req,
        {
          permission: rolloutControlPermission,
          eventId: 'rollout-target-retry',
          action: 'retry installations of rollouts',
          meta: { rolloutId, installation: installationRef },
        },
        async (_actor, authorize) => {
          await requireAll(
            authorize,
            await reads.targetScopes(rolloutId, installationRef),
            `retry ${installationRef} in rollout ${rolloutId}`,
          );
          return rollouts.retry(rolloutId, installationRef);
        },
      );
      res.json(target);
    },
  );

  router.get('/installations/:installation/state', async (req, res) => {
    const credentials = await context.reader(req);
    res.json(
      await installationState.getState(req.params.installation, credentials),
    );
  });
}
