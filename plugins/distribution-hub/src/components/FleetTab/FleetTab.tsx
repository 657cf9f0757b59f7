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
import { ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { EmptyState, LinkButton } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import LinearProgress from '@material-ui/core/LinearProgress';
import Paper from '@material-ui/core/Paper';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import {
  FleetQuery,
  FleetView,
  INSTALLATION_TIERS,
  InstallationTier,
  TENANT_KIND,
} from '@sdh/plugin-distribution-hub-common';
import { distributionHubApiRef } from '../../api';
import { useHubPaths } from '../../hooks/useHubPaths';
import { useRolloutSignal } from '../../hooks/useRolloutSignal';
import { serverErrorMessage } from '../../lib/serverErrorMessage';
import { shortEntityRef } from '../../lib/shortEntityRef';
import { RolloutProgressChart } from '../RolloutProgressChart';
import { FleetAdoption, ReleaseLegend } from './FleetAdoption';
import { FleetMatrix } from './FleetMatrix';
import { releaseColours } from './releaseColours';

const useStyles = makeStyles(theme => ({
  root: {
    paddingTop: theme.spacing(2),
  },
  toolbar: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(2),
    padding: theme.spacing(2),
    flexWrap: 'wrap',
    marginBottom: theme.spacing(2),
  },
  title: { flex: 1, minWidth: 200 },
  filter: { minWidth: 160 },
  section: {
    padding: theme.spacing(2),
    height: '100%',
  },
  sectionTitle: {
    marginBottom: theme.spacing(1),
  },
}));

/** How often at most the fleet is read again while rollouts run. */
export const FLEET_REFRESH_INTERVAL_MS = 5000;

type Filters = { tenant: string; tier: string; track: string };

function isTier(value: string): value is InstallationTier {
  return (INSTALLATION_TIERS as readonly string[]).includes(value);
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** A part of the fleet on paper, under its heading. */
function Section(props: { title: string; children: ReactNode }) {
  const classes = useStyles();
  return (
    <Paper className={classes.section}>
      <Typography variant="h6" component="h3" className={classes.sectionTitle}>
        {props.title}
      </Typography>
      {props.children}
    </Paper>
  );
}

function useTenantOptions(selected: string) {
  const catalogApi = useApi(catalogApiRef);
  const { value } = useAsync(
    () =>
      catalogApi.getEntities({
        filter: { kind: TENANT_KIND },
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.title',
        ],
      }),
    [catalogApi],
  );
  return useMemo(() => {
    const options = (value?.items ?? []).map(entity => ({
      value: stringifyEntityRef(entity),
      label: entity.metadata.title ?? entity.metadata.name,
    }));
    if (selected && !options.some(o => o.value === selected)) {
      options.push({
        value: selected,
        label: shortEntityRef(selected, 'tenant'),
      });
    }
    return options.sort((a, b) => a.label.localeCompare(b.label));
  }, [value, selected]);
}

/** Tracks seen in any answer so far, so narrowing to one keeps the others. */
function useTrackOptions(fleet: FleetView | undefined, selected: string) {
  const [seen, setSeen] = useState<string[]>([]);
  useEffect(() => {
    if (!fleet) {
      return;
    }
    setSeen(previous => {
      const tracks = new Set(previous);
      fleet.releases.forEach(r => tracks.add(r.track));
      fleet.installations.forEach(
        i => i.release && tracks.add(i.release.track),
      );
      return tracks.size === previous.length ? previous : [...tracks].sort();
    });
  }, [fleet]);
  return useMemo(
    () =>
      selected && !seen.includes(selected) ? [...seen, selected].sort() : seen,
    [seen, selected],
  );
}

function FilterSelect(props: {
  id: string;
  label: string;
  value: string;
  allLabel: string;
  options: { value: string; label: string }[];
  onChange(value: string): void;
}) {
  const classes = useStyles();
  return (
    <TextField
      id={props.id}
      select
      label={props.label}
      size="small"
      variant="outlined"
      className={classes.filter}
      value={props.value}
      onChange={e => props.onChange(e.target.value)}
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
    >
      <option value="">{props.allLabel}</option>
      {props.options.map(option => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </TextField>
  );
}

/**
 * The Release Hub's Fleet tab: every installation with the release it
 * runs and the version of each application, coloured by release; filters
 * by tenant, tier and track (kept in the URL); adoption per release, how
 * far behind the newest release installations are, and a chart of rollout
 * progress over time.
 *
 * @public
 */
export function FleetTab() {
  const classes = useStyles();
  const api = useApi(distributionHubApiRef);
  const paths = useHubPaths();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters: Filters = {
    tenant: searchParams.get('tenant') ?? '',
    tier: searchParams.get('tier') ?? '',
    track: searchParams.get('track') ?? '',
  };
  const { tenant, tier, track } = filters;
  const validTier = isTier(tier) ? tier : '';
  const filtered = Boolean(tenant || validTier || track);

  const {
    value: fleet,
    loading,
    error,
    retry,
  } = useAsyncRetry(() => {
    const query: FleetQuery = {};
    if (tenant) query.tenant = tenant;
    if (validTier) query.tier = validTier;
    if (track) query.track = track;
    return api.getFleet(query);
  }, [api, tenant, validTier, track]);
  // Completed rollouts move installations to other releases.
  useRolloutSignal(() => true, retry, FLEET_REFRESH_INTERVAL_MS);

  const setFilter = useCallback(
    (name: keyof Filters, value: string) =>
      setSearchParams(
        previous => {
          const next = new URLSearchParams(previous);
          if (value) {
            next.set(name, value);
          } else {
            next.delete(name);
          }
          return next;
        },
        { replace: true },
      ),
    [setSearchParams],
  );
  const clearFilters = useCallback(
    () => setSearchParams(new URLSearchParams(), { replace: true }),
    [setSearchParams],
  );

  const tenantOptions = useTenantOptions(tenant);
  const trackOptions = useTrackOptions(fleet, track);

  const colours = useMemo(
    () =>
      releaseColours([
        ...(fleet?.releases.map(r => r.id) ?? []),
        ...(fleet?.progress.map(p => p.releaseId) ?? []),
      ]),
    [fleet],
  );
  const series = useMemo(() => {
    const tracks = new Map(fleet?.releases.map(r => [r.id, r.track]));
    return (fleet?.progress ?? []).map(p => ({
      id: p.releaseId,
      label: tracks.has(p.releaseId)
        ? `${tracks.get(p.releaseId)} ${p.version}`
        : p.version,
      colour: colours.get(p.releaseId)!,
      points: p.points,
    }));
  }, [fleet, colours]);
  // The chart runs to the latest rollout activity, not its last first
  // completion: a later rollout that added no installation still shows.
  const lastActivity = useMemo(
    () =>
      fleet?.installations.reduce<string | undefined>(
        (latest, i) =>
          i.lastRollout && (!latest || i.lastRollout.at > latest)
            ? i.lastRollout.at
            : latest,
        undefined,
      ),
    [fleet],
  );

  const renderBody = () => {
    if (!fleet) {
      return null;
    }
    if (fleet.installations.length === 0) {
      return filtered ? (
        <Paper className={classes.section}>
          <Typography variant="body2" paragraph>
            No installation matches these filters.
          </Typography>
          <Button variant="outlined" onClick={clearFilters}>
            Show every installation
          </Button>
        </Paper>
      ) : (
        <EmptyState
          missing="data"
          title="No installations yet"
          description="The fleet shows every installation with the release it runs. Add tenants and their installations in the Tenants tab, then roll out a release to them."
          action={
            <LinkButton
              to={paths.tenants()}
              variant="contained"
              color="primary"
            >
              Open the Tenants tab
            </LinkButton>
          }
        />
      );
    }
    return (
      <Grid container spacing={2}>
        {fleet.releases.length === 0 && (
          <Grid item xs={12}>
            <Alert severity="info">
              No release has been rolled out to these installations yet. Start a
              rollout from a release's Rollouts tab; the fleet then shows which
              release each installation runs.
            </Alert>
          </Grid>
        )}
        <Grid item xs={12} md={5}>
          <Section title="Adoption">
            <FleetAdoption fleet={fleet} colours={colours} paths={paths} />
          </Section>
        </Grid>
        <Grid item xs={12} md={7}>
          <Section title="Rollout progress">
            <RolloutProgressChart
              series={series}
              title="Installations completed per release over time"
              until={lastActivity}
            />
          </Section>
        </Grid>
        <Grid item xs={12}>
          <Section title="Installations and applications">
            <ReleaseLegend releases={fleet.releases} colours={colours} />
            <FleetMatrix
              installations={fleet.installations}
              applications={fleet.applications}
              colours={colours}
              paths={paths}
              resetKey={`${tenant}|${validTier}|${track}`}
            />
          </Section>
        </Grid>
      </Grid>
    );
  };

  return (
    <div className={classes.root}>
      <Paper className={classes.toolbar}>
        <div className={classes.title}>
          <Typography variant="h6" component="h2">
            Fleet
          </Typography>
          <Typography variant="body2" color="textSecondary" aria-live="polite">
            {fleet
              ? `${plural(
                  fleet.installations.length,
                  'installation',
                )}, ${plural(
                  fleet.applications.length,
                  'application',
                )}, ${plural(fleet.releases.length, 'release')}`
              : 'Loading the fleet…'}
          </Typography>
        </div>
        <FilterSelect
          id="fleet-tenant"
          label="Tenant"
          allLabel="All tenants"
          value={tenant}
          options={tenantOptions}
          onChange={value => setFilter('tenant', value)}
        />
        <FilterSelect
          id="fleet-tier"
          label="Tier"
          allLabel="All tiers"
          value={validTier}
          options={INSTALLATION_TIERS.map(t => ({ value: t, label: t }))}
          onChange={value => setFilter('tier', value)}
        />
        <FilterSelect
          id="fleet-track"
          label="Track"
          allLabel="All tracks"
          value={track}
          options={trackOptions.map(t => ({ value: t, label: t }))}
          onChange={value => setFilter('track', value)}
        />
        {filtered && <Button onClick={clearFilters}>Clear filters</Button>}
      </Paper>
      {loading && <LinearProgress aria-label="Loading the fleet" />}
      {error && (
        <Alert severity="error" style={{ marginBottom: 16 }}>
          Could not load the fleet: {serverErrorMessage(error)}
        </Alert>
      )}
      {renderBody()}
    </div>
  );
}
