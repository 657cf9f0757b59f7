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
import { apiVersionOf, RESOURCE_TYPES, ResourceType } from '../api/resources';
import { JsonObject } from '../util/json';
import { fnv32a } from '../util/names';

/**
 * A small OpenAPI v3 description of the served resources: their paths and
 * operations with the Kubernetes extensions (x-kubernetes-action,
 * x-kubernetes-group-version-kind) and the write parameters. kubectl reads
 * it to learn that the server validates fields itself (`fieldValidation`),
 * which `kubectl apply` needs before it sends anything. It carries no
 * schemas of the objects.
 */

function groupVersionPath(type: ResourceType): string {
  return type.group
    ? `apis/${type.group}/${type.version}`
    : `api/${type.version}`;
}

const query = (name: string, type: string, description: string) => ({
  name,
  in: 'query',
  description,
  schema: { type, uniqueItems: true },
});

const WRITE_PARAMETERS = [
  query(
    'dryRun',
    'string',
    'When present, indicates that modifications should not be persisted.',
  ),
  query(
    'fieldManager',
    'string',
    'fieldManager is a name associated with the actor or entity that is making these changes.',
  ),
  query(
    'fieldValidation',
    'string',
    'fieldValidation instructs the server on how to handle objects in the request containing unknown or duplicate fields.',
  ),
];

const LIST_PARAMETERS = [
  query(
    'allowWatchBookmarks',
    'boolean',
    'allowWatchBookmarks requests watch events with type "BOOKMARK".',
  ),
  query(
    'continue',
    'string',
    'The continue option should be set when retrieving more results from the server.',
  ),
  query(
    'fieldSelector',
    'string',
    'A selector to restrict the list of returned objects by their fields.',
  ),
  query(
    'labelSelector',
    'string',
    'A selector to restrict the list of returned objects by their labels.',
  ),
  query(
    'limit',
    'integer',
    'limit is a maximum number of responses to return for a list call.',
  ),
  query(
    'resourceVersion',
    'string',
    'resourceVersion sets a constraint on what resource versions a request may be served from.',
  ),
  query('timeoutSeconds', 'integer', 'Timeout for the list/watch call.'),
  query('watch', 'boolean', 'Watch for changes to the described resources.'),
];

function operation(
  type: ResourceType,
  action: string,
  id: string,
  parameters: unknown[],
): JsonObject {
  return {
    tags: [
      type.group ? `${type.group}_${type.version}` : `core_${type.version}`,
    ],
    operationId: id,
    parameters,
    responses: {
      '200': { description: 'OK' },
      '401': { description: 'Unauthorized' },
    },
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': {
      group: type.group,
      version: type.version,
      kind: type.kind,
    },
  };
}

function pathsOf(type: ResourceType): JsonObject {
  const prefix = `/${groupVersionPath(type)}${
    type.namespaced ? '/namespaces/{namespace}' : ''
  }/${type.resource}`;
  const id = `${
    type.group
      ? type.group.charAt(0).toUpperCase() + type.group.slice(1)
      : 'Core'
  }${type.version.toUpperCase().charAt(0)}${type.version.slice(1)}${
    type.namespaced ? 'Namespaced' : ''
  }${type.kind}`;
  const writable = !type.derived;
  const collection: JsonObject = {
    get: operation(type, 'list', `list${id}`, LIST_PARAMETERS),
    ...(writable
      ? { post: operation(type, 'post', `create${id}`, WRITE_PARAMETERS) }
      : {}),
  };
  const item: JsonObject = {
    get: operation(type, 'get', `read${id}`, []),
    delete: operation(type, 'delete', `delete${id}`, [WRITE_PARAMETERS[0]]),
    ...(writable
      ? {
          put: operation(type, 'put', `replace${id}`, WRITE_PARAMETERS),
          patch: operation(type, 'patch', `patch${id}`, [
            ...WRITE_PARAMETERS,
            query(
              'force',
              'boolean',
              'Force is going to "force" Apply requests.',
            ),
          ]),
        }
      : {}),
  };
  return { [prefix]: collection, [`${prefix}/{name}`]: item };
}

function groupVersions(): Map<string, ResourceType[]> {
  const byPath = new Map<string, ResourceType[]>();
  for (const type of RESOURCE_TYPES) {
    const path = groupVersionPath(type);
    byPath.set(path, [...(byPath.get(path) ?? []), type]);
  }
  return byPath;
}

/** `/openapi/v3/<group version path>`, or undefined when not served. */
export function openApiDocument(groupVersion: string): JsonObject | undefined {
  const types = groupVersions().get(groupVersion);
  if (!types) return undefined;
  const paths: JsonObject = {};
  for (const type of types) Object.assign(paths, pathsOf(type));
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'v1.32.0' },
    paths,
    components: { schemas: {} },
    'x-group-version': apiVersionOf(types[0]),
  };
}

/** `/openapi/v3`: where each group version's document lives, with a content hash. */
export function openApiRoot(): JsonObject {
  const paths: JsonObject = {};
  for (const path of groupVersions().keys()) {
    const hash = fnv32a(JSON.stringify(openApiDocument(path)))
      .toString(16)
      .toUpperCase();
    paths[path] = { serverRelativeURL: `/openapi/v3/${path}?hash=${hash}` };
  }
  return { paths };
}
