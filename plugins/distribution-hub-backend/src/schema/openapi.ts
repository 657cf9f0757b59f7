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
// The REST API of the hub: the router validates every request against it
// with express-openapi-validator (see router/validatedRouter.ts) and serves
// it at /openapi.json. Responses are documented too; router/spec.test.ts
// checks real answers against them.
import {
  errorResponse,
  errors,
  etagHeader,
  installationRefParam,
  itemsOf,
  jsonBody,
  jsonResponse,
  jsonResponseOf,
  releaseIdParam,
  rolloutIdParam,
  schemaRef,
  text,
  tierSchema,
} from './parts';
import { rolloutViewPaths, rolloutViewSchemas } from './rolloutViews';

const mutationErrors = {
  ...errors,
  '409': errorResponse(
    'Conflict: a stale If-Match revision, a locked or rescinded release, or a disallowed transition.',
  ),
};

const releaseResponse = jsonResponseOf(
  'The release.',
  schemaRef('Release'),
  etagHeader,
);

const trackParam = {
  name: 'track',
  in: 'path',
  required: true,
  schema: { $ref: '#/components/schemas/TrackName' },
};
const ifMatchHeader = {
  name: 'If-Match',
  in: 'header',
  required: false,
  description:
    'The revision the change was based on; a stale one is refused with 409.',
  schema: { type: 'string', maxLength: 32 },
};

const emptyBody = {
  required: false,
  content: {
    'application/json': {
      schema: { type: 'object', additionalProperties: false, properties: {} },
    },
  },
};

const objectSchema = (properties: object, required?: string[]) => ({
  type: 'object',
  additionalProperties: false,
  ...(required ? { required } : {}),
  properties,
});

const entityRef = { $ref: '#/components/schemas/EntityRefString' };

const rolloutResponse = jsonResponse('The rollout.', 'Rollout');

const string = { type: 'string' };
const tenantResponse = jsonResponseOf(
  'The tenant.',
  schemaRef('PortalTenant'),
  etagHeader,
);
const installationResponse = jsonResponseOf(
  'The installation.',
  schemaRef('PortalInstallation'),
  etagHeader,
);
const targetStates = [
  'pending',
  'ongoing',
  'completed',
  'failed',
  'cancelled',
  'rolled-back',
];
const dateTime = { type: 'string', format: 'date-time' };
const uuid = { type: 'string', format: 'uuid' };
const count = { type: 'integer', minimum: 0 };

// What every answer carrying a release says about it; a Release adds its
// requirements, a ReleaseSummary (in lists) counts them instead.
const releaseProperties = {
  id: uuid,
  track: { $ref: '#/components/schemas/TrackName' },
  version: string,
  name: string,
  description: string,
  notes: string,
  status: { $ref: '#/components/schemas/ReleaseStatus' },
  locked: { type: 'boolean' },
  lockedBy: string,
  lockedAt: dateTime,
  revision: { type: 'integer', minimum: 1 },
  clonedFrom: { ...uuid, description: 'The id of the release it copies.' },
  createdBy: string,
  createdAt: dateTime,
  updatedAt: dateTime,
  deployment: { $ref: '#/components/schemas/ReleaseDeployment' },
};
// Lists leave out the notes (Markdown of up to 200 kB each).
const { notes: _notes, ...summaryProperties } = releaseProperties;
const releaseRequired = [
  'id',
  'track',
  'version',
  'name',
  'status',
  'locked',
  'revision',
  'createdBy',
  'createdAt',
  'updatedAt',
];

/** A portal-created tenant or installation with its bookkeeping. */
const portalRecord = (entity: string) => ({
  type: 'object',
  additionalProperties: false,
  required: [
    'entity',
    'revision',
    'createdBy',
    'createdAt',
    'updatedBy',
    'updatedAt',
  ],
  properties: {
    entity: schemaRef(entity),
    revision: { type: 'integer', minimum: 1 },
    createdBy: string,
    createdAt: dateTime,
    updatedBy: string,
    updatedAt: dateTime,
  },
});

/** A catalog entity of the hub's apiVersion, as the portal creates it. */
const hubEntity = (kind: string, spec: object) => ({
  type: 'object',
  additionalProperties: false,
  required: ['apiVersion', 'kind', 'metadata', 'spec'],
  properties: {
    apiVersion: { type: 'string', enum: ['distribution-hub.io/v1alpha1'] },
    kind: { type: 'string', enum: [kind] },
    metadata: schemaRef('PortalEntityMetadata'),
    spec,
  },
});

// The editable fields of portal tenants and installations (the ID is set
// once, at creation).
const tenantFields = {
  title: text(200),
  description: text(10_000),
  owner: entityRef,
  contacts: { type: 'array', maxItems: 100, items: entityRef },
  ring: text(63),
};

const installationFields = {
  title: text(200),
  description: text(10_000),
  tenant: entityRef,
  owner: entityRef,
  tier: tierSchema,
  environments: {
    type: 'array',
    minItems: 1,
    maxItems: 50,
    items: { $ref: '#/components/schemas/Environment' },
  },
  maintenanceWindows: {
    type: 'array',
    maxItems: 20,
    items: { $ref: '#/components/schemas/MaintenanceWindow' },
  },
};

/** The OpenAPI document of the distribution-hub backend. */
export const spec = {
  openapi: '3.0.3',
  info: {
    title: 'distribution-hub',
    version: '1',
    description:
      'Software Distribution Hub: release tracks, releases, requirements and lifecycle.',
    license: { name: 'Apache-2.0' },
  },
  servers: [{ url: '/' }],
  components: {
    schemas: {
      Error: {
        type: 'object',
        properties: {
          error: {
            type: 'object',
            properties: {
              name: { type: 'string' },
              message: { type: 'string' },
            },
            required: ['name', 'message'],
          },
          request: {
            type: 'object',
            properties: { method: string, url: string },
          },
          response: {
            type: 'object',
            properties: { statusCode: { type: 'integer' } },
          },
        },
        required: ['error'],
      },
      TrackName: {
        type: 'string',
        minLength: 1,
        maxLength: 63,
        pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$',
        description: 'A lower-case slug: letters, digits and dashes.',
      },
      Track: {
        type: 'object',
        additionalProperties: false,
        required: [
          'name',
          'title',
          'createdBy',
          'createdAt',
          'updatedAt',
          'releaseCount',
        ],
        properties: {
          name: { $ref: '#/components/schemas/TrackName' },
          title: { type: 'string' },
          description: { type: 'string' },
          createdBy: { type: 'string' },
          createdAt: { type: 'string', format: 'date-time' },
          updatedAt: { type: 'string', format: 'date-time' },
          releaseCount: { ...count, description: 'How many releases it has.' },
          latestVersion: {
            type: 'string',
            description: 'The highest version by semver precedence.',
          },
        },
      },
      TrackPage: {
        type: 'object',
        additionalProperties: false,
        required: ['items', 'totalCount'],
        properties: {
          items: { type: 'array', items: schemaRef('Track') },
          totalCount: count,
          nextCursor: {
            type: 'string',
            description:
              'Pass as cursor for the next page; absent on the last page.',
          },
        },
      },
      Application: {
        type: 'object',
        additionalProperties: false,
        required: ['entityRef'],
        properties: {
          entityRef: { type: 'string', minLength: 1, maxLength: 255 },
          image: text(1024),
          instructions: text(100_000),
        },
      },
      Stage: {
        type: 'object',
        additionalProperties: false,
        required: ['apps'],
        properties: {
          name: text(200),
          apps: {
            type: 'array',
            maxItems: 1000,
            items: { $ref: '#/components/schemas/Application' },
          },
        },
      },
      Requirements: {
        type: 'object',
        additionalProperties: false,
        required: ['stages'],
        properties: {
          stages: {
            type: 'array',
            maxItems: 50,
            items: { $ref: '#/components/schemas/Stage' },
          },
        },
      },
      EntityId: {
        type: 'string',
        minLength: 1,
        maxLength: 63,
        pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$',
        description:
          'An immutable ID: lower-case letters, digits and dashes, at most 63 characters.',
      },
      EntityRefString: { type: 'string', minLength: 1, maxLength: 255 },
      ReleaseDeployment: {
        type: 'object',
        required: ['state', 'completed', 'total'],
        description:
          'How far the release has reached the installations: completed counts distinct installations that completed it in any rollout, total the installations in the catalog.',
        properties: {
          state: {
            type: 'string',
            enum: ['not-released', 'partially-released', 'completely-released'],
          },
          completed: { type: 'integer', minimum: 0 },
          total: { type: 'integer', minimum: 0 },
        },
      },
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
      Environment: {
        type: 'object',
        additionalProperties: false,
        required: ['cluster', 'namespace'],
        properties: {
          cluster: { type: 'string', minLength: 1, maxLength: 253 },
          namespace: { type: 'string', minLength: 1, maxLength: 63 },
        },
      },
      MaintenanceWindow: {
        type: 'object',
        additionalProperties: false,
        required: ['days', 'start', 'end', 'timezone'],
        properties: {
          days: {
            type: 'array',
            minItems: 1,
            maxItems: 7,
            items: { type: 'string', maxLength: 10 },
          },
          start: text(5),
          end: text(5),
          timezone: text(64),
        },
      },
      ReleaseStatus: {
        type: 'string',
        enum: ['draft', 'ready', 'on-hold', 'rescinded'],
      },
      Release: {
        type: 'object',
        additionalProperties: false,
        required: [...releaseRequired, 'requirements'],
        properties: {
          ...releaseProperties,
          requirements: { $ref: '#/components/schemas/Requirements' },
        },
      },
      ReleaseSummary: {
        type: 'object',
        additionalProperties: false,
        description:
          'A release as listed: its requirements counted, without its notes.',
        required: [...releaseRequired, 'applicationCount', 'stageCount'],
        properties: {
          ...summaryProperties,
          applicationCount: count,
          stageCount: count,
        },
      },
      ApplicationRelease: {
        type: 'object',
        additionalProperties: false,
        description:
          "A release that includes an application, with the application's image there.",
        required: [
          'releaseId',
          'track',
          'version',
          'name',
          'status',
          'stageIndex',
        ],
        properties: {
          releaseId: uuid,
          track: { $ref: '#/components/schemas/TrackName' },
          version: string,
          name: string,
          status: { $ref: '#/components/schemas/ReleaseStatus' },
          image: string,
          stageIndex: { ...count, description: 'Zero-based.' },
        },
      },
      ReleaseHistoryEntry: {
        type: 'object',
        additionalProperties: false,
        required: ['revision', 'action', 'actor', 'at', 'changes'],
        properties: {
          revision: { type: 'integer', minimum: 1 },
          action: {
            type: 'string',
            enum: [
              'created',
              'updated',
              'requirements-updated',
              'locked',
              'unlocked',
              'status-changed',
            ],
          },
          actor: { ...string, description: 'An entity ref.' },
          at: dateTime,
          changes: {
            type: 'object',
            description: 'Per field, what it was and what it became.',
            additionalProperties: {
              type: 'object',
              additionalProperties: false,
              properties: { from: {}, to: {} },
            },
          },
        },
      },
      ImageListing: {
        type: 'object',
        additionalProperties: false,
        required: ['entityRef', 'repository', 'images'],
        properties: {
          entityRef: string,
          repository: { ...string, description: 'host/name' },
          images: {
            type: 'array',
            description: 'Semver tags first, newest first.',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['tag', 'digest', 'reference'],
              properties: {
                tag: string,
                digest: string,
                reference: {
                  ...string,
                  description:
                    "host/name:tag@digest, ready for a release's image.",
                },
              },
            },
          },
        },
      },
      PortalEntityMetadata: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'namespace'],
        properties: {
          name: { $ref: '#/components/schemas/EntityId' },
          namespace: string,
          title: string,
          description: string,
          annotations: {
            type: 'object',
            additionalProperties: { type: 'string' },
          },
        },
      },
      TenantEntity: hubEntity('Tenant', {
        type: 'object',
        additionalProperties: false,
        required: ['owner'],
        properties: {
          owner: string,
          contacts: { type: 'array', items: string },
          ring: string,
        },
      }),
      InstallationEntity: hubEntity('Installation', {
        type: 'object',
        additionalProperties: false,
        required: ['tenant', 'owner', 'tier', 'environments'],
        properties: {
          tenant: string,
          owner: string,
          tier: tierSchema,
          environments: {
            type: 'array',
            items: { $ref: '#/components/schemas/Environment' },
          },
          maintenanceWindows: {
            type: 'array',
            items: { $ref: '#/components/schemas/MaintenanceWindow' },
          },
        },
      }),
      PortalTenant: portalRecord('TenantEntity'),
      PortalInstallation: portalRecord('InstallationEntity'),
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
      ...rolloutViewSchemas,
    },
  },
  paths: {
    '/health': {
      get: {
        operationId: 'Health',
        description: 'Needs no credentials.',
        responses: {
          '200': jsonResponseOf('The plugin is up.', {
            type: 'object',
            additionalProperties: false,
            required: ['status'],
            properties: { status: { type: 'string', enum: ['ok'] } },
          }),
          '400': errors['400'],
        },
      },
    },
    '/openapi.json': {
      get: {
        operationId: 'GetOpenApiDocument',
        description: 'This document, its server the URL the API is at.',
        responses: {
          '200': jsonResponseOf('The OpenAPI document.', {
            type: 'object',
            required: ['openapi', 'info', 'paths'],
            properties: {
              openapi: string,
              info: { type: 'object' },
              servers: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['url'],
                  properties: { url: string },
                },
              },
              paths: { type: 'object' },
              components: { type: 'object' },
            },
          }),
          ...errors,
        },
      },
    },
    '/tracks': {
      get: {
        operationId: 'ListTracks',
        parameters: [
          { name: 'search', in: 'query', schema: text(200) },
          {
            name: 'limit',
            in: 'query',
            schema: { type: 'integer', minimum: 1, maximum: 1000 },
          },
          { name: 'cursor', in: 'query', schema: text(200) },
        ],
        responses: {
          '200': jsonResponse('A page of tracks, by name.', 'TrackPage'),
          ...errors,
        },
      },
      post: {
        operationId: 'CreateTrack',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                additionalProperties: false,
                required: ['name'],
                properties: {
                  name: { $ref: '#/components/schemas/TrackName' },
                  title: text(200),
                  description: text(10_000),
                },
              },
            },
          },
        },
        responses: {
          '201': jsonResponse('The track.', 'Track'),
          ...mutationErrors,
        },
      },
    },
    '/tracks/{track}': {
      parameters: [trackParam],
      get: {
        operationId: 'GetTrack',
        responses: { '200': jsonResponse('The track.', 'Track'), ...errors },
      },
      patch: {
        operationId: 'UpdateTrack',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                additionalProperties: false,
                properties: { title: text(200), description: text(10_000) },
              },
            },
          },
        },
        responses: {
          '200': jsonResponse('The track.', 'Track'),
          ...mutationErrors,
        },
      },
    },
    '/tracks/{track}/releases': {
      parameters: [trackParam],
      get: {
        operationId: 'ListReleases',
        responses: {
          '200': jsonResponseOf(
            'The releases, newest version first.',
            itemsOf(schemaRef('ReleaseSummary')),
          ),
          ...errors,
        },
      },
      post: {
        operationId: 'CreateRelease',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                additionalProperties: false,
                required: ['version'],
                properties: {
                  version: { type: 'string', minLength: 1, maxLength: 128 },
                  name: text(200),
                  description: text(10_000),
                  cloneFrom: {
                    type: 'string',
                    maxLength: 128,
                    description:
                      'The id or version of a release of this track to copy requirements from.',
                  },
                },
              },
            },
          },
        },
        responses: { '201': releaseResponse, ...mutationErrors },
      },
    },
    '/releases': {
      get: {
        operationId: 'ListReleasesWithApplication',
        parameters: [
          {
            name: 'entityRef',
            in: 'query',
            required: true,
            schema: { type: 'string', minLength: 1, maxLength: 255 },
          },
        ],
        responses: {
          '200': jsonResponseOf(
            'Releases that include the application.',
            itemsOf(schemaRef('ApplicationRelease')),
          ),
          ...errors,
        },
      },
    },
    '/releases/{id}': {
      parameters: [releaseIdParam],
      get: {
        operationId: 'GetRelease',
        responses: { '200': releaseResponse, ...errors },
      },
      patch: {
        operationId: 'UpdateRelease',
        parameters: [ifMatchHeader],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                additionalProperties: false,
                properties: {
                  name: text(200),
                  description: text(10_000),
                  notes: text(200_000),
                },
              },
            },
          },
        },
        responses: { '200': releaseResponse, ...mutationErrors },
      },
    },
    '/releases/{id}/requirements': {
      parameters: [releaseIdParam],
      put: {
        operationId: 'PutRequirements',
        parameters: [ifMatchHeader],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/Requirements' },
            },
          },
        },
        responses: { '200': releaseResponse, ...mutationErrors },
      },
    },
    '/releases/{id}/lock': {
      parameters: [releaseIdParam],
      post: {
        operationId: 'LockRelease',
        parameters: [ifMatchHeader],
        requestBody: emptyBody,
        responses: { '200': releaseResponse, ...mutationErrors },
      },
    },
    '/releases/{id}/unlock': {
      parameters: [releaseIdParam],
      post: {
        operationId: 'UnlockRelease',
        parameters: [ifMatchHeader],
        requestBody: emptyBody,
        responses: { '200': releaseResponse, ...mutationErrors },
      },
    },
    '/releases/{id}/status': {
      parameters: [releaseIdParam],
      post: {
        operationId: 'SetReleaseStatus',
        parameters: [ifMatchHeader],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                additionalProperties: false,
                required: ['status'],
                properties: {
                  status: { $ref: '#/components/schemas/ReleaseStatus' },
                },
              },
            },
          },
        },
        responses: { '200': releaseResponse, ...mutationErrors },
      },
    },
    '/releases/{id}/history': {
      parameters: [releaseIdParam],
      get: {
        operationId: 'GetReleaseHistory',
        responses: {
          '200': jsonResponseOf(
            'Every change, oldest first.',
            itemsOf(schemaRef('ReleaseHistoryEntry')),
          ),
          ...errors,
        },
      },
    },
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
    ...rolloutViewPaths,
    '/images': {
      get: {
        operationId: 'ListImages',
        parameters: [
          {
            name: 'entityRef',
            in: 'query',
            required: true,
            schema: { type: 'string', minLength: 1, maxLength: 255 },
          },
        ],
        responses: {
          '200': jsonResponse(
            "Tags and digests in the application's image repository.",
            'ImageListing',
          ),
          ...errors,
          '503': errorResponse(
            'The registry could not be reached or refused the credentials.',
          ),
        },
      },
    },
    '/clusters': {
      get: {
        operationId: 'ListClusters',
        responses: {
          '200': jsonResponseOf(
            'The clusters registered for the Kubernetes plugin, names only.',
            itemsOf({
              type: 'object',
              additionalProperties: false,
              required: ['name'],
              properties: { name: string },
            }),
          ),
          ...errors,
        },
      },
    },
    '/tenants': {
      get: {
        operationId: 'ListPortalTenants',
        responses: {
          '200': jsonResponseOf(
            'Tenants created in the portal, by ID.',
            itemsOf(schemaRef('PortalTenant')),
          ),
          ...errors,
        },
      },
      post: {
        operationId: 'CreateTenant',
        requestBody: jsonBody(
          objectSchema(
            { id: { $ref: '#/components/schemas/EntityId' }, ...tenantFields },
            ['id', 'owner'],
          ),
        ),
        responses: { '201': tenantResponse, ...mutationErrors },
      },
    },
    '/tenants/{tenant}': {
      parameters: [
        {
          name: 'tenant',
          in: 'path',
          required: true,
          schema: { $ref: '#/components/schemas/EntityId' },
        },
      ],
      get: {
        operationId: 'GetPortalTenant',
        responses: { '200': tenantResponse, ...errors },
      },
      patch: {
        operationId: 'UpdateTenant',
        parameters: [ifMatchHeader],
        requestBody: jsonBody(objectSchema(tenantFields)),
        responses: { '200': tenantResponse, ...mutationErrors },
      },
    },
    '/installations': {
      get: {
        operationId: 'ListPortalInstallations',
        responses: {
          '200': jsonResponseOf(
            'Installations created in the portal, by ID.',
            itemsOf(schemaRef('PortalInstallation')),
          ),
          ...errors,
        },
      },
      post: {
        operationId: 'CreateInstallation',
        requestBody: jsonBody(
          objectSchema(
            {
              id: { $ref: '#/components/schemas/EntityId' },
              ...installationFields,
            },
            ['id', 'tenant', 'owner', 'tier', 'environments'],
          ),
        ),
        responses: {
          '201': installationResponse,
          ...mutationErrors,
        },
      },
    },
    '/installations/{installation}': {
      parameters: [
        {
          name: 'installation',
          in: 'path',
          required: true,
          schema: { $ref: '#/components/schemas/EntityId' },
        },
      ],
      get: {
        operationId: 'GetPortalInstallation',
        responses: { '200': installationResponse, ...errors },
      },
      patch: {
        operationId: 'UpdateInstallation',
        parameters: [ifMatchHeader],
        requestBody: jsonBody(objectSchema(installationFields)),
        responses: {
          '200': installationResponse,
          ...mutationErrors,
        },
      },
    },
    '/catalog-entities': {
      get: {
        operationId: 'ListCatalogEntities',
        description:
          'For the catalog module: every portal-created entity. Service principals only.',
        responses: {
          '200': jsonResponseOf(
            'The entities.',
            itemsOf({
              oneOf: [
                schemaRef('TenantEntity'),
                schemaRef('InstallationEntity'),
              ],
            }),
          ),
          ...errors,
        },
      },
    },
  },
};
