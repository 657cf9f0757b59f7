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
interface Item {
  key: string;
  at: number;
}

/**
 * Runs a callback per key at a due time, with one timer for all keys, so
 * that a hundred thousand idle workloads cost nothing. Scheduling a key
 * again keeps the earlier of the two times.
 */
export class DelayQueue {
  private readonly heap: Item[] = [];
  private readonly due = new Map<string, number>();
  private timer?: NodeJS.Timeout;
  private timerAt = Infinity;
  private closed = false;

  static create(
    run: (key: string) => void,
    now: () => number = Date.now,
  ): DelayQueue {
    return new DelayQueue(run, now);
  }

  private constructor(
    private readonly run: (key: string) => void,
    private readonly now: () => number,
  ) {}

  schedule(key: string, at: number): void {
    if (this.closed) return;
    const existing = this.due.get(key);
    if (existing !== undefined && existing <= at) return;
    this.due.set(key, at);
    this.push({ key, at });
    this.arm();
  }

  cancel(key: string): void {
    this.due.delete(key);
  }

  clear(): void {
    this.due.clear();
    this.heap.length = 0;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = Infinity;
  }

  close(): void {
    this.closed = true;
    this.clear();
  }

  get size(): number {
    return this.due.size;
  }

  private arm(): void {
    const next = this.heap[0];
    if (!next || next.at >= this.timerAt) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = next.at;
    this.timer = setTimeout(
      () => this.fire(),
      Math.max(0, next.at - this.now()),
    );
    this.timer.unref?.();
  }

  private fire(): void {
    this.timer = undefined;
    this.timerAt = Infinity;
    const now = this.now();
    const ready: string[] = [];
    while (this.heap.length > 0 && this.heap[0].at <= now) {
      const item = this.pop()!;
      if (this.due.get(item.key) === item.at) {
        this.due.delete(item.key);
        ready.push(item.key);
      }
    }
    for (const key of ready) {
      if (this.closed) return;
      this.run(key);
    }
    this.arm();
  }

  private push(item: Item): void {
    const heap = this.heap;
    heap.push(item);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent].at <= heap[i].at) break;
      [heap[parent], heap[i]] = [heap[i], heap[parent]];
      i = parent;
    }
  }

  private pop(): Item | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < heap.length && heap[left].at < heap[smallest].at)
          smallest = left;
        if (right < heap.length && heap[right].at < heap[smallest].at)
          smallest = right;
        if (smallest === i) break;
        [heap[smallest], heap[i]] = [heap[i], heap[smallest]];
        i = smallest;
      }
    }
    return top;
  }
}
