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
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import CircularProgress from '@material-ui/core/CircularProgress';
import Drawer from '@material-ui/core/Drawer';
import IconButton from '@material-ui/core/IconButton';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import CloseIcon from '@material-ui/icons/Close';
import ReplayIcon from '@material-ui/icons/Replay';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import {
  Rollout,
  rolloutControlPermission,
  RolloutTarget,
  RolloutTargetDetail,
  TargetDeployment,
} from '@sdh/plugin-distribution-hub-common';
import { useEffect, useId, useState } from 'react';
import { distributionHubApiRef } from '../../api';
import { serverErrorMessage } from '../../lib/serverErrorMessage';
import { shortEntityRef } from '../../lib/shortEntityRef';
import { InstallationPermissionButton } from '../InstallationPermissionButton';
import { InstallationRolloutStateChip } from '../InstallationRolloutStateChip';
import { formatExactTime } from '../ReleaseHistory';

/** @public */
export interface TargetDrawerProps {
  rollout: Rollout;
  /** The row that was chosen; the drawer reads its details. */
  target?: RolloutTarget;
  /** Catalog titles by ref. */
  titles: Map<string, string>;
  /** The release's stages, by name (or "Stage N"). */
  stages: string[];
  /** Changes when the rollout changed, to read the details again. */
  refreshKey?: number;
  onClose(): void;
  /** Called after a retry was accepted, with the target as it is now. */
  onRetried(target: RolloutTarget): void;
}

const DEPLOYMENT_STATE_LABELS: Record<TargetDeployment['state'], string> = {
  pending: 'Pending',
  applied: 'Applied, waiting for health',
  healthy: 'Healthy',
  failed: 'Failed',
  restored: 'Rolled back',
};

const useStyles = makeStyles(theme => ({
  paper: {
    width: 'min(1200px, 100vw)',
    padding: theme.spacing(3),
  },
  header: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: theme.spacing(1),
  },
  title: { flex: 1 },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(0.5),
    margin: theme.spacing(2, 0),
    '& dt': { color: theme.palette.text.secondary },
    '& dd': { margin: 0 },
  },
  section: { marginTop: theme.spacing(2) },
  // The theme lets table cells break words anywhere; here words stay
  // whole (names break at their hyphens), images break where they must.
  deployments: {
    '& th, & td': { wordBreak: 'normal' },
  },
  image: {
    fontFamily: 'monospace',
    fontSize: '0.8rem',
    overflowWrap: 'anywhere',
  },
  failedCell: { color: theme.palette.error.main },
  actions: {
    display: 'flex',
    gap: theme.spacing(1),
    alignItems: 'center',
    marginTop: theme.spacing(1),
  },
}));

function time(iso?: string) {
  return iso ? formatExactTime(iso) : '—';
}

function environmentName(environment: { cluster: string; namespace: string }) {
  return `${environment.cluster}/${environment.namespace}`;
}

/** Failed and rolled-back installations can be queued again. */
export function isRetryable(target: RolloutTarget): boolean {
  return target.state === 'failed' || target.state === 'rolled-back';
}

/**
 * One installation of a rollout, beside the list: its state and what it
 * does, the cluster's reason when it failed, and per stage, application and
 * environment the image before and after, its state and when it was applied
 * and became healthy. Failed and rolled-back installations can be retried.
 *
 * @public
 */
export function TargetDrawer(props: TargetDrawerProps) {
  const { rollout, target, titles, stages, refreshKey, onClose, onRetried } =
    props;
  const classes = useStyles();
  const api = useApi(distributionHubApiRef);
  const headingId = useId();
  const [detail, setDetail] = useState<{
    ref: string;
    value?: RolloutTargetDetail;
    error?: unknown;
  }>();
  const [retrying, setRetrying] = useState(false);
  const [retryError, setRetryError] = useState<unknown>();
  const [reads, setReads] = useState(0);

  const ref = target?.installationRef;
  useEffect(() => {
    if (!ref) {
      return undefined;
    }
    let cancelled = false;
    api.getRolloutTarget(rollout.id, ref).then(
      value => !cancelled && setDetail({ ref, value }),
      error =>
        !cancelled &&
        setDetail(d => ({
          ref,
          value: d?.ref === ref ? d.value : undefined,
          error,
        })),
    );
    return () => {
      cancelled = true;
    };
  }, [api, rollout.id, ref, refreshKey, reads]);

  useEffect(() => {
    setRetryError(undefined);
  }, [ref]);

  // The row's summary until the details arrive; newer details win.
  const current = detail && detail.ref === ref ? detail : undefined;
  const shown: RolloutTarget | undefined = current?.value ?? target;
  const deployments = current?.value?.deployments;

  const retry = async () => {
    if (!shown) {
      return;
    }
    setRetrying(true);
    setRetryError(undefined);
    try {
      const updated = await api.retryTarget(rollout.id, shown.installationRef);
      onRetried(updated);
      setReads(n => n + 1);
    } catch (e) {
      setRetryError(e);
    } finally {
      setRetrying(false);
    }
  };

  const title = shown
    ? titles.get(shown.installationRef) ??
      shortEntityRef(shown.installationRef, 'installation')
    : '';

  return (
    <Drawer
      anchor="right"
      open={Boolean(target)}
      onClose={onClose}
      classes={{ paper: classes.paper }}
      PaperProps={
        {
          role: 'dialog',
          'aria-labelledby': headingId,
        } as object
      }
    >
      {shown && (
        <>
          <div className={classes.header}>
            <div className={classes.title}>
              <Typography variant="h5" component="h2" id={headingId}>
                {title}
              </Typography>
              <Typography variant="body2" color="textSecondary">
                Rollout of release {rollout.version}
              </Typography>
            </div>
            <IconButton aria-label="Close" title="Close" onClick={onClose}>
              <CloseIcon />
            </IconButton>
          </div>
          <dl className={classes.facts}>
            <dt>State</dt>
            <dd>
              <InstallationRolloutStateChip state={shown.state} />
            </dd>
            <dt>Installation</dt>
            <dd>
              <EntityRefLink
                entityRef={shown.installationRef}
                defaultKind="installation"
              />
            </dd>
            <dt>Tenant</dt>
            <dd>
              <EntityRefLink
                entityRef={shown.tenantRef}
                defaultKind="tenant"
                title={titles.get(shown.tenantRef)}
              />
            </dd>
            <dt>Tier</dt>
            <dd>{shown.tier}</dd>
            <dt>Wave</dt>
            <dd>
              {rollout.waves[shown.wave]?.name ?? `Wave ${shown.wave + 1}`}
            </dd>
            {shown.stage !== undefined && shown.state === 'ongoing' && (
              <>
                <dt>Stage</dt>
                <dd>
                  {shown.stage + 1} of {stages.length}:{' '}
                  {stages[shown.stage] ?? ''}
                </dd>
              </>
            )}
            {shown.detail && (
              <>
                <dt>Now</dt>
                <dd>{shown.detail}</dd>
              </>
            )}
            {shown.notBefore && shown.state === 'pending' && (
              <>
                <dt>Not before</dt>
                <dd>{time(shown.notBefore)}</dd>
              </>
            )}
            <dt>Started</dt>
            <dd>{time(shown.startedAt)}</dd>
            <dt>Finished</dt>
            <dd>{time(shown.finishedAt)}</dd>
          </dl>
          {shown.failure && (
            <Alert severity="error">
              <AlertTitle>
                Failed at stage {shown.failure.stage + 1}
                {shown.failure.stageName ? ` (${shown.failure.stageName})` : ''}
                : {shortEntityRef(shown.failure.application)} on{' '}
                {environmentName(shown.failure.environment)}
              </AlertTitle>
              {shown.failure.reason}
            </Alert>
          )}
          {isRetryable(shown) && (
            <div className={classes.actions}>
              <InstallationPermissionButton
                permission={rolloutControlPermission}
                installationRefs={[shown.installationRef]}
                action="retry installations of this rollout"
                disabledReason={
                  rollout.status === 'cancelled'
                    ? 'The rollout was cancelled; start a new one'
                    : undefined
                }
                variant="contained"
                color="primary"
                startIcon={
                  retrying ? (
                    <CircularProgress size={16} color="inherit" />
                  ) : (
                    <ReplayIcon />
                  )
                }
                disabled={retrying}
                onClick={retry}
              >
                Retry
              </InstallationPermissionButton>
              <Typography variant="body2" color="textSecondary">
                {shown.state === 'failed'
                  ? 'Queues the installation again: it keeps its healthy stages and redoes the rest.'
                  : 'Queues the installation again: it starts over from the first stage.'}
              </Typography>
            </div>
          )}
          {Boolean(retryError) && (
            <Alert severity="error" className={classes.section}>
              <AlertTitle>Could not retry</AlertTitle>
              {serverErrorMessage(retryError)}
            </Alert>
          )}
          <section className={classes.section} aria-label="Deployments">
            <Typography variant="h6" component="h3">
              Applications
            </Typography>
            {Boolean(current?.error) && (
              <Alert severity="error">
                Could not read the details: {serverErrorMessage(current?.error)}
              </Alert>
            )}
            {!deployments && !current?.error && (
              <Typography role="status">
                <CircularProgress size={16} /> Reading the details…
              </Typography>
            )}
            {deployments && deployments.length === 0 && (
              <Typography color="textSecondary">
                Nothing deployed yet: the installation has not started.
              </Typography>
            )}
            {deployments && deployments.length > 0 && (
              <Table
                size="small"
                aria-label={`Applications on ${title}`}
                className={classes.deployments}
              >
                <TableHead>
                  <TableRow>
                    <TableCell>Stage</TableCell>
                    <TableCell>Application</TableCell>
                    <TableCell>Environment</TableCell>
                    <TableCell>Before</TableCell>
                    <TableCell>After</TableCell>
                    <TableCell>State</TableCell>
                    <TableCell>Applied</TableCell>
                    <TableCell>Healthy</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {deployments.map(d => {
                    const before = d.before ?? d.previous ?? [];
                    return (
                      <TableRow
                        key={`${d.stage} ${d.entityRef} ${environmentName(
                          d.environment,
                        )}`}
                      >
                        <TableCell>
                          {stages[d.stage] ?? `Stage ${d.stage + 1}`}
                        </TableCell>
                        <TableCell>{shortEntityRef(d.entityRef)}</TableCell>
                        <TableCell>{environmentName(d.environment)}</TableCell>
                        <TableCell className={classes.image}>
                          {before.length > 0 ? before.join(', ') : '—'}
                        </TableCell>
                        <TableCell className={classes.image}>
                          {d.image}
                        </TableCell>
                        <TableCell
                          className={
                            d.state === 'failed'
                              ? classes.failedCell
                              : undefined
                          }
                        >
                          {DEPLOYMENT_STATE_LABELS[d.state] ?? d.state}
                          {d.reason && (
                            <Typography variant="caption" component="div">
                              {d.reason}
                            </Typography>
                          )}
                        </TableCell>
                        <TableCell>{time(d.appliedAt)}</TableCell>
                        <TableCell>{time(d.healthyAt)}</TableCell>
                      </TableRow>
                    );
                  })}
                </TableBody>
              </Table>
            )}
          </section>
        </>
      )}
    </Drawer>
  );
}
