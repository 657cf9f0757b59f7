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
import { errors, jsonResponseOf, string } from './parts';
import { imagePaths, releasePaths, releaseSchemas } from './releases';
import { rolloutPaths, rolloutSchemas } from './rollouts';
import { rolloutViewPaths, rolloutViewSchemas } from './rolloutViews';
import { tenantPaths, tenantSchemas } from './tenants';

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
      EntityId: {
        type: 'string',
        minLength: 1,
        maxLength: 63,
        pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$',
        description:
          'An immutable ID: lower-case letters, digits and dashes, at most 63 characters.',
      },
      EntityRefString: { type: 'string', minLength: 1, maxLength: 255 },
      ...releaseSchemas,
      ...rolloutSchemas,
      ...rolloutViewSchemas,
      ...tenantSchemas,
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
    // The paths in the order the document has always listed them.
    ...releasePaths,
    ...rolloutPaths,
    ...rolloutViewPaths,
    ...imagePaths,
    ...tenantPaths,
  },
};
