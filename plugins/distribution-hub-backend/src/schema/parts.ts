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
// Pieces the OpenAPI documents of the routes share.

export const text = (maxLength: number) => ({ type: 'string', maxLength });

export const errorResponse = (description: string) => ({
  description,
  content: {
    'application/json': { schema: { $ref: '#/components/schemas/Error' } },
  },
});

export const errors = {
  '400': errorResponse(
    'The request is invalid; the message names the problem.',
  ),
  '401': errorResponse('No or invalid credentials.'),
  '403': errorResponse('Not permitted.'),
  '404': errorResponse('Not found.'),
};

export const jsonBody = (schema: object) => ({
  required: true,
  content: { 'application/json': { schema } },
});

export const tierSchema = {
  type: 'string',
  enum: ['production', 'staging', 'qa', 'development'],
};

export const releaseIdParam = {
  name: 'id',
  in: 'path',
  required: true,
  schema: { type: 'string', format: 'uuid' },
};

export const rolloutIdParam = {
  name: 'rolloutId',
  in: 'path',
  required: true,
  schema: { type: 'string', format: 'uuid' },
};

export const installationRefParam = {
  name: 'installation',
  in: 'path',
  required: true,
  description:
    'An installation ID (flareup-prod) or entity ref (installation:default/flareup-prod, URL-encoded).',
  schema: { type: 'string', minLength: 1, maxLength: 255 },
};

export const schemaRef = (name: string) => ({
  $ref: `#/components/schemas/${name}`,
});

export const jsonResponseOf = (
  description: string,
  schema: object,
  headers?: object,
) => ({
  description,
  ...(headers ? { headers } : {}),
  content: { 'application/json': { schema } },
});

export const jsonResponse = (description: string, ref: string) =>
  jsonResponseOf(description, schemaRef(ref));

/** `{items: [...]}`: how the API answers with a whole list. */
export const itemsOf = (items: object) => ({
  type: 'object',
  additionalProperties: false,
  required: ['items'],
  properties: { items: { type: 'array', items } },
});

/** The revision of what a response carries, to send back as If-Match. */
export const etagHeader = {
  ETag: {
    description: 'The revision, quoted ("3"); send it back as If-Match.',
    schema: { type: 'string' },
  },
};
