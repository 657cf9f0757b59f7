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
// The OpenAPI document of the read-only rollout views (preview, target
// detail, an installation's rollouts, the fleet), merged into openapi.ts.
import {
  errorResponse,
  errors,
  installationRefParam,
  jsonBody,
  jsonResponse,
  releaseIdParam,
  rolloutIdParam,
  tierSchema,
} from './parts';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const string = { type: 'string' };
const dateTime = { type: 'string', format: 'date-time' };
const integer = { type: 'integer' };
const strings = { type: 'array', items: string };
// Closed: a field the spec does not list fails router/spec.test.ts.
const object = (properties: object, required: string[]) => ({
  type: 'object',
  additionalProperties: false,
  required,
  properties,
});
const counts = {
  type: 'object',
  additionalProperties: { type: 'integer' },
};

export const rolloutViewSchemas = {
  RolloutPreviewTarget: object(
    {
      installationRef: string,
      tenantRef: string,
      tier: tierSchema,
      ring: string,
      wave: integer,
      changes: {
        type: 'array',
        items: object(
          {
            entityRef: string,
            environment: ref('Environment'),
            current: {
              ...strings,
              description:
                "Images the application's containers run now; empty when none were found or the cluster could not be read.",
            },
            next: { ...string, description: "The release's image." },
            drift: {
              type: 'boolean',
              description:
                'What runs differs from what the hub last deployed there.',
            },
          },
          ['entityRef', 'environment', 'current', 'next', 'drift'],
        ),
      },
      liveError: {
        ...string,
        description: 'Why a cluster of the installation could not be read.',
      },
      nextWindow: object(
        { start: dateTime, end: dateTime, open: { type: 'boolean' } },
        ['start', 'end', 'open'],
      ),
      windowFarAway: {
        type: 'boolean',
        description: 'The next window opens more than 7 days from now.',
      },
    },
    ['installationRef', 'tenantRef', 'tier', 'wave', 'changes'],
  ),
  RolloutPreview: object(
    {
      total: integer,
      waves: {
        type: 'array',
        items: object(
          { name: string, bakeMinutes: { type: 'number' }, size: integer },
          ['name', 'bakeMinutes', 'size'],
        ),
      },
      skipped: {
        type: 'array',
        items: object({ installationRef: string, reason: string }, [
          'installationRef',
          'reason',
        ]),
      },
      byTenant: { ...counts, description: 'Targets per tenant ref.' },
      byTier: { ...counts, description: 'Targets per tier.' },
      offset: integer,
      targets: { type: 'array', items: ref('RolloutPreviewTarget') },
    },
    ['total', 'waves', 'skipped', 'byTenant', 'byTier', 'offset', 'targets'],
  ),
  TargetDeployment: object(
    {
      stage: integer,
      entityRef: string,
      environment: ref('Environment'),
      image: { ...string, description: 'The image the rollout puts there.' },
      previous: { ...strings, description: 'The images it replaced.' },
      before: {
        ...strings,
        description: 'What ran before the rollout touched it.',
      },
      state: {
        type: 'string',
        enum: ['pending', 'applied', 'healthy', 'failed', 'restored'],
      },
      reason: string,
      appliedAt: dateTime,
      healthyAt: dateTime,
    },
    ['stage', 'entityRef', 'environment', 'image', 'state'],
  ),
  RolloutTargetDetail: {
    allOf: [
      ref('RolloutTarget'),
      // Open, as allOf needs: RolloutTarget's fields are not listed here.
      {
        type: 'object',
        required: ['environments', 'deployments'],
        properties: {
          environments: { type: 'array', items: ref('Environment') },
          deployments: { type: 'array', items: ref('TargetDeployment') },
        },
      },
    ],
  },
  InstallationRollout: object(
    {
      rolloutId: string,
      releaseId: string,
      track: string,
      version: string,
      target: ref('RolloutTarget'),
      rolloutCreatedAt: dateTime,
    },
    [
      'rolloutId',
      'releaseId',
      'track',
      'version',
      'target',
      'rolloutCreatedAt',
    ],
  ),
  FleetInstallation: object(
    {
      installationRef: string,
      tenantRef: string,
      tier: tierSchema,
      release: object({ id: string, track: string, version: string }, [
        'id',
        'track',
        'version',
      ]),
      releasesBehind: {
        ...integer,
        description:
          'Newer releases of the same track that are Ready for release.',
      },
      lastRollout: object(
        {
          rolloutId: string,
          releaseId: string,
          version: string,
          state: ref('TargetState'),
          at: dateTime,
        },
        ['rolloutId', 'releaseId', 'version', 'state', 'at'],
      ),
      applications: {
        type: 'object',
        description: 'Per application entity ref: the image the hub put last.',
        additionalProperties: object(
          { image: string, releaseId: string, version: string },
          ['image', 'releaseId', 'version'],
        ),
      },
    },
    ['installationRef', 'tenantRef', 'tier', 'releasesBehind', 'applications'],
  ),
  FleetView: object(
    {
      applications: strings,
      releases: {
        type: 'array',
        items: object(
          {
            id: string,
            track: string,
            version: string,
            installations: integer,
          },
          ['id', 'track', 'version', 'installations'],
        ),
      },
      installations: { type: 'array', items: ref('FleetInstallation') },
      progress: {
        type: 'array',
        items: object(
          {
            releaseId: string,
            version: string,
            points: {
              type: 'array',
              items: object({ time: dateTime, installations: integer }, [
                'time',
                'installations',
              ]),
            },
          },
          ['releaseId', 'version', 'points'],
        ),
      },
    },
    ['applications', 'releases', 'installations', 'progress'],
  ),
};

export const rolloutViewPaths = {
  '/releases/{id}/rollouts/preview': {
    parameters: [releaseIdParam],
    post: {
      operationId: 'PreviewRollout',
      description:
        'What starting this rollout would do, storing nothing: the plan, counts per tenant and tier, and for one page of targets the images running now (read from the clusters) against the release, with drift and the next maintenance window. Checked as starting it is; needs only read access.',
      parameters: [
        {
          name: 'offset',
          in: 'query',
          schema: { type: 'integer', minimum: 0, maximum: 1_000_000 },
        },
        {
          name: 'limit',
          in: 'query',
          schema: { type: 'integer', minimum: 1, maximum: 100, default: 50 },
        },
      ],
      requestBody: jsonBody(ref('RolloutRequest')),
      responses: {
        '200': jsonResponse('The preview.', 'RolloutPreview'),
        ...errors,
        '409': errorResponse(
          'The release is not locked and Ready for release, or an application cannot be deployed.',
        ),
      },
    },
  },
  '/rollouts/{rolloutId}/targets/{installation}': {
    parameters: [rolloutIdParam, installationRefParam],
    get: {
      operationId: 'GetRolloutTarget',
      responses: {
        '200': jsonResponse(
          'The target with its deployments.',
          'RolloutTargetDetail',
        ),
        ...errors,
      },
    },
  },
  '/installations/{installation}/rollouts': {
    parameters: [installationRefParam],
    get: {
      operationId: 'ListInstallationRollouts',
      responses: {
        '200': {
          description:
            'The rollouts that included the installation, newest first (at most 50).',
          content: {
            'application/json': {
              schema: object(
                {
                  items: { type: 'array', items: ref('InstallationRollout') },
                },
                ['items'],
              ),
            },
          },
        },
        ...errors,
      },
    },
  },
  '/fleet': {
    get: {
      operationId: 'GetFleet',
      description:
        'What the hub last deployed to each installation in the catalog, from its own records (no cluster is read).',
      parameters: [
        {
          name: 'tenant',
          in: 'query',
          description: 'Only installations of this tenant (ID or ref).',
          schema: { type: 'string', minLength: 1, maxLength: 255 },
        },
        { name: 'tier', in: 'query', schema: tierSchema },
        {
          name: 'track',
          in: 'query',
          description: "Only this track's rollouts and releases count.",
          schema: ref('TrackName'),
        },
      ],
      responses: {
        '200': jsonResponse('The fleet.', 'FleetView'),
        ...errors,
      },
    },
  },
};
