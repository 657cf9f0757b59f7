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

/** The errors a change can answer: those of any request, and 409. */
export const mutationErrors = {
  ...errors,
  '409': errorResponse(
    'Conflict: a stale If-Match revision, a locked or rescinded release, or a disallowed transition.',
  ),
};

/** The revision a change is based on, where it may be left out. */
export const ifMatchHeader = {
  name: 'If-Match',
  in: 'header',
  required: false,
  description:
    'The revision the change was based on; a stale one is refused with 409.',
  schema: { type: 'string', maxLength: 32 },
};

/**
 * The revision a change is based on, where the router requires it. Optional
 * here all the same, so that leaving it out is answered with the router's
 * message (how to send it) rather than the validator's.
 */
export const requiredIfMatchHeader = {
  ...ifMatchHeader,
  description:
    'Required: the revision the change is based on (e.g. "3"), or * to overwrite whatever is current; left out, the change is refused with 400, and a stale revision with 409.',
};

/** The body of an action that takes none: nothing, or `{}`. */
export const emptyBody = {
  required: false,
  content: {
    'application/json': {
      schema: { type: 'object', additionalProperties: false, properties: {} },
    },
  },
};

/** A closed object: a property it does not list is refused. */
export const objectSchema = (properties: object, required?: string[]) => ({
  type: 'object',
  additionalProperties: false,
  ...(required ? { required } : {}),
  properties,
});

export const entityRef = { $ref: '#/components/schemas/EntityRefString' };

export const string = { type: 'string' };
export const dateTime = { type: 'string', format: 'date-time' };
export const uuid = { type: 'string', format: 'uuid' };
export const count = { type: 'integer', minimum: 0 };
