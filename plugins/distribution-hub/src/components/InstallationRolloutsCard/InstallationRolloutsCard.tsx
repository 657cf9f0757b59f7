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
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard, Link, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import {
  InstallationRollout,
  isInstallationEntity,
} from '@sdh/plugin-distribution-hub-common';
import { distributionHubApiRef } from '../../api';
import { HubPaths } from '../../hooks/useHubPaths';
import { useRolloutSignal } from '../../hooks/useRolloutSignal';
import { serverErrorMessage } from '../../lib/serverErrorMessage';
import { useOptionalHubPaths } from '../HubLink';
import {
  InstallationRolloutStateChip,
  TargetStateNote,
} from '../InstallationRolloutStateChip';
import { formatExactTime, RelativeTime } from '../TrackPage/RelativeTime';

/** Rows shown before "Show all". */
export const ROLLOUT_HISTORY_PAGE = 10;

/** Card titles are headings, for screen readers and tests. */
const HEADING = { component: 'h2' } as const;

const TITLE = 'Rollout history';

const useStyles = makeStyles(theme => ({
  table: {
    '& td': { verticalAlign: 'top' },
    // The theme lets table cells break words anywhere; keep them whole.
    '& th, & td': { wordBreak: 'normal' },
  },
  more: {
    marginTop: theme.spacing(1),
  },
}));

function Started(props: { rollout: InstallationRollout }) {
  const { target } = props.rollout;
  if (target.startedAt) {
    return <RelativeTime time={target.startedAt} />;
  }
  if (target.state !== 'pending') {
    return <>—</>;
  }
  return (
    <Typography variant="body2" color="textSecondary">
      {target.notBefore
        ? `Not before ${formatExactTime(target.notBefore)}`
        : 'Not yet'}
    </Typography>
  );
}

function HistoryRow(props: { rollout: InstallationRollout; paths?: HubPaths }) {
  const { rollout, paths } = props;
  const { target } = rollout;
  return (
    <TableRow>
      <TableCell>
        {paths ? (
          <Link
            to={paths.release(rollout.releaseId, 'rollouts')}
            title={`The rollouts of ${rollout.track} ${rollout.version}`}
          >
            {rollout.version}
          </Link>
        ) : (
          rollout.version
        )}
        <Typography variant="body2" color="textSecondary">
          {rollout.track}
        </Typography>
      </TableCell>
      <TableCell>
        <InstallationRolloutStateChip state={target.state} />
        <TargetStateNote target={target} />
      </TableCell>
      <TableCell>
        <Started rollout={rollout} />
      </TableCell>
      <TableCell>
        {target.finishedAt ? <RelativeTime time={target.finishedAt} /> : '—'}
      </TableCell>
    </TableRow>
  );
}

function RolloutsContent(props: { installationRef: string }) {
  const classes = useStyles();
  const api = useApi(distributionHubApiRef);
  const paths = useOptionalHubPaths();
  const [showAll, setShowAll] = useState(false);
  const { installationRef } = props;
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.listInstallationRollouts(installationRef),
    [api, installationRef],
  );
  useRolloutSignal(
    signal =>
      !signal.installationRefs ||
      signal.installationRefs.includes(installationRef),
    retry,
  );
  if (loading && !value) {
    return (
      <InfoCard title={TITLE} titleTypographyProps={HEADING}>
        <Progress />
      </InfoCard>
    );
  }
  if (error && !value) {
    return (
      <InfoCard title={TITLE} titleTypographyProps={HEADING}>
        <Alert severity="error">
          Could not load the rollouts: {serverErrorMessage(error)}
        </Alert>
      </InfoCard>
    );
  }
  const rollouts = value ?? [];
  if (rollouts.length === 0) {
    return (
      <InfoCard title={TITLE} titleTypographyProps={HEADING}>
        <Typography variant="body2">
          No rollout has reached this installation yet. Each release rolled out
          to it will be listed here with its outcome.
        </Typography>
      </InfoCard>
    );
  }
  const shown = showAll ? rollouts : rollouts.slice(0, ROLLOUT_HISTORY_PAGE);
  return (
    <InfoCard title={TITLE} titleTypographyProps={HEADING}>
      <Table size="small" aria-label={TITLE} className={classes.table}>
        <TableHead>
          <TableRow>
            <TableCell>Release</TableCell>
            <TableCell>State</TableCell>
            <TableCell>Started</TableCell>
            <TableCell>Finished</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {shown.map(rollout => (
            <HistoryRow
              key={rollout.rolloutId}
              rollout={rollout}
              paths={paths}
            />
          ))}
        </TableBody>
      </Table>
      {rollouts.length > shown.length && (
        <Button
          size="small"
          className={classes.more}
          onClick={() => setShowAll(true)}
        >
          Show all {rollouts.length} rollouts
        </Button>
      )}
    </InfoCard>
  );
}

/**
 * On an Installation's page: every rollout that reached it, newest first,
 * with the release, the outcome (and why it failed), and when it started
 * and finished.
 *
 * @public
 */
export function InstallationRolloutsCard() {
  const { entity } = useEntity();
  if (!isInstallationEntity(entity)) {
    return null;
  }
  return <RolloutsContent installationRef={stringifyEntityRef(entity)} />;
}
