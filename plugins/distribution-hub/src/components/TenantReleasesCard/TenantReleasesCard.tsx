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
import { useMemo } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard, Link, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import {
  FleetInstallation,
  INSTALLATION_TIERS,
  isTenantEntity,
} from '@sdh/plugin-distribution-hub-common';
import { distributionHubApiRef } from '../../api';
import { HubPaths } from '../../hooks/useHubPaths';
import { useRolloutSignal } from '../../hooks/useRolloutSignal';
import { serverErrorMessage } from '../../lib/serverErrorMessage';
import { HubLink, useOptionalHubPaths } from '../HubLink';
import { InstallationRolloutStateChip } from '../InstallationRolloutStateChip';
import { RelativeTime } from '../TrackPage/RelativeTime';

/** Card titles are headings, for screen readers and tests. */
const HEADING = { component: 'h2' } as const;

const TITLE = 'Installed releases';

/** How often at most the card reads the fleet again while rollouts run. */
export const TENANT_RELEASES_REFRESH_INTERVAL_MS = 3000;

const useStyles = makeStyles(theme => ({
  table: {
    '& td': { verticalAlign: 'top' },
    // The theme lets table cells break words anywhere; keep them whole.
    '& th, & td': { wordBreak: 'normal' },
  },
  lastRollout: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
  },
}));

/** "Up to date", "1 release behind", "3 releases behind". */
export function describeBehind(releasesBehind: number): string {
  if (releasesBehind <= 0) {
    return 'Up to date';
  }
  return releasesBehind === 1
    ? '1 release behind'
    : `${releasesBehind} releases behind`;
}

function byTierThenRef(a: FleetInstallation, b: FleetInstallation): number {
  return (
    INSTALLATION_TIERS.indexOf(a.tier) - INSTALLATION_TIERS.indexOf(b.tier) ||
    a.installationRef.localeCompare(b.installationRef)
  );
}

function InstallationRow(props: {
  installation: FleetInstallation;
  paths?: HubPaths;
}) {
  const classes = useStyles();
  const { installation, paths } = props;
  const { release, lastRollout } = installation;
  return (
    <TableRow>
      <TableCell>
        <EntityRefLink
          entityRef={installation.installationRef}
          defaultKind="installation"
        />
      </TableCell>
      <TableCell>
        <Chip size="small" label={installation.tier} />
      </TableCell>
      <TableCell>
        {release ? (
          <>
            {paths ? (
              <Link to={paths.release(release.id)}>{release.version}</Link>
            ) : (
              release.version
            )}
            <Typography variant="body2" color="textSecondary">
              {release.track}
            </Typography>
          </>
        ) : (
          <Typography variant="body2" color="textSecondary">
            None yet
          </Typography>
        )}
      </TableCell>
      <TableCell>
        {release ? describeBehind(installation.releasesBehind) : '—'}
      </TableCell>
      <TableCell>
        {lastRollout ? (
          <div className={classes.lastRollout}>
            {paths ? (
              <Link
                to={paths.release(lastRollout.releaseId, 'rollouts')}
                aria-label={`Rollouts of ${lastRollout.version}`}
              >
                {lastRollout.version}
              </Link>
            ) : (
              <Typography variant="body2">{lastRollout.version}</Typography>
            )}
            <InstallationRolloutStateChip state={lastRollout.state} />
            <Typography variant="body2" color="textSecondary">
              <RelativeTime time={lastRollout.at} />
            </Typography>
          </div>
        ) : (
          <Typography variant="body2" color="textSecondary">
            Never rolled out
          </Typography>
        )}
      </TableCell>
    </TableRow>
  );
}

function TenantReleasesContent(props: { tenantRef: string }) {
  const classes = useStyles();
  const api = useApi(distributionHubApiRef);
  const paths = useOptionalHubPaths();
  const { tenantRef } = props;
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getFleet({ tenant: tenantRef }),
    [api, tenantRef],
  );
  const installations = useMemo(
    () => [...(value?.installations ?? [])].sort(byTierThenRef),
    [value],
  );
  const refs = useMemo(
    () => new Set(installations.map(i => i.installationRef)),
    [installations],
  );
  useRolloutSignal(
    signal =>
      !signal.installationRefs ||
      signal.installationRefs.some(ref => refs.has(ref)),
    retry,
    TENANT_RELEASES_REFRESH_INTERVAL_MS,
  );
  if (loading && !value) {
    return (
      <InfoCard title={TITLE} titleTypographyProps={HEADING}>
        <Progress />
      </InfoCard>
    );
  }
  if (error) {
    return (
      <InfoCard title={TITLE} titleTypographyProps={HEADING}>
        <Alert severity="error">
          Could not load the releases of this tenant's installations:{' '}
          {serverErrorMessage(error)}
        </Alert>
      </InfoCard>
    );
  }
  const deepLink = paths && {
    title: 'Open the fleet',
    link: `${paths.fleet()}?tenant=${encodeURIComponent(tenantRef)}`,
  };
  if (installations.length === 0) {
    return (
      <InfoCard title={TITLE} titleTypographyProps={HEADING}>
        <Typography variant="body2">
          The hub knows no installation of this tenant yet. Once the tenant has
          installations, the release each runs shows here.
        </Typography>
      </InfoCard>
    );
  }
  const noneReleased = installations.every(i => !i.release && !i.lastRollout);
  return (
    <InfoCard title={TITLE} titleTypographyProps={HEADING} deepLink={deepLink}>
      {noneReleased && (
        <Typography variant="body2" paragraph>
          No release has been rolled out to this tenant yet. Roll one out from
          its release's Rollouts tab in the Release Hub.{' '}
          <HubLink to={p => p.tracks()}>Open the release tracks</HubLink>
        </Typography>
      )}
      <Table size="small" aria-label={TITLE} className={classes.table}>
        <TableHead>
          <TableRow>
            <TableCell>Installation</TableCell>
            <TableCell>Tier</TableCell>
            <TableCell>Release</TableCell>
            <TableCell>Behind</TableCell>
            <TableCell>Last rollout</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {installations.map(installation => (
            <InstallationRow
              key={installation.installationRef}
              installation={installation}
              paths={paths}
            />
          ))}
        </TableBody>
      </Table>
    </InfoCard>
  );
}

/**
 * On a Tenant's page: its installations with the release each runs, how
 * far behind the newest it is, and its last rollout's outcome; read in one
 * request from the hub's fleet view.
 *
 * @public
 */
export function TenantReleasesCard() {
  const { entity } = useEntity();
  if (!isTenantEntity(entity)) {
    return null;
  }
  return <TenantReleasesContent tenantRef={stringifyEntityRef(entity)} />;
}
