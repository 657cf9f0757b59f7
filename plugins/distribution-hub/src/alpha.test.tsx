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

import { screen } from '@testing-library/react';
import {
  createExtensionTester,
  renderInTestApp,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import {
  catalogApiMock,
  createTestEntityPage,
} from '@backstage/plugin-catalog-react/testUtils';
import plugin, { tenantDetailsEntityCard } from './alpha';
import { distributionHubApiRef } from './api';
import { fakeDeploymentsApi } from './__testUtils__/deployments';
import {
  allEntities,
  flareupProd,
  flareupTenant,
  paymentsComponent,
} from './testUtils/entities';

describe('distribution-hub plugin (new frontend system)', () => {
  it('is a frontend plugin with the ID distribution-hub', () => {
    expect(plugin.$$type).toBe('@backstage/FrontendPlugin');
    expect(plugin.pluginId).toBe('distribution-hub');
  });

  it.each([
    ['entity-card:distribution-hub/tenant-details', 'info', 'tenant'],
    ['entity-card:distribution-hub/tenant-installations', undefined, 'tenant'],
    ['entity-card:distribution-hub/tenant-releases', undefined, 'tenant'],
    [
      'entity-card:distribution-hub/installation-details',
      undefined,
      'installation',
    ],
    [
      'entity-card:distribution-hub/installation-deployed',
      undefined,
      'installation',
    ],
    [
      'entity-card:distribution-hub/installation-rollouts',
      undefined,
      'installation',
    ],
  ] as const)('provides the entity card %s', (id, type, shownOn) => {
    const tester = createExtensionTester(plugin.getExtension(id));

    expect(tester.snapshot()).toEqual({
      id,
      outputs: expect.arrayContaining(['core.reactElement']),
    });
    expect(tester.get(EntityCardBlueprint.dataRefs.type)).toBe(type);

    // Each card is shown on the pages of its own kind only.
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction);
    expect(filter).toBeDefined();
    expect(filter!(flareupTenant)).toBe(shownOn === 'tenant');
    expect(filter!(flareupProd)).toBe(shownOn === 'installation');
    expect(filter!(paymentsComponent)).toBe(false);
  });

  it("puts its tenant cards on a tenant's entity page", async () => {
    renderTestApp({
      features: [plugin],
      extensions: [createTestEntityPage({ entity: flareupTenant })],
      apis: [
        catalogApiMock({ entities: allEntities }),
        [distributionHubApiRef, fakeDeploymentsApi()],
      ],
    });

    expect(await screen.findByText('Tenant ID')).toBeInTheDocument();
    expect(screen.getByText('Flareup.xyz')).toBeInTheDocument();
    expect(
      await screen.findByRole('link', { name: 'Flareup Prod' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Installations')).toBeInTheDocument();
    expect(
      await screen.findByRole('table', { name: 'Installed releases' }),
    ).toBeInTheDocument();
    expect(screen.queryByText('Installation ID')).not.toBeInTheDocument();
    expect(screen.queryByText('Rollout history')).not.toBeInTheDocument();
  });

  it("puts its installation cards on an installation's entity page", async () => {
    renderTestApp({
      features: [plugin],
      extensions: [createTestEntityPage({ entity: flareupProd })],
      apis: [
        catalogApiMock({ entities: allEntities }),
        [distributionHubApiRef, fakeDeploymentsApi()],
      ],
    });

    expect(await screen.findByText('Installation ID')).toBeInTheDocument();
    expect(
      await screen.findByRole('link', { name: 'jane.doe' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('table', { name: 'Deployed applications' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('table', { name: 'Rollout history' }),
    ).toBeInTheDocument();
    expect(screen.queryByText('Tenant ID')).not.toBeInTheDocument();
    expect(screen.queryByText('Installations')).not.toBeInTheDocument();
    expect(screen.queryByText('Installed releases')).not.toBeInTheDocument();
  });

  it('renders the tenant details card with the entity in context', async () => {
    const tester = createExtensionTester(tenantDetailsEntityCard);

    renderInTestApp(
      <EntityProvider entity={flareupTenant}>
        {tester.reactElement()}
      </EntityProvider>,
      {
        apis: [catalogApiMock({ entities: allEntities })],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );

    expect(await screen.findByText('Flareup.xyz')).toBeInTheDocument();
    expect(screen.getByText('canary')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'jane.doe' })).toHaveAttribute(
      'href',
      '/catalog/default/user/jane.doe',
    );
  });

  it('renders the installation details card with the entity in context', async () => {
    const tester = createExtensionTester(
      plugin.getExtension('entity-card:distribution-hub/installation-details'),
    );

    renderInTestApp(
      <EntityProvider entity={flareupProd}>
        {tester.reactElement()}
      </EntityProvider>,
      {
        apis: [catalogApiMock({ entities: allEntities })],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );

    expect(await screen.findByText('Installation ID')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'flareup' })).toHaveAttribute(
      'href',
      '/catalog/default/tenant/flareup',
    );
    expect(
      await screen.findByRole('link', { name: 'jane.doe' }),
    ).toBeInTheDocument();
  });
});
