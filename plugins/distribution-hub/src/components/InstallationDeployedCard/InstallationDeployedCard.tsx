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
import { Fragment, useMemo } from 'react';
import useAsyncRetry, { AsyncStateRetry } from 'react-use/esm/useAsyncRetry';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Link,
  Progress,
  StructuredMetadataTable,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import Chip from '@material-ui/core/Chip';
import IconButton from '@material-ui/core/IconButton';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import RefreshIcon from '@material-ui/icons/Refresh';
import Alert from '@material-ui/lab/Alert';
import {
  ApplicationEnvironmentState,
  InstallationEntityV1alpha1,
  InstallationRollout,
  isInstallationEntity,
  MaintenanceWindow,
  nextMaintenanceWindow,
} from '@sdh/plugin-distribution-hub-common';
import { distributionHubApiRef } from '../../api';
import { HubPaths } from '../../hooks/useHubPaths';
import { useRolloutSignal } from '../../hooks/useRolloutSignal';
import { serverErrorMessage } from '../../lib/serverErrorMessage';
import { HubLink, useOptionalHubPaths } from '../HubLink';
import {
  InstallationRolloutStateChip,
  TargetStateNote,
} from '../InstallationRolloutStateChip';
import { localWindowTimes } from '../MaintenanceWindowList/MaintenanceWindowList';
import { RelativeTime } from '../TrackPage/RelativeTime';

/**
 * How often at most the card reads the installation again while rollouts
 * change it: reading what runs asks every cluster of the installation.
 */
export const DEPLOYED_REFRESH_INTERVAL_MS = 5000;

const useStyles = makeStyles(theme => ({
  alerts: {
    display: 'grid',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(2),
  },
  image: {
    fontFamily: 'monospace',
    overflowWrap: 'anywhere',
  },
  lastRollout: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
  },
  drift: {
    backgroundColor: theme.palette.warning.main,
    color: theme.palette.warning.contrastText,
  },
  inSync: {
    borderColor: theme.palette.success.main,
    color: theme.palette.success.main,
  },
  table: {
    marginTop: theme.spacing(2),
    '& td': { verticalAlign: 'top' },
    // The theme lets table cells break words anywhere; keep them whole.
    '& th, & td': { wordBreak: 'normal' },
  },
}));

function NextWindow(props: { windows?: MaintenanceWindow[] }) {
  const next = nextMaintenanceWindow(props.windows);
  if (!next) {
    return (
      <Typography variant="body2">
        None: rollouts may change this installation at any time.
      </Typography>
    );
  }
  const times = localWindowTimes(next);
  return (
    <Typography variant="body2">
      {next.open
        ? `Open now (until ${times.end} your time)`
        : `${times.start} – ${times.end} your time`}
    </Typography>
  );
}

function LastRollout(props: {
  rollouts: AsyncStateRetry<InstallationRollout[]>;
  paths?: HubPaths;
}) {
  const classes = useStyles();
  const { value, error } = props.rollouts;
  if (error) {
    return (
      <Typography variant="body2" color="error">
        Could not load the rollouts: {serverErrorMessage(error)}
      </Typography>
    );
  }
  if (!value) {
    return <Progress />;
  }
  const last = value[0];
  if (!last) {
    return (
      <Typography variant="body2">
        None yet: no release has been rolled out to this installation.
      </Typography>
    );
  }
  const { target } = last;
  const label = `${last.track} ${last.version}`;
  const time = target.finishedAt ?? target.startedAt ?? last.rolloutCreatedAt;
  return (
    <>
      <div className={classes.lastRollout}>
        {props.paths ? (
          <Link
            to={props.paths.release(last.releaseId, 'rollouts')}
            title={`The rollouts of ${label}`}
          >
            {label}
          </Link>
        ) : (
          <Typography variant="body2">{label}</Typography>
        )}
        <InstallationRolloutStateChip state={target.state} />
        <Typography variant="body2" color="textSecondary">
          <RelativeTime time={time} />
        </Typography>
      </div>
      <TargetStateNote target={target} />
    </>
  );
}

function environmentName(env: { cluster: string; namespace: string }) {
  return `${env.cluster} / ${env.namespace}`;
}

/** The cluster, and below it the namespace. */
function Environment(props: {
  environment: { cluster: string; namespace: string };
}) {
  return (
    <>
      <Typography variant="body2">{props.environment.cluster}</Typography>
      <Typography variant="body2" color="textSecondary">
        {props.environment.namespace}
      </Typography>
    </>
  );
}

function RunningNow(props: { state: ApplicationEnvironmentState }) {
  const classes = useStyles();
  const { live, liveError } = props.state;
  if (liveError !== undefined || !live) {
    return (
      <Typography variant="body2" color="error" title={liveError}>
        Unknown: the cluster could not be read
      </Typography>
    );
  }
  if (live.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No workload found
      </Typography>
    );
  }
  const images = new Set(live.map(w => w.image));
  if (images.size === 1) {
    return (
      <Typography variant="body2" className={classes.image}>
        {live[0].image}
      </Typography>
    );
  }
  return (
    <>
      {live.map(w => (
        <Typography
          variant="body2"
          className={classes.image}
          key={`${w.kind}/${w.name}/${w.container}`}
        >
          {w.kind}/{w.name} ({w.container}): {w.image}
        </Typography>
      ))}
    </>
  );
}

function Status(props: { state: ApplicationEnvironmentState }) {
  const classes = useStyles();
  const { state } = props;
  if (state.liveError !== undefined || !state.live) {
    return <Chip size="small" variant="outlined" label="Unreadable" />;
  }
  if (state.drift) {
    return (
      <Chip
        size="small"
        label="Drift"
        className={classes.drift}
        title="What runs here differs from what the hub released"
      />
    );
  }
  if (state.intended) {
    return (
      <Chip
        size="small"
        variant="outlined"
        label="In sync"
        className={classes.inSync}
      />
    );
  }
  return null;
}

function Released(props: {
  state: ApplicationEnvironmentState;
  paths?: HubPaths;
}) {
  const classes = useStyles();
  const { intended } = props.state;
  if (!intended) {
    return (
      <Typography variant="body2" color="textSecondary">
        Not deployed by the hub
      </Typography>
    );
  }
  const label = `Release ${intended.version}`;
  return (
    <>
      <Typography variant="body2" className={classes.image}>
        {intended.image}
      </Typography>
      <Typography variant="body2" color="textSecondary">
        {props.paths ? (
          <Link to={props.paths.release(intended.releaseId)}>{label}</Link>
        ) : (
          label
        )}
        , <RelativeTime time={intended.at} />
      </Typography>
    </>
  );
}

/** The states of one installation, per application in their order. */
function groupByApplication(applications: ApplicationEnvironmentState[]) {
  const groups = new Map<string, ApplicationEnvironmentState[]>();
  for (const state of applications) {
    const group = groups.get(state.entityRef) ?? [];
    group.push(state);
    groups.set(state.entityRef, group);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
}

/** Distinct reasons why environments could not be read, per environment. */
function unreadableEnvironments(applications: ApplicationEnvironmentState[]) {
  const reasons = new Map<string, Set<string>>();
  for (const state of applications) {
    if (state.liveError !== undefined || !state.live) {
      const key = `the cluster ${state.environment.cluster} (namespace ${state.environment.namespace})`;
      const set = reasons.get(key) ?? new Set<string>();
      set.add(state.liveError || 'no reason given');
      reasons.set(key, set);
    }
  }
  return [...reasons.entries()].map(([environment, set]) => ({
    environment,
    reason: [...set].join('; '),
  }));
}

function DeployedContent(props: { installation: InstallationEntityV1alpha1 }) {
  const classes = useStyles();
  const api = useApi(distributionHubApiRef);
  const paths = useOptionalHubPaths();
  const ref = stringifyEntityRef(props.installation);
  const state = useAsyncRetry(() => api.getInstallationState(ref), [api, ref]);
  const rollouts = useAsyncRetry(
    () => api.listInstallationRollouts(ref),
    [api, ref],
  );
  const applications = state.value?.applications;
  const groups = useMemo(
    () => groupByApplication(applications ?? []),
    [applications],
  );
  const unreadable = useMemo(
    () => unreadableEnvironments(applications ?? []),
    [applications],
  );
  const drifted = (applications ?? []).filter(a => a.drift).length;

  const refresh = () => {
    state.retry();
    rollouts.retry();
  };
  // A rollout that touches this installation (or too many to list) changes
  // what runs here.
  useRolloutSignal(
    signal => !signal.installationRefs || signal.installationRefs.includes(ref),
    refresh,
    DEPLOYED_REFRESH_INTERVAL_MS,
  );

  return (
    <InfoCard
      title="Deployed"
      titleTypographyProps={{ component: 'h2' }}
      subheader="What the hub released here and what runs now"
      action={
        <IconButton
          aria-label="Refresh what is deployed"
          title="Read the clusters again"
          onClick={refresh}
          disabled={state.loading || rollouts.loading}
        >
          <RefreshIcon />
        </IconButton>
      }
    >
      <StructuredMetadataTable
        metadata={{
          'Last rollout': <LastRollout rollouts={rollouts} paths={paths} />,
          'Next maintenance window': (
            <NextWindow windows={props.installation.spec.maintenanceWindows} />
          ),
        }}
      />
      {state.error && (
        <Alert severity="error" className={classes.table}>
          Could not load what is deployed: {serverErrorMessage(state.error)}
        </Alert>
      )}
      {!state.error && !applications && <Progress />}
      {applications && (drifted > 0 || unreadable.length > 0) && (
        <div className={`${classes.alerts} ${classes.table}`}>
          {drifted > 0 && (
            <Alert severity="warning">
              Drift:{' '}
              {drifted === 1 ? '1 application' : `${drifted} applications`} run
              {drifted === 1 ? 's' : ''} something the hub did not release. The
              next rollout puts the release's image back.
            </Alert>
          )}
          {unreadable.map(({ environment, reason }) => (
            <Alert severity="error" key={environment}>
              Could not read {environment}: {reason}. What runs there is
              unknown.
            </Alert>
          ))}
        </div>
      )}
      {applications && applications.length === 0 && (
        <Typography variant="body2" className={classes.table}>
          Nothing deployed yet: the hub has not put any application on this
          installation. Roll out a release to it from the release's Rollouts
          tab. <HubLink to={p => p.tracks()}>Open the release tracks</HubLink>
        </Typography>
      )}
      {applications && applications.length > 0 && (
        <Table
          size="small"
          aria-label="Deployed applications"
          className={classes.table}
        >
          <TableHead>
            <TableRow>
              <TableCell>Application</TableCell>
              <TableCell>Environment</TableCell>
              <TableCell>Released</TableCell>
              <TableCell>Running now</TableCell>
              <TableCell>Status</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {groups.map(([entityRef, environments]) => (
              <Fragment key={entityRef}>
                {environments.map((envState, index) => (
                  <TableRow
                    key={environmentName(envState.environment)}
                    aria-label={`${entityRef} on ${environmentName(
                      envState.environment,
                    )}`}
                  >
                    {index === 0 && (
                      <TableCell rowSpan={environments.length}>
                        <EntityRefLink
                          entityRef={entityRef}
                          defaultKind="component"
                        />
                      </TableCell>
                    )}
                    <TableCell>
                      <Environment environment={envState.environment} />
                    </TableCell>
                    <TableCell>
                      <Released state={envState} paths={paths} />
                    </TableCell>
                    <TableCell>
                      <RunningNow state={envState} />
                    </TableCell>
                    <TableCell>
                      <Status state={envState} />
                    </TableCell>
                  </TableRow>
                ))}
              </Fragment>
            ))}
          </TableBody>
        </Table>
      )}
    </InfoCard>
  );
}

/**
 * On an Installation's page: per application and environment, the image
 * the hub last released there (with its release) and the image running
 * now, a Drift badge when they differ and a message when a cluster cannot
 * be read; the last rollout, linking to the release's Rollouts tab, and
 * the next maintenance window.
 *
 * @public
 */
export function InstallationDeployedCard() {
  const { entity } = useEntity();
  if (!isInstallationEntity(entity)) {
    return null;
  }
  return <DeployedContent installation={entity} />;
}
