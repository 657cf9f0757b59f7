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
import {
  coreServices,
  createServiceFactory,
  PermissionsService,
  RootLoggerService,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { JsonObject } from '@backstage/types';
import request from 'supertest';
import {
  HubClient,
  hubClient,
  HubServer,
  startHub,
  waitForCatalog,
} from '../__testUtils__/startHub';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const BASE = '/api/distribution-hub';
const ACTOR = 'user:default/rita.release';
/** Refused every permission by the policy below. */
const INTRUDER = 'user:default/mallory';

/** An audit event as the Backstage auditor logged it. */
interface AuditRecord {
  plugin: string;
  eventId: string;
  severityLevel: string;
  status: 'initiated' | 'succeeded' | 'failed';
  actorId?: string;
  request?: { method: string; url: string };
  meta?: JsonObject;
  error?: { name: string; message: string };
}

/**
 * A root logger that keeps what the default Backstage auditor writes to it,
 * so the test sees the audit log an operator would, not the hub's calls to
 * a double. The auditor logs an event as the message's meta, or, for a
 * failure, as the fields of a child logger with the error as meta.
 */
class AuditLog implements RootLoggerService {
  constructor(
    readonly records: AuditRecord[] = [],
    private readonly fields: JsonObject = {},
  ) {}

  child(meta: JsonObject): RootLoggerService {
    return new AuditLog(this.records, { ...this.fields, ...meta });
  }
  error(_message: string, meta?: Error | JsonObject) {
    this.record(meta);
  }
  warn(_message: string, meta?: Error | JsonObject) {
    this.record(meta);
  }
  info(_message: string, meta?: Error | JsonObject) {
    this.record(meta);
  }
  debug(_message: string, meta?: Error | JsonObject) {
    this.record(meta);
  }

  private record(meta?: Error | JsonObject) {
    if (!this.fields.isAuditEvent) {
      return;
    }
    const event: any =
      meta instanceof Error
        ? {
            ...this.fields,
            error: { name: meta.name, message: meta.message },
          }
        : { ...this.fields, ...meta };
    // The catalog audits its own reads; only the hub's events matter here.
    if (event.plugin !== 'distribution-hub') {
      return;
    }
    this.records.push({
      plugin: event.plugin,
      eventId: event.eventId,
      severityLevel: event.severityLevel,
      status: event.status,
      actorId: event.actor?.actorId,
      request: event.request,
      ...(event.meta ? { meta: event.meta } : {}),
      ...(event.error ? { error: event.error } : {}),
    });
  }
}

/** Allows everything, except to {@link INTRUDER}. */
const intruderDenied: PermissionsService = {
  async authorize(requests, options) {
    const user = (options.credentials.principal as { userEntityRef?: string })
      .userEntityRef;
    return requests.map(() => ({
      result: user === INTRUDER ? AuthorizeResult.DENY : AuthorizeResult.ALLOW,
    }));
  },
  async authorizeConditional(requests, options) {
    const user = (options.credentials.principal as { userEntityRef?: string })
      .userEntityRef;
    return requests.map(() => ({
      result: user === INTRUDER ? AuthorizeResult.DENY : AuthorizeResult.ALLOW,
    }));
  },
};

describe.each(databases.eachSupportedId())(
  'audit log of changes on %p',
  databaseId => {
    const log = new AuditLog();
    let server: HubServer;
    let api: HubClient;

    beforeAll(async () => {
      server = await startHub(databases, databaseId, [
        createServiceFactory({
          service: coreServices.rootLogger,
          deps: {},
          factory: () => log,
        }),
        createServiceFactory({
          service: coreServices.permissions,
          deps: {},
          factory: () => intruderDenied,
        }),
      ]);
      api = hubClient(server);
      await waitForCatalog(server);
    });

    /**
     * Sends a change and answers the hub's audit records it caused; the
     * auditor has written them before the response is sent.
     */
    async function change(
      send: () => Promise<request.Response>,
      status: number,
    ) {
      const from = log.records.length;
      const response = await send();
      expect({ status: response.status, body: response.body }).toMatchObject({
        status,
      });
      return { response, events: log.records.slice(from) };
    }

    /**
     * The two records of a change that succeeded; `resultMeta` is what the
     * success record adds once the outcome is known.
     */
    function succeeded(
      method: string,
      route: string,
      eventId: string,
      meta: JsonObject,
      resultMeta: JsonObject = {},
    ) {
      const initiated: AuditRecord = {
        plugin: 'distribution-hub',
        eventId,
        severityLevel: 'medium',
        status: 'initiated',
        actorId: ACTOR,
        request: { method, url: `${BASE}${route}` },
        meta,
      };
      return [
        initiated,
        { ...initiated, status: 'succeeded', meta: { ...meta, ...resultMeta } },
      ];
    }

    it('records every change of tracks and releases, naming what changed', async () => {
      let step = await change(
        () => api.post('/tracks', { name: 'audited' }),
        201,
      );
      expect(step.events).toEqual(
        succeeded('POST', '/tracks', 'track-create', { track: 'audited' }),
      );

      step = await change(
        () => api.patch('/tracks/audited', { title: 'Audited' }),
        200,
      );
      expect(step.events).toEqual(
        succeeded('PATCH', '/tracks/audited', 'track-update', {
          track: 'audited',
        }),
      );

      step = await change(
        () => api.post('/tracks/audited/releases', { version: '1.0.0' }),
        201,
      );
      expect(step.events).toEqual(
        succeeded(
          'POST',
          '/tracks/audited/releases',
          'release-create',
          { track: 'audited', version: '1.0.0' },
          { releaseId: step.response.body.id },
        ),
      );
      const id: string = step.response.body.id;
      let revision: number = step.response.body.revision;
      const releaseEvents = (
        method: string,
        route: string,
        eventId: string,
        meta: JsonObject = {},
      ) =>
        succeeded(method, `/releases/${id}${route}`, eventId, {
          releaseId: id,
          ...meta,
        });

      step = await change(
        () =>
          api.put(
            `/releases/${id}/requirements`,
            {
              stages: [
                {
                  apps: [
                    {
                      entityRef: 'orders-api',
                      image: 'shopfront/orders-api:1.0.0',
                    },
                  ],
                },
              ],
            },
            revision,
          ),
        200,
      );
      expect(step.events).toEqual(
        releaseEvents('PUT', '/requirements', 'release-requirements-update'),
      );
      revision = step.response.body.revision;

      step = await change(
        () =>
          api.patch(`/releases/${id}`, { notes: '# What is new' }, revision),
        200,
      );
      expect(step.events).toEqual(releaseEvents('PATCH', '', 'release-update'));
      revision = step.response.body.revision;

      step = await change(() => api.post(`/releases/${id}/lock`), 200);
      expect(step.events).toEqual(
        releaseEvents('POST', '/lock', 'release-lock'),
      );

      step = await change(
        () => api.post(`/releases/${id}/status`, { status: 'ready' }),
        200,
      );
      expect(step.events).toEqual(
        releaseEvents('POST', '/status', 'release-status-change', {
          status: 'ready',
        }),
      );

      step = await change(() => api.post(`/releases/${id}/unlock`), 200);
      expect(step.events).toEqual(
        releaseEvents('POST', '/unlock', 'release-unlock'),
      );

      step = await change(
        () =>
          api.post('/tracks/audited/releases', {
            version: '1.1.0',
            cloneFrom: '1.0.0',
          }),
        201,
      );
      expect(step.response.body.clonedFrom).toBe(id);
      expect(step.events).toEqual(
        succeeded(
          'POST',
          '/tracks/audited/releases',
          'release-create',
          { track: 'audited', version: '1.1.0', cloneFrom: '1.0.0' },
          { releaseId: step.response.body.id, clonedFrom: id },
        ),
      );
    });

    it('records every change of tenants and installations, naming what changed', async () => {
      let step = await change(
        () =>
          api.post('/tenants', {
            id: 'audit-co',
            title: 'Audit Co',
            owner: 'group:customer-success',
          }),
        201,
      );
      expect(step.events).toEqual(
        succeeded('POST', '/tenants', 'tenant-create', { tenant: 'audit-co' }),
      );

      step = await change(
        () =>
          api.patch(
            '/tenants/audit-co',
            { title: 'Audit Company' },
            step.response.body.revision,
          ),
        200,
      );
      expect(step.events).toEqual(
        succeeded('PATCH', '/tenants/audit-co', 'tenant-update', {
          tenant: 'audit-co',
        }),
      );

      step = await change(
        () =>
          api.post('/installations', {
            id: 'audit-co-prod',
            tenant: 'audit-co',
            owner: 'group:customer-success',
            tier: 'production',
            environments: [{ cluster: 'demo-eu', namespace: 'audit-co-prod' }],
          }),
        201,
      );
      expect(step.events).toEqual(
        succeeded('POST', '/installations', 'installation-create', {
          installation: 'audit-co-prod',
        }),
      );

      step = await change(
        () =>
          api.patch(
            '/installations/audit-co-prod',
            { title: 'Audit Co Production' },
            step.response.body.revision,
          ),
        200,
      );
      expect(step.events).toEqual(
        succeeded(
          'PATCH',
          '/installations/audit-co-prod',
          'installation-update',
          { installation: 'audit-co-prod' },
        ),
      );
    });

    it('records a refused change as failed, with the reason', async () => {
      await api.post('/tracks', { name: 'refused' });
      const { body: release } = await api.post('/tracks/refused/releases', {
        version: '1.0.0',
      });
      await api.patch(`/releases/${release.id}`, { notes: 'first' }, 1);

      const stale = await change(
        () => api.patch(`/releases/${release.id}`, { notes: 'second' }, 1),
        409,
      );
      const route = `${BASE}/releases/${release.id}`;
      expect(stale.events).toEqual([
        expect.objectContaining({
          eventId: 'release-update',
          status: 'initiated',
        }),
        {
          plugin: 'distribution-hub',
          eventId: 'release-update',
          severityLevel: 'medium',
          status: 'failed',
          actorId: ACTOR,
          request: { method: 'PATCH', url: route },
          meta: { releaseId: release.id },
          error: {
            name: 'ConflictError',
            message: expect.stringMatching(/is at revision 2, not 1/),
          },
        },
      ]);

      const denied = await change(
        () =>
          request(server)
            .post(`${BASE}/tenants`)
            .set('Authorization', mockCredentials.user.header(INTRUDER))
            .send({ id: 'intruders', owner: 'group:customer-success' }),
        403,
      );
      expect(denied.events).toEqual([
        expect.objectContaining({
          eventId: 'tenant-create',
          status: 'initiated',
        }),
        {
          plugin: 'distribution-hub',
          eventId: 'tenant-create',
          severityLevel: 'medium',
          status: 'failed',
          actorId: INTRUDER,
          request: { method: 'POST', url: `${BASE}/tenants` },
          meta: { tenant: 'intruders' },
          error: {
            name: 'NotAllowedError',
            message:
              'You are not allowed to manage tenants and installations (permission distribution-hub.tenant.manage)',
          },
        },
      ]);
      expect((await api.get('/tenants/intruders')).status).toBe(404);
    });
  },
);
