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
 * A counter that numbers records (image changes, requests, rollouts) in the
 * order they happen. The clusters of one ClusterSimulator share one, so
 * that records of different clusters and of different kinds can be ordered
 * without comparing timestamps, which are equal within a millisecond. It
 * only ever counts up: resets clear the records, not the sequence.
 */
export class Sequence {
  private last = 0;

  static create(): Sequence {
    return new Sequence();
  }

  private constructor() {}

  /** The next number, 1 for the first record. */
  next(): number {
    this.last += 1;
    return this.last;
  }

  /** The number given last (0 before the first). */
  get current(): number {
    return this.last;
  }
}
