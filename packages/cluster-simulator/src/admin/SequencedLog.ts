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
import { BoundedLog } from './BoundedLog';
import { Sequence } from './Sequence';

/** A record as kept: when it happened (epoch ms) and its sequence number. */
export type Stamped<T> = T & { ms: number; sequence: number };

/**
 * The last records of one kind (requests, rollouts), oldest first, each
 * numbered by the simulator's sequence: the bounded keeping and the reads
 * "since a sequence number" that the request log and the rollout history
 * share.
 */
export abstract class SequencedLog<T> {
  private readonly log: BoundedLog<Stamped<T>>;

  protected constructor(private readonly sequence: Sequence, capacity: number) {
    this.log = new BoundedLog(capacity);
  }

  /** Entries kept at most; older ones are dropped. */
  get capacity(): number {
    return this.log.capacity;
  }

  /** Entries kept. */
  get size(): number {
    return this.log.size;
  }

  /** Records since the last reset that are no longer kept. */
  get evicted(): number {
    return this.log.evicted;
  }

  reset(): void {
    this.log.clear();
  }

  /** Keeps a record that happened at `now`; returns its sequence number. */
  protected append(record: T, now: number): number {
    const sequence = this.sequence.next();
    this.log.append({ ...record, ms: now, sequence });
    return sequence;
  }

  /**
   * Kept records that `test` accepts, oldest first: only those after
   * `sinceSequence` when given, at most `limit`.
   */
  protected select(
    test: (entry: Stamped<T>) => boolean,
    options: { sinceSequence?: number; limit?: number } = {},
  ): Stamped<T>[] {
    const since = options.sinceSequence;
    return this.log.select(
      test,
      options.limit,
      since !== undefined ? e => e.sequence <= since : undefined,
    );
  }
}
