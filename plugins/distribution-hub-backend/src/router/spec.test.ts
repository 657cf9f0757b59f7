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
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import express, { NextFunction, Request, Response } from 'express';
import { middleware as openApiValidator } from 'express-openapi-validator';
import http from 'http';
import { AddressInfo } from 'net';
import request from 'supertest';
import { eventually } from '../__testUtils__/eventually';
import {
  FakeDeployer,
  fakeDeployerModule,
} from '../__testUtils__/FakeDeployer';
import {
  HubServer,
  startHub,
  waitForInstallations,
} from '../__testUtils__/startHub';
import { spec } from '../schema/openapi';
import { createRouter } from './createRouter';

jest.setTimeout(180_000);

// The spec is the same on every database engine; SQLite is enough here.
const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const BASE = '/api/distribution-hub';
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
type Method = (typeof METHODS)[number];

/** Every operation of the spec, as "GET /tracks/{track}". */
const documented = Object.entries(spec.paths as Record<string, object>)
  .flatMap(([path, item]) =>
    METHODS.filter(method => method in item).map(
      method => `${method.toUpperCase()} ${path}`,
    ),
  )
  .sort();

/**
 * Checks an answer of the hub against the response schemas of the spec,
 * with the validator the router uses (so OpenAPI 3.0 reads the same way):
 * the answer is replayed through a server that validates responses only.
 */
function createResponseChecker() {
  let replay: { status: number; body: unknown } | undefined;
  const app = express();
  app.use(
    openApiValidator({
      apiSpec: structuredClone(spec) as any,
      validateRequests: false,
      validateResponses: true,
      ignoreUndocumented: false,
    }),
  );
  app.use((req: Request, res: Response) => {
    const openapi = (req as Request & { openapi?: { openApiRoute: string } })
      .openapi;
    res.setHeader('x-operation', `${req.method} ${openapi?.openApiRoute}`);
    res.status(replay!.status).json(replay!.body);
  });
  app.use(
    (
      error: Error & { errors?: unknown[] },
      _req: Request,
      res: Response,
      _next: NextFunction,
    ) => {
      res
        .status(599)
        .type('text/plain')
        .send(`${error.message} ${JSON.stringify(error.errors ?? [])}`);
    },
  );
  /** The documented operation answered, e.g. "GET /tracks/{track}". */
  return async (
    method: Method,
    url: string,
    answer: { status: number; body: unknown },
  ): Promise<string> => {
    replay = { status: answer.status, body: answer.body };
    const checked = await request(app)[method](url);
    if (checked.status !== answer.status) {
      throw new Error(
        `${method.toUpperCase()} ${url} answered ${
          answer.status
        } with a body the spec does not allow: ${
          checked.text
        }\n${JSON.stringify(answer.body, null, 1).slice(0, 4000)}`,
      );
    }
    return checked.headers['x-operation'];
  };
}

/**
 * A registry serving the tags of shopfront/storefront-web, for the 200 of
 * GET /images.
 */
async function startRegistryStub() {
  const server = http.createServer((req, res) => {
    if (req.url?.startsWith('/v2/shopfront/storefront-web/tags/list')) {
      res.setHeader('Content-Type', 'application/json');
      res.end(
        JSON.stringify({
          name: 'shopfront/storefront-web',
          tags: ['1.0.0', '1.1.0', 'latest'],
        }),
      );
      return;
    }
    if (req.url?.startsWith('/v2/shopfront/storefront-web/manifests/')) {
      res.setHeader('Docker-Content-Digest', `sha256:${'ab'.repeat(32)}`);
      res.end();
      return;
    }
    res.statusCode = 404;
    res.end(JSON.stringify({ errors: [{ code: 'NAME_UNKNOWN' }] }));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    host: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise(resolve => server.close(resolve)),
  };
}

describe('the OpenAPI spec', () => {
  it('documents exactly the routes the router serves', async () => {
    // Building the router only registers handlers; no service is called.
    const router = await createRouter({} as Parameters<typeof createRouter>[0]);
    const served = (router as unknown as { stack: any[] }).stack
      .filter(layer => layer.route)
      .flatMap(layer =>
        Object.keys(layer.route.methods).map(
          method =>
            `${method.toUpperCase()} ${String(layer.route.path).replace(
              /:(\w+)/g,
              '{$1}',
            )}`,
        ),
      )
      .sort();
    expect(served).toEqual(documented);
  });
});

describe.each(databases.eachSupportedId())('the API on %p', databaseId => {
  const deployer = new FakeDeployer();
  const check = createResponseChecker();
  /** Operations that answered 2xx as documented. */
  const answered = new Set<string>();
  let registry: Awaited<ReturnType<typeof startRegistryStub>>;
  let server: HubServer;

  /**
   * Sends a request to the hub as a release manager, fails unless it answers
   * `status` (a success by default), and checks the answer against the spec.
   */
  async function call(
    method: Method,
    path: string,
    options: {
      body?: object;
      ifMatch?: string;
      auth?: string | null;
      status?: number;
    } = {},
  ) {
    const req = request(server)[method](BASE + path);
    if (options.auth !== null) {
      req.set(
        'Authorization',
        options.auth ??
          mockCredentials.user.header('user:default/rita.release'),
      );
    }
    if (options.ifMatch !== undefined) req.set('If-Match', options.ifMatch);
    const response = await (options.body ? req.send(options.body) : req);
    const expected = options.status ?? (method === 'post' ? [200, 201] : [200]);
    if (![expected].flat().includes(response.status)) {
      throw new Error(
        `${method.toUpperCase()} ${path} answered ${
          response.status
        }: ${JSON.stringify(response.body)}`,
      );
    }
    const operation = await check(method, path, response);
    if (response.status < 300) answered.add(operation);
    return response;
  }

  beforeAll(async () => {
    registry = await startRegistryStub();
    server = await startHub(
      databases,
      databaseId,
      [fakeDeployerModule(deployer)],
      {
        imageRegistries: [{ host: registry.host, insecure: true }],
        defaultImageRegistry: registry.host,
      },
    );
    await waitForInstallations(server);
  });

  afterAll(async () => {
    await registry?.close();
  });

  it('answers as the spec documents, errors included', async () => {
    await call('get', '/health', { auth: null });
    await call('get', '/openapi.json');
    await call('get', '/clusters');
    await call('get', '/images?entityRef=storefront-web');

    // Tracks and releases, with every optional field set somewhere.
    await call('post', '/tracks', {
      body: { name: 'spec', title: 'Spec', description: 'Checks answers' },
    });
    await call('post', '/tracks', { body: { name: 'spec-b' } });
    const page = await call('get', '/tracks?limit=1');
    expect(page.body.nextCursor).toEqual(expect.any(String));
    await call('get', '/tracks/spec');
    await call('patch', '/tracks/spec', { body: { title: 'Spec track' } });
    const { body: release } = await call('post', '/tracks/spec/releases', {
      body: { version: '1.0.0', name: 'First', description: 'The first' },
    });
    const id = release.id;
    await call('patch', `/releases/${id}`, {
      body: { notes: '# Notes' },
      ifMatch: '"1"',
    });
    await call('put', `/releases/${id}/requirements`, {
      ifMatch: '"2"',
      body: {
        stages: [
          {
            name: 'Back ends',
            apps: [
              {
                entityRef: 'catalog-api',
                image: 'shopfront/catalog-api:1.0.0',
                instructions: 'Run **migrations** first.',
              },
              { entityRef: 'orders-api', image: 'shopfront/orders-api:1.0.0' },
            ],
          },
          {
            apps: [
              {
                entityRef: 'storefront-web',
                image: 'shopfront/storefront-web:1.0.0',
              },
            ],
          },
        ],
      },
    });
    await call('post', `/releases/${id}/lock`, { ifMatch: '"3"' });
    await call('post', `/releases/${id}/status`, {
      body: { status: 'ready' },
    });
    const { body: clone } = await call('post', '/tracks/spec/releases', {
      body: { version: '1.1.0', cloneFrom: '1.0.0' },
    });
    await call('post', `/releases/${clone.id}/lock`);
    await call('post', `/releases/${clone.id}/unlock`);
    await call('get', `/releases/${id}`);
    await call('get', `/releases/${id}/history`);
    await call('get', '/tracks/spec/releases');
    await call('get', '/tracks?search=spec');
    await call(
      'get',
      `/releases?entityRef=${encodeURIComponent(
        'component:default/orders-api',
      )}`,
    );

    // A rollout that fails on one installation, previewed first.
    deployer.unreadableNamespaces.add('initech-prod');
    await call('post', `/releases/${id}/rollouts/preview?limit=3`, {
      body: { targets: { tiers: ['production'] } },
    });
    deployer.unreadableNamespaces.delete('initech-prod');
    deployer.unhealthyNamespaces.add('initech-qa');
    const { body: started } = await call('post', `/releases/${id}/rollouts`, {
      body: {
        targets: { tiers: ['qa', 'production'] },
        waves: [{ name: 'Canary', select: { rings: ['canary'] } }],
        failureThreshold: { percent: 100 },
        maxParallel: 5,
        respectMaintenanceWindows: false,
      },
    });
    const rolloutId = started.id;
    await eventually(
      () => call('get', `/rollouts/${rolloutId}`),
      response => response.body.status !== 'running',
    );
    await call('get', `/releases/${id}/rollouts`);
    const targets = await call(
      'get',
      `/rollouts/${rolloutId}/targets?limit=2&tier=qa,production`,
    );
    expect(targets.body.nextCursor).toEqual(expect.any(String));
    await call('get', `/rollouts/${rolloutId}/targets?state=failed`);
    const failed = encodeURIComponent('installation:default/initech-qa');
    await call('get', `/rollouts/${rolloutId}/targets/${failed}`);
    await call('get', `/rollouts/${rolloutId}/targets/flareup-qa`);
    await call('get', '/installations/flareup-qa/state');
    deployer.unreadableNamespaces.add('initech-qa');
    await call('get', `/installations/${failed}/state`);
    deployer.unreadableNamespaces.delete('initech-qa');
    await call('get', '/installations/initech-qa/rollouts');
    await call('get', '/fleet');
    await call('get', '/fleet?tier=qa&track=spec');
    await call('post', `/rollouts/${rolloutId}/targets/${failed}/retry`);

    // A rollout that waits, to control.
    const { body: waiting } = await call('post', `/releases/${id}/rollouts`, {
      body: {
        targets: { installations: ['globex-dev'] },
        notBefore: '2100-01-01T00:00:00Z',
      },
    });
    for (const action of ['pause', 'resume', 'cancel']) {
      await call('post', `/rollouts/${waiting.id}/${action}`);
    }

    // Tenants and installations created in the portal.
    await call('post', '/tenants', {
      body: {
        id: 'spec-corp',
        title: 'Spec Corp',
        description: 'Checks answers',
        owner: 'group:customer-success',
        contacts: ['user:jane.doe'],
        ring: 'canary',
      },
    });
    await call('patch', '/tenants/spec-corp', {
      body: { title: 'Spec Corporation' },
      ifMatch: '"1"',
    });
    await call('get', '/tenants');
    await call('get', '/tenants/spec-corp');
    await call('post', '/installations', {
      body: {
        id: 'spec-corp-qa',
        tenant: 'spec-corp',
        owner: 'group:customer-success',
        tier: 'qa',
        environments: [{ cluster: 'demo-eu', namespace: 'spec-corp-qa' }],
        maintenanceWindows: [
          { days: ['sun'], start: '01:00', end: '04:00', timezone: 'UTC' },
        ],
      },
    });
    await call('patch', '/installations/spec-corp-qa', {
      body: { description: 'For checking' },
      ifMatch: '*',
    });
    await call('get', '/installations');
    await call('get', '/installations/spec-corp-qa');
    await call('get', '/catalog-entities', {
      auth: mockCredentials.service.header(),
    });

    // Errors have the documented shape too.
    await call('get', '/tracks/missing', { status: 404 });
    await call('post', '/tracks', { body: { name: 'spec' }, status: 409 });
    await call('post', '/tracks', {
      body: { name: 'Not A Slug' },
      status: 400,
    });
    await call('patch', `/releases/${id}`, {
      body: { notes: 'stale' },
      ifMatch: '"1"',
      status: 409,
    });
    await call('get', '/tracks', {
      auth: mockCredentials.user.invalidHeader(),
      status: 401,
    });
    await call('get', '/health?verbose=1', { auth: null, status: 400 });

    // Each documented operation answered with a documented success.
    expect([...answered].sort()).toEqual(documented);
  });

  it('answers routes the spec does not document with 404 or 405 and a message', async () => {
    const auth = mockCredentials.user.header();
    const missing = await request(server)
      .get(`${BASE}/nothing/here`)
      .set('Authorization', auth);
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe(
      `No such route: GET ${BASE}/nothing/here`,
    );
    const wrongMethod = await request(server)
      .delete(`${BASE}/tracks/spec`)
      .set('Authorization', auth);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.allow).toBe('GET, PATCH');
    expect(wrongMethod.body.error.message).toBe(
      `No such route: DELETE ${BASE}/tracks/spec; ${BASE}/tracks/spec allows GET, PATCH`,
    );
  });
});
