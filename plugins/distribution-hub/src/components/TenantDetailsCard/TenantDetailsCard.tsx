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
import { InfoCard, StructuredMetadataTable } from '@backstage/core-components';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { EntityRefLinks, useEntity } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { isTenantEntity } from '@sdh/plugin-distribution-hub-common';
import { tenantsTabPath, useOptionalHubPaths } from '../HubLink';

/**
 * A Tenant's own fields: its ID, who looks after it, its points of contact
 * and its rollout ring; a link to it in the Release Hub's Tenants tab when
 * the app mounts the hub.
 *
 * @public
 */
export function TenantDetailsCard() {
  const { entity } = useEntity();
  const hubPaths = useOptionalHubPaths();
  if (!isTenantEntity(entity)) {
    return null;
  }
  const contacts = (entity.spec.contacts ?? []).map(ref =>
    parseEntityRef(ref, { defaultKind: 'User', defaultNamespace: 'default' }),
  );
  return (
    <InfoCard
      title="Tenant"
      deepLink={
        hubPaths && {
          title: 'Open in Release Hub',
          link: tenantsTabPath(hubPaths, stringifyEntityRef(entity)),
        }
      }
    >
      <StructuredMetadataTable
        metadata={{
          'Tenant ID': entity.metadata.name,
          Name: entity.metadata.title ?? entity.metadata.name,
          Owner: (
            <EntityRefLinks
              entityRefs={[
                parseEntityRef(entity.spec.owner, {
                  defaultKind: 'Group',
                  defaultNamespace: entity.metadata.namespace,
                }),
              ]}
            />
          ),
          Contacts:
            contacts.length > 0 ? (
              <EntityRefLinks entityRefs={contacts} />
            ) : (
              <Typography variant="body2">None listed</Typography>
            ),
          Ring: entity.spec.ring ?? 'none (rolled out with everyone else)',
        }}
      />
    </InfoCard>
  );
}
