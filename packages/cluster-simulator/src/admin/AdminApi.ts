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
import { badRequest, pathNotFound } from '../api/errors';
import { ControllerSettings } from '../controller/settings';
import { readBody, sendJson } from '../server/http';
import { isObject, JsonObject } from '../util/json';
import { FaultInjector, FaultSettings } from './FaultInjector';
import { ImageHistory } from './ImageHistory';
import { RequestCounters } from './RequestCounters';
import { RequestLog } from './RequestLog';
import { RolloutHistory, RolloutOutcome } from './RolloutHistory';
import { Sequence } from './Sequence';

/** The prefix of the admin API: Kubernetes serves nothing under it. */
export const ADMIN_PREFIX = '/__simulator';

/** What the admin API needs of a cluster. */
export interface AdminTarget {
  readonly name: string;
  readonly faults: FaultInjector;
  readonly counters: RequestCounters;
  readonly imageHistory: ImageHistory;
  readonly requestLog: RequestLog;
  readonly rolloutHistory: RolloutHistory;
  readonly sequence: Sequence;
  controllerSettings(): ControllerSettings;
  updateControllerSettings(settings: Partial<ControllerSettings>): void;
  reset(): void;
  /** Clears the request counters and the request log. */
  resetRequests(): void;
  describe(): JsonObject;
}

/** A query parameter that must be a whole number when given. */
function integerParam(
  query: URLSearchParams,
  name: string,
  min: number,
): number | undefined {
  const text = query.get(name);
  if (text === null || text === '') return undefined;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < min)
    throw badRequest(`${name} must be an integer of at least ${min}`);
  return value;
}

function stringParam(query: URLSearchParams, name: string): string | undefined {
  return query.get(name) || undefined;
}

function describeSettings(settings: ControllerSettings): JsonObject {
  return {
    ...settings,
    brokenImagePattern: settings.brokenImagePattern.source,
  };
}

async function readObject(request: IncomingMessage): Promise<JsonObject> {
  const text = await readBody(request);
  if (text.trim() === '') return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw badRequest('the body must be a JSON object');
  }
  if (!isObject(body)) throw badRequest('the body must be a JSON object');
  return body;
}

function controllerUpdate(body: JsonObject): Partial<ControllerSettings> {
  const update: Partial<ControllerSettings> = {};
  const positive = (key: string) => {
    const value = Number(body[key]);
    if (!Number.isFinite(value) || value <= 0)
      throw badRequest(`${key} must be a positive number`);
    return value;
  };
  if (body.timeScale !== undefined) update.timeScale = positive('timeScale');
  if (body.podStartSeconds !== undefined) {
    const value = Number(body.podStartSeconds);
    if (!Number.isFinite(value) || value < 0)
      throw badRequest('podStartSeconds must be a non-negative number');
    update.podStartSeconds = value;
  }
  if (body.observeDelaySeconds !== undefined) {
    const value = Number(body.observeDelaySeconds);
    if (!Number.isFinite(value) || value < 0)
      throw badRequest('observeDelaySeconds must be a non-negative number');
    update.observeDelaySeconds = value;
  }
  if (body.nodeCount !== undefined) {
    const value = Number(body.nodeCount);
    if (!Number.isInteger(value) || value < 0)
      throw badRequest('nodeCount must be a non-negative integer');
    update.nodeCount = value;
  }
  if (body.brokenImagePattern !== undefined) {
    try {
      update.brokenImagePattern = new RegExp(String(body.brokenImagePattern));
    } catch (error) {
      throw badRequest(
        `brokenImagePattern is not a regular expression: ${
          (error as Error).message
        }`,
      );
    }
  }
  return update;
}

/**
 * The admin API of one cluster, under `/__simulator`:
 *
 * - `GET /__simulator` — the cluster, its settings and object counts
 * - `GET|PUT|PATCH|DELETE /__simulator/faults` — injected faults
 * - `GET|DELETE /__simulator/requests` — request counters (DELETE also clears the log)
 * - `GET /__simulator/requests/log?verb=&resource=&namespace=&name=&code=&sinceSequence=&limit=` — request log
 * - `GET|DELETE /__simulator/images?kind=&namespace=&name=&container=&sinceSequence=` — image history
 * - `GET|DELETE /__simulator/rollouts?kind=&namespace=&name=&outcome=&sinceSequence=` — rollout history
 * - `GET|PATCH /__simulator/controller` — time scale, pod start-up, broken-image pattern, nodes
 * - `POST /__simulator/reset` — back to the seeded state; clears faults, counters, log and histories
 */
export async function handleAdmin(
  target: AdminTarget,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<void> {
  const path = url.pathname.slice(ADMIN_PREFIX.length).replace(/\/+$/, '');
  const method = request.method ?? 'GET';
  try {
    if (path === '' && method === 'GET') {
      sendJson(response, 200, target.describe());
      return;
    }
    if (path === '/faults') {
      if (method === 'GET') {
        sendJson(response, 200, target.faults.settings);
        return;
      }
      if (method === 'PUT' || method === 'PATCH') {
        const body = await readObject(request);
        if (method === 'PUT') target.faults.clear();
        sendJson(
          response,
          200,
          target.faults.update(body as Partial<FaultSettings>),
        );
        return;
      }
      if (method === 'DELETE') {
        target.faults.clear();
        sendJson(response, 200, target.faults.settings);
        return;
      }
    }
    if (path === '/requests') {
      if (method === 'GET') {
        sendJson(response, 200, target.counters.snapshot());
        return;
      }
      if (method === 'DELETE') {
        target.resetRequests();
        sendJson(response, 200, target.counters.snapshot());
        return;
      }
    }
    if (path === '/requests/log' && method === 'GET') {
      const q = url.searchParams;
      const requests = target.requestLog.list({
        verb: stringParam(q, 'verb'),
        resource: stringParam(q, 'resource'),
        namespace: stringParam(q, 'namespace'),
        name: stringParam(q, 'name'),
        code: integerParam(q, 'code', 0),
        sinceSequence: integerParam(q, 'sinceSequence', 0),
        limit: integerParam(q, 'limit', 1),
      });
      sendJson(response, 200, {
        cluster: target.name,
        capacity: target.requestLog.capacity,
        kept: target.requestLog.size,
        evicted: target.requestLog.evicted,
        sequence: target.sequence.current,
        requests,
      });
      return;
    }
    if (path === '/images') {
      if (method === 'GET') {
        const q = url.searchParams;
        const changes = target.imageHistory.list({
          kind: q.get('kind') ?? undefined,
          namespace: q.get('namespace') ?? undefined,
          name: q.get('name') ?? undefined,
          container: q.get('container') ?? undefined,
          sinceSequence: integerParam(q, 'sinceSequence', 0),
        });
        sendJson(response, 200, { cluster: target.name, changes });
        return;
      }
      if (method === 'DELETE') {
        target.imageHistory.reset();
        sendJson(response, 200, { cluster: target.name, changes: [] });
        return;
      }
    }
    if (path === '/rollouts') {
      if (method === 'GET') {
        const q = url.searchParams;
        const outcome = stringParam(q, 'outcome');
        if (outcome && outcome !== 'complete' && outcome !== 'failed')
          throw badRequest('outcome must be complete or failed');
        const rollouts = target.rolloutHistory.list({
          kind: stringParam(q, 'kind'),
          namespace: stringParam(q, 'namespace'),
          name: stringParam(q, 'name'),
          outcome: outcome as RolloutOutcome | undefined,
          sinceSequence: integerParam(q, 'sinceSequence', 0),
        });
        sendJson(response, 200, { cluster: target.name, rollouts });
        return;
      }
      if (method === 'DELETE') {
        target.rolloutHistory.reset();
        sendJson(response, 200, { cluster: target.name, rollouts: [] });
        return;
      }
    }
    if (path === '/controller') {
      if (method === 'GET') {
        sendJson(response, 200, describeSettings(target.controllerSettings()));
        return;
      }
      if (method === 'PATCH' || method === 'PUT') {
        target.updateControllerSettings(
          controllerUpdate(await readObject(request)),
        );
        sendJson(response, 200, describeSettings(target.controllerSettings()));
        return;
      }
    }
    if (path === '/reset' && method === 'POST') {
      target.reset();
      sendJson(response, 200, target.describe());
      return;
    }
    throw pathNotFound();
  } catch (error) {
    if (error instanceof TypeError) {
      sendJson(response, 400, badRequest(error.message).toStatus());
      return;
    }
    throw error;
  }
}

export function isAdminPath(pathname: string): boolean {
  return pathname === ADMIN_PREFIX || pathname.startsWith(`${ADMIN_PREFIX}/`);
}
