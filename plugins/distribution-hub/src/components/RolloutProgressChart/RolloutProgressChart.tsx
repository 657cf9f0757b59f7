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
import { memo, useId, useMemo } from 'react';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';

/** One line of the chart: a release's cumulative installations over time. */
export interface ProgressSeries {
  id: string;
  label: string;
  colour: string;
  points: { time: string; installations: number }[];
}

/** @public */
export interface RolloutProgressChartProps {
  series: ProgressSeries[];
  /** The chart's accessible name; "Rollout progress" when left out. */
  title?: string;
  /**
   * The time the chart runs to, when later than every point (e.g. the
   * latest rollout activity): each line holds its last count until then,
   * so a later rollout that added no installation is not off the chart.
   */
  until?: string;
}

/** Points drawn as dots per series at most; the line keeps every point. */
export const MAX_DOTS_PER_SERIES = 120;

const WIDTH = 640;
const HEIGHT = 240;
const MARGIN = { top: 12, right: 16, bottom: 28, left: 44 };
const PLOT_WIDTH = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_HEIGHT = HEIGHT - MARGIN.top - MARGIN.bottom;
const HOUR = 3600 * 1000;

const useStyles = makeStyles(theme => ({
  svg: {
    width: '100%',
    height: 'auto',
    maxHeight: 320,
    display: 'block',
    '& text': {
      fill: theme.palette.text.secondary,
      fontSize: 11,
      fontFamily: theme.typography.fontFamily,
    },
  },
  grid: {
    stroke: theme.palette.divider,
    strokeWidth: 1,
  },
  axis: {
    stroke: theme.palette.text.secondary,
    strokeWidth: 1,
  },
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    listStyle: 'none',
    padding: 0,
    margin: theme.spacing(1, 0, 0),
  },
  legendItem: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
  },
  swatch: {
    display: 'inline-block',
    width: 12,
    height: 12,
    borderRadius: 2,
  },
}));

const dayFormat = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
});
const timeFormat = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
});
const exactFormat = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

interface PlottedSeries extends ProgressSeries {
  path: string;
  dots: { x: number; y: number; installations: number; time: number }[];
  last?: number;
}

/** Evenly spaced indexes into n points, at most max of them, last included. */
function sampleIndexes(n: number, max: number): number[] {
  if (n <= max) {
    return Array.from({ length: n }, (_, i) => i);
  }
  const step = (n - 1) / (max - 1);
  return Array.from({ length: max }, (_, i) => Math.round(i * step));
}

function niceMax(value: number): number {
  if (value <= 5) {
    return Math.max(1, Math.ceil(value));
  }
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const factor of [1, 2, 2.5, 5, 10]) {
    if (factor * magnitude >= value) {
      return factor * magnitude;
    }
  }
  return 10 * magnitude;
}

function layout(series: ProgressSeries[], until?: string) {
  const parsed = series.map(s => ({
    ...s,
    parsed: s.points
      .map(p => ({ time: Date.parse(p.time), installations: p.installations }))
      .filter(p => !Number.isNaN(p.time))
      .sort((a, b) => a.time - b.time),
  }));
  const times = parsed.flatMap(s => s.parsed.map(p => p.time));
  const counts = parsed.flatMap(s => s.parsed.map(p => p.installations));
  let minTime = Math.min(...times);
  const lastPoint = Math.max(...times);
  const untilTime = until ? Date.parse(until) : NaN;
  let maxTime = untilTime > lastPoint ? untilTime : lastPoint;
  if (minTime === maxTime) {
    minTime -= HOUR;
    maxTime += HOUR;
  }
  const maxY = niceMax(Math.max(...counts, 1));
  const x = (time: number) =>
    MARGIN.left + ((time - minTime) / (maxTime - minTime)) * PLOT_WIDTH;
  const y = (count: number) =>
    MARGIN.top + PLOT_HEIGHT - (count / maxY) * PLOT_HEIGHT;

  const plotted: PlottedSeries[] = parsed.map(s => {
    // Cumulative counts only change at a point: draw steps, not slopes.
    let path = '';
    s.parsed.forEach((p, i) => {
      path +=
        i === 0
          ? `M${x(p.time).toFixed(1)},${y(p.installations).toFixed(1)}`
          : `H${x(p.time).toFixed(1)}V${y(p.installations).toFixed(1)}`;
    });
    if (untilTime > lastPoint) path += `H${x(untilTime).toFixed(1)}`;
    const dots = sampleIndexes(s.parsed.length, MAX_DOTS_PER_SERIES).map(i => ({
      x: x(s.parsed[i].time),
      y: y(s.parsed[i].installations),
      installations: s.parsed[i].installations,
      time: s.parsed[i].time,
    }));
    return {
      ...s,
      path,
      dots,
      last: s.parsed[s.parsed.length - 1]?.installations,
    };
  });

  const spansDays = maxTime - minTime > 36 * HOUR;
  const xTicks = [0, 1 / 3, 2 / 3, 1].map(f => {
    const time = minTime + f * (maxTime - minTime);
    return {
      x: x(time),
      label: spansDays ? dayFormat.format(time) : timeFormat.format(time),
    };
  });
  const yTicks = [0, maxY / 2, maxY].map(v => ({
    y: y(v),
    label: Number.isInteger(v) ? String(v) : v.toFixed(1),
  }));
  return { plotted, xTicks, yTicks };
}

/**
 * A line chart of rollout progress: for each release, how many
 * installations had completed it over time. Drawn as SVG steps, a dot per
 * point (with its value as a tooltip) and a legend in the series' colours.
 *
 * @public
 */
function RolloutProgressChartView(props: RolloutProgressChartProps) {
  const classes = useStyles();
  const id = useId();
  const { title = 'Rollout progress' } = props;
  const series = useMemo(
    () => props.series.filter(s => s.points.length > 0),
    [props.series],
  );
  const chart = useMemo(
    () => (series.length > 0 ? layout(series, props.until) : undefined),
    [series, props.until],
  );
  if (!chart) {
    return (
      <Typography variant="body2" color="textSecondary">
        No installation has completed a rollout yet. The chart fills in as
        installations complete releases.
      </Typography>
    );
  }
  const description = chart.plotted
    .map(
      s =>
        `${s.label}: ${s.last} installation${s.last === 1 ? '' : 's'} so far`,
    )
    .join('; ');
  return (
    <figure style={{ margin: 0 }}>
      <svg
        className={classes.svg}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {chart.yTicks.map(tick => (
          <g key={tick.label}>
            <line
              className={classes.grid}
              x1={MARGIN.left}
              x2={WIDTH - MARGIN.right}
              y1={tick.y}
              y2={tick.y}
            />
            <text x={MARGIN.left - 6} y={tick.y + 4} textAnchor="end">
              {tick.label}
            </text>
          </g>
        ))}
        <line
          className={classes.axis}
          x1={MARGIN.left}
          x2={WIDTH - MARGIN.right}
          y1={MARGIN.top + PLOT_HEIGHT}
          y2={MARGIN.top + PLOT_HEIGHT}
        />
        {chart.xTicks.map((tick, i) => (
          <text
            key={i}
            x={tick.x}
            y={HEIGHT - 8}
            textAnchor={
              (i === 0 && 'start') ||
              (i === chart.xTicks.length - 1 && 'end') ||
              'middle'
            }
          >
            {tick.label}
          </text>
        ))}
        {chart.plotted.map(s => (
          <g key={s.id} data-series={s.id}>
            <path d={s.path} fill="none" stroke={s.colour} strokeWidth={2} />
            {s.dots.map(dot => (
              <circle
                key={`${dot.time}-${dot.installations}`}
                cx={dot.x}
                cy={dot.y}
                r={3.5}
                fill={s.colour}
              >
                <title>
                  {`${s.label}: ${dot.installations} installation${
                    dot.installations === 1 ? '' : 's'
                  } by ${exactFormat.format(dot.time)}`}
                </title>
              </circle>
            ))}
          </g>
        ))}
      </svg>
      <ul className={classes.legend} aria-label={`${title} legend`}>
        {chart.plotted.map(s => (
          <li key={s.id} className={classes.legendItem}>
            <span
              className={classes.swatch}
              style={{ backgroundColor: s.colour }}
            />
            <Typography variant="body2" component="span">
              {s.label}
            </Typography>
          </li>
        ))}
      </ul>
    </figure>
  );
}

export const RolloutProgressChart = memo(RolloutProgressChartView);
