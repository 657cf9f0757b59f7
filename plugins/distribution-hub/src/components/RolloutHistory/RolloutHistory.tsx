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
import Link from '@material-ui/core/Link';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { makeStyles } from '@material-ui/core/styles';
import { Rollout } from '@sdh/plugin-distribution-hub-common';
import { ActorLink, formatExactTime } from '../ReleaseHistory';
import { finishedCount } from '../RolloutProgress';
import { RolloutStatusChip } from '../RolloutStatusChip';

/** @public */
export interface RolloutHistoryProps {
  /** The release's rollouts, newest first. */
  rollouts: Rollout[];
  selectedId?: string;
  onSelect(rollout: Rollout): void;
}

const useStyles = makeStyles(theme => ({
  selected: {
    backgroundColor: theme.palette.action.selected,
  },
  numbers: { whiteSpace: 'nowrap' },
}));

/**
 * The release's rollouts, newest first: when and by whom each was started,
 * its status and its installations per state. Choosing one shows it.
 *
 * @public
 */
export function RolloutHistory(props: RolloutHistoryProps) {
  const { rollouts, selectedId, onSelect } = props;
  const classes = useStyles();
  return (
    <Table size="small" aria-label="Rollout history">
      <TableHead>
        <TableRow>
          <TableCell>Started</TableCell>
          <TableCell>By</TableCell>
          <TableCell>Status</TableCell>
          <TableCell>Finished</TableCell>
          <TableCell>Completed</TableCell>
          <TableCell>Failed</TableCell>
          <TableCell>Ongoing</TableCell>
          <TableCell>Yet to trigger</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rollouts.map(rollout => {
          const selected = rollout.id === selectedId;
          const { counts } = rollout;
          return (
            <TableRow
              key={rollout.id}
              aria-current={selected ? 'true' : undefined}
              className={selected ? classes.selected : undefined}
            >
              <TableCell>
                {selected ? (
                  <strong>{formatExactTime(rollout.createdAt)} (shown)</strong>
                ) : (
                  <Link component="button" onClick={() => onSelect(rollout)}>
                    {formatExactTime(rollout.createdAt)}
                  </Link>
                )}
              </TableCell>
              <TableCell>
                <ActorLink actor={rollout.createdBy} />
              </TableCell>
              <TableCell>
                <RolloutStatusChip status={rollout.status} />
              </TableCell>
              <TableCell className={classes.numbers}>
                {finishedCount(rollout)} of {rollout.total}
              </TableCell>
              <TableCell>{counts.completed}</TableCell>
              <TableCell>{counts.failed + counts['rolled-back']}</TableCell>
              <TableCell>{counts.ongoing}</TableCell>
              <TableCell>{counts.pending}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
