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
import fc from 'fast-check';
import request from 'supertest';
import { HubServer, startHub, waitForCatalog } from '../__testUtils__/startHub';

jest.setTimeout(300_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const BASE = '/api/distribution-hub';
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

type Method = 'get' | 'post' | 'put' | 'patch';

const routes: Array<[Method, string]> = [
  ['get', '/tracks'],
  ['post', '/tracks'],
  ['get', '/tracks/{track}'],
  ['patch', '/tracks/{track}'],
  ['get', '/tracks/{track}/releases'],
  ['post', '/tracks/{track}/releases'],
  ['get', '/releases'],
  ['get', '/releases/{id}'],
  ['patch', '/releases/{id}'],
  ['put', '/releases/{id}/requirements'],
  ['post', '/releases/{id}/lock'],
  ['post', '/releases/{id}/unlock'],
  ['post', '/releases/{id}/status'],
  ['get', '/releases/{id}/history'],
  ['get', '/images'],
  ['get', '/clusters'],
  ['get', '/tenants'],
  ['post', '/tenants'],
  ['get', '/tenants/{track}'],
  ['patch', '/tenants/{track}'],
  ['get', '/installations'],
  ['post', '/installations'],
  ['get', '/installations/{track}'],
  ['patch', '/installations/{track}'],
  ['get', '/catalog-entities'],
  ['get', '/releases/{id}/rollouts'],
  ['post', '/releases/{id}/rollouts'],
  ['get', '/rollouts/{rollout}'],
  ['get', '/rollouts/{rollout}/targets'],
  ['post', '/rollouts/{rollout}/pause'],
  ['post', '/rollouts/{rollout}/resume'],
  ['post', '/rollouts/{rollout}/cancel'],
  ['post', '/rollouts/{rollout}/targets/{track}/retry'],
  ['get', '/installations/{track}/state'],
  ['post', '/releases/{id}/rollouts/preview'],
  ['get', '/rollouts/{rollout}/targets/{track}'],
  ['get', '/installations/{track}/rollouts'],
  ['get', '/fleet'],
];

const weirdString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '..',
    '%',
    '%E0%A4%A',
    '\u0000',
    'null',
    '-1',
    '1e309',
    '😀',
    'a'.repeat(5000),
    '../../etc/passwd',
    "'; drop table releases; --",
  ),
);

// Values shaped like the API's own, so requests get past the schema and
// into the rules, mixed with anything at all.
const entityRefLike = fc.oneof(
  fc.constantFrom(
    'orders-api',
    'component:default/catalog-api',
    'group:x',
    'component:',
  ),
  weirdString,
);
const imageLike = fc.oneof(
  fc.constantFrom(
    'shopfront/orders-api:1.0.0',
    'a@sha256:abc',
    'UPPER/case:1',
    ':',
    '@',
  ),
  weirdString,
);
const requirementsLike = fc.record(
  {
    stages: fc.array(
      fc.record(
        {
          name: fc.oneof(weirdString, fc.anything()),
          apps: fc.array(
            fc.record(
              {
                entityRef: entityRefLike,
                image: imageLike,
                instructions: weirdString,
              },
              { requiredKeys: [] },
            ),
            { maxLength: 4 },
          ),
        },
        { requiredKeys: [] },
      ),
      { maxLength: 4 },
    ),
  },
  { requiredKeys: [] },
);
const selectorLike = fc.record(
  {
    installations: fc.array(
      fc.oneof(fc.constantFrom('flareup-qa', 'ghost'), entityRefLike),
      { maxLength: 3 },
    ),
    tenants: fc.array(
      fc.oneof(fc.constantFrom('globex', 'tenant:default/acme'), weirdString),
      { maxLength: 3 },
    ),
    tiers: fc.array(
      fc.oneof(fc.constantFrom('qa', 'production', 'prod'), weirdString),
      { maxLength: 3 },
    ),
    rings: fc.array(fc.oneof(fc.constant('canary'), weirdString), {
      maxLength: 2,
    }),
  },
  { requiredKeys: [] },
);
const numberLike = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, 1, 100, 150, -1, 1e309),
  weirdString,
);
const rolloutRequestLike = fc.record(
  {
    targets: fc.oneof(selectorLike, fc.anything()),
    waves: fc.array(
      fc.record(
        {
          name: weirdString,
          select: selectorLike,
          bakeMinutes: numberLike,
        },
        { requiredKeys: [] },
      ),
      { maxLength: 3 },
    ),
    maxParallel: numberLike,
    failureThreshold: fc.oneof(
      fc.record({ count: numberLike }),
      fc.record({ percent: numberLike }),
      fc.record({ count: numberLike, percent: numberLike }),
      fc.anything(),
    ),
    notBefore: fc.oneof(
      fc.constantFrom('2030-01-01T00:00:00Z', '2030-13-45T99:99:99Z', 'now'),
      weirdString,
    ),
    respectMaintenanceWindows: fc.oneof(fc.boolean(), weirdString),
    autoRollback: fc.oneof(fc.boolean(), fc.anything()),
  },
  { requiredKeys: [] },
);
const bodyArb = fc.oneof(
  fc.anything(),
  rolloutRequestLike,
  fc.json().map(text => ({ raw: text })),
  weirdString.map(text => ({ raw: text })),
  requirementsLike,
  fc.record(
    {
      name: weirdString,
      title: weirdString,
      version: fc.oneof(
        fc.constantFrom('1.0.0', '2.0.0-rc.1+b', 'v1', '1.0'),
        weirdString,
      ),
      cloneFrom: weirdString,
      status: fc.oneof(
        fc.constantFrom('draft', 'ready', 'on-hold', 'rescinded'),
        weirdString,
      ),
      notes: weirdString,
      description: weirdString,
      id: fc.oneof(fc.constantFrom('acme', 'flareup', 'Bad ID'), weirdString),
      owner: fc.oneof(
        fc.constantFrom('group:platform', 'user:x', 'component:y'),
        weirdString,
      ),
      tenant: fc.oneof(
        fc.constantFrom('flareup', 'nobody', 'group:x'),
        weirdString,
      ),
      tier: fc.oneof(fc.constantFrom('production', 'qa', 'prod'), weirdString),
      contacts: fc.array(entityRefLike, { maxLength: 3 }),
      ring: weirdString,
      environments: fc.array(
        fc.record(
          {
            cluster: fc.oneof(
              fc.constantFrom('demo-eu', 'demo-us', 'mars'),
              weirdString,
            ),
            namespace: fc.oneof(
              fc.constantFrom('acme-prod', 'flareup-prod', 'Bad_NS'),
              weirdString,
            ),
          },
          { requiredKeys: [] },
        ),
        { maxLength: 3 },
      ),
      maintenanceWindows: fc.array(
        fc.record(
          {
            days: fc.array(
              fc.oneof(fc.constantFrom('mon', 'sun', 'funday'), weirdString),
              { maxLength: 3 },
            ),
            start: fc.oneof(
              fc.constantFrom('02:00', '2:00', '24:00'),
              weirdString,
            ),
            end: fc.oneof(fc.constantFrom('05:00', '02:00'), weirdString),
            timezone: fc.oneof(
              fc.constantFrom('UTC', 'Europe/Berlin', 'Mars/Olympus'),
              weirdString,
            ),
          },
          { requiredKeys: [] },
        ),
        { maxLength: 2 },
      ),
    },
    { requiredKeys: [] },
  ),
);

describe.each(databases.eachSupportedId())('API fuzzing on %p', databaseId => {
  let server: HubServer;
  let releaseId: string;
  let readyReleaseId: string;
  let rolloutId: string;

  beforeAll(async () => {
    // No rollout worker: rollouts the fuzzer starts call no cluster.
    server = await startHub(databases, databaseId, [], {
      rollouts: { workerEnabled: false },
    });
    await waitForCatalog(server);
    const auth = mockCredentials.user.header();
    const send = (method: 'post' | 'put', path: string, body: object) =>
      request(server)
        [method](`${BASE}${path}`)
        .set('Authorization', auth)
        .send(body);
    await send('post', '/tracks', { name: 'fuzz' });
    const created = await send('post', '/tracks/fuzz/releases', {
      version: '1.0.0',
    });
    releaseId = created.body.id;
    // A release ready to roll out, and a rollout to control.
    const ready = await send('post', '/tracks/fuzz/releases', {
      version: '2.0.0',
    });
    readyReleaseId = ready.body.id;
    await send('put', `/releases/${readyReleaseId}/requirements`, {
      stages: [
        { apps: [{ entityRef: 'orders-api', image: 'shop/orders:2.0.0' }] },
      ],
    });
    await send('post', `/releases/${readyReleaseId}/lock`, {});
    await send('post', `/releases/${readyReleaseId}/status`, {
      status: 'ready',
    });
    const rollout = await send('post', `/releases/${readyReleaseId}/rollouts`, {
      targets: { tiers: ['qa'] },
    });
    if (rollout.status !== 201) {
      throw new Error(`No rollout to fuzz: ${JSON.stringify(rollout.body)}`);
    }
    rolloutId = rollout.body.id;
  });

  // The assertion is fc.assert: it fails with the smallest failing request.
  // eslint-disable-next-line jest/expect-expect
  it('never answers 5xx, and every 4xx says what is wrong', async () => {
    const pathParams = {
      track: fc.oneof(
        fc.constant('fuzz'),
        fc.constant('missing'),
        fc.constant('acme'),
        fc.constant('flareup-qa'),
        fc.constant('installation:default/initech-qa'),
        weirdString,
      ),
      id: fc.oneof(
        fc.constant(releaseId),
        fc.constant(readyReleaseId),
        fc.uuid(),
        weirdString,
      ),
      rollout: fc.oneof(fc.constant(rolloutId), fc.uuid(), weirdString),
    };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        pathParams.track,
        pathParams.id,
        pathParams.rollout,
        bodyArb,
        fc.option(weirdString),
        fc.option(
          fc.constantFrom(
            'application/json',
            'text/plain',
            'application/x-www-form-urlencoded',
          ),
        ),
        fc.dictionary(
          fc.constantFrom(
            'search',
            'limit',
            'cursor',
            'entityRef',
            'state',
            'tenant',
            'tier',
            'track',
            'offset',
            'x',
          ),
          fc.oneof(
            weirdString,
            fc.constantFrom(
              'failed,pending',
              'ongoing',
              '10',
              'globex',
              'qa,production',
              'fuzz',
            ),
            // Repeated parameters; short, so the URL stays under 16 kB.
            fc.array(fc.string({ maxLength: 40 }), { maxLength: 3 }),
          ),
        ),
        async (
          [method, template],
          track,
          id,
          rollout,
          body,
          ifMatch,
          contentType,
          query,
        ) => {
          const path = template
            .replace('{track}', encodeURIComponent(track))
            .replace('{id}', encodeURIComponent(id))
            .replace('{rollout}', encodeURIComponent(rollout));
          const req = request(server)
            [method](`${BASE}${path}`)
            .set('Authorization', mockCredentials.user.header())
            .query(query);
          if (ifMatch !== null)
            req.set('If-Match', encodeURIComponent(ifMatch));
          req.set('Content-Type', contentType ?? 'application/json');
          const raw = body && typeof body === 'object' && 'raw' in body;
          // Bodies go over the wire as text, exactly as a client sent them.
          const payload = raw
            ? String((body as { raw: string }).raw)
            : JSON.stringify(body) ?? '';
          const response = await (method === 'get' ? req : req.send(payload));
          if (response.status >= 500) {
            throw new Error(
              `${method.toUpperCase()} ${path} answered ${
                response.status
              }: ${JSON.stringify(response.body)}`,
            );
          }
          const message = response.body?.error?.message;
          if (
            response.status >= 400 &&
            (typeof message !== 'string' || message.length === 0)
          ) {
            throw new Error(
              `${method.toUpperCase()} ${path} answered ${
                response.status
              } without an error message`,
            );
          }
        },
      ),
      { numRuns: (RUNS * routes.length) / 2 },
    );
  });
});
