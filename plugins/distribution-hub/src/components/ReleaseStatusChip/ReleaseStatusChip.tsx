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
import { ReleaseStatus } from '@sdh/plugin-distribution-hub-common';

/** How each status reads in the UI. */
export const RELEASE_STATUS_LABELS: Record<ReleaseStatus, string> = {
  draft: 'Draft',
  ready: 'Ready for release',
  'on-hold': 'On hold',
  rescinded: 'Rescinded',
};

const useStyles = makeStyles(theme => ({
  draft: {
    backgroundColor: theme.palette.grey[300],
    color: theme.palette.text.primary,
  },
  ready: {
    backgroundColor: theme.palette.success.main,
    color: theme.palette.success.contrastText,
  },
  'on-hold': {
    backgroundColor: theme.palette.warning.main,
    color: theme.palette.warning.contrastText,
  },
  rescinded: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
}));

/**
 * A release's status as a coloured chip.
 *
 * @public
 */
export function ReleaseStatusChip(props: { status: ReleaseStatus }) {
  const classes = useStyles();
  return (
    <Chip
      size="small"
      label={RELEASE_STATUS_LABELS[props.status] ?? props.status}
      className={classes[props.status]}
    />
  );
}
