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
import { mapWithConcurrency, sortTags } from './tagOrder';

describe('sortTags', () => {
  it('puts semantic versions first, newest first, then other tags descending', () => {
    expect(
      sortTags([
        'latest',
        '1.2.0',
        'v1.10.0',
        '1.10.0-rc.1',
        'main',
        '1.9.3',
        '2.0.0-beta.2',
        '2.0.0-beta.10',
        'sha-abc',
        '1.2.0',
      ]),
    ).toEqual([
      '2.0.0-beta.10',
      '2.0.0-beta.2',
      'v1.10.0',
      '1.10.0-rc.1',
      '1.9.3',
      '1.2.0',
      'sha-abc',
      'main',
      'latest',
    ]);
  });

  it('orders equal versions by name', () => {
    expect(sortTags(['1.0.0', 'v1.0.0'])).toEqual(['v1.0.0', '1.0.0']);
  });
});

describe('mapWithConcurrency', () => {
  it('keeps order and never runs more than the limit at once', async () => {
    let running = 0;
    let peak = 0;
    const result = await mapWithConcurrency(
      Array.from({ length: 20 }, (_, i) => i),
      3,
      async i => {
        running++;
        peak = Math.max(peak, running);
        await new Promise(resolve => setTimeout(resolve, (i * 7) % 5));
        running--;
        return i * 2;
      },
    );
    expect(result).toEqual(Array.from({ length: 20 }, (_, i) => i * 2));
    expect(peak).toBe(3);
  });

  it('starts nothing more after a failure and throws it', async () => {
    const started: number[] = [];
    await expect(
      mapWithConcurrency([1, 2, 3, 4, 5, 6], 2, async i => {
        started.push(i);
        if (i === 2) {
          throw new Error('boom');
        }
        await new Promise(resolve => setTimeout(resolve, 10));
      }),
    ).rejects.toThrow('boom');
    expect(started).toEqual([1, 2]);
  });

  it('handles no items', async () => {
    await expect(mapWithConcurrency([], 8, async () => 1)).resolves.toEqual([]);
  });
});
