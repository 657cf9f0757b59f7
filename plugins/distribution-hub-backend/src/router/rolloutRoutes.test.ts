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
import { TestDatabases } from '@backstage/backend-test-utils';
import {
  AuditorService,
  coreServices,
  createServiceFactory,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  rolloutControlPermission,
  rolloutCreatePermission,
} from '@sdh/plugin-distribution-hub-common';
import {
  HubClient,
  hubClient,
  HubServer,
  startHub,
  waitForInstallations,
} from '../__testUtils__/startHub';
import {
  createDistributionHubInstallationConditionalDecision,
  distributionHubInstallationConditions,
} from '../permissions/rules';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
// No worker: rollouts stay where the API puts them, no cluster is called.
const NO_WORKER = { rollouts: { workerEnabled: false } };
const INSTALLATIONS = [
  'installation:default/flareup-prod',
  'installation:default/flareup-qa',
  'installation:default/globex-dev',
  'installation:default/globex-prod',
  'installation:default/globex-staging',
  'installation:default/initech-prod',
  'installation:default/initech-qa',
];

/** A locked release, Ready for release unless told otherwise. */
async function release(
  api: HubClient,
  track: string,
  version: string,
  options: { ready?: boolean; lock?: boolean } = {},
): Promise<string> {
  await api.post('/tracks', { name: track });
  const created = await api.post(`/tracks/${track}/releases`, { version });
  expect(created.status).toBe(201);
  const id = created.body.id;
  const put = await api.put(`/releases/${id}/requirements`, {
    stages: [
      {
        name: 'Back ends',
        apps: [
          { entityRef: 'catalog-api', image: 'shopfront/catalog-api:2.0.0' },
          { entityRef: 'orders-api', image: 'shopfront/orders-api:2.0.0' },
        ],
      },
      {
        apps: [
          {
            entityRef: 'storefront-web',
            image: 'shopfront/storefront-web:2.0.0',
          },
        ],
      },
    ],
  });
  expect(put.status).toBe(200);
  if (options.lock !== false) {
    expect((await api.post(`/releases/${id}/lock`)).status).toBe(200);
  }
  if (options.ready !== false) {
    expect(
      (await api.post(`/releases/${id}/status`, { status: 'ready' })).status,
    ).toBe(200);
  }
  return id;
}

/** Records audit events, and whether each succeeded. */
function recordingAuditor() {
  const events: Array<{ eventId: string; meta?: object; outcome?: string }> =
    [];
  const auditor: AuditorService = {
    async createEvent(options) {
      const event: (typeof events)[number] = {
        eventId: options.eventId,
        meta: options.meta,
      };
      events.push(event);
      return {
        async success(result) {
          event.outcome = 'success';
          event.meta = { ...event.meta, ...result?.meta };
        },
        async fail() {
          event.outcome = 'fail';
        },
      };
    },
  };
  return {
    events,
    factory: createServiceFactory({
      service: coreServices.auditor,
      deps: {},
      factory: () => auditor,
    }),
  };
}

/**
 * A policy that allows everything, except the rollout permissions, which
 * it grants for some tiers only.
 */
function tierPolicy(tiers: { create?: string[]; control?: string[] }) {
  const decide = (permission: any): PolicyDecision => {
    let only: string[] | undefined;
    if (isPermission(permission, rolloutCreatePermission)) only = tiers.create;
    if (isPermission(permission, rolloutControlPermission)) {
      only = tiers.control;
    }
    return only
      ? createDistributionHubInstallationConditionalDecision(
          permission,
          distributionHubInstallationConditions.hasTier({
            tiers: only as any,
          }),
        )
      : { result: AuthorizeResult.ALLOW };
  };
  const permissions: PermissionsService = {
    async authorize(requests) {
      return requests.map(() => ({ result: AuthorizeResult.ALLOW }));
    },
    async authorizeConditional(requests) {
      return requests.map(r => decide(r.permission));
    },
  };
  return createServiceFactory({
    service: coreServices.permissions,
    deps: {},
    factory: () => permissions,
  });
}

describe.each(databases.eachSupportedId())('rollout API on %p', databaseId => {
  let server: HubServer;
  let api: HubClient;
  const audit = recordingAuditor();

  beforeAll(async () => {
    server = await startHub(databases, databaseId, [audit.factory], NO_WORKER);
    api = hubClient(server);
    await waitForInstallations(server);
  });

  it('starts a rollout of a ready release and reads it back', async () => {
    const releaseId = await release(api, 'shop', '1.0.0');
    const before = await api.get(`/releases/${releaseId}`);
    expect(before.body.deployment).toEqual({
      state: 'not-released',
      completed: 0,
      total: INSTALLATIONS.length,
    });

    const created = await api.post(`/releases/${releaseId}/rollouts`, {
      targets: { tiers: ['qa', 'development'], tenants: ['flareup'] },
      waves: [
        { name: 'Canary', select: { rings: ['canary'] }, bakeMinutes: 0 },
      ],
      maxParallel: 2,
      failureThreshold: { percent: 50 },
      notBefore: '2026-01-01T00:00:00Z',
      respectMaintenanceWindows: false,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      releaseId,
      track: 'shop',
      version: '1.0.0',
      status: 'running',
      total: 4,
      failureLimit: 2,
      createdBy: 'user:default/rita.release',
      counts: {
        pending: 4,
        ongoing: 0,
        completed: 0,
        failed: 0,
        cancelled: 0,
        'rolled-back': 0,
      },
      waves: [
        { name: 'Canary', bakeMinutes: 0, size: 2 },
        { name: 'Everyone else', bakeMinutes: 0, size: 2 },
      ],
    });
    const id = created.body.id;

    const read = await api.get(`/rollouts/${id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
    const list = await api.get(`/releases/${releaseId}/rollouts`);
    expect(list.body.items.map((r: any) => r.id)).toEqual([id]);

    expect(audit.events).toContainEqual({
      eventId: 'rollout-create',
      meta: { releaseId, rolloutId: id, installations: 4 },
      outcome: 'success',
    });

    const tracks = await api.get('/tracks/shop/releases');
    expect(tracks.body.items[0].deployment).toEqual({
      state: 'not-released',
      completed: 0,
      total: INSTALLATIONS.length,
    });

    expect(
      (await api.get('/rollouts/00000000-0000-4000-8000-000000000000')).status,
    ).toBe(404);
    expect((await api.get('/rollouts/nope')).status).toBe(400);
    expect(
      (await api.get('/releases/00000000-0000-4000-8000-000000000000/rollouts'))
        .status,
    ).toBe(404);
  });

  it('refuses a release that is not locked and Ready for release', async () => {
    const draft = await release(api, 'drafts', '1.0.0', { ready: false });
    const unlocked = await release(api, 'drafts', '1.1.0', {
      ready: false,
      lock: false,
    });
    for (const id of [draft, unlocked]) {
      const response = await api.post(`/releases/${id}/rollouts`, {
        targets: {},
      });
      expect(response.status).toBe(409);
      expect(response.body.error.message).toMatch(/is not Ready for release/);
    }
    expect(audit.events).toContainEqual(
      expect.objectContaining({ eventId: 'rollout-create', outcome: 'fail' }),
    );
  });

  it('answers 400 naming the field for bad requests', async () => {
    const id = await release(api, 'invalid', '1.0.0');
    const cases: Array<[object, RegExp]> = [
      [{}, /body\.targets must have required property 'targets'/],
      [
        { targets: { tiers: ['prod'] } },
        /body\.targets\.tiers\[0\] must be equal to one of the allowed values/,
      ],
      [{ targets: {}, maxParallel: 0 }, /body\.maxParallel must be >= 1/],
      [{ targets: {}, maxParallel: 2.5 }, /body\.maxParallel must be integer/],
      [
        { targets: {}, failureThreshold: { percent: 150 } },
        /body\.failureThreshold\.percent must be <= 100/,
      ],
      [
        { targets: {}, failureThreshold: { percent: 0 } },
        /body\.failureThreshold\.percent must be > 0/,
      ],
      [
        { targets: {}, failureThreshold: { count: 0 } },
        /body\.failureThreshold\.count must be >= 1/,
      ],
      [
        { targets: { installations: ['ghost'] } },
        /targets\.installations\[0\] "ghost" is not an installation in the catalog/,
      ],
      [
        { targets: {}, notBefore: 'next tuesday' },
        /body\.notBefore must match format "date-time"/,
      ],
      [
        { targets: {}, waves: [{ select: {}, bakeMinutes: -1 }] },
        /body\.waves\[0\]\.bakeMinutes must be >= 0/,
      ],
      [{ targets: {}, speed: 'fast' }, /body\.speed is not a known field/],
      [
        {
          targets: { tiers: ['qa'] },
          waves: [{ select: { tiers: ['production'] } }],
        },
        /waves\[0\] selects none of the rollout's targets/,
      ],
    ];
    for (const [body, message] of cases) {
      const response = await api.post(`/releases/${id}/rollouts`, body);
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
      expect(response.body.error.message).toMatch(message);
    }
  });

  it('pages through targets with a cursor and filters them', async () => {
    const releaseId = await release(api, 'pages', '1.0.0');
    const { body: rollout } = await api.post(
      `/releases/${releaseId}/rollouts`,
      {
        targets: {},
      },
    );
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await api.get(
        `/rollouts/${rollout.id}/targets?limit=3${
          cursor ? `&cursor=${cursor}` : ''
        }`,
      );
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.body.items.map((t: any) => t.installationRef));
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(INSTALLATIONS);

    const globex = await api.get(
      `/rollouts/${rollout.id}/targets?tenant=globex`,
    );
    expect(globex.body.items.map((t: any) => t.installationRef)).toEqual([
      'installation:default/globex-dev',
      'installation:default/globex-prod',
      'installation:default/globex-staging',
    ]);
    expect(globex.body.items[0]).toMatchObject({
      tenantRef: 'tenant:default/globex',
      tier: 'development',
      wave: 0,
      state: 'pending',
    });
    for (const query of [
      'state=pending,failed',
      'state=pending&state=failed',
    ]) {
      const filtered = await api.get(
        `/rollouts/${rollout.id}/targets?${query}`,
      );
      expect([filtered.status, filtered.body.error?.message]).toEqual([
        200,
        undefined,
      ]);
      expect(filtered.body.items).toHaveLength(7);
    }
    const none = await api.get(`/rollouts/${rollout.id}/targets?state=failed`);
    expect(none.body).toEqual({ items: [] });

    const badState = await api.get(
      `/rollouts/${rollout.id}/targets?state=done`,
    );
    expect(badState.status).toBe(400);
    expect(badState.body.error.message).toMatch(
      /query\.state "done" is not a target state/,
    );
    for (const limit of ['0', '501', 'ten', 'true', '2&limit=3']) {
      const bad = await api.get(
        `/rollouts/${rollout.id}/targets?limit=${limit}`,
      );
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/query\.limit/);
    }
    const badCursor = await api.get(
      `/rollouts/${rollout.id}/targets?cursor=nonsense`,
    );
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.error.message).toMatch(/cursor/);
  });

  it('pauses, resumes and cancels, refusing what the status does not allow', async () => {
    const releaseId = await release(api, 'control', '1.0.0');
    const { body: rollout } = await api.post(
      `/releases/${releaseId}/rollouts`,
      {
        targets: { tenants: ['initech'] },
      },
    );
    const id = rollout.id;
    const paused = await api.post(`/rollouts/${id}/pause`);
    expect(paused.status).toBe(200);
    expect(paused.body.status).toBe('paused');
    const targets = await api.get(`/rollouts/${id}/targets`);
    expect(targets.body.items[0].detail).toBe('Paused');
    expect((await api.post(`/rollouts/${id}/pause`)).body.status).toBe(
      'paused',
    );
    expect((await api.post(`/rollouts/${id}/resume`)).body.status).toBe(
      'running',
    );

    const retryPending = await api.post(
      `/rollouts/${id}/targets/initech-qa/retry`,
    );
    expect(retryPending.status).toBe(409);
    expect(retryPending.body.error.message).toMatch(
      /is pending: only a failed, rolled-back or cancelled installation can be retried/,
    );
    const retryStranger = await api.post(
      `/rollouts/${id}/targets/globex-dev/retry`,
    );
    expect(retryStranger.status).toBe(404);
    const retryBadRef = await api.post(
      `/rollouts/${id}/targets/${encodeURIComponent('component:x')}/retry`,
    );
    expect(retryBadRef.status).toBe(400);

    const cancelled = await api.post(`/rollouts/${id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({
      status: 'cancelled',
      counts: { pending: 0, cancelled: 2 },
    });
    expect(cancelled.body.finishedAt).toEqual(expect.any(String));
    for (const action of ['pause', 'resume']) {
      const refused = await api.post(`/rollouts/${id}/${action}`);
      expect(refused.status).toBe(409);
      expect(refused.body.error.message).toMatch(/it is cancelled/);
    }
    const retryCancelled = await api.post(
      `/rollouts/${id}/targets/${encodeURIComponent(
        'installation:default/initech-qa',
      )}/retry`,
    );
    expect(retryCancelled.status).toBe(409);
    expect(retryCancelled.body.error.message).toMatch(/was cancelled/);
    expect(
      (await api.post('/rollouts/00000000-0000-4000-8000-000000000000/pause'))
        .status,
    ).toBe(404);
    expect(
      audit.events
        .filter(
          e =>
            e.eventId.startsWith('rollout-') &&
            e.meta &&
            'rolloutId' in e.meta &&
            (e.meta as any).rolloutId === id,
        )
        .map(e => [e.eventId, e.outcome]),
    ).toEqual([
      ['rollout-create', 'success'],
      ['rollout-pause', 'success'],
      ['rollout-pause', 'success'],
      ['rollout-resume', 'success'],
      ['rollout-target-retry', 'fail'],
      ['rollout-target-retry', 'fail'],
      ['rollout-cancel', 'success'],
      ['rollout-pause', 'fail'],
      ['rollout-resume', 'fail'],
      ['rollout-target-retry', 'fail'],
    ]);
  });

  it('follows the release status: on hold holds, rescinded cancels', async () => {
    const releaseId = await release(api, 'follow', '1.0.0');
    const { body: rollout } = await api.post(
      `/releases/${releaseId}/rollouts`,
      {
        targets: { installations: ['flareup-qa'] },
      },
    );
    await api.post(`/releases/${releaseId}/status`, { status: 'on-hold' });
    const held = await api.get(`/rollouts/${rollout.id}/targets`);
    expect(held.body.items[0].detail).toBe(
      'Release on hold: no new step starts',
    );
    await api.post(`/releases/${releaseId}/status`, { status: 'ready' });
    const going = await api.get(`/rollouts/${rollout.id}/targets`);
    expect(going.body.items[0].detail).not.toMatch(/on hold/);

    await api.post(`/releases/${releaseId}/unlock`);
    const unlocked = await api.get(`/rollouts/${rollout.id}/targets`);
    expect(unlocked.body.items[0].detail).toMatch(/on hold/);

    const rescinded = await api.post(`/releases/${releaseId}/status`, {
      status: 'rescinded',
    });
    expect(rescinded.status).toBe(200);
    const cancelled = await api.get(`/rollouts/${rollout.id}`);
    expect(cancelled.body).toMatchObject({
      status: 'cancelled',
      counts: { cancelled: 1 },
    });
  });

  it('reads the state of an installation without deployments', async () => {
    for (const ref of [
      'initech-qa',
      encodeURIComponent('installation:default/initech-qa'),
    ]) {
      const state = await api.get(`/installations/${ref}/state`);
      expect(state.status).toBe(200);
      expect(state.body).toEqual({
        installationRef: 'installation:default/initech-qa',
        applications: [],
        drift: false,
      });
    }
    expect((await api.get('/installations/ghost/state')).status).toBe(404);
    const wrongKind = await api.get(
      `/installations/${encodeURIComponent('component:default/x')}/state`,
    );
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.body.error.message).toMatch(/not an Installation/);
  });
});

describe.each(databases.eachSupportedId())(
  'rollout API permissions on %p',
  databaseId => {
    it('checks each installation against a conditional decision', async () => {
      const server = await startHub(
        databases,
        databaseId,
        [tierPolicy({ create: ['qa', 'development'], control: ['qa'] })],
        NO_WORKER,
      );
      const api = hubClient(server);
      await waitForInstallations(server);
      const releaseId = await release(api, 'policy', '1.0.0');

      const everywhere = await api.post(`/releases/${releaseId}/rollouts`, {
        targets: { tenants: ['globex'] },
      });
      expect(everywhere.status).toBe(403);
      expect(everywhere.body.error.message).toBe(
        'You may not roll out to installations installation:default/globex-prod, installation:default/globex-staging',
      );

      const allowed = await api.post(`/releases/${releaseId}/rollouts`, {
        targets: { tiers: ['qa', 'development'] },
      });
      expect(allowed.status).toBe(201);
      expect(allowed.body.total).toBe(3);

      // Control is granted for qa only; this rollout also has a dev one.
      const pause = await api.post(`/rollouts/${allowed.body.id}/pause`);
      expect(pause.status).toBe(403);
      expect(pause.body.error.message).toBe(
        `You may not pause rollout ${allowed.body.id}: not allowed for installation installation:default/globex-dev`,
      );
      const retryDev = await api.post(
        `/rollouts/${allowed.body.id}/targets/globex-dev/retry`,
      );
      expect(retryDev.status).toBe(403);
      // Allowed for a qa installation: on to the rules (it is pending).
      const retryQa = await api.post(
        `/rollouts/${allowed.body.id}/targets/flareup-qa/retry`,
      );
      expect(retryQa.status).toBe(409);
    });
  },
);
