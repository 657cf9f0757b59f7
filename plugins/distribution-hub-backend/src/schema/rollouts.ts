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
// The OpenAPI document of rollouts: what a rollout request selects, the
// rollout and its targets, their control, and what an installation runs;
// merged into openapi.ts.
import {
  count,
  emptyBody,
  entityRef,
  errors,
  installationRefParam,
  itemsOf,
  jsonBody,
  jsonResponse,
  jsonResponseOf,
  mutationErrors,
  releaseIdParam,
  rolloutIdParam,
  schemaRef,
  text,
  tierSchema,
} from './parts';

const rolloutResponse = jsonResponse('The rollout.', 'Rollout');
const targetStates = [
  'pending',
  'ongoing',
  'completed',
  'failed',
  'cancelled',
  'rolled-back',
];

export const rolloutSchemas = {
  TargetSelector: {
    type: 'object',
    additionalProperties: false,
    description:
      'Installations matching any listed criterion; an empty selector matches every installation.',
    properties: {
      installations: {
        type: 'array',
        maxItems: 1000,
        items: entityRef,
        description: 'Installation IDs or entity refs.',
      },
      tenants: {
        type: 'array',
        maxItems: 1000,
        items: entityRef,
        description: 'Tenant IDs or entity refs.',
      },
      tiers: { type: 'array', maxItems: 4, items: tierSchema },
      rings: {
        type: 'array',
        maxItems: 100,
        items: { type: 'string', minLength: 1, maxLength: 63 },
      },
    },
  },
  RolloutWave: {
    type: 'object',
    additionalProperties: false,
    required: ['select'],
    properties: {
      name: { type: 'string', minLength: 1, maxLength: 100 },
      select: { $ref: '#/components/schemas/TargetSelector' },
      bakeMinutes: {
        type: 'number',
        minimum: 0,
        maximum: 43200,
        description:
          'Minutes to wait after the wave completes before the next one starts (at most 30 days).',
      },
    },
  },
  FailureThreshold: {
    description:
      'How many failed installations halt the rollout: a count, or a percentage of its installations.',
    oneOf: [
      {
        type: 'object',
        additionalProperties: false,
        required: ['count'],
        properties: { count: { type: 'integer', minimum: 1 } },
      },
      {
        type: 'object',
        additionalProperties: false,
        required: ['percent'],
        properties: {
          percent: {
            type: 'number',
            minimum: 0,
            exclusiveMinimum: true,
            maximum: 100,
          },
        },
      },
    ],
  },
  RolloutRequest: {
    type: 'object',
    additionalProperties: false,
    required: ['targets'],
    properties: {
      targets: { $ref: '#/components/schemas/TargetSelector' },
      waves: {
        type: 'array',
        maxItems: 20,
        items: { $ref: '#/components/schemas/RolloutWave' },
        description:
          'Waves in order; targets no wave selects form a last wave.',
      },
      maxParallel: {
        type: 'integer',
        minimum: 1,
        maximum: 1000,
        description: 'Installations deployed at once; default 10.',
      },
      failureThreshold: { $ref: '#/components/schemas/FailureThreshold' },
      notBefore: {
        type: 'string',
        format: 'date-time',
        description: 'Nothing starts before this time (RFC 3339).',
      },
      respectMaintenanceWindows: {
        type: 'boolean',
        description:
          "Wait for each installation's maintenance window; default true.",
      },
      autoRollback: {
        type: 'boolean',
        description:
          'Put a failed installation back on the images it had; default false.',
      },
    },
  },
  TargetState: { type: 'string', enum: targetStates },
  Rollout: {
    type: 'object',
    additionalProperties: false,
    required: [
      'id',
      'releaseId',
      'track',
      'version',
      'status',
      'request',
      'waves',
      'skipped',
      'counts',
      'total',
      'createdBy',
      'createdAt',
      'updatedAt',
    ],
    properties: {
      id: { type: 'string', format: 'uuid' },
      releaseId: { type: 'string', format: 'uuid' },
      track: { type: 'string' },
      version: { type: 'string' },
      status: {
        type: 'string',
        enum: [
          'running',
          'paused',
          'halted',
          'cancelled',
          'completed',
          'completed-with-failures',
        ],
      },
      request: { $ref: '#/components/schemas/RolloutRequest' },
      waves: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['name', 'bakeMinutes', 'size'],
          properties: {
            name: { type: 'string' },
            bakeMinutes: { type: 'number' },
            size: count,
          },
        },
      },
      skipped: {
        type: 'array',
        description: 'Installations selected but left out, and why.',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['installationRef', 'reason'],
          properties: {
            installationRef: { type: 'string' },
            reason: { type: 'string' },
          },
        },
      },
      currentWave: {
        ...count,
        description: 'The wave now deploying; absent once finished.',
      },
      failureLimit: {
        type: 'integer',
        description: 'Failed installations that halt it.',
      },
      counts: {
        type: 'object',
        description: 'Installations per target state.',
        additionalProperties: false,
        required: targetStates,
        properties: Object.fromEntries(
          targetStates.map(state => [state, count]),
        ),
      },
      total: count,
      createdBy: { type: 'string' },
      createdAt: { type: 'string', format: 'date-time' },
      updatedAt: { type: 'string', format: 'date-time' },
      finishedAt: { type: 'string', format: 'date-time' },
    },
  },
  RolloutTarget: {
    type: 'object',
    required: [
      'installationRef',
      'tenantRef',
      'tier',
      'wave',
      'state',
      'updatedAt',
    ],
    properties: {
      installationRef: { type: 'string' },
      tenantRef: { type: 'string' },
      tier: tierSchema,
      ring: { type: 'string' },
      wave: { type: 'integer' },
      state: { $ref: '#/components/schemas/TargetState' },
      stage: { type: 'integer' },
      detail: { type: 'string' },
      failure: {
        type: 'object',
        additionalProperties: false,
        required: ['stage', 'application', 'environment', 'reason'],
        properties: {
          stage: { type: 'integer' },
          stageName: { type: 'string' },
          application: { type: 'string' },
          environment: { $ref: '#/components/schemas/Environment' },
          reason: { type: 'string' },
        },
      },
      notBefore: { type: 'string', format: 'date-time' },
      startedAt: { type: 'string', format: 'date-time' },
      finishedAt: { type: 'string', format: 'date-time' },
      updatedAt: { type: 'string', format: 'date-time' },
    },
  },
  RolloutTargetPage: {
    type: 'object',
    additionalProperties: false,
    required: ['items'],
    properties: {
      items: {
        type: 'array',
        items: { $ref: '#/components/schemas/RolloutTarget' },
      },
      nextCursor: { type: 'string' },
    },
  },
  InstallationState: {
    type: 'object',
    additionalProperties: false,
    required: ['installationRef', 'applications', 'drift'],
    properties: {
      installationRef: { type: 'string' },
      drift: { type: 'boolean' },
      applications: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['entityRef', 'environment', 'drift'],
          properties: {
            entityRef: { type: 'string' },
            environment: { $ref: '#/components/schemas/Environment' },
            intended: {
              type: 'object',
              additionalProperties: false,
              required: ['image', 'releaseId', 'version', 'at'],
              description:
                'The image the hub last deployed there successfully.',
              properties: {
                image: { type: 'string' },
                releaseId: { type: 'string' },
                version: { type: 'string' },
                at: { type: 'string', format: 'date-time' },
              },
            },
            live: {
              type: 'array',
              description: 'Images running now, per workload container.',
              items: {
                type: 'object',
                additionalProperties: false,
                required: ['kind', 'name', 'container', 'image'],
                properties: {
                  kind: { type: 'string' },
                  name: { type: 'string' },
                  container: { type: 'string' },
                  image: { type: 'string' },
                },
              },
            },
            liveError: {
              type: 'string',
              description: 'Why the cluster could not be read.',
            },
            drift: { type: 'boolean' },
          },
        },
      },
    },
  },
};

export const rolloutPaths = {
  '/releases/{id}/rollouts': {
    parameters: [releaseIdParam],
    get: {
      operationId: 'ListRollouts',
      responses: {
        '200': jsonResponseOf(
          "The release's rollouts, newest first.",
          itemsOf(schemaRef('Rollout')),
        ),
        ...errors,
      },
    },
    post: {
      operationId: 'StartRollout',
      description:
        'Starts rolling out a locked release that is Ready for release to the selected installations (permission distribution-hub.rollout.create for each).',
      requestBody: jsonBody({ $ref: '#/components/schemas/RolloutRequest' }),
      responses: { '201': rolloutResponse, ...mutationErrors },
    },
  },
  '/rollouts/{rolloutId}': {
    parameters: [rolloutIdParam],
    get: {
      operationId: 'GetRollout',
      responses: { '200': rolloutResponse, ...errors },
    },
  },
  '/rollouts/{rolloutId}/targets': {
    parameters: [rolloutIdParam],
    get: {
      operationId: 'ListRolloutTargets',
      parameters: [
        {
          name: 'state',
          in: 'query',
          description:
            'Only targets in these states; repeat the parameter or separate states by commas.',
          style: 'form',
          explode: true,
          allowReserved: true,
          schema: {
            type: 'array',
            maxItems: 6,
            items: { type: 'string', maxLength: 100 },
          },
        },
        {
          name: 'tenant',
          in: 'query',
          description: 'Only installations of this tenant (ID or ref).',
          schema: { type: 'string', minLength: 1, maxLength: 255 },
        },
        {
          name: 'tier',
          in: 'query',
          description:
            'Only installations of these tiers; repeat the parameter or separate tiers by commas.',
          style: 'form',
          explode: true,
          allowReserved: true,
          schema: {
            type: 'array',
            maxItems: 4,
            items: { type: 'string', maxLength: 100 },
          },
        },
        { name: 'cursor', in: 'query', schema: text(500) },
        {
          name: 'limit',
          in: 'query',
          schema: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
        },
      ],
      responses: {
        '200': jsonResponse(
          'A page of targets, in wave and installation order.',
          'RolloutTargetPage',
        ),
        ...errors,
      },
    },
  },
  ...Object.fromEntries(
    (
      [
        ['pause', 'PauseRollout', 'No new step starts until resumed.'],
        ['resume', 'ResumeRollout', 'Carries on a paused or halted rollout.'],
        [
          'cancel',
          'CancelRollout',
          'Cancels every installation not yet finished.',
        ],
      ] as const
    ).map(([action, operationId, description]) => [
      `/rollouts/{rolloutId}/${action}`,
      {
        parameters: [rolloutIdParam],
        post: {
          operationId,
          description: `${description} Needs distribution-hub.rollout.control for every installation of the rollout.`,
          requestBody: emptyBody,
          responses: { '200': rolloutResponse, ...mutationErrors },
        },
      },
    ]),
  ),
  '/rollouts/{rolloutId}/targets/{installation}/retry': {
    parameters: [rolloutIdParam, installationRefParam],
    post: {
      operationId: 'RetryRolloutTarget',
      description:
        'Retries a failed, rolled-back or cancelled installation (permission distribution-hub.rollout.control for it).',
      requestBody: emptyBody,
      responses: {
        '200': jsonResponse('The target, queued again.', 'RolloutTarget'),
        ...mutationErrors,
      },
    },
  },
  '/installations/{installation}/state': {
    parameters: [installationRefParam],
    get: {
      operationId: 'GetInstallationState',
      description:
        'Per application and environment: the image the hub last deployed successfully, the images running now, and drift between them.',
      responses: {
        '200': jsonResponse('The installation state.', 'InstallationState'),
        ...errors,
      },
    },
  },
};
