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
/** Faults injected into a cluster's API requests. */
export interface FaultSettings {
  /** Share of requests (0 to 1) answered with an error. */
  errorRate: number;
  /** Status codes the errors are drawn from: 500, 503 and 429 by default. */
  errorCodes: number[];
  /** Added latency in ms for every request. */
  latencyMs: number;
  /** Up to this many ms more, drawn at random per request. */
  latencyJitterMs: number;
  /** Share of requests (0 to 1) whose connection is dropped without an answer. */
  dropRate: number;
  /** Only requests with these verbs (get, list, watch, create, update, patch, delete); all when empty. */
  verbs: string[];
  /** Only requests for these resources (deployments, namespaces, …); all when empty. */
  resources: string[];
}

export const NO_FAULTS: FaultSettings = {
  errorRate: 0,
  errorCodes: [500, 503, 429],
  latencyMs: 0,
  latencyJitterMs: 0,
  dropRate: 0,
  verbs: [],
  resources: [],
};

export interface FaultDecision {
  drop: boolean;
  delayMs: number;
  errorCode?: number;
}

function clampRate(value: unknown, name: string): number {
  const rate = Number(value);
  if (!Number.isFinite(rate) || rate < 0 || rate > 1) {
    throw new TypeError(`${name} must be a number from 0 to 1`);
  }
  return rate;
}

function nonNegative(value: unknown, name: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0) {
    throw new TypeError(`${name} must be a non-negative number`);
  }
  return number;
}

/** Decides, request by request, whether to delay, fail or drop it. */
export class FaultInjector {
  private current: FaultSettings = { ...NO_FAULTS };

  static create(random: () => number = Math.random): FaultInjector {
    return new FaultInjector(random);
  }

  private constructor(private readonly random: () => number) {}

  get settings(): FaultSettings {
    return { ...this.current };
  }

  /** Changes the given settings and keeps the others; throws TypeError on bad values. */
  update(settings: Partial<FaultSettings>): FaultSettings {
    const next = { ...this.current };
    if (settings.errorRate !== undefined)
      next.errorRate = clampRate(settings.errorRate, 'errorRate');
    if (settings.dropRate !== undefined)
      next.dropRate = clampRate(settings.dropRate, 'dropRate');
    if (settings.latencyMs !== undefined)
      next.latencyMs = nonNegative(settings.latencyMs, 'latencyMs');
    if (settings.latencyJitterMs !== undefined) {
      next.latencyJitterMs = nonNegative(
        settings.latencyJitterMs,
        'latencyJitterMs',
      );
    }
    if (settings.errorCodes !== undefined) {
      if (
        !Array.isArray(settings.errorCodes) ||
        settings.errorCodes.length === 0 ||
        settings.errorCodes.some(
          c => !Number.isInteger(c) || c < 400 || c > 599,
        )
      ) {
        throw new TypeError(
          'errorCodes must be a non-empty list of HTTP error codes',
        );
      }
      next.errorCodes = [...settings.errorCodes];
    }
    if (settings.verbs !== undefined)
      next.verbs = [...settings.verbs].map(String);
    if (settings.resources !== undefined)
      next.resources = [...settings.resources].map(String);
    this.current = next;
    return this.settings;
  }

  clear(): void {
    this.current = { ...NO_FAULTS };
  }

  decide(verb: string, resource: string): FaultDecision {
    const s = this.current;
    const applies =
      (s.verbs.length === 0 || s.verbs.includes(verb)) &&
      (s.resources.length === 0 || s.resources.includes(resource));
    if (!applies) return { drop: false, delayMs: 0 };
    const delayMs =
      s.latencyMs +
      (s.latencyJitterMs > 0 ? this.random() * s.latencyJitterMs : 0);
    if (s.dropRate > 0 && this.random() < s.dropRate)
      return { drop: true, delayMs };
    if (s.errorRate > 0 && this.random() < s.errorRate) {
      const code =
        s.errorCodes[Math.floor(this.random() * s.errorCodes.length)];
      return { drop: false, delayMs, errorCode: code };
    }
    return { drop: false, delayMs };
  }
}
