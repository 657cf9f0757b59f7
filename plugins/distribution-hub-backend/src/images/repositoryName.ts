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

/** A repository split into the registry that holds it and its name there. */
export interface RepositoryLocation {
  /** Registry host, lower case; undefined when the value names none. */
  host?: string;
  /** Path within the registry, e.g. shopfront/orders-api. */
  name: string;
}

// Path components as github.com/distribution/reference defines them.
const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const HOST =
  /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(?::[0-9]+)?$/;

/**
 * Splits a repository such as registry.example.com/shop/orders-api the way
 * Docker does: the first segment is a registry host when it contains "." or
 * ":" or is "localhost". Tags and digests are not allowed.
 */
export function parseRepository(
  value: string,
): RepositoryLocation | { error: string } {
  const segments = value.trim().split('/');
  const first = segments[0];
  const hasHost =
    segments.length > 1 &&
    (first.includes('.') || first.includes(':') || first === 'localhost');
  if (hasHost && !HOST.test(first)) {
    return { error: `"${first}" is not a registry host` };
  }
  const path = hasHost ? segments.slice(1) : segments;
  if (!path.every(segment => COMPONENT.test(segment))) {
    return {
      error:
        'is not an image repository (lower-case path without tag or digest, e.g. registry.example.com/shop/orders-api)',
    };
  }
  const name = path.join('/');
  if (name.length > 255) {
    return { error: 'has a repository name longer than 255 characters' };
  }
  return {
    ...(hasHost ? { host: first.toLocaleLowerCase('en-US') } : {}),
    name,
  };
}
