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
import { makeStyles } from '@material-ui/core/styles';
import { RolloutStatus } from '@sdh/plugin-distribution-hub-common';

/** How each rollout status reads in the UI. */
export const ROLLOUT_STATUS_LABELS: Record<RolloutStatus, string> = {
  running: 'Running',
  paused: 'Paused',
  halted: 'Halted',
  cancelled: 'Cancelled',
  completed: 'Completed',
  'completed-with-failures': 'Completed with failures',
};

const useStyles = makeStyles(theme => ({
  running: {
    backgroundColor: theme.palette.info.main,
    color: theme.palette.info.contrastText,
  },
  paused: {
    backgroundColor: theme.palette.warning.main,
    color: theme.palette.warning.contrastText,
  },
  halted: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
  cancelled: {
    backgroundColor: theme.palette.grey[500],
    color: theme.palette.common.white,
  },
  completed: {
    backgroundColor: theme.palette.success.main,
    color: theme.palette.success.contrastText,
  },
  'completed-with-failures': {
    backgroundColor: theme.palette.warning.dark,
    color: theme.palette.warning.contrastText,
  },
}));

/**
 * A rollout's status as a coloured chip: Running, Paused, Halted,
 * Cancelled, Completed or Completed with failures.
 *
 * @public
 */
export function RolloutStatusChip(props: { status: RolloutStatus }) {
  const classes = useStyles();
  return (
    <Chip
      size="small"
      label={ROLLOUT_STATUS_LABELS[props.status] ?? props.status}
      className={classes[props.status]}
    />
  );
}
