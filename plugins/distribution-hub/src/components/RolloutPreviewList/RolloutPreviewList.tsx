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
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import {
  RolloutPreview,
  RolloutPreviewTarget,
} from '@sdh/plugin-distribution-hub-common';
import { useMemo } from 'react';
import { useEntityTitles } from '../../hooks/useEntityTitles';
import { shortEntityRef } from '../../lib/shortEntityRef';
import { formatExactTime, formatRelativeTime } from '../ReleaseHistory';

/** @public */
export interface RolloutPreviewListProps {
  preview: RolloutPreview;
  /** Targets per page, as requested. */
  pageSize: number;
  /** Called with the offset of the page to show. */
  onPage(offset: number): void;
  /** A page is being read. */
  loading?: boolean;
}

const useStyles = makeStyles(theme => ({
  summary: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    alignItems: 'center',
    marginBottom: theme.spacing(2),
  },
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
  },
  item: {
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    padding: theme.spacing(1.5),
    marginBottom: theme.spacing(1.5),
  },
  itemHeader: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    alignItems: 'baseline',
  },
  meta: { color: theme.palette.text.secondary },
  warning: { marginTop: theme.spacing(1) },
  image: {
    fontFamily: 'monospace',
    fontSize: '0.8rem',
    wordBreak: 'break-all',
  },
  unchanged: { color: theme.palette.text.secondary },
  pager: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'flex-end',
    gap: theme.spacing(1),
  },
  alert: { marginBottom: theme.spacing(2) },
}));

function environmentName(environment: { cluster: string; namespace: string }) {
  return `${environment.cluster}/${environment.namespace}`;
}

function PreviewTarget(props: {
  target: RolloutPreviewTarget;
  titles: Map<string, string>;
  waveName: string;
}) {
  const { target, titles, waveName } = props;
  const classes = useStyles();
  const title =
    titles.get(target.installationRef) ??
    shortEntityRef(target.installationRef, 'installation');
  const tenant =
    titles.get(target.tenantRef) ?? shortEntityRef(target.tenantRef, 'tenant');
  const titleId = `preview-${target.installationRef}`;
  return (
    <li className={classes.item} aria-labelledby={titleId}>
      <div className={classes.itemHeader}>
        <Typography variant="subtitle1" component="h4" id={titleId}>
          {title}
        </Typography>
        <Typography variant="body2" className={classes.meta}>
          {tenant} · {target.tier} · {waveName}
        </Typography>
        {target.nextWindow && (
          <Typography variant="body2" className={classes.meta}>
            {target.nextWindow.open
              ? 'Maintenance window open now'
              : `Next maintenance window ${formatRelativeTime(
                  target.nextWindow.start,
                )}`}
          </Typography>
        )}
      </div>
      {target.windowFarAway && target.nextWindow && (
        <Alert severity="warning" className={classes.warning}>
          Its next maintenance window opens{' '}
          {formatExactTime(target.nextWindow.start)}, more than a week from now:
          it waits until then.
        </Alert>
      )}
      {target.liveError && (
        <Alert severity="warning" className={classes.warning}>
          Could not read what runs now: {target.liveError}
        </Alert>
      )}
      {target.changes.some(c => c.drift) && (
        <Alert severity="warning" className={classes.warning}>
          Drift: what runs differs from what the hub last deployed here; the
          rollout replaces it.
        </Alert>
      )}
      <Table size="small" aria-label={`Changes on ${title}`}>
        <TableHead>
          <TableRow>
            <TableCell>Application</TableCell>
            <TableCell>Environment</TableCell>
            <TableCell>Now</TableCell>
            <TableCell>After</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {target.changes.map(change => {
            const unchanged =
              change.current.length > 0 &&
              change.current.every(image => image === change.next);
            return (
              <TableRow
                key={`${change.entityRef} ${environmentName(
                  change.environment,
                )}`}
              >
                <TableCell>
                  {shortEntityRef(change.entityRef)}
                  {change.drift && (
                    <>
                      {' '}
                      <Tooltip title="What runs differs from what the hub last deployed">
                        <Chip size="small" label="Drift" />
                      </Tooltip>
                    </>
                  )}
                </TableCell>
                <TableCell>{environmentName(change.environment)}</TableCell>
                <TableCell className={classes.image}>
                  {change.current.length > 0
                    ? change.current.join(', ')
                    : 'Nothing found'}
                </TableCell>
                <TableCell
                  className={`${classes.image} ${
                    unchanged ? classes.unchanged : ''
                  }`}
                >
                  {unchanged ? `${change.next} (unchanged)` : change.next}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </li>
  );
}

/**
 * What a rollout would do, before it starts: how many installations in
 * which waves, the installations left out and why, and page by page, per
 * installation, each application's image now and after, with drift, a
 * cluster that cannot be read and a maintenance window far away called out.
 *
 * @public
 */
export function RolloutPreviewList(props: RolloutPreviewListProps) {
  const { preview, pageSize, onPage, loading } = props;
  const classes = useStyles();
  const refs = useMemo(
    () => [
      ...preview.targets.flatMap(t => [t.installationRef, t.tenantRef]),
      ...preview.skipped.map(s => s.installationRef),
    ],
    [preview],
  );
  const titles = useEntityTitles(refs);
  const first = preview.targets.length > 0 ? preview.offset + 1 : 0;
  const last = preview.offset + preview.targets.length;

  return (
    <section aria-label="Rollout preview">
      <div className={classes.summary}>
        <Typography variant="body1">
          <strong>{preview.total}</strong>{' '}
          {preview.total === 1 ? 'installation' : 'installations'}
          {preview.waves.length > 1 && ` in ${preview.waves.length} waves`}
        </Typography>
        {preview.waves.length > 1 &&
          preview.waves.map((wave, index) => (
            <Chip
              key={index}
              size="small"
              variant="outlined"
              label={`${wave.name}: ${wave.size}${
                wave.bakeMinutes ? `, then ${wave.bakeMinutes} min bake` : ''
              }`}
            />
          ))}
      </div>
      {preview.skipped.length > 0 && (
        <Alert severity="warning" className={classes.alert}>
          <Typography variant="body2">
            {preview.skipped.length === 1
              ? '1 installation is skipped:'
              : `${preview.skipped.length} installations are skipped:`}
          </Typography>
          <ul aria-label="Skipped installations">
            {preview.skipped.map(skipped => (
              <li key={skipped.installationRef}>
                {titles.get(skipped.installationRef) ??
                  shortEntityRef(skipped.installationRef, 'installation')}
                : {skipped.reason}
              </li>
            ))}
          </ul>
        </Alert>
      )}
      {preview.total === 0 ? (
        <Alert severity="info" className={classes.alert}>
          No installation matches: choose other targets.
        </Alert>
      ) : (
        <ul className={classes.list} aria-label="Installations to update">
          {preview.targets.map(target => (
            <PreviewTarget
              key={target.installationRef}
              target={target}
              titles={titles}
              waveName={
                preview.waves[target.wave]?.name ?? `Wave ${target.wave + 1}`
              }
            />
          ))}
        </ul>
      )}
      {preview.total > pageSize && (
        <nav className={classes.pager} aria-label="Preview pages">
          <Typography variant="body2">
            {first}–{last} of {preview.total}
          </Typography>
          <Button
            size="small"
            disabled={loading || preview.offset === 0}
            onClick={() => onPage(Math.max(0, preview.offset - pageSize))}
          >
            Previous page
          </Button>
          <Button
            size="small"
            disabled={loading || last >= preview.total}
            onClick={() => onPage(preview.offset + pageSize)}
          >
            Next page
          </Button>
        </nav>
      )}
    </section>
  );
}
