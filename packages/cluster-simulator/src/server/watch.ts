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
import { ServerResponse } from 'node:http';
import { gone } from '../api/errors';
import { apiVersionOf, ResourceType } from '../api/resources';
import { KubeObject } from '../api/types';
import { ObjectStore, StoreEvent } from '../store/ObjectStore';
import {
  FieldSelector,
  LabelSelector,
  matchesFields,
  matchesLabels,
  needsObject,
  parseFieldSelector,
  parseLabelSelector,
} from '../store/selectors';
import { partialMetadata, ResponseShape, toTable } from './tables';

export interface WatchRequest {
  type: ResourceType;
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  resourceVersion?: string;
  timeoutSeconds?: number;
  allowWatchBookmarks: boolean;
  sendInitialEvents: boolean;
  shape: ResponseShape;
}

/** Default lifetime of a watch; the API server picks 30 to 60 minutes. */
const DEFAULT_TIMEOUT_SECONDS = 1800;
const BOOKMARK_INTERVAL_MS = 60_000;

function matches(
  labels: LabelSelector,
  fields: FieldSelector,
  parseObject: boolean,
  json: string,
  name: string,
  namespace: string,
): boolean {
  if (labels.length === 0 && fields.length === 0) return true;
  const object: KubeObject = JSON.parse(json);
  return (
    matchesLabels(labels, object.metadata.labels) &&
    matchesFields(fields, name, namespace, parseObject ? object : undefined)
  );
}

/**
 * Streams watch events as the API server does: one JSON object per line,
 * initial ADDED events when no resourceVersion is given, replay from the
 * history otherwise (410 Expired when it is too old), DELETED/ADDED when an
 * object leaves or enters the selector, bookmarks when asked for.
 * Returns a function that ends the stream.
 */
export function serveWatch(
  store: ObjectStore,
  request: WatchRequest,
  response: ServerResponse,
  onEnd: () => void,
): () => void {
  const { type, namespace, shape } = request;
  const labels = parseLabelSelector(request.labelSelector);
  const fields = parseFieldSelector(request.fieldSelector, type.resource);
  const parseObject = needsObject(fields);
  let first = true;
  let ended = false;

  response.writeHead(200, {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-cache, private',
    'Transfer-Encoding': 'chunked',
  });
  response.flushHeaders();

  const encodeObject = (json: string): string => {
    if (shape.as === 'object') return json;
    const object: KubeObject = JSON.parse(json);
    if (shape.as === 'PartialObjectMetadata') {
      return JSON.stringify(partialMetadata(object, shape.apiVersion));
    }
    const table = toTable(
      type,
      [object],
      shape,
      { resourceVersion: object.metadata.resourceVersion },
      Date.now(),
      first,
    );
    first = false;
    return JSON.stringify(table);
  };
  const write = (eventType: string, json: string) => {
    if (ended) return;
    response.write(`{"type":"${eventType}","object":${encodeObject(json)}}\n`);
  };
  const bookmark = (resourceVersion: number, initialEventsEnd = false) => {
    if (ended) return;
    const object = {
      kind: type.kind,
      apiVersion: apiVersionOf(type),
      metadata: {
        resourceVersion: String(resourceVersion),
        ...(initialEventsEnd
          ? { annotations: { 'k8s.io/initial-events-end': 'true' } }
          : {}),
      },
    };
    response.write(`${JSON.stringify({ type: 'BOOKMARK', object })}\n`);
  };

  const deliver = (event: StoreEvent) => {
    if (event.resource !== type.resource) return;
    if (
      namespace !== undefined &&
      type.namespaced &&
      event.namespace !== namespace
    )
      return;
    const matchesNow = matches(
      labels,
      fields,
      parseObject,
      event.json,
      event.name,
      event.namespace,
    );
    if (event.type === 'ADDED') {
      if (matchesNow) write('ADDED', event.json);
      return;
    }
    const before = event.previousJson
      ? matches(
          labels,
          fields,
          parseObject,
          event.previousJson,
          event.name,
          event.namespace,
        )
      : false;
    if (event.type === 'DELETED') {
      if (before || matchesNow) write('DELETED', event.json);
      return;
    }
    if (before && matchesNow) write('MODIFIED', event.json);
    else if (!before && matchesNow) write('ADDED', event.json);
    else if (before && !matchesNow) write('DELETED', event.json);
  };

  const cleanups: (() => void)[] = [];
  const end = () => {
    if (ended) return;
    ended = true;
    for (const cleanup of cleanups) cleanup();
    response.end();
    onEnd();
  };

  const rv = request.resourceVersion;
  if (!rv || rv === '0' || request.sendInitialEvents) {
    for (const entry of store.list(
      type.resource,
      type.namespaced ? namespace : undefined,
    )) {
      if (
        matches(
          labels,
          fields,
          parseObject,
          entry.json,
          entry.name,
          entry.namespace,
        )
      ) {
        write('ADDED', entry.json);
      }
    }
    if (request.sendInitialEvents) bookmark(store.resourceVersion, true);
  } else {
    const since = Number(rv);
    const events = Number.isFinite(since)
      ? store.eventsSince(since)
      : undefined;
    if (!events) {
      const status = gone(
        `too old resource version: ${rv} (${store.oldestResumableVersion})`,
      ).toStatus();
      response.write(`${JSON.stringify({ type: 'ERROR', object: status })}\n`);
      end();
      return end;
    }
    events.forEach(deliver);
  }
  cleanups.push(store.subscribe(deliver));
  cleanups.push(store.onReset(end));
  const timeout = setTimeout(
    end,
    (request.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000,
  );
  timeout.unref?.();
  cleanups.push(() => clearTimeout(timeout));
  if (request.allowWatchBookmarks) {
    const interval = setInterval(
      () => bookmark(store.resourceVersion),
      BOOKMARK_INTERVAL_MS,
    );
    interval.unref?.();
    cleanups.push(() => clearInterval(interval));
  }
  response.on('close', end);
  return end;
}
