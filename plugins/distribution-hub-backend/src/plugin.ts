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
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { PORTAL_ENTITIES_TOPIC } from '@sdh/plugin-distribution-hub-common';
import {
  Deployer,
  distributionHubDeployersExtensionPoint,
} from '@sdh/plugin-distribution-hub-node';
import { ReleaseStore } from './database/ReleaseStore';
import { DemoDataSeeder } from './demo/DemoDataSeeder';
import { readClusterConnections } from './deploy/clusterConfigs';
import { KubernetesDeployer } from './deploy/KubernetesDeployer';
import { ImageService } from './images/ImageService';
import { InstallationAuthorizer } from './permissions/InstallationAuthorizer';
import { createRouter } from './router/createRouter';
import { FleetService } from './rollouts/FleetService';
import { FleetStore } from './rollouts/FleetStore';
import { InstallationStateService } from './rollouts/InstallationStateService';
import { ReleaseDeployments } from './rollouts/ReleaseDeployments';
import { readRolloutConfig } from './rollouts/rolloutConfig';
import { RolloutEngine } from './rollouts/RolloutEngine';
import { RolloutNotifier } from './rollouts/RolloutNotifier';
import { RolloutPreviewService } from './rollouts/RolloutPreviewService';
import { RolloutReadStore } from './rollouts/RolloutReadStore';
import { RolloutService } from './rollouts/RolloutService';
import { RolloutStore } from './rollouts/RolloutStore';
import { RolloutTargetViews } from './rollouts/RolloutTargetViews';
import { TargetWorkStore } from './rollouts/TargetWorkStore';
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
    // Deployers from modules come first: they may take over clusters the
    // hub's own Kubernetes deployer would otherwise handle.
    const moduleDeployers: Deployer[] = [];
    env.registerExtensionPoint(distributionHubDeployersExtensionPoint, {
      addDeployer(deployer) {
        moduleDeployers.push(deployer);
      },
    });

    env.registerInit({
      deps: {
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
        catalog: catalogServiceRef,
        events: eventsServiceRef,
        signals: signalsServiceRef,
        notifications: notificationService,
      },
      async init(deps) {
        const installationPermissions = InstallationAuthorizer.register({
          permissionsRegistry: deps.permissionsRegistry,
          permissions: deps.permissions,
          catalog: deps.catalog,
          auth: deps.auth,
        });
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

        // Rollouts: the engine deploys, the service takes the API's requests.
        const rolloutConfig = readRolloutConfig(deps.config);
        const deployers: Deployer[] = [
          ...moduleDeployers,
          KubernetesDeployer.create({
            clusters: readClusterConnections(deps.config),
          }),
        ];
        const rolloutStore = await RolloutStore.create({
          database: deps.database,
        });
        const rolloutReads = await RolloutReadStore.create({
          database: deps.database,
        });
        const notifier = RolloutNotifier.create({
          signals: deps.signals,
          notifications: deps.notifications,
          getRelease: id => store.getRelease(id),
          logger: deps.logger,
        });
        const engine = RolloutEngine.create({
          store: rolloutStore,
          work: TargetWorkStore.fromKnex(await deps.database.getClient()),
          deployers,
          logger: deps.logger,
          events: notifier,
          options: rolloutConfig.engine,
        });
        const releases = ReleaseService.create({
          store,
          requirements: RequirementsValidator.create({ catalog: deps.catalog }),
        });
        const rollouts = RolloutService.create({
          store: rolloutStore,
          catalog: deps.catalog,
          getRelease: id => releases.getRelease(id),
          events: {
            rolloutChanged(rollout) {
              notifier.rolloutChanged(rollout);
              // Acts on the change at once rather than at the next tick.
              if (rolloutConfig.workerEnabled) engine.nudge();
            },
          },
        });
        // Back in Draft (unlocked), a release holds its rollouts as On hold
        // does, until it is Ready for release again.
        releases.onStatusChange(release =>
          rollouts.onReleaseStatus(
            release.id,
            release.status === 'draft' ? 'on-hold' : release.status,
          ),
        );
        if (rolloutConfig.workerEnabled) {
          await engine.schedule(deps.scheduler);
        }
        deps.lifecycle.addShutdownHook(async () => {
          await engine.stop();
          await notifier.flush();
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
            rollouts,
            rolloutReads,
            installationState: InstallationStateService.create({
              store: rolloutReads,
              deployers,
              catalog: deps.catalog,
            }),
            rolloutPreviews: RolloutPreviewService.create({
              rollouts,
              reads: rolloutReads,
              deployers,
            }),
            rolloutTargets: RolloutTargetViews.create({
              rollouts,
              store: rolloutStore,
              reads: rolloutReads,
              catalog: deps.catalog,
            }),
            fleet: FleetService.create({
              store: await FleetStore.create({ database: deps.database }),
              catalog: deps.catalog,
            }),
            deployments: ReleaseDeployments.create({
              store: rolloutStore,
              catalog: deps.catalog,
              auth: deps.auth,
              logger: deps.logger,
            }),
            images: ImageService.create({
              catalog: deps.catalog,
              config: deps.config,
            }),
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            installationPermissions,
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
