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
import { HttpAuthService } from '@backstage/backend-plugin-api';
import { tenantManagePermission } from '@sdh/plugin-distribution-hub-common';
import { Response, Router } from 'express';
import { PortalEntityRecord } from '../tenants/PortalEntityStore';
import { TenantService } from '../tenants/TenantService';
import { readIfMatch, RequestContext } from './requestContext';

function sendRecord(res: Response, record: PortalEntityRecord, status = 200) {
  res.setHeader('ETag', `"${record.revision}"`);
  res.status(status).json(record);
}

/** Routes for tenants and installations created in the portal. */
export function addTenantRoutes(
  router: Router,
  options: {
    tenants: TenantService;
    context: RequestContext;
    httpAuth: HttpAuthService;
  },
) {
  const { tenants, context } = options;
  const manage = (eventId: string, meta: Record<string, string>) => ({
    permission: tenantManagePermission,
    eventId,
    action: 'manage tenants and installations',
    meta,
  });

  router.get('/clusters', async (req, res) => {
    await context.reader(req);
    res.json({ items: tenants.listClusters().map(name => ({ name })) });
  });

  router.get('/tenants', async (req, res) => {
    await context.reader(req);
    res.json({ items: await tenants.listTenants() });
  });

  router.get('/tenants/:tenant', async (req, res) => {
    await context.reader(req);
    sendRecord(res, await tenants.getTenant(req.params.tenant));
  });

  router.post('/tenants', async (req, res) => {
    const record = await context.mutate(
      req,
      manage('tenant-create', { tenant: req.body.id }),
      actor => tenants.createTenant(req.body, actor),
    );
    sendRecord(res, record, 201);
  });

  router.patch('/tenants/:tenant', async (req, res) => {
    const ifMatch = readIfMatch(req, { requiredFor: 'a tenant' });
    const record = await context.mutate(
      req,
      manage('tenant-update', { tenant: req.params.tenant }),
      actor =>
        tenants.updateTenant(req.params.tenant, req.body, ifMatch, actor),
    );
    sendRecord(res, record);
  });

  router.get('/installations', async (req, res) => {
    await context.reader(req);
    res.json({ items: await tenants.listInstallations() });
  });

  router.get('/installations/:installation', async (req, res) => {
    await context.reader(req);
    sendRecord(res, await tenants.getInstallation(req.params.installation));
  });

  router.post('/installations', async (req, res) => {
    const record = await context.mutate(
      req,
      manage('installation-create', { installation: req.body.id }),
      actor => tenants.createInstallation(req.body, actor),
    );
    sendRecord(res, record, 201);
  });

  router.patch('/installations/:installation', async (req, res) => {
    const ifMatch = readIfMatch(req, { requiredFor: 'an installation' });
    const record = await context.mutate(
      req,
      manage('installation-update', {
        installation: req.params.installation,
      }),
      actor =>
        tenants.updateInstallation(
          req.params.installation,
          req.body,
          ifMatch,
          actor,
        ),
    );
    sendRecord(res, record);
  });

  // The catalog module's entity provider reads these; only backends may.
  router.get('/catalog-entities', async (req, res) => {
    await options.httpAuth.credentials(req, { allow: ['service'] });
    res.json({ items: await tenants.listCatalogEntities() });
  });
}
