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
import { render, screen, within } from '@testing-library/react';
import {
  MAX_DOTS_PER_SERIES,
  ProgressSeries,
  RolloutProgressChart,
} from './RolloutProgressChart';

const series: ProgressSeries[] = [
  {
    id: 'r-210',
    label: 'core 2.1.0',
    colour: '#4e79a7',
    points: [
      { time: '2026-11-27T10:00:00Z', installations: 1 },
      { time: '2026-11-27T12:00:00Z', installations: 2 },
    ],
  },
  {
    id: 'r-200',
    label: 'core 2.0.0',
    colour: '#f28e2b',
    points: [
      { time: '2026-11-25T08:00:00Z', installations: 1 },
      { time: '2026-11-25T20:00:00Z', installations: 3 },
      { time: '2026-11-26T08:00:00Z', installations: 4 },
    ],
  },
];

/** The tooltips of the dots, in drawing order. */
function dotTitles(container: HTMLElement): string[] {
  return [...container.querySelectorAll('circle > title')].map(
    t => t.textContent ?? '',
  );
}

describe('RolloutProgressChart', () => {
  it('draws a line and a dot per point for each release, with a legend', () => {
    const { container } = render(<RolloutProgressChart series={series} />);

    const chart = screen.getByRole('img', { name: /^Rollout progress/ });
    expect(chart).toHaveAccessibleName(
      'Rollout progress core 2.1.0: 2 installations so far; core 2.0.0: 4 installations so far',
    );
    expect(container.querySelectorAll('path')).toHaveLength(2);
    expect(container.querySelectorAll('circle')).toHaveLength(5);

    const tooltips = dotTitles(container);
    expect(tooltips.filter(t => t.startsWith('core 2.1.0: '))).toHaveLength(2);
    expect(tooltips.filter(t => t.startsWith('core 2.0.0: '))).toHaveLength(3);
    expect(tooltips).toContainEqual(
      expect.stringMatching(/^core 2\.0\.0: 4 installations by /),
    );
    expect(tooltips).toContainEqual(
      expect.stringMatching(/^core 2\.1\.0: 1 installation by /),
    );

    // Later points sit further right and, being cumulative, no lower.
    const dots = [
      ...container.querySelectorAll('[data-series="r-200"] circle'),
    ].map(c => ({
      x: Number(c.getAttribute('cx')),
      y: Number(c.getAttribute('cy')),
    }));
    expect(dots[0].x).toBeLessThan(dots[1].x);
    expect(dots[1].x).toBeLessThan(dots[2].x);
    expect(dots[0].y).toBeGreaterThan(dots[2].y);
    // The newest release's dots come after every dot of the older one.
    const newest = container.querySelector('[data-series="r-210"] circle');
    expect(Number(newest!.getAttribute('cx'))).toBeGreaterThan(dots[2].x);

    const legend = screen.getByRole('list', {
      name: 'Rollout progress legend',
    });
    expect(
      within(legend)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual(['core 2.1.0', 'core 2.0.0']);
  });

  it('draws a single point in the middle of an hour either side', () => {
    const { container } = render(
      <RolloutProgressChart
        series={[{ ...series[0], points: [series[0].points[0]] }]}
      />,
    );

    const dot = container.querySelector('circle')!;
    expect(Number(dot.getAttribute('cx'))).toBeCloseTo(44 + 580 / 2, 0);
  });

  it('runs to the latest rollout activity, each line holding its last count', () => {
    const { container } = render(
      <RolloutProgressChart series={series} until="2026-11-28T12:00:00Z" />,
    );

    // Both lines end at the right edge (640 wide, 16 right margin).
    const ends = [...container.querySelectorAll('path')].map(
      path => /H([\d.]+)$/.exec(path.getAttribute('d')!)?.[1],
    );
    expect(ends).toEqual(['624.0', '624.0']);
    // The last dot of 2.1.0 is no longer at the right edge.
    const dots = container.querySelectorAll('[data-series="r-210"] circle');
    expect(Number(dots[dots.length - 1].getAttribute('cx'))).toBeLessThan(600);
  });

  it('ignores an until before the last point', () => {
    const { container } = render(
      <RolloutProgressChart series={series} until="2026-11-01T00:00:00Z" />,
    );
    const dots = container.querySelectorAll('[data-series="r-210"] circle');
    expect(Number(dots[dots.length - 1].getAttribute('cx'))).toBeCloseTo(
      624,
      0,
    );
  });

  it('keeps the line but thins the dots of a long series', () => {
    const start = Date.parse('2026-11-01T00:00:00Z');
    const points = Array.from({ length: 2000 }, (_, i) => ({
      time: new Date(start + i * 60_000).toISOString(),
      installations: i + 1,
    }));
    const { container } = render(
      <RolloutProgressChart series={[{ ...series[0], points }]} />,
    );

    expect(container.querySelectorAll('circle')).toHaveLength(
      MAX_DOTS_PER_SERIES,
    );
    expect(dotTitles(container).at(-1)).toMatch(
      /^core 2\.1\.0: 2000 installations by /,
    );
    expect(container.querySelector('path')!.getAttribute('d')).toMatch(
      /^M[\d.]+,[\d.]+(H[\d.]+V[\d.]+){1999}$/,
    );
  });

  it('says so when no installation completed a rollout yet', () => {
    render(<RolloutProgressChart series={[{ ...series[0], points: [] }]} />);

    expect(
      screen.getByText(
        'No installation has completed a rollout yet. The chart fills in as installations complete releases.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('img')).not.toBeInTheDocument();
  });
});
