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
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { RELATION_HAS_PART } from '@backstage/catalog-model';
import {
  EntityRefLink,
  useEntity,
  useRelatedEntities,
} from '@backstage/plugin-catalog-react';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import {
  INSTALLATION_KIND,
  INSTALLATION_TIERS,
  InstallationEntityV1alpha1,
  isInstallationEntity,
} from '@sdh/plugin-distribution-hub-common';

const columns: TableColumn<InstallationEntityV1alpha1>[] = [
  {
    title: 'Installation',
    field: 'metadata.name',
    highlight: true,
    render: installation => (
      <EntityRefLink
        entityRef={installation}
        title={installation.metadata.title ?? installation.metadata.name}
      />
    ),
  },
  {
    title: 'Tier',
    field: 'spec.tier',
    render: installation => (
      <Chip size="small" label={installation.spec.tier} />
    ),
  },
  {
    title: 'Environments',
    render: installation => (
      <>
        {installation.spec.environments.map(env => (
          <Typography variant="body2" key={`${env.cluster}/${env.namespace}`}>
            {env.cluster} / {env.namespace}
          </Typography>
        ))}
      </>
    ),
  },
];

function byTierThenName(
  a: InstallationEntityV1alpha1,
  b: InstallationEntityV1alpha1,
): number {
  return (
    INSTALLATION_TIERS.indexOf(a.spec.tier) -
      INSTALLATION_TIERS.indexOf(b.spec.tier) ||
    a.metadata.name.localeCompare(b.metadata.name)
  );
}

/**
 * The installations of the tenant shown on the page, with tier and
 * environments, most critical tier first.
 *
 * @public
 */
export function TenantInstallationsCard() {
  const { entity } = useEntity();
  const { entities, loading, error } = useRelatedEntities(entity, {
    type: RELATION_HAS_PART,
    kind: INSTALLATION_KIND,
  });
  if (loading) {
    return (
      <InfoCard title="Installations">
        <Progress />
      </InfoCard>
    );
  }
  if (error) {
    return <ResponseErrorPanel title="Installations" error={error} />;
  }
  const installations = (entities ?? [])
    .filter(isInstallationEntity)
    .sort(byTierThenName);
  return (
    <Table<InstallationEntityV1alpha1>
      title="Installations"
      options={{ search: false, paging: false, padding: 'dense' }}
      columns={columns}
      data={installations}
      emptyContent={
        <Typography variant="body2" style={{ padding: 16 }}>
          This tenant has no installations yet.
        </Typography>
      }
    />
  );
}
