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
/** One request as counted: verb and resource, object, and the answer's code. */
export interface CountedRequest {
  verb: string;
  /** Resource (deployments, …) or, for discovery and the like, the path. */
  resource: string;
  namespace?: string;
  name?: string;
  /** HTTP status, or 0 when the connection was dropped. */
  code: number;
}

export interface ObjectCount {
  verb: string;
  resource: string;
  namespace: string;
  name: string;
  count: number;
}

export interface RequestCountsSnapshot {
  total: number;
  byVerb: Record<string, number>;
  byResource: Record<string, number>;
  /** Keys like `patch deployments`. */
  byVerbAndResource: Record<string, number>;
  /** HTTP status codes; `0` for dropped connections. */
  byCode: Record<string, number>;
  /** Requests that named one object, per verb. */
  byObject: ObjectCount[];
}

function increment(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** Counts a cluster's API requests per verb, resource, object and status code. */
export class RequestCounters {
  private total = 0;
  private readonly byVerb = new Map<string, number>();
  private readonly byResource = new Map<string, number>();
  private readonly byVerbAndResource = new Map<string, number>();
  private readonly byCode = new Map<string, number>();
  private readonly byObject = new Map<string, ObjectCount>();

  static create(): RequestCounters {
    return new RequestCounters();
  }

  record(request: CountedRequest): void {
    this.total += 1;
    increment(this.byVerb, request.verb);
    increment(this.byResource, request.resource);
    increment(this.byVerbAndResource, `${request.verb} ${request.resource}`);
    increment(this.byCode, String(request.code));
    if (request.name) {
      const key = `${request.verb}\u0000${request.resource}\u0000${
        request.namespace ?? ''
      }\u0000${request.name}`;
      const existing = this.byObject.get(key);
      if (existing) existing.count += 1;
      else {
        this.byObject.set(key, {
          verb: request.verb,
          resource: request.resource,
          namespace: request.namespace ?? '',
          name: request.name,
          count: 1,
        });
      }
    }
  }

  /** Counts of requests matching a filter, e.g. every patch of one Deployment. */
  count(filter: Partial<Omit<ObjectCount, 'count'>> = {}): number {
    if (!filter.name && !filter.namespace) {
      if (filter.verb && filter.resource)
        return (
          this.byVerbAndResource.get(`${filter.verb} ${filter.resource}`) ?? 0
        );
      if (filter.verb) return this.byVerb.get(filter.verb) ?? 0;
      if (filter.resource) return this.byResource.get(filter.resource) ?? 0;
      return this.total;
    }
    let sum = 0;
    for (const c of this.byObject.values()) {
      if (
        (!filter.verb || c.verb === filter.verb) &&
        (!filter.resource || c.resource === filter.resource) &&
        (!filter.namespace || c.namespace === filter.namespace) &&
        (!filter.name || c.name === filter.name)
      ) {
        sum += c.count;
      }
    }
    return sum;
  }

  snapshot(): RequestCountsSnapshot {
    return {
      total: this.total,
      byVerb: Object.fromEntries(this.byVerb),
      byResource: Object.fromEntries(this.byResource),
      byVerbAndResource: Object.fromEntries(this.byVerbAndResource),
      byCode: Object.fromEntries(this.byCode),
      byObject: [...this.byObject.values()].map(c => ({ ...c })),
    };
  }

  reset(): void {
    this.total = 0;
    this.byVerb.clear();
    this.byResource.clear();
    this.byVerbAndResource.clear();
    this.byCode.clear();
    this.byObject.clear();
  }
}
