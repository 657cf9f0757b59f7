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
import { spec } from '../schema/openapi';

jest.setTimeout(300_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const BASE = '/api/distribution-hub';
// Requests per database, spread over the routes however many there are.
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 5_700);

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
type Method = (typeof METHODS)[number];

interface Route {
  method: Method;
  path: string;
  /** Its documented query parameters. */
  query: string[];
}
const queryNames = (parameters: unknown) =>
  ((parameters ?? []) as Array<{ in: string; name: string }>)
    .filter(parameter => parameter.in === 'query')
    .map(parameter => parameter.name);
// Every documented operation, so a route added to the spec is fuzzed too.
const routes: Route[] = Object.entries(
  spec.paths as Record<string, Record<string, any>>,
).flatMap(([path, item]) =>
  METHODS.filter(method => method in item).map(method => ({
    method,
    path,
    query: [
      ...queryNames(item.parameters),
      ...queryNames(item[method].parameters),
    ],
  })),
);
const pathParamNames = [
  ...new Set(
    routes.flatMap(({ path }) =>
      [...path.matchAll(/\{(\w+)\}/g)].map(match => match[1]),
    ),
  ),
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

// Header values as an HTTP client can send them: control characters and
// anything beyond Latin-1 replaced, short enough that a request stays under
// Node's 16 kB header limit (beyond it Node itself answers, without a body).
const headerText = weirdString.map(text =>
  text.replace(/[^\t\x20-\x7e\x80-\xff]/g, '?').slice(0, 300),
);
const authorizationArb = fc.oneof(
  { weight: 10, arbitrary: fc.constant(mockCredentials.user.header()) },
  fc.constant(mockCredentials.service.header()),
  fc.constant(mockCredentials.user.invalidHeader()),
  fc.constant(null),
  fc.constantFrom('Bearer', 'Bearer ', 'Basic Zm9vOmJhcg==', 'Bearer a.b.c'),
  headerText.map(text => `Bearer ${text}`),
  headerText,
);
const acceptArb = fc.option(
  fc.oneof(
    fc.constantFrom(
      'application/json',
      '*/*',
      'text/html',
      'application/xml',
      'application/json;q=0',
      'text/*;q=0.5, */*;q=0.1',
    ),
    headerText,
  ),
);
const ifMatchArb = fc.option(
  fc.oneof(
    fc.constantFrom('"1"', '*', 'W/"2"', '3', '"999999999999"'),
    headerText,
  ),
);
const contentTypeArb = fc.option(
  fc.oneof(
    { weight: 8, arbitrary: fc.constant('application/json') },
    fc.constantFrom(
      'application/json; charset=utf-8',
      'application/json; charset=iso-8859-1',
      'application/merge-patch+json',
      'application/vnd.api+json',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/',
      ';',
    ),
    headerText,
  ),
);
// Any other header, but none that changes how the request is framed
// (Content-Length, Transfer-Encoding, Expect), which Node answers itself.
const extraHeadersArb = fc.dictionary(
  fc.oneof(
    fc.constantFrom(
      'Cookie',
      'Origin',
      'Range',
      'If-None-Match',
      'If-Modified-Since',
      'Content-Encoding',
      'Accept-Encoding',
      'Accept-Language',
      'Cache-Control',
      'X-Forwarded-For',
      'X-HTTP-Method-Override',
      'Proxy-Authorization',
    ),
    fc.stringMatching(/^x-[a-z0-9-]{1,20}$/),
  ),
  fc.oneof(
    fc.constantFrom('gzip', 'deflate', 'br', 'identity', '"1"', 'bytes=0-1'),
    headerText,
  ),
  { maxKeys: 4 },
);

const queryValue = fc.oneof(
  weirdString,
  fc.constantFrom(
    'failed,pending',
    'ongoing',
    '10',
    '0',
    'globex',
    'qa,production',
    'production',
    'fuzz',
    'fu',
    'orders-api',
    'component:default/orders-api',
  ),
  // Repeated parameters; short, so the URL stays under 16 kB.
  fc.array(fc.string({ maxLength: 40 }), { maxLength: 3 }),
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
        // Whatever revision is current.
        .set('If-Match', '*')
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
    // Values that exist, mixed with anything at all; a parameter the list
    // does not know yet gets junk and UUIDs.
    const known: Record<string, fc.Arbitrary<string>> = {
      track: fc.constantFrom('fuzz', 'missing'),
      id: fc.constantFrom(releaseId, readyReleaseId),
      rolloutId: fc.constant(rolloutId),
      installation: fc.constantFrom(
        'flareup-qa',
        'initech-qa',
        'installation:default/initech-qa',
        'acme',
      ),
      tenant: fc.constantFrom('acme', 'flareup', 'tenant:default/globex'),
    };
    const pathParams = fc.record(
      Object.fromEntries(
        pathParamNames.map(name => [
          name,
          fc.oneof(
            { weight: 3, arbitrary: known[name] ?? fc.constant('fuzz') },
            fc.uuid(),
            weirdString,
          ),
        ]),
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        // A route with its query: none, or mostly its own parameters.
        fc.constantFrom(...routes).chain(route =>
          fc.tuple(
            fc.constant(route),
            fc.oneof(
              { weight: 2, arbitrary: fc.constant({}) },
              fc.dictionary(
                fc.oneof(
                  {
                    weight: 6,
                    arbitrary: fc.constantFrom(...route.query, 'x'),
                  },
                  fc.constantFrom('limit', 'cursor', 'x'),
                ),
                queryValue,
                { maxKeys: 3 },
              ),
            ),
          ),
        ),
        // Now and then a method the path does not have.
        fc.oneof(
          { weight: 9, arbitrary: fc.constant(null) },
          fc.constantFrom(...METHODS),
        ),
        pathParams,
        bodyArb,
        // A GET with a body, one time in five.
        fc.constantFrom(false, false, false, false, true),
        authorizationArb,
        acceptArb,
        ifMatchArb,
        contentTypeArb,
        extraHeadersArb,
        async (
          [{ method: documentedMethod, path: template }, query],
          otherMethod,
          params,
          body,
          getWithBody,
          authorization,
          accept,
          ifMatch,
          contentType,
          extraHeaders,
        ) => {
          const method = otherMethod ?? documentedMethod;
          const path = template.replace(/\{(\w+)\}/g, (_, name: string) =>
            encodeURIComponent(params[name]),
          );
          const req = request(server)[method](`${BASE}${path}`).query(query);
          for (const [name, value] of Object.entries(extraHeaders)) {
            req.set(name, value);
          }
          if (authorization !== null) req.set('Authorization', authorization);
          if (accept !== null) req.set('Accept', accept);
          if (ifMatch !== null) req.set('If-Match', ifMatch);
          if (contentType !== null) req.set('Content-Type', contentType);
          const raw = body && typeof body === 'object' && 'raw' in body;
          // Bodies go over the wire as text, exactly as a client sent them.
          const payload = raw
            ? String((body as { raw: string }).raw)
            : JSON.stringify(body) ?? '';
          const response = await (method === 'get' && !getWithBody
            ? req
            : req.send(payload));
          const what = `${method.toUpperCase()} ${path} (${JSON.stringify({
            authorization,
            accept,
            ifMatch,
            contentType,
            extraHeaders,
          })})`;
          if (response.status >= 500) {
            throw new Error(
              `${what} answered ${response.status}: ${JSON.stringify(
                response.body,
              )}`,
            );
          }
          const message = response.body?.error?.message;
          if (
            response.status >= 400 &&
            (typeof message !== 'string' || message.length === 0)
          ) {
            throw new Error(
              `${what} answered ${response.status} without an error message: ${response.text}`,
            );
          }
        },
      ),
      { numRuns: REQUESTS },
    );
  });
});
