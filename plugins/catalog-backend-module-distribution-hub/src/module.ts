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
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  catalogProcessingExtensionPoint,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { PORTAL_ENTITIES_TOPIC } from '@sdh/plugin-distribution-hub-common';
import { PortalEntityProvider } from './provider/PortalEntityProvider';
import { EnvironmentClaimStore } from './claims/EnvironmentClaimStore';
import { catalogHolderCheck, sweepStaleClaims } from './claims/catalogClaims';
import { DistributionHubEntitiesProcessor } from './processor/DistributionHubEntitiesProcessor';

/**
 * Adds the Tenant and Installation kinds of the Software Distribution Hub to
 * the catalog: validation, relations, and environment claims.
 *
 * @public
 */
export const catalogModuleDistributionHub = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'distribution-hub',
  register(reg) {
    reg.registerInit({
      deps: {
        processing: catalogProcessingExtensionPoint,
        database: coreServices.database,
        logger: coreServices.logger,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        discovery: coreServices.discovery,
        scheduler: coreServices.scheduler,
        events: eventsServiceRef,
      },
      async init({
        processing,
        database,
        logger,
        auth,
        catalog,
        discovery,
        scheduler,
        events,
      }) {
        const claims = await EnvironmentClaimStore.create({ database });
        processing.addProcessor(
          DistributionHubEntitiesProcessor.create({
            claims,
            logger,
            isStillClaimedBy: catalogHolderCheck({ catalog, auth }),
          }),
        );
        // Claims of deleted or edited installations, which claiming leaves
        // for another installation to take over, are removed now and then.
        await scheduler.scheduleTask({
          id: 'distribution-hub-environment-claims-sweep',
          frequency: { minutes: 10 },
          timeout: { minutes: 5 },
          initialDelay: { minutes: 2 },
          scope: 'global',
          fn: async () => {
            await sweepStaleClaims({ claims, catalog, auth, logger });
          },
        });

        const portal = PortalEntityProvider.create({ discovery, auth, logger });
        processing.addEntityProvider(portal);
        // Changes announced by the hub arrive within a second; the schedule
        // catches anything missed (another replica, a restart).
        await events.subscribe({
          id: 'catalog-distribution-hub-portal-entities',
          topics: [PORTAL_ENTITIES_TOPIC],
          onEvent: () => portal.refresh(),
        });
        await scheduler.scheduleTask({
          id: 'distribution-hub-portal-entities',
          frequency: { seconds: 15 },
          timeout: { minutes: 1 },
          initialDelay: { seconds: 3 },
          scope: 'local',
          fn: () => portal.refresh(),
        });
      },
    });
  },
});
