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
import { rfc3339Micro } from '../util/time';
import { BoundedLog } from './BoundedLog';
import { CountedRequest } from './RequestCounters';
import { Sequence } from './Sequence';

/** How many requests a cluster's log keeps unless told otherwise. */
export const DEFAULT_REQUEST_LOG_SIZE = 100_000;

/** One API request as logged, in the order the answers were given. */
export interface LoggedRequest {
  /** When the answer's status line was written (or the connection dropped), RFC 3339 with microseconds. */
  time: string;
  /** Position among the simulator's records (requests, image changes, rollouts). */
  sequence: number;
  /** get, list, watch, create, update, patch, delete, deletecollection; for other paths the HTTP method, lower case. */
  verb: string;
  /** Resource (deployments, pods, …) or, for discovery and the like, the path. */
  resource: string;
  /** Absent for cluster-wide requests and namespaces themselves. */
  namespace?: string;
  /** Absent for lists, watches of a collection and creates. */
  name?: string;
  /** HTTP status, or 0 when the connection was dropped. */
  code: number;
}

export interface RequestLogFilter {
  verb?: string;
  resource?: string;
  namespace?: string;
  name?: string;
  code?: number;
  /** Only requests logged after this sequence number. */
  sinceSequence?: number;
  /** At most this many, the oldest first. */
  limit?: number;
}

interface Entry {
  ms: number;
  sequence: number;
  verb: string;
  resource: string;
  namespace: string | undefined;
  name: string | undefined;
  code: number;
}

/**
 * The last requests of a cluster (100,000 by default), oldest first, for
 * tests that assert the order of requests and benchmarks that count them.
 * The request counters count every request; this log keeps the latest.
 */
export class RequestLog {
  private readonly log: BoundedLog<Entry>;

  static create(
    options: { sequence?: Sequence; capacity?: number } = {},
  ): RequestLog {
    return new RequestLog(
      options.sequence ?? Sequence.create(),
      options.capacity ?? DEFAULT_REQUEST_LOG_SIZE,
    );
  }

  private constructor(private readonly sequence: Sequence, capacity: number) {
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

  /** Requests logged since the last reset that are no longer kept. */
  get evicted(): number {
    return this.log.evicted;
  }

  record(request: CountedRequest, now: number = Date.now()): number {
    const sequence = this.sequence.next();
    this.log.append({
      ms: now,
      sequence,
      verb: request.verb,
      resource: request.resource,
      namespace: request.namespace,
      name: request.name,
      code: request.code,
    });
    return sequence;
  }

  /** Kept requests matching the filter, oldest first. */
  list(filter: RequestLogFilter = {}): LoggedRequest[] {
    const since = filter.sinceSequence;
    return this.log
      .select(
        e =>
          (!filter.verb || e.verb === filter.verb) &&
          (!filter.resource || e.resource === filter.resource) &&
          (!filter.namespace || e.namespace === filter.namespace) &&
          (!filter.name || e.name === filter.name) &&
          (filter.code === undefined || e.code === filter.code),
        filter.limit,
        since !== undefined ? e => e.sequence <= since : undefined,
      )
      .map(e => ({
        time: rfc3339Micro(e.ms),
        sequence: e.sequence,
        verb: e.verb,
        resource: e.resource,
        ...(e.namespace !== undefined ? { namespace: e.namespace } : {}),
        ...(e.name !== undefined ? { name: e.name } : {}),
        code: e.code,
      }));
  }

  reset(): void {
    this.log.clear();
  }
}
