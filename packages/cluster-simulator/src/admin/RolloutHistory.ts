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
import { KubeObject } from '../api/types';
import { getPath, isObject } from '../util/json';
import { rfc3339Micro } from '../util/time';
import { Sequence } from './Sequence';
import { SequencedLog } from './SequencedLog';

/** How many rollouts a cluster's history keeps unless told otherwise. */
export const DEFAULT_ROLLOUT_HISTORY_SIZE = 100_000;

export type RolloutOutcome = 'complete' | 'failed';

/** The end of one rollout of one workload, as the controller saw it. */
export interface RolloutRecord {
  /** When the controller wrote the status that ended it, RFC 3339 with microseconds. */
  time: string;
  /** Position among the simulator's records (requests, image changes, rollouts). */
  sequence: number;
  kind: string;
  namespace: string;
  name: string;
  /** The workload's metadata.generation, which status.observedGeneration has reached. */
  generation: number;
  /** The resourceVersion of the status write that ended the rollout. */
  resourceVersion: string;
  /** Container (and init container) name → image of the template rolled out. */
  images: Record<string, string>;
  /**
   * `complete`: `kubectl rollout status` would now report success;
   * `failed`: the Deployment exceeded its progress deadline
   * (`ProgressDeadlineExceeded`).
   */
  outcome: RolloutOutcome;
}

export interface RolloutHistoryFilter {
  kind?: string;
  namespace?: string;
  name?: string;
  outcome?: RolloutOutcome;
  /** Only rollouts recorded after this sequence number. */
  sinceSequence?: number;
}

/** What the history keeps of a rollout, besides its time and sequence number. */
type Entry = Omit<RolloutRecord, 'time' | 'sequence'>;

/** Container name → image of a workload's pod template, init containers included. */
export function templateImages(object: KubeObject): Record<string, string> {
  const images: Record<string, string> = {};
  for (const field of ['initContainers', 'containers']) {
    const list = getPath(object, ['spec', 'template', 'spec', field]);
    if (!Array.isArray(list)) continue;
    for (const container of list) {
      if (isObject(container) && typeof container.name === 'string') {
        images[container.name] = String(container.image ?? '');
      }
    }
  }
  return images;
}

/**
 * Every completed and failed rollout of a cluster's Deployments,
 * StatefulSets and DaemonSets (the last 100,000 by default), oldest first,
 * so that tests can tell when a workload became healthy relative to image
 * changes and requests.
 */
export class RolloutHistory extends SequencedLog<Entry> {
  static create(
    options: { sequence?: Sequence; capacity?: number } = {},
  ): RolloutHistory {
    return new RolloutHistory(
      options.sequence ?? Sequence.create(),
      options.capacity ?? DEFAULT_ROLLOUT_HISTORY_SIZE,
    );
  }

  private constructor(sequence: Sequence, capacity: number) {
    super(sequence, capacity);
  }

  /** Records that a workload's rollout ended, as of its current spec. */
  record(object: KubeObject, outcome: RolloutOutcome, now: number): number {
    return this.append(
      {
        kind: object.kind,
        namespace: object.metadata.namespace ?? '',
        name: object.metadata.name ?? '',
        generation: object.metadata.generation ?? 1,
        resourceVersion: object.metadata.resourceVersion ?? '',
        images: templateImages(object),
        outcome,
      },
      now,
    );
  }

  /** Kept rollouts matching the filter, oldest first. */
  list(filter: RolloutHistoryFilter = {}): RolloutRecord[] {
    const kind = filter.kind?.toLowerCase();
    return this.select(
      e =>
        (!kind || e.kind.toLowerCase() === kind) &&
        (!filter.namespace || e.namespace === filter.namespace) &&
        (!filter.name || e.name === filter.name) &&
        (!filter.outcome || e.outcome === filter.outcome),
      filter,
    ).map(e => ({
      time: rfc3339Micro(e.ms),
      sequence: e.sequence,
      kind: e.kind,
      namespace: e.namespace,
      name: e.name,
      generation: e.generation,
      resourceVersion: e.resourceVersion,
      images: { ...e.images },
      outcome: e.outcome,
    }));
  }
}
