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
import LinearProgress from '@material-ui/core/LinearProgress';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import {
  INSTALLATION_TIERS,
  InstallationTier,
  Rollout,
  RolloutTarget,
} from '@sdh/plugin-distribution-hub-common';
import { CSSProperties, KeyboardEvent, MouseEvent, useId } from 'react';
import { shortEntityRef } from '../../lib/shortEntityRef';
import {
  describeFailure,
  InstallationRolloutStateChip,
} from '../InstallationRolloutStateChip';
import { formatExactTime } from '../ReleaseHistory';
import { CatalogEntitiesPicker, PickedEntity } from '../TargetSelectorFields';
import { VirtualRows } from '../VirtualRows';
import {
  STAGE_CELL_LABELS,
  StageCellStatus,
  stageCellStatus,
} from './stageCells';

/** The tenant and tier filters of the installation list. */
export interface TargetListFilter {
  tenant?: PickedEntity;
  tier?: InstallationTier;
}

/** @public */
export interface RolloutTargetsTableProps {
  /** The rows read so far, in wave and installation order. */
  targets: RolloutTarget[];
  /** The release's stages, by name (or "Stage N"). */
  stages: string[];
  waves: Rollout['waves'];
  /** Catalog titles of installations and tenants, by ref. */
  titles: Map<string, string>;
  hasMore: boolean;
  loading: boolean;
  error?: Error;
  filter: TargetListFilter;
  onFilterChange(filter: TargetListFilter): void;
  /** Called as the rows on screen come near the last one read. */
  onLoadMore(): void;
  /** Called with the rows on screen as they change. */
  onRangeChange?(first: number, last: number): void;
  /** Called when a row is chosen, to show its details. */
  onSelect(target: RolloutTarget): void;
  /** The viewport's height; default 560 px. */
  height?: number;
}

export const ROW_HEIGHT = 56;
const HEADER_HEIGHT = 44;

type FixedColumn = 'Installation' | 'Tenant' | 'Tier' | 'Wave' | 'State';

// Narrow enough that a rollout of three stages in one wave shows every
// column, the failure reasons included, beside the portal's sidebar on a
// 1400 px wide screen; more stages or waves scroll sideways.
const FIXED_COLUMNS: { label: FixedColumn; width: number }[] = [
  { label: 'Installation', width: 190 },
  { label: 'Tenant', width: 150 },
  { label: 'Tier', width: 100 },
  { label: 'Wave', width: 110 },
  { label: 'State', width: 120 },
];
const STAGE_WIDTH = 100;
const DETAIL_WIDTH = 220;

const useStyles = makeStyles(theme => ({
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    alignItems: 'center',
    marginBottom: theme.spacing(1.5),
  },
  filter: { minWidth: 220 },
  table: {
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    '&:focus-visible': {
      outline: `2px solid ${theme.palette.primary.main}`,
    },
  },
  row: {
    display: 'grid',
    alignItems: 'center',
    borderBottom: `1px solid ${theme.palette.divider}`,
    boxSizing: 'border-box',
    cursor: 'pointer',
    '&:hover, &:focus-within': {
      backgroundColor: theme.palette.action.hover,
    },
  },
  headerRow: {
    display: 'grid',
    alignItems: 'center',
    height: HEADER_HEIGHT,
    boxSizing: 'border-box',
    backgroundColor: theme.palette.background.paper,
    borderBottom: `2px solid ${theme.palette.divider}`,
    ...theme.typography.subtitle2,
  },
  cell: {
    padding: theme.spacing(0, 1),
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    minWidth: 0,
  },
  detail: {
    padding: theme.spacing(0, 1),
    overflow: 'hidden',
    display: '-webkit-box',
    '-webkit-line-clamp': 2,
    '-webkit-box-orient': 'vertical',
    ...theme.typography.body2,
    color: theme.palette.text.secondary,
  },
  failed: { color: theme.palette.error.main },
  stage: {
    padding: theme.spacing(0, 1),
    ...theme.typography.caption,
  },
  bar: { height: 4, borderRadius: 2, marginTop: 4 },
  barDone: { backgroundColor: theme.palette.success.main },
  barFailed: { backgroundColor: theme.palette.error.main },
  barRolledBack: { backgroundColor: theme.palette.warning.main },
  barStopped: { backgroundColor: theme.palette.grey[500] },
  placeholder: {
    display: 'flex',
    alignItems: 'center',
    padding: theme.spacing(0, 2),
    color: theme.palette.text.secondary,
  },
  empty: { padding: theme.spacing(3), textAlign: 'center' },
}));

function StageCell(props: { status: StageCellStatus }) {
  const { status } = props;
  const classes = useStyles();
  const barClass = {
    done: classes.barDone,
    failed: classes.barFailed,
    'rolled-back': classes.barRolledBack,
    cancelled: classes.barStopped,
    ongoing: undefined,
    waiting: undefined,
  }[status];
  return (
    <div role="cell" className={classes.stage}>
      <span className={status === 'failed' ? classes.failed : undefined}>
        {STAGE_CELL_LABELS[status]}
      </span>
      <LinearProgress
        aria-hidden
        className={classes.bar}
        classes={barClass ? { bar: barClass } : undefined}
        variant={status === 'ongoing' ? 'indeterminate' : 'determinate'}
        value={status === 'waiting' ? 0 : 100}
      />
    </div>
  );
}

/** What the target waits for or does, or why it failed. */
function targetDetail(target: RolloutTarget): string {
  if (target.failure) {
    return describeFailure(target.failure);
  }
  if (target.detail) {
    return target.detail;
  }
  if (target.state === 'pending' && target.notBefore) {
    return `Not before ${formatExactTime(target.notBefore)}`;
  }
  return '';
}

/**
 * A rollout's installations × the release's stages: per installation its
 * tenant, tier, wave (when there are several) and state, per stage where it
 * stands (done, ongoing, failed, not started) with a bar, and what it does
 * now or why it failed.
 * Filterable by tenant and tier; rows are read page by page as the user
 * scrolls and rendered only while on screen. A row opens its details.
 *
 * @public
 */
export function RolloutTargetsTable(props: RolloutTargetsTableProps) {
  const {
    targets,
    stages,
    waves,
    titles,
    hasMore,
    loading,
    error,
    filter,
    onFilterChange,
    onLoadMore,
    onRangeChange,
    onSelect,
    height = 560,
  } = props;
  const classes = useStyles();
  const tierId = useId();
  // With one wave, every installation is in it: no column for it.
  const showWave = waves.length > 1;
  const fixedColumns = FIXED_COLUMNS.filter(
    c => showWave || c.label !== 'Wave',
  );
  const columns = [
    ...fixedColumns.map(c => `${c.width}px`),
    `repeat(${stages.length}, ${STAGE_WIDTH}px)`,
    `minmax(${DETAIL_WIDTH}px, 1fr)`,
  ].join(' ');
  const minWidth =
    fixedColumns.reduce((sum, c) => sum + c.width, 0) +
    stages.length * STAGE_WIDTH +
    DETAIL_WIDTH;
  const rowCount = targets.length + (hasMore ? 1 : 0);

  const open = (target: RolloutTarget) => onSelect(target);
  const onRowKeyDown = (event: KeyboardEvent, target: RolloutTarget) => {
    if (event.key === 'Enter' && event.target === event.currentTarget) {
      open(target);
    }
  };

  const header = (
    <div
      role="row"
      aria-rowindex={1}
      className={classes.headerRow}
      style={{ gridTemplateColumns: columns }}
    >
      {fixedColumns.map(c => (
        <div key={c.label} role="columnheader" className={classes.cell}>
          {c.label}
        </div>
      ))}
      {stages.map((stage, index) => (
        <div
          key={index}
          role="columnheader"
          className={classes.cell}
          title={stage}
        >
          {stage}
        </div>
      ))}
      <div role="columnheader" className={classes.cell}>
        Detail
      </div>
    </div>
  );

  const renderRow = (index: number, style: CSSProperties) => {
    const target = targets[index];
    if (!target) {
      return (
        <div
          key="more"
          role="row"
          aria-rowindex={index + 2}
          style={style}
          className={classes.placeholder}
        >
          <div role="cell">
            {loading ? 'Loading more installations…' : 'More installations'}
          </div>
        </div>
      );
    }
    const title =
      titles.get(target.installationRef) ??
      shortEntityRef(target.installationRef, 'installation');
    const tenant =
      titles.get(target.tenantRef) ??
      shortEntityRef(target.tenantRef, 'tenant');
    const detail = targetDetail(target);
    return (
      <div
        key={target.installationRef}
        role="row"
        aria-rowindex={index + 2}
        style={{ ...style, gridTemplateColumns: columns }}
        className={classes.row}
        tabIndex={-1}
        // The installation's button opens it from the keyboard too.
        onClick={() => open(target)}
        onKeyDown={event => onRowKeyDown(event, target)}
      >
        <div role="rowheader" className={classes.cell}>
          <Link
            component="button"
            variant="body2"
            onClick={(event: MouseEvent) => {
              event.stopPropagation();
              open(target);
            }}
            title={target.installationRef}
          >
            {title}
          </Link>
        </div>
        <div role="cell" className={classes.cell} title={target.tenantRef}>
          {tenant}
        </div>
        <div role="cell" className={classes.cell}>
          {target.tier}
        </div>
        {showWave && (
          <div role="cell" className={classes.cell}>
            {waves[target.wave]?.name ?? `Wave ${target.wave + 1}`}
          </div>
        )}
        <div role="cell" className={classes.cell}>
          <InstallationRolloutStateChip state={target.state} />
        </div>
        {stages.map((_stage, stageIndex) => (
          <StageCell
            key={stageIndex}
            status={stageCellStatus(target, stageIndex)}
          />
        ))}
        <div
          role="cell"
          className={`${classes.detail} ${
            target.failure ? classes.failed : ''
          }`}
          title={detail}
        >
          {detail}
        </div>
      </div>
    );
  };

  return (
    <div>
      <div className={classes.toolbar}>
        <div className={classes.filter}>
          <CatalogEntitiesPicker
            kind="Tenant"
            label="Tenant"
            placeholder="All tenants"
            value={filter.tenant ? [filter.tenant] : []}
            // One tenant at a time: the latest pick replaces the previous.
            onChange={picked =>
              onFilterChange({ ...filter, tenant: picked[picked.length - 1] })
            }
          />
        </div>
        <TextField
          select
          id={tierId}
          label="Tier"
          size="small"
          variant="outlined"
          className={classes.filter}
          value={filter.tier ?? ''}
          SelectProps={{ displayEmpty: true }}
          InputLabelProps={{ shrink: true }}
          onChange={e =>
            onFilterChange({
              ...filter,
              tier: (e.target.value as InstallationTier) || undefined,
            })
          }
        >
          <MenuItem value="">All tiers</MenuItem>
          {INSTALLATION_TIERS.map(tier => (
            <MenuItem key={tier} value={tier}>
              {tier}
            </MenuItem>
          ))}
        </TextField>
        <Typography variant="body2" color="textSecondary">
          {targets.length}
          {hasMore ? '+' : ''}{' '}
          {targets.length === 1 && !hasMore ? 'installation' : 'installations'}
        </Typography>
      </div>
      {error && (
        <Alert severity="error">
          Could not read the installations: {error.message}
        </Alert>
      )}
      {!error && !loading && targets.length === 0 ? (
        <Typography className={classes.empty} color="textSecondary">
          No installation matches these filters.
        </Typography>
      ) : (
        <VirtualRows
          ariaLabel="Installations"
          className={classes.table}
          rowCount={rowCount}
          rowHeight={ROW_HEIGHT}
          headerHeight={HEADER_HEIGHT}
          height={Math.min(
            height,
            HEADER_HEIGHT + Math.max(rowCount, 1) * ROW_HEIGHT + 2,
          )}
          minWidth={minWidth}
          header={header}
          renderRow={renderRow}
          onRangeChange={onRangeChange}
          onEndReached={hasMore ? onLoadMore : undefined}
        />
      )}
    </div>
  );
}
