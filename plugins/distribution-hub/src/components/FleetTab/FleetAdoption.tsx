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
import { memo, useMemo } from 'react';
import { Link } from '@backstage/core-components';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { FleetView } from '@sdh/plugin-distribution-hub-common';
import { HubPaths } from '../../hooks/useHubPaths';

/** Installations this many releases behind or more share one row. */
export const BEHIND_BUCKET_LIMIT = 5;

const useStyles = makeStyles(theme => ({
  swatch: {
    display: 'inline-block',
    width: 12,
    height: 12,
    borderRadius: 2,
    marginRight: theme.spacing(1),
    verticalAlign: 'middle',
  },
  heading: {
    marginTop: theme.spacing(2),
  },
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    listStyle: 'none',
    padding: 0,
    margin: theme.spacing(0, 0, 1),
  },
}));

function percent(part: number, total: number): string {
  if (total === 0) {
    return '–';
  }
  const value = (part / total) * 100;
  return `${value < 10 && value > 0 ? value.toFixed(1) : Math.round(value)}%`;
}

/** Counts of installations by how many releases behind they are. */
export function behindCounts(
  installations: FleetView['installations'],
): { label: string; count: number }[] {
  const counts = new Map<number, number>();
  for (const installation of installations) {
    if (installation.release) {
      const behind = Math.min(installation.releasesBehind, BEHIND_BUCKET_LIMIT);
      counts.set(behind, (counts.get(behind) ?? 0) + 1);
    }
  }
  return [...counts.entries()]
    .sort(([a], [b]) => a - b)
    .map(([behind, count]) => {
      let label = `${behind} releases behind`;
      if (behind === 0) {
        label = 'Up to date';
      } else if (behind === 1) {
        label = '1 release behind';
      } else if (behind === BEHIND_BUCKET_LIMIT) {
        label = `${behind} or more releases behind`;
      }
      return { label, count };
    });
}

/** The release colours as a legend, with installations per release. */
function ReleaseLegendView(props: {
  releases: FleetView['releases'];
  colours: Map<string, string>;
}) {
  const classes = useStyles();
  return (
    <ul className={classes.legend} aria-label="Release colours">
      {props.releases.map(release => (
        <li key={release.id}>
          <span
            className={classes.swatch}
            style={{ backgroundColor: props.colours.get(release.id) }}
          />
          <Typography variant="body2" component="span">
            {release.track} {release.version}
          </Typography>
        </li>
      ))}
    </ul>
  );
}

export const ReleaseLegend = memo(ReleaseLegendView);

/**
 * Adoption figures: installations per release (with their share), those
 * on no release yet, and how far behind the newest release of their track
 * the others are.
 */
function FleetAdoptionView(props: {
  fleet: FleetView;
  colours: Map<string, string>;
  paths: HubPaths;
}) {
  const classes = useStyles();
  const { fleet, colours, paths } = props;
  const total = fleet.installations.length;
  const withoutRelease = useMemo(
    () => fleet.installations.filter(i => !i.release).length,
    [fleet.installations],
  );
  const behind = useMemo(
    () => behindCounts(fleet.installations),
    [fleet.installations],
  );
  return (
    <>
      <Table size="small" aria-label="Installations per release">
        <TableHead>
          <TableRow>
            <TableCell>Release</TableCell>
            <TableCell align="right">Installations</TableCell>
            <TableCell align="right">Share</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {fleet.releases.map(release => (
            <TableRow key={release.id}>
              <TableCell>
                <span
                  className={classes.swatch}
                  style={{ backgroundColor: colours.get(release.id) }}
                />
                <Link to={paths.release(release.id, 'rollouts')}>
                  {release.track} {release.version}
                </Link>
              </TableCell>
              <TableCell align="right">{release.installations}</TableCell>
              <TableCell align="right">
                {percent(release.installations, total)}
              </TableCell>
            </TableRow>
          ))}
          {withoutRelease > 0 && (
            <TableRow>
              <TableCell>No release yet</TableCell>
              <TableCell align="right">{withoutRelease}</TableCell>
              <TableCell align="right">
                {percent(withoutRelease, total)}
              </TableCell>
            </TableRow>
          )}
        </TableBody>
      </Table>
      {behind.length > 0 && (
        <>
          <Typography
            variant="subtitle2"
            component="h3"
            className={classes.heading}
          >
            Behind the newest release
          </Typography>
          <Table
            size="small"
            aria-label="Installations behind the newest release"
          >
            <TableHead>
              <TableRow>
                <TableCell>Releases behind</TableCell>
                <TableCell align="right">Installations</TableCell>
                <TableCell align="right">Share</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {behind.map(row => (
                <TableRow key={row.label}>
                  <TableCell>{row.label}</TableCell>
                  <TableCell align="right">{row.count}</TableCell>
                  <TableCell align="right">
                    {percent(row.count, total)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      )}
    </>
  );
}

export const FleetAdoption = memo(FleetAdoptionView);
