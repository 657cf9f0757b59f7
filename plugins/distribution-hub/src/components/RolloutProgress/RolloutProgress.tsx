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
import Chip from '@material-ui/core/Chip';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Rollout, TargetState } from '@sdh/plugin-distribution-hub-common';

/** The state filters of a rollout's installation list. */
export type StateFilter =
  | 'all'
  | 'pending'
  | 'ongoing'
  | 'failed'
  | 'completed'
  | 'cancelled';

interface StateFilterOption {
  key: StateFilter;
  label: string;
  /** Target states it lists; undefined for all. */
  states?: TargetState[];
  /** Shown only when some installation is in it. */
  onlyWhenAny?: boolean;
}

/** The chips, in order; Failed includes rolled-back installations. */
export const STATE_FILTERS: StateFilterOption[] = [
  { key: 'all', label: 'All' },
  { key: 'pending', label: 'Yet to trigger', states: ['pending'] },
  { key: 'ongoing', label: 'Ongoing', states: ['ongoing'] },
  { key: 'failed', label: 'Failed', states: ['failed', 'rolled-back'] },
  { key: 'completed', label: 'Completed', states: ['completed'] },
  {
    key: 'cancelled',
    label: 'Cancelled',
    states: ['cancelled'],
    onlyWhenAny: true,
  },
];

/** The target states a filter lists; undefined for all. */
export function filterStates(filter: StateFilter): TargetState[] | undefined {
  return STATE_FILTERS.find(f => f.key === filter)?.states;
}

/** Installations that will not move any more. */
export function finishedCount(rollout: Rollout): number {
  const c = rollout.counts;
  return c.completed + c.failed + c.cancelled + c['rolled-back'];
}

/** @public */
export interface RolloutProgressProps {
  rollout: Rollout;
  filter: StateFilter;
  onFilterChange(filter: StateFilter): void;
}

const useStyles = makeStyles(theme => ({
  bar: {
    height: 10,
    borderRadius: 5,
    margin: theme.spacing(1, 0),
  },
  chips: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    marginTop: theme.spacing(1),
  },
  count: {
    marginLeft: theme.spacing(0.25),
    fontWeight: theme.typography.fontWeightBold as number,
  },
}));

/**
 * How far a rollout has come: a bar of finished installations out of all,
 * and the installations per state as chips that filter the list (All, Yet
 * to trigger, Ongoing, Failed with rolled back, Completed, and Cancelled
 * when any were).
 *
 * @public
 */
export function RolloutProgress(props: RolloutProgressProps) {
  const { rollout, filter, onFilterChange } = props;
  const classes = useStyles();
  const finished = finishedCount(rollout);
  const percent =
    rollout.total > 0 ? Math.round((finished / rollout.total) * 100) : 0;
  const count = (option: StateFilterOption) =>
    option.states
      ? option.states.reduce((sum, s) => sum + (rollout.counts[s] ?? 0), 0)
      : rollout.total;

  return (
    <div>
      <Typography variant="body2">
        {finished} of {rollout.total}{' '}
        {rollout.total === 1 ? 'installation' : 'installations'} finished (
        {percent}%)
      </Typography>
      <LinearProgress
        variant="determinate"
        value={percent}
        className={classes.bar}
        aria-label="Rollout progress"
        aria-valuetext={`${finished} of ${rollout.total} installations finished`}
      />
      <div
        className={classes.chips}
        role="group"
        aria-label="Filter installations by state"
      >
        {STATE_FILTERS.filter(
          option => !option.onlyWhenAny || count(option) > 0,
        ).map(option => {
          const selected = option.key === filter;
          return (
            <Chip
              key={option.key}
              clickable
              color={selected ? 'primary' : 'default'}
              variant={selected ? 'default' : 'outlined'}
              aria-pressed={selected}
              onClick={() => onFilterChange(option.key)}
              label={
                <>
                  {option.label}{' '}
                  <span className={classes.count}>{count(option)}</span>
                </>
              }
            />
          );
        })}
      </div>
    </div>
  );
}
