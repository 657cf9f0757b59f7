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
import { CountedRequest } from './RequestCounters';
import { Sequence } from './Sequence';
import { SequencedLog } from './SequencedLog';

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

/** What the log keeps of a request, besides its time and sequence number. */
type Entry = Omit<LoggedRequest, 'time' | 'sequence'>;

/**
 * The last requests of a cluster (100,000 by default), oldest first, for
 * tests that assert the order of requests and benchmarks that count them.
 * The request counters count every request; this log keeps the latest.
 */
export class RequestLog extends SequencedLog<Entry> {
  static create(
    options: { sequence?: Sequence; capacity?: number } = {},
  ): RequestLog {
    return new RequestLog(
      options.sequence ?? Sequence.create(),
      options.capacity ?? DEFAULT_REQUEST_LOG_SIZE,
    );
  }

  private constructor(sequence: Sequence, capacity: number) {
    super(sequence, capacity);
  }

  record(request: CountedRequest, now: number = Date.now()): number {
    return this.append(
      {
        verb: request.verb,
        resource: request.resource,
        namespace: request.namespace,
        name: request.name,
        code: request.code,
      },
      now,
    );
  }

  /** Kept requests matching the filter, oldest first. */
  list(filter: RequestLogFilter = {}): LoggedRequest[] {
    return this.select(
      e =>
        (!filter.verb || e.verb === filter.verb) &&
        (!filter.resource || e.resource === filter.resource) &&
        (!filter.namespace || e.namespace === filter.namespace) &&
        (!filter.name || e.name === filter.name) &&
        (filter.code === undefined || e.code === filter.code),
      filter,
    ).map(e => ({
      time: rfc3339Micro(e.ms),
      sequence: e.sequence,
      verb: e.verb,
      resource: e.resource,
      ...(e.namespace !== undefined ? { namespace: e.namespace } : {}),
      ...(e.name !== undefined ? { name: e.name } : {}),
      code: e.code,
    }));
  }
}
