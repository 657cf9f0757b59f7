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

import { groupKindOf, groupResourceOf, ResourceType } from './resources';

/** A field error of a 422 Invalid response. */
export interface StatusCause {
  reason: string;
  message: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

/** The metav1.Status body every Kubernetes error carries. */
export interface StatusBody {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: {};
  status: 'Failure' | 'Success';
  message?: string;
  reason?: string;
  details?: StatusDetails;
  code: number;
}

/** An error that the server turns into a Status response. */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toStatus(): StatusBody {
    const body: StatusBody = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      code: this.code,
    };
    if (this.details) {
      return { ...body, details: this.details, code: this.code };
    }
    return body;
  }
}

function detailsOf(type: ResourceType, name: string): StatusDetails {
  return type.group
    ? { name, group: type.group, kind: type.resource }
    : { name, kind: type.resource };
}

export function notFound(type: ResourceType, name: string): ApiError {
  return new ApiError(
    404,
    'NotFound',
    `${groupResourceOf(type)} "${name}" not found`,
    detailsOf(type, name),
  );
}

export function alreadyExists(type: ResourceType, name: string): ApiError {
  return new ApiError(
    409,
    'AlreadyExists',
    `${groupResourceOf(type)} "${name}" already exists`,
    detailsOf(type, name),
  );
}

export function conflict(type: ResourceType, name: string): ApiError {
  return new ApiError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${groupResourceOf(
      type,
    )} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    detailsOf(type, name),
  );
}

/** A 409 from server-side apply naming the fields other managers own. */
export function applyConflict(
  type: ResourceType,
  name: string,
  conflicts: { manager: string; field: string }[],
): ApiError {
  const apiVersion = type.group
    ? `${type.group}/${type.version}`
    : type.version;
  const causes = conflicts.map(c => ({
    reason: 'FieldManagerConflict',
    message: `conflict with "${c.manager}" using ${apiVersion}`,
    field: c.field,
  }));
  const lines =
    conflicts.length === 1
      ? `${causes[0].message}: ${conflicts[0].field}`
      : `\n${causes.map(c => `- ${c.message}: ${c.field}`).join('\n')}`;
  return new ApiError(
    409,
    'Conflict',
    `Apply failed with ${conflicts.length} conflict${
      conflicts.length === 1 ? '' : 's'
    }: ${lines}`,
    { ...detailsOf(type, name), causes },
  );
}

/** A 422 listing field errors, worded as the API server words them. */
export function invalid(
  type: ResourceType,
  name: string,
  causes: StatusCause[],
): ApiError {
  const parts = causes.map(c =>
    c.field ? `${c.field}: ${c.message}` : c.message,
  );
  const summary = parts.length === 1 ? parts[0] : `[${parts.join(', ')}]`;
  return new ApiError(
    422,
    'Invalid',
    `${groupKindOf(type)} "${name}" is invalid: ${summary}`,
    {
      name,
      ...(type.group ? { group: type.group } : {}),
      kind: type.kind,
      causes,
    },
  );
}

export function badRequest(message: string): ApiError {
  return new ApiError(400, 'BadRequest', message);
}

export function unprocessable(message: string): ApiError {
  return new ApiError(422, 'Invalid', message);
}

export function methodNotAllowed(message: string): ApiError {
  return new ApiError(405, 'MethodNotAllowed', message);
}

export function forbidden(message: string): ApiError {
  return new ApiError(403, 'Forbidden', message);
}

export function unauthorized(): ApiError {
  return new ApiError(401, 'Unauthorized', 'Unauthorized');
}

export function unsupportedMediaType(contentType: string): ApiError {
  return new ApiError(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json (got ${contentType})`,
  );
}

export function gone(message: string): ApiError {
  return new ApiError(410, 'Expired', message);
}

export function pathNotFound(): ApiError {
  return new ApiError(
    404,
    'NotFound',
    'the server could not find the requested resource',
    {},
  );
}
