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
import { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseYaml } from 'yaml';
import {
  ApiError,
  badRequest,
  methodNotAllowed,
  pathNotFound,
  unsupportedMediaType,
} from '../api/errors';
import { apiVersionOf, ResourceType } from '../api/resources';
import {
  ListPage,
  PatchType,
  ResourceApi,
  WriteOptions,
} from '../api/ResourceApi';
import { KubeObject } from '../api/types';
import { ObjectStore } from '../store/ObjectStore';
import { JsonObject } from '../util/json';
import * as discovery from './discovery';
import { openApiDocument, openApiRoot } from './openapi';
import { readBody, readRawBody, sendJson } from './http';
import { decodeProtobufObject } from './protobuf';
import { ResourceRoute } from './router';
import {
  partialMetadata,
  responseShape,
  ResponseShape,
  toTable,
} from './tables';
import { serveWatch } from './watch';

const PATCH_TYPES: Record<string, PatchType> = {
  'application/json-patch+json': 'json',
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
  'application/apply-patch+yaml': 'apply',
};

function writeOptions(request: IncomingMessage, url: URL): WriteOptions {
  const dryRun = url.searchParams.getAll('dryRun');
  if (dryRun.some(v => v !== 'All')) {
    throw badRequest(
      `Invalid dry run value: ${dryRun.join(',')}; valid values are "All"`,
    );
  }
  return {
    fieldManager: url.searchParams.get('fieldManager') ?? undefined,
    userAgent: request.headers['user-agent'],
    dryRun: dryRun.length > 0,
    force: url.searchParams.get('force') === 'true',
  };
}

/** Items of a list without apiVersion and kind, as typed lists carry them. */
function stripTypeMeta(type: ResourceType, json: string): string {
  const prefix = `{"apiVersion":${JSON.stringify(
    apiVersionOf(type),
  )},"kind":${JSON.stringify(type.kind)},`;
  return json.startsWith(prefix) ? `{${json.slice(prefix.length)}` : json;
}

function listMetadata(page: ListPage): JsonObject {
  return {
    resourceVersion: page.resourceVersion,
    ...(page.continue
      ? { continue: page.continue, remainingItemCount: page.remainingItemCount }
      : {}),
  };
}

function shapeOne(
  type: ResourceType,
  object: KubeObject,
  shape: ResponseShape,
  store: ObjectStore,
): unknown {
  if (shape.as === 'Table') {
    return toTable(
      type,
      [object],
      shape,
      { resourceVersion: object.metadata.resourceVersion },
      Date.now(),
    );
  }
  if (shape.as === 'PartialObjectMetadata')
    return partialMetadata(object, shape.apiVersion);
  // A freshly stored object is sent as the JSON it was stored as.
  return store.serializedJson(object) ?? object;
}

/** Serves discovery documents; undefined for paths that are none. */
export function discoveryDocument(
  path: string,
  serverAddress: string,
): unknown {
  const trimmed = path.replace(/\/+$/, '') || '/';
  if (trimmed === '/version') return discovery.SIMULATED_VERSION;
  if (trimmed === '/api') return discovery.coreVersions(serverAddress);
  if (trimmed === '/apis') return discovery.groupList();
  if (trimmed === '/openapi/v3') return openApiRoot();
  if (trimmed.startsWith('/openapi/v3/'))
    return openApiDocument(trimmed.slice('/openapi/v3/'.length));
  const segments = trimmed.split('/').filter(Boolean);
  if (segments[0] === 'api' && segments.length === 2)
    return discovery.resourceList('', segments[1]);
  if (segments[0] === 'apis' && segments.length === 2)
    return discovery.group(segments[1]);
  if (segments[0] === 'apis' && segments.length === 3)
    return discovery.resourceList(segments[1], segments[2]);
  return undefined;
}

/**
 * Serves one resource request of a cluster: reads, lists, watches and
 * writes, shaped as objects, Tables or metadata as the client asked.
 */
export async function handleResource(
  api: ResourceApi,
  store: ObjectStore,
  route: ResourceRoute,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  trackWatch: (end: () => void) => () => void,
): Promise<void> {
  const { type, verb, name, subresource } = route;
  const namespace = route.namespace ?? '';
  const query = url.searchParams;
  const shape = responseShape(
    request.headers.accept,
    query.get('includeObject') ?? undefined,
  );
  if (
    subresource !== undefined &&
    (subresource !== 'status' || verb !== 'get')
  ) {
    if (subresource === 'status' && ['update', 'patch'].includes(verb)) {
      throw methodNotAllowed(
        `${verb} of ${type.resource}/status is not supported: the cluster simulator's controller owns status`,
      );
    }
    throw pathNotFound();
  }
  switch (verb) {
    case 'get': {
      const entry =
        shape.as === 'object'
          ? store.get(type.resource, type.namespaced ? namespace : '', name!)
          : undefined;
      // Plain reads send the stored JSON as it is.
      sendJson(
        response,
        200,
        entry
          ? entry.json
          : shapeOne(type, api.get(type, namespace, name!), shape, store),
      );
      return;
    }
    case 'list': {
      const limit = query.get('limit');
      const page = api.list(type, route.namespace, {
        labelSelector: query.get('labelSelector') ?? undefined,
        fieldSelector: query.get('fieldSelector') ?? undefined,
        limit: limit ? Number(limit) : undefined,
        continue: query.get('continue') ?? undefined,
      });
      const metadata = listMetadata(page);
      if (shape.as === 'Table') {
        const objects = page.entries.map(e => JSON.parse(e.json) as KubeObject);
        sendJson(
          response,
          200,
          toTable(type, objects, shape, metadata, Date.now()),
        );
        return;
      }
      if (shape.as === 'PartialObjectMetadata') {
        sendJson(response, 200, {
          kind: 'PartialObjectMetadataList',
          apiVersion: shape.apiVersion,
          metadata,
          items: page.entries.map(e =>
            partialMetadata(JSON.parse(e.json), shape.apiVersion),
          ),
        });
        return;
      }
      // Stored objects are already JSON: join them instead of parsing.
      const items = page.entries
        .map(e => stripTypeMeta(type, e.json))
        .join(',');
      const body = `{"kind":"${type.kind}List","apiVersion":"${apiVersionOf(
        type,
      )}","metadata":${JSON.stringify(metadata)},"items":[${items}]}`;
      sendJson(response, 200, body);
      return;
    }
    case 'watch': {
      const timeout = query.get('timeoutSeconds');
      let stopTracking = () => {};
      const end = serveWatch(
        store,
        {
          type,
          namespace: route.namespace,
          labelSelector: query.get('labelSelector') ?? undefined,
          fieldSelector: query.get('fieldSelector') ?? undefined,
          resourceVersion: query.get('resourceVersion') ?? undefined,
          timeoutSeconds: timeout ? Number(timeout) : undefined,
          allowWatchBookmarks: query.get('allowWatchBookmarks') === 'true',
          sendInitialEvents: query.get('sendInitialEvents') === 'true',
          shape,
        },
        response,
        () => stopTracking(),
      );
      stopTracking = trackWatch(end);
      return;
    }
    case 'create': {
      const body = await readJson(request);
      const created = api.create(
        type,
        namespace,
        body,
        writeOptions(request, url),
      );
      sendJson(response, 201, shapeOne(type, created, shape, store));
      return;
    }
    case 'update': {
      const body = await readJson(request);
      const updated = api.replace(
        type,
        namespace,
        name!,
        body,
        writeOptions(request, url),
      );
      sendJson(response, 200, shapeOne(type, updated, shape, store));
      return;
    }
    case 'patch': {
      const contentType = (request.headers['content-type'] ?? '')
        .split(';')[0]
        .trim();
      const patchType = PATCH_TYPES[contentType];
      if (!patchType) throw unsupportedMediaType(contentType);
      const body = await readBody(request);
      const existed =
        store.get(type.resource, type.namespaced ? namespace : '', name!) !==
        undefined;
      const patched = api.patch(
        type,
        namespace,
        name!,
        patchType,
        body,
        writeOptions(request, url),
      );
      sendJson(
        response,
        patchType === 'apply' && !existed ? 201 : 200,
        shapeOne(type, patched, shape, store),
      );
      return;
    }
    case 'delete': {
      const options = writeOptions(request, url);
      const result = api.delete(type, namespace, name!, options);
      sendJson(response, 200, result);
      return;
    }
    default:
      throw methodNotAllowed(
        `the server does not allow this method on the requested resource`,
      );
  }
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const contentType = (request.headers['content-type'] ?? '')
    .split(';')[0]
    .trim();
  if (contentType === 'application/vnd.kubernetes.protobuf') {
    return decodeProtobufObject(await readRawBody(request), contentType);
  }
  const text = await readBody(request);
  try {
    return JSON.parse(text);
  } catch (error) {
    if (contentType.includes('yaml')) return parseYaml(text);
    throw new ApiError(
      400,
      'BadRequest',
      `couldn't get version/kind; json parse error: ${
        (error as Error).message
      }`,
    );
  }
}
