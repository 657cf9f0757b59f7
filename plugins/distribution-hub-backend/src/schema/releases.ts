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
// The OpenAPI document of release tracks, releases, their requirements and
// history, and the images of an application, merged into openapi.ts.
import {
  count,
  dateTime,
  emptyBody,
  errorResponse,
  errors,
  etagHeader,
  ifMatchHeader,
  itemsOf,
  jsonResponse,
  jsonResponseOf,
  mutationErrors,
  releaseIdParam,
  requiredIfMatchHeader,
  schemaRef,
  string,
  text,
  uuid,
} from './parts';

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

export const releaseSchemas = {
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
    required: ['releaseId', 'track', 'version', 'name', 'status', 'stageIndex'],
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
              description: "host/name:tag@digest, ready for a release's image.",
            },
          },
        },
      },
    },
  },
};

/** Tracks and their releases, each release's changes and history. */
export const releasePaths = {
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
      parameters: [requiredIfMatchHeader],
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
      parameters: [requiredIfMatchHeader],
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
};

/** Listed after the rollout views in openapi.ts, where it always stood. */
export const imagePaths = {
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
};
