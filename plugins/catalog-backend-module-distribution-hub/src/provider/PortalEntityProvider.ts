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
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';

/** Where portal-created entities say they come from. */
export const PORTAL_LOCATION = 'distribution-hub:portal';

/**
 * Offers the catalog the tenants and installations created in the portal,
 * read from the distribution-hub backend. They then go through the same
 * processing (validation, relations, environment claims) as YAML ones.
 */
export class PortalEntityProvider implements EntityProvider {
  static create(options: {
    discovery: DiscoveryService;
    auth: AuthService;
    logger: LoggerService;
  }) {
    return new PortalEntityProvider(
      options.discovery,
      options.auth,
      options.logger,
    );
  }

  private connection?: EntityProviderConnection;
  private refreshing?: Promise<void>;
  private refreshAgain = false;
  private reportedMissingPlugin = false;

  private constructor(
    private readonly discovery: DiscoveryService,
    private readonly auth: AuthService,
    private readonly logger: LoggerService,
  ) {}

  getProviderName(): string {
    return 'distribution-hub-portal';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
  }

  /**
   * Reads every portal entity and replaces the provider's set. Calls that
   * arrive while one runs are folded into one more run after it.
   */
  async refresh(): Promise<void> {
    if (this.refreshing) {
      this.refreshAgain = true;
      return this.refreshing;
    }
    this.refreshing = (async () => {
      try {
        do {
          this.refreshAgain = false;
          await this.readAndApply();
        } while (this.refreshAgain);
      } finally {
        this.refreshing = undefined;
      }
    })();
    return this.refreshing;
  }

  private async readAndApply() {
    if (!this.connection) {
      return;
    }
    const baseUrl = await this.discovery.getBaseUrl('distribution-hub');
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf: await this.auth.getOwnServiceCredentials(),
      targetPluginId: 'distribution-hub',
    });
    const response = await fetch(`${baseUrl}/catalog-entities`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (response.status === 404) {
      if (!this.reportedMissingPlugin) {
        this.logger.warn(
          'The distribution-hub backend plugin is not installed; portal-created tenants and installations will not reach the catalog',
        );
        this.reportedMissingPlugin = true;
      }
      return;
    }
    if (!response.ok) {
      // Keep what the catalog has rather than dropping it on a bad read.
      throw new Error(
        `Reading portal tenants and installations failed: ${
          response.status
        } ${await response.text()}`,
      );
    }
    const { items } = (await response.json()) as { items: Entity[] };
    await this.connection.applyMutation({
      type: 'full',
      entities: items.map(entity => ({
        locationKey: PORTAL_LOCATION,
        entity: {
          ...entity,
          metadata: {
            ...entity.metadata,
            annotations: {
              ...entity.metadata.annotations,
              'backstage.io/managed-by-location': PORTAL_LOCATION,
              'backstage.io/managed-by-origin-location': PORTAL_LOCATION,
            },
          },
        },
      })),
    });
  }
}
