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
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  distributionHubPermissions,
  PORTAL_ENTITIES_TOPIC,
} from '@sdh/plugin-distribution-hub-common';
import { ReleaseStore } from './database/ReleaseStore';
import { DemoDataSeeder } from './demo/DemoDataSeeder';
import { ImageService } from './images/ImageService';
import { createRouter } from './router/createRouter';
import { ReleaseService } from './service/ReleaseService';
import { RequirementsValidator } from './service/RequirementsValidator';
import { readClusterNames } from './tenants/clusters';
import { PortalEntityStore } from './tenants/PortalEntityStore';
import { TenantService } from './tenants/TenantService';

/**
 * The Software Distribution Hub backend plugin.
 *
 * @public
 */
export const distributionHubPlugin = createBackendPlugin({
  pluginId: 'distribution-hub',
  register(env) {
    env.registerInit({
      deps: {
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        catalog: catalogServiceRef,
        events: eventsServiceRef,
      },
      async init(deps) {
        deps.permissionsRegistry.addPermissions(distributionHubPermissions);
        const store = await ReleaseStore.create({ database: deps.database });
        const demoReleases = deps.config.getOptionalString(
          'distributionHub.demoData.releasesFile',
        );
        if (demoReleases) {
          await DemoDataSeeder.create({
            store,
            logger: deps.logger,
          }).seedIfEmpty(demoReleases);
        }
        const releases = ReleaseService.create({
          store,
          requirements: RequirementsValidator.create({ catalog: deps.catalog }),
        });
        const tenants = TenantService.create({
          store: await PortalEntityStore.create({ database: deps.database }),
          catalog: deps.catalog,
          clusters: readClusterNames(deps.config),
          // Tells the catalog module's entity provider to refresh now.
          onChange: () =>
            deps.events.publish({
              topic: PORTAL_ENTITIES_TOPIC,
              eventPayload: {},
            }),
        });
        deps.httpRouter.use(
          await createRouter({
            releases,
            tenants,
            images: ImageService.create({
              catalog: deps.catalog,
              config: deps.config,
            }),
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            auditor: deps.auditor,
          }),
        );
        deps.httpRouter.addAuthPolicy({
          path: '/health',
          allow: 'unauthenticated',
        });
      },
    });
  },
});
