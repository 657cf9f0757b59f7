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
  InfoCard,
  Progress,
  StructuredMetadataTable,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  catalogApiRef,
  EntityRefLink,
  EntityRefLinks,
  useEntity,
} from '@backstage/plugin-catalog-react';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  ANNOTATION_ENVIRONMENT_CONFLICTS,
  isInstallationEntity,
  isTenantEntity,
} from '@sdh/plugin-distribution-hub-common';
import useAsync from 'react-use/esm/useAsync';
import { MaintenanceWindowList } from '../MaintenanceWindowList';
import { tenantsTabPath, useOptionalHubPaths } from '../HubLink';

function TenantContacts(props: { tenantRef: string }) {
  const catalogApi = useApi(catalogApiRef);
  const { value, loading, error } = useAsync(
    () => catalogApi.getEntityByRef(props.tenantRef),
    [catalogApi, props.tenantRef],
  );
  if (loading) {
    return <Progress />;
  }
  if (error) {
    return (
      <Typography variant="body2" color="error">
        Could not load the tenant's contacts: {error.message}
      </Typography>
    );
  }
  if (!isTenantEntity(value)) {
    return (
      <Typography variant="body2" color="error">
        The tenant {props.tenantRef} is not in the catalog
      </Typography>
    );
  }
  const contacts = (value.spec.contacts ?? []).map(ref =>
    parseEntityRef(ref, { defaultKind: 'User', defaultNamespace: 'default' }),
  );
  return contacts.length > 0 ? (
    <EntityRefLinks entityRefs={contacts} />
  ) : (
    <Typography variant="body2">None listed on the tenant</Typography>
  );
}

/**
 * An Installation's own fields: tenant, tier, environments, maintenance
 * windows with their next occurrence, and the tenant's contacts; a link to
 * it in the Release Hub's Tenants tab when the app mounts the hub.
 *
 * @public
 */
export function InstallationDetailsCard() {
  const { entity } = useEntity();
  const hubPaths = useOptionalHubPaths();
  if (!isInstallationEntity(entity)) {
    return null;
  }
  const tenantRef = stringifyEntityRef(
    parseEntityRef(entity.spec.tenant, {
      defaultKind: 'Tenant',
      defaultNamespace: entity.metadata.namespace,
    }),
  );
  const conflicts =
    entity.metadata.annotations?.[ANNOTATION_ENVIRONMENT_CONFLICTS];
  return (
    <InfoCard
      title="Installation"
      deepLink={
        hubPaths && {
          title: 'Open in Release Hub',
          link: tenantsTabPath(hubPaths, stringifyEntityRef(entity)),
        }
      }
    >
      {conflicts && (
        <Alert severity="error" role="alert">
          Environment conflict: {conflicts}. Rollouts will not deploy this
          installation there until the environment is freed or changed.
        </Alert>
      )}
      <StructuredMetadataTable
        metadata={{
          'Installation ID': entity.metadata.name,
          Tenant: <EntityRefLink entityRef={tenantRef} />,
          Tier: <Chip size="small" label={entity.spec.tier} />,
          Environments: (
            <>
              {entity.spec.environments.map(env => (
                <Typography
                  variant="body2"
                  key={`${env.cluster}/${env.namespace}`}
                >
                  {env.cluster} / {env.namespace}
                </Typography>
              ))}
            </>
          ),
          'Maintenance windows': (
            <MaintenanceWindowList windows={entity.spec.maintenanceWindows} />
          ),
          Contacts: <TenantContacts tenantRef={tenantRef} />,
        }}
      />
    </InfoCard>
  );
}
