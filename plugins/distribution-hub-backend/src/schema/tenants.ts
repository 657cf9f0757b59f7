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
// The OpenAPI document of portal tenants and installations (with their
// environments and maintenance windows), the clusters to deploy to and the
// catalog entities the portal creates; merged into openapi.ts.
import {
  dateTime,
  entityRef,
  errors,
  etagHeader,
  itemsOf,
  jsonBody,
  jsonResponseOf,
  mutationErrors,
  objectSchema,
  requiredIfMatchHeader,
  schemaRef,
  string,
  text,
  tierSchema,
} from './parts';

const tenantResponse = jsonResponseOf(
  'The tenant.',
  schemaRef('PortalTenant'),
  etagHeader,
);
const installationResponse = jsonResponseOf(
  'The installation.',
  schemaRef('PortalInstallation'),
  etagHeader,
);

/** A portal-created tenant or installation with its bookkeeping. */
const portalRecord = (entity: string) => ({
  type: 'object',
  additionalProperties: false,
  required: [
    'entity',
    'revision',
    'createdBy',
    'createdAt',
    'updatedBy',
    'updatedAt',
  ],
  properties: {
    entity: schemaRef(entity),
    revision: { type: 'integer', minimum: 1 },
    createdBy: string,
    createdAt: dateTime,
    updatedBy: string,
    updatedAt: dateTime,
  },
});

/** A catalog entity of the hub's apiVersion, as the portal creates it. */
const hubEntity = (kind: string, spec: object) => ({
  type: 'object',
  additionalProperties: false,
  required: ['apiVersion', 'kind', 'metadata', 'spec'],
  properties: {
    apiVersion: { type: 'string', enum: ['distribution-hub.io/v1alpha1'] },
    kind: { type: 'string', enum: [kind] },
    metadata: schemaRef('PortalEntityMetadata'),
    spec,
  },
});

// The editable fields of portal tenants and installations (the ID is set
// once, at creation).
const tenantFields = {
  title: text(200),
  description: text(10_000),
  owner: entityRef,
  contacts: { type: 'array', maxItems: 100, items: entityRef },
  ring: text(63),
};

const installationFields = {
  title: text(200),
  description: text(10_000),
  tenant: entityRef,
  owner: entityRef,
  tier: tierSchema,
  environments: {
    type: 'array',
    minItems: 1,
    maxItems: 50,
    items: { $ref: '#/components/schemas/Environment' },
  },
  maintenanceWindows: {
    type: 'array',
    maxItems: 20,
    items: { $ref: '#/components/schemas/MaintenanceWindow' },
  },
};

export const tenantSchemas = {
  Environment: {
    type: 'object',
    additionalProperties: false,
    required: ['cluster', 'namespace'],
    properties: {
      cluster: { type: 'string', minLength: 1, maxLength: 253 },
      namespace: { type: 'string', minLength: 1, maxLength: 63 },
    },
  },
  MaintenanceWindow: {
    type: 'object',
    additionalProperties: false,
    required: ['days', 'start', 'end', 'timezone'],
    properties: {
      days: {
        type: 'array',
        minItems: 1,
        maxItems: 7,
        items: { type: 'string', maxLength: 10 },
      },
      start: text(5),
      end: text(5),
      timezone: text(64),
    },
  },
  PortalEntityMetadata: {
    type: 'object',
    additionalProperties: false,
    required: ['name', 'namespace'],
    properties: {
      name: { $ref: '#/components/schemas/EntityId' },
      namespace: string,
      title: string,
      description: string,
      annotations: {
        type: 'object',
        additionalProperties: { type: 'string' },
      },
    },
  },
  TenantEntity: hubEntity('Tenant', {
    type: 'object',
    additionalProperties: false,
    required: ['owner'],
    properties: {
      owner: string,
      contacts: { type: 'array', items: string },
      ring: string,
    },
  }),
  InstallationEntity: hubEntity('Installation', {
    type: 'object',
    additionalProperties: false,
    required: ['tenant', 'owner', 'tier', 'environments'],
    properties: {
      tenant: string,
      owner: string,
      tier: tierSchema,
      environments: {
        type: 'array',
        items: { $ref: '#/components/schemas/Environment' },
      },
      maintenanceWindows: {
        type: 'array',
        items: { $ref: '#/components/schemas/MaintenanceWindow' },
      },
    },
  }),
  PortalTenant: portalRecord('TenantEntity'),
  PortalInstallation: portalRecord('InstallationEntity'),
};

export const tenantPaths = {
  '/clusters': {
    get: {
      operationId: 'ListClusters',
      responses: {
        '200': jsonResponseOf(
          'The clusters registered for the Kubernetes plugin, names only.',
          itemsOf({
            type: 'object',
            additionalProperties: false,
            required: ['name'],
            properties: { name: string },
          }),
        ),
        ...errors,
      },
    },
  },
  '/tenants': {
    get: {
      operationId: 'ListPortalTenants',
      responses: {
        '200': jsonResponseOf(
          'Tenants created in the portal, by ID.',
          itemsOf(schemaRef('PortalTenant')),
        ),
        ...errors,
      },
    },
    post: {
      operationId: 'CreateTenant',
      requestBody: jsonBody(
        objectSchema(
          { id: { $ref: '#/components/schemas/EntityId' }, ...tenantFields },
          ['id', 'owner'],
        ),
      ),
      responses: { '201': tenantResponse, ...mutationErrors },
    },
  },
  '/tenants/{tenant}': {
    parameters: [
      {
        name: 'tenant',
        in: 'path',
        required: true,
        schema: { $ref: '#/components/schemas/EntityId' },
      },
    ],
    get: {
      operationId: 'GetPortalTenant',
      responses: { '200': tenantResponse, ...errors },
    },
    patch: {
      operationId: 'UpdateTenant',
      parameters: [requiredIfMatchHeader],
      requestBody: jsonBody(objectSchema(tenantFields)),
      responses: { '200': tenantResponse, ...mutationErrors },
    },
  },
  '/installations': {
    get: {
      operationId: 'ListPortalInstallations',
      responses: {
        '200': jsonResponseOf(
          'Installations created in the portal, by ID.',
          itemsOf(schemaRef('PortalInstallation')),
        ),
        ...errors,
      },
    },
    post: {
      operationId: 'CreateInstallation',
      requestBody: jsonBody(
        objectSchema(
          {
            id: { $ref: '#/components/schemas/EntityId' },
            ...installationFields,
          },
          ['id', 'tenant', 'owner', 'tier', 'environments'],
        ),
      ),
      responses: {
        '201': installationResponse,
        ...mutationErrors,
      },
    },
  },
  '/installations/{installation}': {
    parameters: [
      {
        name: 'installation',
        in: 'path',
        required: true,
        schema: { $ref: '#/components/schemas/EntityId' },
      },
    ],
    get: {
      operationId: 'GetPortalInstallation',
      responses: { '200': installationResponse, ...errors },
    },
    patch: {
      operationId: 'UpdateInstallation',
      parameters: [requiredIfMatchHeader],
      requestBody: jsonBody(objectSchema(installationFields)),
      responses: {
        '200': installationResponse,
        ...mutationErrors,
      },
    },
  },
  '/catalog-entities': {
    get: {
      operationId: 'ListCatalogEntities',
      description:
        'For the catalog module: every portal-created entity. Service principals only.',
      responses: {
        '200': jsonResponseOf(
          'The entities.',
          itemsOf({
            oneOf: [schemaRef('TenantEntity'), schemaRef('InstallationEntity')],
          }),
        ),
        ...errors,
      },
    },
  },
};
