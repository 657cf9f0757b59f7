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
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Release, Rollout } from '@sdh/plugin-distribution-hub-common';
import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { distributionHubApiRef } from '../../api';
import { useRolloutSignal } from '../../hooks/useRolloutSignal';
import { LiveRollout } from '../LiveRollout';
import { RolloutHistory } from '../RolloutHistory';
import { StartRolloutDialog } from '../StartRolloutDialog';
import { StartRolloutButton } from './StartRolloutButton';

/** @public */
export interface RolloutsTabProps {
  release: Release;
  /** How often at most signals make the views read again; default 1 s. */
  refreshIntervalMs?: number;
}

const useStyles = makeStyles(theme => ({
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
  grow: { flex: 1 },
  history: { marginTop: theme.spacing(3) },
}));

/** The search parameter naming the rollout shown, when not the latest. */
export const ROLLOUT_PARAM = 'rollout';

/**
 * The Rollouts tab of a release: Start rollout, the rollout shown live (the
 * latest, or the one chosen in the history, named in the URL's `?rollout=`)
 * and the release's rollout history. A signal about a rollout of the
 * release that the list does not know, or a status change, reads the list
 * again.
 *
 * @public
 */
export function RolloutsTab(props: RolloutsTabProps) {
  const { release, refreshIntervalMs } = props;
  const classes = useStyles();
  const api = useApi(distributionHubApiRef);
  const [searchParams, setSearchParams] = useSearchParams();
  const [state, setState] = useState<{
    rollouts?: Rollout[];
    error?: Error;
  }>({});
  const [reads, setReads] = useState(0);
  const [starting, setStarting] = useState(false);

  useEffect(() => {
    let cancelled = false;
    api.listRollouts(release.id).then(
      rollouts => !cancelled && setState({ rollouts }),
      error => !cancelled && setState(s => ({ rollouts: s.rollouts, error })),
    );
    return () => {
      cancelled = true;
    };
  }, [api, release.id, reads]);

  const rollouts = state.rollouts;
  useRolloutSignal(
    signal =>
      signal.releaseId === release.id &&
      (signal.status !== undefined ||
        !rollouts?.some(r => r.id === signal.rolloutId)),
    () => setReads(n => n + 1),
    refreshIntervalMs,
  );

  const select = useCallback(
    (rollout: Rollout) =>
      setSearchParams(
        params => {
          const next = new URLSearchParams(params);
          next.set(ROLLOUT_PARAM, rollout.id);
          return next;
        },
        { replace: false },
      ),
    [setSearchParams],
  );

  const onRolloutChange = useCallback(
    (rollout: Rollout) =>
      setState(s => ({
        ...s,
        rollouts: s.rollouts?.map(r => (r.id === rollout.id ? rollout : r)),
      })),
    [],
  );

  if (!rollouts) {
    if (state.error) {
      return (
        <>
          <ResponseErrorPanel
            title="Could not load the rollouts"
            error={state.error}
          />
          <Button variant="outlined" onClick={() => setReads(n => n + 1)}>
            Try again
          </Button>
        </>
      );
    }
    return <Progress />;
  }

  const wanted = searchParams.get(ROLLOUT_PARAM);
  const shown = rollouts.find(r => r.id === wanted) ?? rollouts[0];

  return (
    <>
      <div className={classes.toolbar}>
        <Typography variant="body1" className={classes.grow}>
          {rollouts.length === 0
            ? 'Not rolled out yet.'
            : `${rollouts.length} ${
                rollouts.length === 1 ? 'rollout' : 'rollouts'
              } of release ${release.version}.`}
        </Typography>
        <StartRolloutButton
          release={release}
          onClick={() => setStarting(true)}
        />
      </div>
      {rollouts.length === 0 ? (
        <EmptyState
          missing="data"
          title="No rollouts yet"
          description="Start a rollout to deploy this release to installations, stage by stage."
        />
      ) : (
        <>
          {shown && (
            <LiveRollout
              key={shown.id}
              release={release}
              rollout={shown}
              onRolloutChange={onRolloutChange}
              refreshIntervalMs={refreshIntervalMs}
            />
          )}
          <section className={classes.history} aria-label="Rollout history">
            <Typography variant="h6" component="h2" paragraph>
              Rollout history
            </Typography>
            <RolloutHistory
              rollouts={rollouts}
              selectedId={shown?.id}
              onSelect={select}
            />
          </section>
        </>
      )}
      {starting && (
        <StartRolloutDialog
          open
          release={release}
          onClose={() => setStarting(false)}
          onStarted={rollout => {
            setStarting(false);
            setState(s => ({
              ...s,
              rollouts: [
                rollout,
                ...(s.rollouts ?? []).filter(r => r.id !== rollout.id),
              ],
            }));
            select(rollout);
          }}
        />
      )}
    </>
  );
}
