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
import { useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  Breadcrumbs,
  EmptyState,
  Link,
  LinkButton,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import AddIcon from '@material-ui/icons/Add';
import EditIcon from '@material-ui/icons/Edit';
import LockIcon from '@material-ui/icons/Lock';
import {
  compareVersionsDescending,
  releaseCreatePermission,
  ReleaseSummary,
  ReleaseTrack,
  trackUpdatePermission,
} from '@sdh/plugin-distribution-hub-common';
import { distributionHubApiRef } from '../../api';
import { useHubPaths } from '../../hooks/useHubPaths';
import { CreateReleaseDialog } from '../CreateReleaseDialog';
import { EditTrackDialog } from '../EditTrackDialog';
import { ReleaseStatusChip } from '../ReleaseStatusChip';
import { isNotFoundError, serverErrorMessage } from '../TracksTab/trackUtils';
import { RelativeTime } from './RelativeTime';
import { PermissionedButton } from '../PermissionedButton';

const RELEASES_PAGE_SIZE = 20;

const useStyles = makeStyles(theme => ({
  header: {
    display: 'flex',
    alignItems: 'flex-start',
    justifyContent: 'space-between',
    gap: theme.spacing(2),
    flexWrap: 'wrap',
    margin: theme.spacing(2, 0, 3),
  },
  actions: {
    display: 'flex',
    gap: theme.spacing(1),
  },
  id: {
    fontFamily: 'monospace',
  },
  description: {
    marginTop: theme.spacing(1),
    whiteSpace: 'pre-line',
    maxWidth: '80ch',
  },
  requirements: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
  },
}));

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * How far a release's requirements are: its applications and stages, and
 * whether they are locked.
 */
function RequirementsSummary(props: { release: ReleaseSummary }) {
  const classes = useStyles();
  const { applicationCount, stageCount, locked } = props.release;
  const text =
    applicationCount === 0
      ? 'No applications yet'
      : `${plural(applicationCount, 'application', 'applications')} in ${plural(
          stageCount,
          'stage',
          'stages',
        )}`;
  return (
    <span className={classes.requirements}>
      <Typography variant="body2" component="span">
        {text}
      </Typography>
      {locked && (
        <LockIcon
          fontSize="small"
          color="action"
          titleAccess="Requirements locked"
        />
      )}
    </span>
  );
}

/** Who created a release: a link to the user in the catalog when it is one. */
function CreatedBy(props: { entityRef: string }) {
  const { entityRef } = props;
  let parsed;
  try {
    parsed = parseEntityRef(entityRef, {
      defaultKind: 'user',
      defaultNamespace: 'default',
    });
  } catch {
    return <>{entityRef}</>;
  }
  return <EntityRefLink entityRef={parsed} hideIcon />;
}

function ReleasesTable(props: {
  releases: ReleaseSummary[];
  loading: boolean;
}) {
  const { releases, loading } = props;
  const paths = useHubPaths();
  const columns = useMemo<TableColumn<ReleaseSummary>[]>(
    () => [
      {
        title: 'Version',
        field: 'version',
        highlight: true,
        // Ascending by semver precedence; the server lists newest first.
        customSort: (a, b) => compareVersionsDescending(b.version, a.version),
        render: release => (
          <Link to={paths.release(release.id)}>{release.version}</Link>
        ),
      },
      { title: 'Name', field: 'name' },
      {
        title: 'Status',
        field: 'status',
        render: release => <ReleaseStatusChip status={release.status} />,
      },
      {
        title: 'Requirements',
        sorting: false,
        render: release => <RequirementsSummary release={release} />,
      },
      {
        title: 'Created by',
        field: 'createdBy',
        render: release => <CreatedBy entityRef={release.createdBy} />,
      },
      {
        title: 'Created',
        field: 'createdAt',
        render: release => <RelativeTime time={release.createdAt} />,
      },
    ],
    [paths],
  );
  const paging = releases.length > RELEASES_PAGE_SIZE;
  return (
    <Table<ReleaseSummary>
      title={`Releases (${releases.length})`}
      columns={columns}
      data={releases}
      isLoading={loading}
      options={{
        search: releases.length > 0,
        padding: 'dense',
        draggable: false,
        paging,
        pageSize: RELEASES_PAGE_SIZE,
        pageSizeOptions: [RELEASES_PAGE_SIZE, 50, 100],
        emptyRowsWhenPaging: false,
      }}
      emptyContent={
        <Box p={2}>
          <Typography variant="body2">
            This track has no releases yet. Create the first one with{' '}
            <strong>New release</strong>.
          </Typography>
        </Box>
      }
    />
  );
}

/**
 * A release track's page: its title, ID and description, and its releases,
 * newest version first; with buttons to edit the track and create a
 * release. Reads the track's ID from the `track` route parameter.
 *
 * @public
 */
export function TrackPage() {
  const classes = useStyles();
  const { track: name = '' } = useParams();
  const api = useApi(distributionHubApiRef);
  const paths = useHubPaths();
  const navigate = useNavigate();
  const [editing, setEditing] = useState(false);
  const [creating, setCreating] = useState(false);
  const [saved, setSaved] = useState<ReleaseTrack>();

  const trackState = useAsyncRetry(() => api.getTrack(name), [api, name]);
  const releasesState = useAsyncRetry(
    () => api.listReleases(name),
    [api, name],
  );

  const breadcrumbs = (current: string) => (
    <Breadcrumbs aria-label="Breadcrumbs">
      <Link to={paths.tracks()}>Release tracks</Link>
      <Typography>{current}</Typography>
    </Breadcrumbs>
  );

  const track = saved?.name === name ? saved : trackState.value;

  if (!track) {
    if (trackState.error && isNotFoundError(trackState.error)) {
      return (
        <>
          {breadcrumbs(name)}
          <EmptyState
            missing="data"
            title={`No release track named “${name}”`}
            description="It may have been mistyped in the address, or the track does not exist (yet)."
            action={
              <LinkButton
                to={paths.tracks()}
                variant="contained"
                color="primary"
              >
                All release tracks
              </LinkButton>
            }
          />
        </>
      );
    }
    if (trackState.error) {
      return (
        <>
          {breadcrumbs(name)}
          <ResponseErrorPanel
            title={`Could not load the release track ${name}: ${serverErrorMessage(
              trackState.error,
            )}`}
            error={trackState.error}
          />
          <Box mt={2}>
            <Button variant="outlined" onClick={trackState.retry}>
              Try again
            </Button>
          </Box>
        </>
      );
    }
    return <Progress />;
  }

  const releases = releasesState.value ?? [];

  return (
    <>
      {breadcrumbs(track.title)}
      <Box className={classes.header}>
        <Box>
          <Typography variant="h4" component="h2">
            {track.title}
          </Typography>
          <Typography variant="body2" color="textSecondary">
            ID: <span className={classes.id}>{track.name}</span>
          </Typography>
          {track.description && (
            <Typography variant="body1" className={classes.description}>
              {track.description}
            </Typography>
          )}
        </Box>
        <Box className={classes.actions}>
          <PermissionedButton
            permission={trackUpdatePermission}
            action="edit release tracks"
            variant="outlined"
            startIcon={<EditIcon />}
            onClick={() => setEditing(true)}
          >
            Edit
          </PermissionedButton>
          <PermissionedButton
            permission={releaseCreatePermission}
            action="create releases"
            variant="contained"
            color="primary"
            startIcon={<AddIcon />}
            disabledReason={
              releasesState.loading && !releasesState.value
                ? 'Loading the releases of this track…'
                : undefined
            }
            onClick={() => setCreating(true)}
          >
            New release
          </PermissionedButton>
        </Box>
      </Box>

      {releasesState.error ? (
        <>
          <ResponseErrorPanel
            title={`Could not load the releases: ${serverErrorMessage(
              releasesState.error,
            )}`}
            error={releasesState.error}
          />
          <Box mt={2}>
            <Button variant="outlined" onClick={releasesState.retry}>
              Try again
            </Button>
          </Box>
        </>
      ) : (
        <ReleasesTable releases={releases} loading={releasesState.loading} />
      )}

      <EditTrackDialog
        open={editing}
        track={track}
        onClose={() => setEditing(false)}
        onSaved={updated => {
          setSaved(updated);
          setEditing(false);
        }}
      />
      <CreateReleaseDialog
        open={creating}
        track={track.name}
        releases={releases}
        onClose={() => setCreating(false)}
        onCreated={release => {
          setCreating(false);
          navigate(paths.release(release.id));
        }}
      />
    </>
  );
}
