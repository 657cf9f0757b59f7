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
  EmptyState,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import Box from '@material-ui/core/Box';
import Breadcrumbs from '@material-ui/core/Breadcrumbs';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import LockIcon from '@material-ui/icons/Lock';
import { Release } from '@sdh/plugin-distribution-hub-common';
import { useCallback, useEffect, useState } from 'react';
import { Link as RouterLink, Navigate, useParams } from 'react-router-dom';
import { distributionHubApiRef } from '../../api';
import { ReleaseTab, useHubPaths } from '../../hooks/useHubPaths';
import { formatExactTime, ReleaseHistory } from '../ReleaseHistory';
import { ReleaseOverview } from '../ReleaseOverview';
import { ReleaseStatusChip } from '../ReleaseStatusChip';
import { RequirementsEditor } from '../RequirementsEditor';
import { RolloutsTab } from '../RolloutsTab';

const TABS: Array<{ value: ReleaseTab; label: string }> = [
  { value: 'overview', label: 'Overview' },
  { value: 'requirements', label: 'Requirements' },
  { value: 'rollouts', label: 'Rollouts' },
  { value: 'history', label: 'History' },
];

function isReleaseTab(tab: string | undefined): tab is ReleaseTab {
  return TABS.some(t => t.value === tab);
}

function isNotFound(error: Error) {
  return (
    (ResponseError.is(error) && error.statusCode === 404) ||
    error.name === 'NotFoundError'
  );
}

const useStyles = makeStyles(theme => ({
  header: {
    marginBottom: theme.spacing(2),
  },
  title: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1.5),
    marginTop: theme.spacing(1),
  },
  tabs: {
    borderBottom: `1px solid ${theme.palette.divider}`,
    marginBottom: theme.spacing(3),
  },
}));

/** Where the page stands: which release it shows, loaded or failed. */
type LoadState =
  | { releaseId: string; release: Release; error?: undefined }
  | { releaseId: string; release?: undefined; error: Error };

function ReleaseHeader(props: { release: Release }) {
  const { release } = props;
  const classes = useStyles();
  const paths = useHubPaths();
  const lockedTitle = [
    'The requirements are locked',
    release.lockedBy && `by ${release.lockedBy}`,
    release.lockedAt && `on ${formatExactTime(release.lockedAt)}`,
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <Box component="header" className={classes.header}>
      <Breadcrumbs aria-label="breadcrumb">
        <Link to={paths.tracks()}>Release tracks</Link>
        <Link to={paths.track(release.track)}>{release.track}</Link>
        <Typography color="textPrimary" aria-current="page">
          {release.version}
        </Typography>
      </Breadcrumbs>
      <Box className={classes.title}>
        <Typography variant="h4" component="h1">
          Release {release.version}
        </Typography>
        {release.name && release.name !== release.version && (
          <Typography variant="h5" component="p" color="textSecondary">
            {release.name}
          </Typography>
        )}
        <ReleaseStatusChip status={release.status} />
        {release.locked && (
          <Tooltip title={lockedTitle}>
            <Chip
              size="small"
              variant="outlined"
              icon={<LockIcon />}
              label="Locked"
            />
          </Tooltip>
        )}
      </Box>
    </Box>
  );
}

/**
 * A release: its header, and the Overview, Requirements, Rollouts and
 * History tabs, each at its own URL. Reads `releaseId` and `tab` from the route.
 *
 * @public
 */
export function ReleasePage() {
  const { releaseId = '', tab } = useParams();
  const classes = useStyles();
  const api = useApi(distributionHubApiRef);
  const paths = useHubPaths();
  const [state, setState] = useState<LoadState>();
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    api.getRelease(releaseId).then(
      release => !cancelled && setState({ releaseId, release }),
      error => !cancelled && setState({ releaseId, error }),
    );
    return () => {
      cancelled = true;
    };
  }, [api, releaseId, attempt]);

  // Children report the release as the server returned it after a change;
  // a late answer about a release no longer shown is ignored.
  const onChange = useCallback(
    (release: Release) =>
      setState(previous =>
        previous?.releaseId === release.id
          ? { releaseId: release.id, release }
          : previous,
      ),
    [],
  );

  if (!isReleaseTab(tab)) {
    return <Navigate to={paths.release(releaseId, 'overview')} replace />;
  }
  if (!state || state.releaseId !== releaseId) {
    return <Progress />;
  }
  if (state.error) {
    if (isNotFound(state.error)) {
      return (
        <EmptyState
          missing="info"
          title="Release not found"
          description={`There is no release with ID ${releaseId}. It may have been deleted, or the link may be wrong.`}
          action={<Link to={paths.tracks()}>Back to release tracks</Link>}
        />
      );
    }
    return (
      <>
        <ResponseErrorPanel
          title="Could not load the release"
          error={state.error}
        />
        <Box mt={2}>
          <Button
            variant="outlined"
            onClick={() => {
              setState(undefined);
              setAttempt(n => n + 1);
            }}
          >
            Try again
          </Button>
        </Box>
      </>
    );
  }

  const release = state.release;
  return (
    <>
      <ReleaseHeader release={release} />
      <Tabs
        value={tab}
        aria-label={`Release ${release.version}`}
        indicatorColor="primary"
        textColor="primary"
        className={classes.tabs}
      >
        {TABS.map(t => (
          <Tab
            key={t.value}
            value={t.value}
            label={t.label}
            id={`release-tab-${t.value}`}
            aria-controls={`release-tabpanel-${t.value}`}
            component={RouterLink}
            to={paths.release(release.id, t.value)}
          />
        ))}
      </Tabs>
      <div
        role="tabpanel"
        id={`release-tabpanel-${tab}`}
        aria-labelledby={`release-tab-${tab}`}
      >
        {tab === 'overview' && (
          <ReleaseOverview release={release} onChange={onChange} />
        )}
        {tab === 'requirements' && (
          <RequirementsEditor release={release} onChange={onChange} />
        )}
        {tab === 'rollouts' && <RolloutsTab release={release} />}
        {tab === 'history' && <ReleaseHistory release={release} />}
      </div>
    </>
  );
}
