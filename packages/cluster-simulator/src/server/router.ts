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
import { findResourceType, NAMESPACES, ResourceType } from '../api/resources';

/** A request for a resource, with the verb Kubernetes would authorize. */
export interface ResourceRoute {
  kind: 'resource';
  verb: string;
  type: ResourceType;
  /** Set for namespaced requests; undefined for all-namespace lists. */
  namespace?: string;
  name?: string;
  subresource?: string;
}

/** Anything else: discovery, OpenAPI, health, or an unknown path. */
export interface NonResourceRoute {
  kind: 'nonResource';
  verb: string;
  path: string;
}

export type Route = ResourceRoute | NonResourceRoute;

function verbOf(method: string, hasName: boolean, watch: boolean): string {
  switch (method) {
    case 'GET':
    case 'HEAD':
      if (watch) return 'watch';
      return hasName ? 'get' : 'list';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return hasName ? 'delete' : 'deletecollection';
    default:
      return method.toLowerCase();
  }
}

/** Maps a URL to a route, as the API server's path layout defines it. */
export function route(method: string, url: URL): Route {
  const segments = url.pathname
    .split('/')
    .filter(s => s.length > 0)
    .map(decodeURIComponent);
  const watch =
    url.searchParams.get('watch') === 'true' ||
    url.searchParams.get('watch') === '1';
  const nonResource = (): NonResourceRoute => ({
    kind: 'nonResource',
    verb: method.toLowerCase(),
    path: url.pathname,
  });
  let group: string;
  let version: string;
  let rest: string[];
  if (segments[0] === 'api' && segments.length >= 3) {
    group = '';
    version = segments[1];
    rest = segments.slice(2);
  } else if (segments[0] === 'apis' && segments.length >= 4) {
    group = segments[1];
    version = segments[2];
    rest = segments.slice(3);
  } else {
    return nonResource();
  }
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    const inner = findResourceType(group, version, rest[2]);
    if (inner && inner.namespaced) {
      namespace = rest[1];
      rest = rest.slice(2);
    }
  }
  const type = findResourceType(group, version, rest[0]);
  if (!type || rest.length > 3) return nonResource();
  if (type.namespaced && namespace === undefined && rest.length > 1)
    return nonResource();
  const name = rest[1];
  const subresource = rest[2];
  if (type === NAMESPACES && name !== undefined) namespace = undefined;
  return {
    kind: 'resource',
    verb: verbOf(method, name !== undefined, watch),
    type,
    namespace,
    name,
    subresource,
  };
}
