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
import { progressPoints } from './FleetService';

describe('progressPoints', () => {
  it('adds up installations at each completion time', () => {
    expect(progressPoints([3000, 1000, 1000, 2000])).toEqual([
      { time: new Date(1000).toISOString(), installations: 2 },
      { time: new Date(2000).toISOString(), installations: 3 },
      { time: new Date(3000).toISOString(), installations: 4 },
    ]);
    expect(progressPoints([])).toEqual([]);
  });

  it('keeps at most 200 points, the last of each slice of time', () => {
    const times = Array.from({ length: 10_000 }, (_, i) => i * 1000);
    const points = progressPoints(times);
    expect(points.length).toBeLessThanOrEqual(200);
    expect(points[points.length - 1]).toEqual({
      time: new Date(9_999_000).toISOString(),
      installations: 10_000,
    });
    const counts = points.map(p => p.installations);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
  });
});
