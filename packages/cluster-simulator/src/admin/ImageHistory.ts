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

/** One change of one container's image in one workload. */
export interface ImageChange {
  /** When the change was stored, RFC 3339 with microseconds. */
  time: string;
  /** Position among the simulator's records (requests, image changes, rollouts). */
  sequence: number;
  kind: string;
  namespace: string;
  name: string;
  container: string;
  /** `containers` or `initContainers`. */
  containerType: 'containers' | 'initContainers';
  image: string;
  /** Absent when the container is new (the workload was created or the container added). */
  previousImage?: string;
  generation?: number;
  resourceVersion?: string;
}

export interface ImageHistoryFilter {
  kind?: string;
  namespace?: string;
  name?: string;
  container?: string;
  /** Only changes recorded after this sequence number. */
  sinceSequence?: number;
}

function imagesOf(
  object: KubeObject | undefined,
  field: 'containers' | 'initContainers',
) {
  const images = new Map<string, string>();
  const list = getPath(object, ['spec', 'template', 'spec', field]);
  if (Array.isArray(list)) {
    for (const container of list) {
      if (isObject(container) && typeof container.name === 'string') {
        images.set(container.name, String(container.image ?? ''));
      }
    }
  }
  return images;
}

/** A change as kept: its time as epoch ms, formatted only when listed. */
type KeptChange = Omit<ImageChange, 'time'> & { ms: number };

/**
 * Every change of a container image of every workload, so that tests can
 * assert how often and when a rollout touched a cluster.
 */
export class ImageHistory {
  private changes: KeptChange[] = [];

  static create(sequence: Sequence = Sequence.create()): ImageHistory {
    return new ImageHistory(sequence);
  }

  private constructor(private readonly sequence: Sequence) {}

  /** Changes recorded. */
  get size(): number {
    return this.changes.length;
  }

  /** Records the image differences between two versions of a workload. */
  record(
    previous: KubeObject | undefined,
    next: KubeObject,
    now: number,
  ): void {
    const template = getPath(next, ['spec', 'template']);
    // A write that left the pod template alone shares it with the previous version.
    if (
      template !== undefined &&
      template === getPath(previous, ['spec', 'template'])
    ) {
      return;
    }
    for (const field of ['containers', 'initContainers'] as const) {
      const before = imagesOf(previous, field);
      for (const [container, image] of imagesOf(next, field)) {
        const previousImage = before.get(container);
        if (previousImage === image) continue;
        this.changes.push({
          ms: now,
          sequence: this.sequence.next(),
          kind: next.kind,
          namespace: next.metadata.namespace ?? '',
          name: next.metadata.name ?? '',
          container,
          containerType: field,
          image,
          ...(previousImage !== undefined ? { previousImage } : {}),
          generation: next.metadata.generation,
          resourceVersion: next.metadata.resourceVersion,
        });
      }
    }
  }

  list(filter: ImageHistoryFilter = {}): ImageChange[] {
    return this.changes
      .filter(
        c =>
          (!filter.kind ||
            c.kind.toLowerCase() === filter.kind.toLowerCase()) &&
          (!filter.namespace || c.namespace === filter.namespace) &&
          (!filter.name || c.name === filter.name) &&
          (!filter.container || c.container === filter.container) &&
          (filter.sinceSequence === undefined ||
            c.sequence > filter.sinceSequence),
      )
      .map(({ ms, ...change }) => ({ time: rfc3339Micro(ms), ...change }));
  }

  reset(): void {
    this.changes = [];
  }
}
