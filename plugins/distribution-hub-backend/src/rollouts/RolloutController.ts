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
import {
  nextMaintenanceWindow,
  TargetCounts,
} from '@sdh/plugin-distribution-hub-common';
import { RolloutRecord } from './rolloutRows';
import { RolloutStore, WaveStats } from './RolloutStore';

/** What the controller tells the world about. */
export interface RolloutControlEvents {
  rolloutChanged(rollout: RolloutRecord, counts: TargetCounts): void;
  targetsChanged(rollout: RolloutRecord, installationRefs: string[]): void;
}

/** A rollout's position: counts, the wave deploying, and whether it waits. */
export interface RolloutPosition {
  counts: TargetCounts;
  currentWave?: number;
  /** Until when the current wave bakes, or notBefore holds it. */
  holdUntil?: number;
}

export function sumCounts(stats: WaveStats[]): TargetCounts {
  const total = {} as TargetCounts;
  for (const wave of stats) {
    for (const [state, count] of Object.entries(wave.counts)) {
      total[state as keyof TargetCounts] =
        (total[state as keyof TargetCounts] ?? 0) + count;
    }
  }
  return total;
}

/** Where a rollout stands, from its per-wave counts. */
export function rolloutPosition(
  rollout: RolloutRecord,
  stats: WaveStats[],
): RolloutPosition {
  const counts = sumCounts(stats);
  const current = stats.find(s => s.counts.pending + s.counts.ongoing > 0);
  if (!current) return { counts };
  let holdUntil: number | undefined = rollout.notBefore;
  const previous = stats.filter(s => s.wave < current.wave);
  if (previous.length > 0) {
    const bake = rollout.waves[current.wave - 1]?.bakeMinutes ?? 0;
    const lastFinished = Math.max(...previous.map(s => s.lastFinishedAt ?? 0));
    if (bake > 0) {
      holdUntil = Math.max(holdUntil ?? 0, lastFinished + bake * 60_000);
    }
  }
  return { counts, currentWave: current.wave, holdUntil };
}

/**
 * Moves rollouts along between steps: admits pending targets of the wave
 * in progress when the wave's bake time, notBefore, maxParallel and each
 * installation's maintenance window allow; halts at the failure threshold;
 * finishes a rollout whose targets have all ended; cancels idle targets of
 * a cancelled one. Admission holds the rollout's row lock, so replicas
 * running it at once never exceed maxParallel together.
 */
export class RolloutController {
  constructor(
    private readonly store: RolloutStore,
    private readonly events: RolloutControlEvents,
  ) {}

  /** One pass over every unsettled rollout; returns targets admitted. */
  async pass(now: number): Promise<number> {
    let admitted = 0;
    for (const rollout of await this.store.listUnsettled()) {
      admitted += await this.control(rollout, now);
    }
    return admitted;
  }

  private async control(rollout: RolloutRecord, now: number): Promise<number> {
    if (rollout.status === 'cancelled') {
      const cancelled = await this.store.cancelIdleTargets(rollout.id, now);
      if (cancelled.length > 0) this.events.targetsChanged(rollout, cancelled);
      const { counts } = rolloutPosition(
        rollout,
        await this.store.waveStats(rollout.id),
      );
      if (counts.pending + counts.ongoing === 0) {
        await this.store.markSettled(rollout.id);
      }
      return 0;
    }
    const stats = await this.store.waveStats(rollout.id);
    const position = rolloutPosition(rollout, stats);
    const { counts } = position;
    if (counts.pending + counts.ongoing === 0) {
      const failed = counts.failed + counts['rolled-back'] + counts.cancelled;
      const status = failed > 0 ? 'completed-with-failures' : 'completed';
      if (
        await this.store.transitionRollout(
          rollout.id,
          ['running', 'paused', 'halted'],
          status,
          now,
          { finished: true },
        )
      ) {
        await this.store.markSettled(rollout.id);
        this.events.rolloutChanged({ ...rollout, status }, counts);
      }
      return 0;
    }
    if (rollout.status !== 'running' || rollout.held) return 0;
    const failures = counts.failed + counts['rolled-back'];
    if (
      rollout.failureLimit !== undefined &&
      failures >= rollout.failureLimit
    ) {
      if (
        await this.store.transitionRollout(
          rollout.id,
          ['running'],
          'halted',
          now,
        )
      ) {
        this.events.rolloutChanged({ ...rollout, status: 'halted' }, counts);
      }
      return 0;
    }
    if (position.currentWave === undefined) return 0;
    if (position.holdUntil !== undefined && now < position.holdUntil) return 0;

    const changed = await this.store.admitDue(
      rollout.id,
      position.currentWave,
      now,
      { maxParallel: rollout.maxParallel, failureLimit: rollout.failureLimit },
      target => {
        const window = rollout.respectWindows
          ? nextMaintenanceWindow(target.maintenanceWindows, new Date(now))
          : undefined;
        if (!window || window.open) return undefined;
        const { days, start, end, timezone } = window.window;
        return {
          dueAt: window.start.getTime(),
          detail: `Waiting for its maintenance window (${days.join(
            ', ',
          )} ${start}-${end} ${timezone}), next at ${window.start.toISOString()}`,
        };
      },
    );
    if (changed.length > 0) this.events.targetsChanged(rollout, changed);
    return changed.length;
  }
}
