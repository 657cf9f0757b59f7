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
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import {
  Release,
  Rollout,
  RolloutTarget,
} from '@sdh/plugin-distribution-hub-common';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { distributionHubApiRef } from '../../api';
import { useEntityTitles } from '../../hooks/useEntityTitles';
import { representativeInstallations } from '../../hooks/useInstallationPermission';
import { useRolloutSignal } from '../../hooks/useRolloutSignal';
import { useRolloutTargets } from '../../hooks/useRolloutTargets';
import { shortEntityRef } from '../../lib/shortEntityRef';
import { ActorLink, formatExactTime } from '../ReleaseHistory';
import { RolloutControls } from '../RolloutControls';
import { filterStates, RolloutProgress, StateFilter } from '../RolloutProgress';
import { RolloutStatusChip } from '../RolloutStatusChip';
import { RolloutTargetsTable, TargetListFilter } from '../RolloutTargetsTable';
import { TargetDrawer } from '../TargetDrawer';

/** @public */
export interface LiveRolloutProps {
  release: Release;
  /** The rollout as last read, e.g. from the release's list. */
  rollout: Rollout;
  /** Called with the rollout each time it is read again or changed. */
  onRolloutChange?(rollout: Rollout): void;
  /** How often at most signals make it read again; default 1 s. */
  refreshIntervalMs?: number;
}

const useStyles = makeStyles(theme => ({
  root: { padding: theme.spacing(2) },
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1.5),
  },
  title: { flex: 1, minWidth: 240 },
  settings: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5, 2),
    margin: theme.spacing(1, 0),
    color: theme.palette.text.secondary,
  },
  alert: { margin: theme.spacing(1, 0) },
  table: { marginTop: theme.spacing(2) },
}));

/** The release's stages as column names: "1. Backend" or "Stage 1". */
export function stageNames(release: Release): string[] {
  return release.requirements.stages.map((stage, index) =>
    stage.name ? `${index + 1}. ${stage.name}` : `Stage ${index + 1}`,
  );
}

/** The rollout's options in words. */
function settingsText(rollout: Rollout): string[] {
  const { request } = rollout;
  const threshold = request.failureThreshold;
  return [
    `${request.maxParallel ?? 10} at once`,
    threshold
      ? `halts after ${
          'count' in threshold
            ? `${threshold.count} failed`
            : `${threshold.percent}% failed`
        }`
      : 'never halts on failures',
    request.respectMaintenanceWindows === false
      ? 'ignores maintenance windows'
      : 'waits for maintenance windows',
    request.autoRollback ? 'rolls back failed installations' : 'no rollback',
    ...(request.notBefore
      ? [`not before ${formatExactTime(request.notBefore)}`]
      : []),
  ];
}

/**
 * A rollout as it happens (render it with the rollout's id as key, so that
 * another rollout starts with fresh filters): who started it and when, its status and
 * controls, a progress bar with the installations per state as filter
 * chips, and the installations × stages table (filterable by tenant and
 * tier, paged as the user scrolls), with the details of one installation in
 * a drawer. Backstage signals about the rollout make it read the rollout and
 * the rows on screen again, at most once per interval.
 *
 * @public
 */
export function LiveRollout(props: LiveRolloutProps) {
  const { release, onRolloutChange, refreshIntervalMs } = props;
  const classes = useStyles();
  const api = useApi(distributionHubApiRef);
  const [rollout, setRollout] = useState<Rollout>(props.rollout);
  const [stateFilter, setStateFilter] = useState<StateFilter>('all');
  const [listFilter, setListFilter] = useState<TargetListFilter>({});
  const [selected, setSelected] = useState<RolloutTarget>();
  const [refreshKey, setRefreshKey] = useState(0);
  const visible = useRef<[number, number]>([0, 0]);
  const rolloutId = props.rollout.id;

  const latestChange = useRef(onRolloutChange);
  latestChange.current = onRolloutChange;
  const applyRollout = useCallback((next: Rollout) => {
    setRollout(previous => (previous.id === next.id ? next : previous));
    latestChange.current?.(next);
  }, []);

  const readRollout = useCallback(() => {
    api.getRollout(rolloutId).then(applyRollout, () => {
      // The last read stays; the next signal tries again.
    });
  }, [api, rolloutId, applyRollout]);

  useEffect(() => {
    readRollout();
  }, [readRollout]);

  const filter = useMemo(
    () => ({
      states: filterStates(stateFilter),
      tenant: listFilter.tenant?.ref,
      tiers: listFilter.tier ? [listFilter.tier] : undefined,
    }),
    [stateFilter, listFilter],
  );
  const targets = useRolloutTargets(rolloutId, filter);

  useRolloutSignal(
    signal => signal.rolloutId === rolloutId,
    () => {
      readRollout();
      targets.refresh(visible.current[0], visible.current[1]);
      setRefreshKey(n => n + 1);
    },
    refreshIntervalMs,
  );

  const refs = useMemo(
    () => targets.targets.flatMap(t => [t.installationRef, t.tenantRef]),
    [targets.targets],
  );
  const titles = useEntityTitles(refs);
  const permissionRefs = useMemo(
    () => representativeInstallations(targets.targets),
    [targets.targets],
  );
  const stages = useMemo(() => stageNames(release), [release]);

  // The drawer follows the row as the list is read again.
  const selectedRef = selected?.installationRef;
  const selectedRow = selectedRef
    ? targets.targets.find(t => t.installationRef === selectedRef) ?? selected
    : undefined;

  return (
    <Paper className={classes.root} component="section" aria-label="Rollout">
      <div className={classes.header}>
        <div className={classes.title}>
          <Typography variant="h6" component="h2">
            Rollout started {formatExactTime(rollout.createdAt)}
          </Typography>
          <Typography variant="body2" color="textSecondary">
            by <ActorLink actor={rollout.createdBy} />
            {rollout.finishedAt &&
              `, finished ${formatExactTime(rollout.finishedAt)}`}
          </Typography>
        </div>
        <RolloutStatusChip status={rollout.status} />
        <RolloutControls
          rollout={rollout}
          installationRefs={permissionRefs}
          onChange={next => {
            applyRollout(next);
            targets.refresh(visible.current[0], visible.current[1]);
          }}
        />
      </div>
      <div className={classes.settings}>
        {rollout.waves.length > 1 && (
          <Typography variant="body2">
            Waves:{' '}
            {rollout.waves
              .map(
                (w, i) =>
                  `${w.name} (${w.size}${
                    w.bakeMinutes ? `, bake ${w.bakeMinutes} min` : ''
                  })${i === rollout.currentWave ? ' ← now' : ''}`,
              )
              .join(' → ')}
          </Typography>
        )}
        {settingsText(rollout).map(text => (
          <Typography key={text} variant="body2">
            {text}
          </Typography>
        ))}
      </div>
      {rollout.status === 'halted' && (
        <Alert severity="error" className={classes.alert}>
          Halted: {rollout.counts.failed + rollout.counts['rolled-back']}{' '}
          installations failed
          {rollout.failureLimit ? ` (limit ${rollout.failureLimit})` : ''}.
          Nothing new starts. Retry failed installations, then resume, or cancel
          the rollout.
        </Alert>
      )}
      {rollout.skipped.length > 0 && (
        <Alert severity="info" className={classes.alert}>
          {rollout.skipped.length === 1
            ? '1 installation was skipped: '
            : `${rollout.skipped.length} installations were skipped: `}
          {rollout.skipped
            .slice(0, 5)
            .map(
              s =>
                `${shortEntityRef(s.installationRef, 'installation')} (${
                  s.reason
                })`,
            )
            .join('; ')}
          {rollout.skipped.length > 5 &&
            `; and ${rollout.skipped.length - 5} more`}
        </Alert>
      )}
      <RolloutProgress
        rollout={rollout}
        filter={stateFilter}
        onFilterChange={setStateFilter}
      />
      <div className={classes.table}>
        <RolloutTargetsTable
          targets={targets.targets}
          stages={stages}
          waves={rollout.waves}
          titles={titles}
          hasMore={targets.hasMore}
          loading={targets.loading}
          error={targets.error}
          filter={listFilter}
          onFilterChange={setListFilter}
          onLoadMore={targets.loadMore}
          onRangeChange={(first, last) => {
            visible.current = [first, last];
          }}
          onSelect={setSelected}
        />
      </div>
      <TargetDrawer
        rollout={rollout}
        target={selectedRow}
        titles={titles}
        stages={stages}
        refreshKey={refreshKey}
        onClose={() => setSelected(undefined)}
        onRetried={() => {
          readRollout();
          targets.refresh(visible.current[0], visible.current[1]);
        }}
      />
    </Paper>
  );
}
