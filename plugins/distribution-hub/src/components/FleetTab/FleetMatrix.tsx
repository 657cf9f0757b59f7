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
import { CSSProperties, memo, useCallback, useMemo } from 'react';
import { parseEntityRef } from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { makeStyles } from '@material-ui/core/styles';
import { FleetInstallation } from '@sdh/plugin-distribution-hub-common';
import { HubPaths } from '../../hooks/useHubPaths';
import { shortEntityRef } from '../../lib/shortEntityRef';
import { InstallationRolloutStateChip } from '../InstallationRolloutStateChip';
import { describeBehind } from '../TenantReleasesCard';
import { VirtualRows } from '../VirtualRows';
import { tint } from './releaseColours';

/** The height of a matrix row, in pixels; rows are virtualised by it. */
export const FLEET_ROW_HEIGHT = 40;
const HEADER_HEIGHT = 44;
/** The matrix's viewport at most, in pixels. */
const MAX_HEIGHT = 600;

const FIXED_COLUMNS = [
  { label: 'Installation', width: 220 },
  { label: 'Tenant', width: 150 },
  { label: 'Tier', width: 110 },
  { label: 'Release', width: 130 },
  { label: 'Behind', width: 150 },
  { label: 'Last rollout', width: 190 },
];
const APPLICATION_WIDTH = 120;

const useStyles = makeStyles(theme => ({
  table: {
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    fontSize: theme.typography.body2.fontSize,
    '&:focus-visible': {
      outline: `2px solid ${theme.palette.primary.main}`,
    },
  },
  row: {
    display: 'grid',
    alignItems: 'stretch',
    borderBottom: `1px solid ${theme.palette.divider}`,
    boxSizing: 'border-box',
    backgroundColor: theme.palette.background.paper,
  },
  header: {
    height: HEADER_HEIGHT,
    fontWeight: theme.typography.fontWeightMedium as number,
  },
  cell: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    padding: theme.spacing(0, 1),
    overflow: 'hidden',
    whiteSpace: 'nowrap',
    textOverflow: 'ellipsis',
    minWidth: 0,
  },
  first: {
    position: 'sticky',
    left: 0,
    zIndex: 1,
    backgroundColor: theme.palette.background.paper,
  },
  version: {
    fontVariantNumeric: 'tabular-nums',
  },
  missing: {
    color: theme.palette.text.secondary,
  },
}));

interface RowProps {
  installation: FleetInstallation;
  index: number;
  style: CSSProperties;
  gridTemplateColumns: string;
  applications: string[];
  colours: Map<string, string>;
  paths: HubPaths;
  entityHref: (ref: string) => string;
}

function versionCellStyle(colour: string | undefined): CSSProperties {
  return colour
    ? { backgroundColor: tint(colour), boxShadow: `inset 4px 0 ${colour}` }
    : {};
}

function MatrixRowView(props: RowProps) {
  const classes = useStyles();
  const { installation, applications, colours, paths } = props;
  const { release, lastRollout } = installation;
  const cell = classes.cell;
  return (
    <div
      role="row"
      aria-rowindex={props.index + 2}
      className={classes.row}
      style={{ ...props.style, gridTemplateColumns: props.gridTemplateColumns }}
    >
      <div role="rowheader" className={`${cell} ${classes.first}`}>
        <Link to={props.entityHref(installation.installationRef)}>
          {shortEntityRef(installation.installationRef, 'installation')}
        </Link>
      </div>
      <div role="cell" className={cell}>
        {shortEntityRef(installation.tenantRef, 'tenant')}
      </div>
      <div role="cell" className={cell}>
        {installation.tier}
      </div>
      <div
        role="cell"
        className={`${cell} ${classes.version}`}
        style={versionCellStyle(release && colours.get(release.id))}
      >
        {release ? `${release.track} ${release.version}` : '—'}
      </div>
      <div role="cell" className={cell}>
        {release ? describeBehind(installation.releasesBehind) : '—'}
      </div>
      <div role="cell" className={cell}>
        {lastRollout ? (
          <>
            <Link
              to={paths.release(lastRollout.releaseId, 'rollouts')}
              title={`The rollouts of ${lastRollout.version}`}
            >
              {lastRollout.version}
            </Link>{' '}
            <InstallationRolloutStateChip state={lastRollout.state} />
          </>
        ) : (
          <span className={classes.missing}>—</span>
        )}
      </div>
      {applications.map(app => {
        const deployed = installation.applications[app];
        return deployed ? (
          <div
            role="cell"
            key={app}
            className={`${cell} ${classes.version}`}
            style={versionCellStyle(colours.get(deployed.releaseId))}
            title={deployed.image}
          >
            {deployed.version}
          </div>
        ) : (
          <div
            role="cell"
            key={app}
            className={`${cell} ${classes.missing}`}
            title="Not deployed by the hub"
          >
            —
          </div>
        );
      })}
    </div>
  );
}

/** Rows re-render on scroll only when their own data or place changes. */
function sameRow(previous: RowProps, next: RowProps): boolean {
  return (
    previous.installation === next.installation &&
    previous.index === next.index &&
    previous.style.top === next.style.top &&
    previous.gridTemplateColumns === next.gridTemplateColumns &&
    previous.applications === next.applications &&
    previous.colours === next.colours &&
    previous.paths === next.paths &&
    previous.entityHref === next.entityHref
  );
}

const MatrixRow = memo(MatrixRowView, sameRow);

/** @internal */
export interface FleetMatrixProps {
  installations: FleetInstallation[];
  applications: string[];
  colours: Map<string, string>;
  paths: HubPaths;
  /** Changes when the filters do, to scroll back to the top. */
  resetKey?: string;
}

/**
 * Installations × applications: per installation its tenant, tier,
 * release, how far behind it is and its last rollout, then the version of
 * each application, coloured by release. Only the rows in view are
 * rendered, so thousands of installations scroll smoothly.
 */
export function FleetMatrix(props: FleetMatrixProps) {
  const classes = useStyles();
  const { installations, applications, colours, paths } = props;
  const entityRoute = useRouteRef(entityRouteRef);
  const entityHref = useMemo(() => {
    const cache = new Map<string, string>();
    return (ref: string) => {
      let href = cache.get(ref);
      if (href === undefined) {
        const { kind, namespace, name } = parseEntityRef(ref);
        href = entityRoute({
          kind: kind.toLocaleLowerCase('en-US'),
          namespace,
          name,
        });
        cache.set(ref, href);
      }
      return href;
    };
  }, [entityRoute]);

  const { gridTemplateColumns, minWidth } = useMemo(() => {
    const widths = [
      ...FIXED_COLUMNS.map(c => c.width),
      ...applications.map(() => APPLICATION_WIDTH),
    ];
    return {
      gridTemplateColumns: widths.map(w => `${w}px`).join(' '),
      minWidth: widths.reduce((a, b) => a + b, 0),
    };
  }, [applications]);

  const header = (
    <div
      role="row"
      aria-rowindex={1}
      className={`${classes.row} ${classes.header}`}
      style={{ gridTemplateColumns }}
    >
      {FIXED_COLUMNS.map((column, i) => (
        <div
          role="columnheader"
          key={column.label}
          className={`${classes.cell} ${i === 0 ? classes.first : ''}`}
        >
          {column.label}
        </div>
      ))}
      {applications.map(app => (
        <div role="columnheader" key={app} className={classes.cell} title={app}>
          {shortEntityRef(app)}
        </div>
      ))}
    </div>
  );

  const renderRow = useCallback(
    (index: number, style: CSSProperties) => {
      const installation = installations[index];
      return (
        <MatrixRow
          key={installation.installationRef}
          index={index}
          style={style}
          gridTemplateColumns={gridTemplateColumns}
          installation={installation}
          applications={applications}
          colours={colours}
          paths={paths}
          entityHref={entityHref}
        />
      );
    },
    [
      installations,
      gridTemplateColumns,
      applications,
      colours,
      paths,
      entityHref,
    ],
  );

  return (
    <VirtualRows
      key={props.resetKey}
      ariaLabel="Fleet matrix"
      className={classes.table}
      rowCount={installations.length}
      rowHeight={FLEET_ROW_HEIGHT}
      headerHeight={HEADER_HEIGHT}
      height={Math.min(
        MAX_HEIGHT,
        HEADER_HEIGHT + installations.length * FLEET_ROW_HEIGHT + 2,
      )}
      minWidth={minWidth}
      header={header}
      renderRow={renderRow}
    />
  );
}
