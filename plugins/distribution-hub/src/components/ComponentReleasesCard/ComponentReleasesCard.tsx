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
  Link,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { ApplicationRelease } from '@sdh/plugin-distribution-hub-common';
import useAsync from 'react-use/esm/useAsync';
import { distributionHubApiRef } from '../../api';
import { HubPaths } from '../../hooks/useHubPaths';
import { useOptionalHubPaths } from '../HubLink';
import { ReleaseStatusChip } from '../ReleaseStatusChip';

const TITLE = 'Releases';

function columns(
  paths: HubPaths | undefined,
): TableColumn<ApplicationRelease>[] {
  return [
    {
      title: 'Track',
      field: 'track',
      render: row =>
        paths ? (
          <Link to={paths.track(row.track)}>{row.track}</Link>
        ) : (
          row.track
        ),
    },
    {
      title: 'Version',
      field: 'version',
      highlight: true,
      render: row =>
        paths ? (
          <Link to={paths.release(row.releaseId)}>{row.version}</Link>
        ) : (
          row.version
        ),
    },
    { title: 'Name', field: 'name' },
    {
      title: 'Status',
      field: 'status',
      render: row => <ReleaseStatusChip status={row.status} />,
    },
    {
      title: 'Image',
      field: 'image',
      render: row =>
        row.image ? (
          <Typography
            variant="body2"
            style={{ fontFamily: 'monospace', wordBreak: 'break-all' }}
          >
            {row.image}
          </Typography>
        ) : (
          <Typography variant="body2" color="textSecondary">
            Not chosen yet
          </Typography>
        ),
    },
  ];
}

/**
 * On a Component's page: the releases that include the component, with
 * their track, version, name, status and the image each ships of it. The
 * track and version link into the Release Hub when the app mounts it.
 *
 * @public
 */
export function ComponentReleasesCard() {
  const { entity } = useEntity();
  const api = useApi(distributionHubApiRef);
  const paths = useOptionalHubPaths();
  const entityRef = stringifyEntityRef(entity);
  const { value, loading, error } = useAsync(
    () => api.listReleasesWithApplication(entityRef),
    [api, entityRef],
  );
  if (loading) {
    return (
      <InfoCard title={TITLE}>
        <Progress />
      </InfoCard>
    );
  }
  if (error) {
    return <ResponseErrorPanel title={TITLE} error={error} />;
  }
  const releases = value ?? [];
  if (releases.length === 0) {
    return (
      <InfoCard title={TITLE}>
        <Typography variant="body2">Not in any release yet</Typography>
      </InfoCard>
    );
  }
  return (
    <Table<ApplicationRelease>
      title={TITLE}
      options={{
        search: false,
        paging: releases.length > 10,
        pageSize: 10,
        padding: 'dense',
      }}
      columns={columns(paths)}
      data={releases}
    />
  );
}
