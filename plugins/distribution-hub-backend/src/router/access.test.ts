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
import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { HubServer, startHub } from '../__testUtils__/startHub';
import { spec } from '../schema/openapi';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const BASE = '/api/distribution-hub';
const NO_WORKER = { rollouts: { workerEnabled: false } };
const UUID = '00000000-0000-4000-8000-000000000000';

/** A value for each path parameter of the spec. */
const PATH_VALUES: Record<string, string> = {
  track: 'shopfront',
  id: UUID,
  rolloutId: UUID,
  tenant: 'flareup',
  installation: 'flareup-qa',
};

/**
 * A valid body for every change the API offers, by operation. The spec
 * is the list of operations: one added without a body here fails the
 * test, so no route can ship without a permission check being proven.
 */
const VALID_CHANGES: Record<string, object> = {
  CreateTrack: { name: 'shopfront' },
  UpdateTrack: { title: 'Shopfront' },
  CreateRelease: { version: '1.0.0' },
  UpdateRelease: { notes: 'x' },
  PutRequirements: { stages: [] },
  LockRelease: {},
  UnlockRelease: {},
  SetReleaseStatus: { status: 'ready' },
  StartRollout: { targets: {} },
  PauseRollout: {},
  ResumeRollout: {},
  CancelRollout: {},
  RetryRolloutTarget: {},
  CreateTenant: { id: 'umbrella', owner: 'group:default/platform' },
  UpdateTenant: { title: 'Umbrella' },
  CreateInstallation: {
    id: 'umbrella-qa',
    tenant: 'umbrella',
    owner: 'group:default/platform',
    tier: 'qa',
    environments: [{ cluster: 'demo-eu', namespace: 'umbrella-qa' }],
  },
  UpdateInstallation: { title: 'Umbrella QA' },
};

/** Operations that read though they are POSTs (a body holds the query). */
const READS_BY_POST = ['PreviewRollout'];

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

interface Operation {
  method: (typeof METHODS)[number];
  path: string;
  operationId: string;
}

function operations(): Operation[] {
  return Object.entries(spec.paths).flatMap(([template, item]) =>
    METHODS.filter(method => method in item).map(method => ({
      method,
      operationId: (item as any)[method].operationId as string,
      path: template.replace(/\{(\w+)\}/g, (_, name) => {
        if (!(name in PATH_VALUES)) {
          throw new Error(`No test value for path parameter ${name}`);
        }
        return PATH_VALUES[name];
      }),
    })),
  );
}

const changes = operations().filter(
  op => op.method !== 'get' && !READS_BY_POST.includes(op.operationId),
);

function send(server: HubServer, op: Operation, authorized: boolean) {
  const req = request(server)[op.method](BASE + op.path);
  if (authorized) req.set('Authorization', mockCredentials.user.header());
  if (op.method === 'get') return req;
  return req.set('If-Match', '*').send(VALID_CHANGES[op.operationId] ?? {});
}

describe.each(databases.eachSupportedId())(
  'distribution-hub API access on %p',
  databaseId => {
    it('has a valid request for every change in the spec', () => {
      expect(changes.map(op => op.operationId).sort()).toEqual(
        Object.keys(VALID_CHANGES).sort(),
      );
    });

    it('answers 403 to every change under a deny-all policy', async () => {
      const server = await startHub(
        databases,
        databaseId,
        [mockServices.permissions.factory({ result: AuthorizeResult.DENY })],
        NO_WORKER,
      );
      const answers = [];
      for (const op of changes) {
        const response = await send(server, op, true);
        answers.push({
          operation: op.operationId,
          status: response.status,
          message: response.body.error?.message,
        });
      }
      expect(answers).toEqual(
        changes.map(op => ({
          operation: op.operationId,
          status: 403,
          message: expect.stringMatching(
            /^You are not allowed to .* \(permission distribution-hub\.[\w.]+\)$/,
          ),
        })),
      );
    });

    it('answers 401 to every route but health without credentials', async () => {
      const server = await startHub(
        databases,
        databaseId,
        [
          mockServices.httpAuth.factory({
            defaultCredentials: mockCredentials.none(),
          }),
        ],
        NO_WORKER,
      );
      const answers = [];
      for (const op of operations()) {
        const response = await send(server, op, false);
        answers.push({ operation: op.operationId, status: response.status });
      }
      expect(answers).toEqual(
        operations().map(op => ({
          operation: op.operationId,
          status: op.operationId === 'Health' ? 200 : 401,
        })),
      );
    });
  },
);
