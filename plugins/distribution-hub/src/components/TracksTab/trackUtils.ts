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

/*
 * Helpers shared by the release track views (the tracks tab, the track page
 * and their dialogs).
 */

type ErrorLike = {
  name?: unknown;
  message?: unknown;
  statusCode?: unknown;
  body?: {
    error?: { name?: unknown; message?: unknown };
    response?: { statusCode?: unknown };
  };
};

export { serverErrorMessage } from '../../lib/serverErrorMessage';

/** The HTTP status of a failed request, if the error came from one. */
export function errorStatus(error: unknown): number | undefined {
  if (error && typeof error === 'object') {
    const { statusCode, body } = error as ErrorLike;
    if (typeof statusCode === 'number') {
      return statusCode;
    }
    if (typeof body?.response?.statusCode === 'number') {
      return body.response.statusCode;
    }
  }
  return undefined;
}

/** Whether the server said that the thing asked for does not exist. */
export function isNotFoundError(error: unknown): boolean {
  if (errorStatus(error) === 404) {
    return true;
  }
  const { name, body } = (error ?? {}) as ErrorLike;
  return name === 'NotFoundError' || body?.error?.name === 'NotFoundError';
}

/** The rule for track IDs, which appear in URLs. */
export const TRACK_ID_PATTERN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** The longest track ID allowed. */
export const TRACK_ID_MAX_LENGTH = 63;

/** How a track ID must be written, for helper texts. */
export const TRACK_ID_RULE =
  'Lower-case letters, digits and hyphens, starting and ending with a letter or digit; at most 63 characters. Used in URLs; cannot be changed later.';

/**
 * What is wrong with a track ID as typed, or undefined when it is valid (or
 * still empty: an empty field is incomplete, not wrong).
 */
export function trackIdProblem(id: string): string | undefined {
  if (id === '') {
    return undefined;
  }
  if (id.length > TRACK_ID_MAX_LENGTH) {
    return `At most ${TRACK_ID_MAX_LENGTH} characters (this one has ${id.length}).`;
  }
  if (!TRACK_ID_PATTERN.test(id)) {
    return 'Use only lower-case letters, digits and hyphens, starting and ending with a letter or digit.';
  }
  return undefined;
}
