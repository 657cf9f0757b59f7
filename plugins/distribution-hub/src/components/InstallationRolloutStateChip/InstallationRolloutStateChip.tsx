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
import { TargetState } from '@sdh/plugin-distribution-hub-common';

/** How the state of a rollout on one installation reads in the UI. */
export const TARGET_STATE_LABELS: Record<TargetState, string> = {
  pending: 'Yet to trigger',
  ongoing: 'Ongoing',
  completed: 'Completed',
  failed: 'Failed',
  cancelled: 'Cancelled',
  'rolled-back': 'Rolled back',
};

const useStyles = makeStyles(theme => ({
  pending: {
    backgroundColor: theme.palette.grey[300],
    color: theme.palette.text.primary,
  },
  ongoing: {
    backgroundColor: theme.palette.info.main,
    color: theme.palette.info.contrastText,
  },
  completed: {
    backgroundColor: theme.palette.success.main,
    color: theme.palette.success.contrastText,
  },
  failed: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
  cancelled: {
    backgroundColor: theme.palette.grey[500],
    color: theme.palette.common.white,
  },
  'rolled-back': {
    backgroundColor: theme.palette.warning.main,
    color: theme.palette.warning.contrastText,
  },
}));

/**
 * Where a rollout stands on one installation, as a coloured chip: Yet to
 * trigger, Ongoing, Completed, Failed, Cancelled or Rolled back.
 */
export function InstallationRolloutStateChip(props: { state: TargetState }) {
  const classes = useStyles();
  return (
    <Chip
      size="small"
      label={TARGET_STATE_LABELS[props.state] ?? props.state}
      className={classes[props.state]}
    />
  );
}
