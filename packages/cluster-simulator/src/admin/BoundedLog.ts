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
/**
 * The last `capacity` entries appended, oldest first: a ring buffer that
 * grows up to its capacity and then overwrites its oldest entry, so that
 * long benchmarks do not grow memory without bound.
 */
export class BoundedLog<T> {
  private entries: T[] = [];
  /** Index of the oldest entry once the buffer is full. */
  private start = 0;
  private evictedCount = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 0) {
      throw new TypeError(
        `a log size must be a non-negative integer, got ${capacity}`,
      );
    }
  }

  append(entry: T): void {
    if (this.capacity === 0) {
      this.evictedCount += 1;
      return;
    }
    if (this.entries.length < this.capacity) {
      this.entries.push(entry);
      return;
    }
    this.entries[this.start] = entry;
    this.start = (this.start + 1) % this.capacity;
    this.evictedCount += 1;
  }

  /** Entries kept. */
  get size(): number {
    return this.entries.length;
  }

  /** Entries appended since the last clear() that are no longer kept. */
  get evicted(): number {
    return this.evictedCount;
  }

  /**
   * Kept entries, oldest first, that `test` accepts, starting after those
   * `skip` (which must be true for a prefix) passes over, at most `limit`.
   */
  select(
    test: (entry: T) => boolean,
    limit = Infinity,
    skip?: (entry: T) => boolean,
  ): T[] {
    const found: T[] = [];
    const count = this.entries.length;
    let i = 0;
    if (skip) {
      // Entries are appended in sequence order: find the first to keep by bisection.
      let low = 0;
      let high = count;
      while (low < high) {
        const mid = (low + high) >>> 1;
        if (skip(this.at(mid))) low = mid + 1;
        else high = mid;
      }
      i = low;
    }
    for (; i < count && found.length < limit; i++) {
      const entry = this.at(i);
      if (test(entry)) found.push(entry);
    }
    return found;
  }

  clear(): void {
    this.entries = [];
    this.start = 0;
    this.evictedCount = 0;
  }

  private at(index: number): T {
    return this.entries[(this.start + index) % this.entries.length];
  }
}
