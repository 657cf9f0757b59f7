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
import { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  Release,
  ROLLOUT_SIGNAL_CHANNEL,
  RolloutSignal,
  RolloutStatus,
  TargetCounts,
  TargetFailure,
} from '@sdh/plugin-distribution-hub-common';
import { JsonObject } from '@backstage/types';
import { RolloutEngineEvents } from './RolloutEngine';
import { RolloutRecord, TargetRecord } from './rolloutRows';
import { RolloutServiceEvents } from './RolloutService';

const DEFAULT_COALESCE_MS = 250;
/** More changed targets than this in one message: say "reload" instead. */
const MAX_REFS_PER_SIGNAL = 100;
/** Rollout statuses remembered, so a repeated event notifies once. */
const MAX_REMEMBERED = 10_000;

const ENDINGS: Partial<Record<RolloutStatus, string>> = {
  completed: 'completed',
  'completed-with-failures': 'finished with failures',
  halted: 'halted',
  cancelled: 'was cancelled',
};

const SEVERITIES: Partial<Record<RolloutStatus, 'normal' | 'low'>> = {
  completed: 'normal',
  cancelled: 'low',
};

/** One rollout's changes waiting for their signal. */
interface PendingSignal {
  releaseId: string;
  status?: RolloutStatus;
  refs: Set<string>;
  /** More targets changed than a message lists. */
  manyRefs: boolean;
  dirty: boolean;
  timer?: ReturnType<typeof setTimeout>;
}

/** `user:default/jane` and `group:…` stay; `service:…` and junk go. */
function recipients(refs: Array<string | undefined>): string[] {
  const result = new Set<string>();
  for (const value of refs) {
    if (!value) continue;
    try {
      const ref = parseEntityRef(value, {
        defaultKind: 'user',
        defaultNamespace: 'default',
      });
      const kind = ref.kind.toLocaleLowerCase('en-US');
      if (kind === 'user' || kind === 'group') {
        result.add(stringifyEntityRef(ref));
      }
    } catch {
      // not an entity ref: nobody to notify
    }
  }
  return [...result];
}

function nameOf(ref: string): string {
  return ref.slice(ref.lastIndexOf('/') + 1);
}

/**
 * Makes rollouts live and loud: a signal on `distribution-hub:rollouts` for
 * every change (coalesced per rollout, so a busy rollout sends a few
 * messages a second rather than one per target), and notifications when an
 * installation fails and when a rollout ends.
 */
export class RolloutNotifier
  implements RolloutEngineEvents, RolloutServiceEvents
{
  static create(options: {
    signals?: SignalsService;
    notifications?: NotificationService;
    /** The release of a rollout, for its owner; undefined if gone. */
    getRelease(id: string): Promise<Release | undefined>;
    logger: LoggerService;
    /** Least time between two signals of one rollout. */
    coalesceMs?: number;
  }) {
    return new RolloutNotifier(
      options.signals,
      options.notifications,
      options.getRelease,
      options.logger,
      options.coalesceMs ?? DEFAULT_COALESCE_MS,
    );
  }

  private readonly pending = new Map<string, PendingSignal>();
  private readonly lastStatus = new Map<string, RolloutStatus>();
  private readonly inFlight = new Set<Promise<void>>();

  private constructor(
    private readonly signals: SignalsService | undefined,
    private readonly notifications: NotificationService | undefined,
    private readonly getRelease: (id: string) => Promise<Release | undefined>,
    private readonly logger: LoggerService,
    private readonly coalesceMs: number,
  ) {}

  /**
   * From the engine (with counts) or the API (without). The engine reports
   * each ending once, after its conditional transition; of the API's
   * changes only a cancellation ends a rollout, and a status seen before is
   * not notified again.
   */
  rolloutChanged(rollout: RolloutRecord, counts?: TargetCounts): void {
    this.signal(rollout, { status: rollout.status });
    const previous = this.lastStatus.get(rollout.id);
    this.remember(rollout.id, rollout.status);
    const ends =
      counts !== undefined
        ? ENDINGS[rollout.status] !== undefined
        : rollout.status === 'cancelled';
    if (ends && previous !== rollout.status) {
      this.track(this.notifyEnded(rollout, counts));
    }
  }

  targetsChanged(rollout: RolloutRecord, installationRefs: string[]): void {
    this.signal(rollout, { refs: installationRefs });
  }

  targetFailed(
    rollout: RolloutRecord,
    target: TargetRecord,
    failure: TargetFailure,
    rolledBack: boolean,
  ): void {
    this.track(this.notifyFailed(rollout, target, failure, rolledBack));
  }

  /** Sends what is pending now and waits for notifications under way. */
  async flush(): Promise<void> {
    for (const [id, entry] of this.pending) {
      clearTimeout(entry.timer);
      entry.timer = undefined;
      if (entry.dirty) this.send(id, entry);
      this.pending.delete(id);
    }
    await Promise.allSettled([...this.inFlight]);
  }

  private remember(id: string, status: RolloutStatus) {
    this.lastStatus.delete(id);
    this.lastStatus.set(id, status);
    if (this.lastStatus.size > MAX_REMEMBERED) {
      this.lastStatus.delete(this.lastStatus.keys().next().value!);
    }
  }

  private track(promise: Promise<void>) {
    this.inFlight.add(promise);
    void promise.finally(() => this.inFlight.delete(promise));
  }

  /**
   * Throttles per rollout: the first change goes out on the next turn of
   * the event loop (merging a synchronous burst), later ones at most once
   * per window, merged.
   */
  private signal(
    rollout: RolloutRecord,
    change: { status?: RolloutStatus; refs?: string[] },
  ) {
    if (!this.signals) return;
    let entry = this.pending.get(rollout.id);
    if (!entry) {
      entry = {
        releaseId: rollout.releaseId,
        refs: new Set(),
        manyRefs: false,
        dirty: false,
      };
      this.pending.set(rollout.id, entry);
    }
    if (change.status) entry.status = change.status;
    for (const ref of change.refs ?? []) {
      if (entry.refs.size >= MAX_REFS_PER_SIGNAL) {
        entry.manyRefs = true;
        break;
      }
      entry.refs.add(ref);
    }
    entry.dirty = true;
    if (!entry.timer) {
      entry.timer = setTimeout(() => this.tick(rollout.id), 0);
      entry.timer.unref?.();
    }
  }

  /** Sends if something changed, then waits a window; idle entries go. */
  private tick(id: string) {
    const entry = this.pending.get(id);
    if (!entry) return;
    entry.timer = undefined;
    if (!entry.dirty) {
      this.pending.delete(id);
      return;
    }
    this.send(id, entry);
    entry.timer = setTimeout(() => this.tick(id), this.coalesceMs);
    entry.timer.unref?.();
  }

  private send(id: string, entry: PendingSignal) {
    const message: RolloutSignal = {
      rolloutId: id,
      releaseId: entry.releaseId,
      ...(entry.status ? { status: entry.status } : {}),
      ...(entry.refs.size > 0 && !entry.manyRefs
        ? { installationRefs: [...entry.refs].sort() }
        : {}),
    };
    entry.status = undefined;
    entry.refs.clear();
    entry.manyRefs = false;
    entry.dirty = false;
    this.track(
      this.signals!.publish({
        recipients: { type: 'broadcast' },
        channel: ROLLOUT_SIGNAL_CHANNEL,
        message: message as unknown as JsonObject,
      }).catch(error =>
        this.logger.warn(`Could not signal rollout ${id}: ${error}`),
      ),
    );
  }

  private link(rollout: RolloutRecord) {
    return `/release-hub/releases/${encodeURIComponent(
      rollout.releaseId,
    )}/rollouts`;
  }

  private async release(rollout: RolloutRecord) {
    try {
      return await this.getRelease(rollout.releaseId);
    } catch {
      return undefined;
    }
  }

  private async notifyFailed(
    rollout: RolloutRecord,
    target: TargetRecord,
    failure: TargetFailure,
    rolledBack: boolean,
  ) {
    if (!this.notifications) return;
    const release = await this.release(rollout);
    const to = recipients([
      release?.createdBy,
      rollout.createdBy,
      ...target.contacts,
    ]);
    if (to.length === 0) return;
    const stage = `stage ${failure.stage + 1}${
      failure.stageName ? ` (${failure.stageName})` : ''
    }`;
    await this.notify(to, {
      title: `${rollout.track} ${rollout.version} failed on ${nameOf(
        target.installationRef,
      )}`,
      description: `${failure.application} in ${stage} on ${
        failure.environment.cluster
      }/${failure.environment.namespace}: ${failure.reason}${
        rolledBack ? '. The installation was rolled back.' : ''
      }`,
      link: this.link(rollout),
      severity: 'high',
      topic: `Rollout of ${rollout.track} ${rollout.version}`,
      scope: `distribution-hub:rollout:${rollout.id}:${target.installationRef}`,
    });
  }

  private async notifyEnded(rollout: RolloutRecord, counts?: TargetCounts) {
    if (!this.notifications) return;
    const release = await this.release(rollout);
    const to = recipients([release?.createdBy, rollout.createdBy]);
    if (to.length === 0) return;
    const total = counts
      ? Object.values(counts).reduce((a, b) => a + b, 0)
      : undefined;
    const failed = counts
      ? counts.failed + counts['rolled-back'] + counts.cancelled
      : undefined;
    let description: string | undefined;
    if (counts && rollout.status === 'halted') {
      description = `${
        counts.failed + counts['rolled-back']
      } installations failed, reaching the failure threshold (${
        rollout.failureLimit
      }); retry or cancel them, then resume.`;
    } else if (counts) {
      description = `${counts.completed} of ${total} installations completed${
        failed ? `, ${failed} did not` : ''
      }.`;
    }
    await this.notify(to, {
      title: `Rollout of ${rollout.track} ${rollout.version} ${
        ENDINGS[rollout.status]
      }`,
      ...(description ? { description } : {}),
      link: this.link(rollout),
      severity: SEVERITIES[rollout.status] ?? 'high',
      topic: `Rollout of ${rollout.track} ${rollout.version}`,
      scope: `distribution-hub:rollout:${rollout.id}:${rollout.status}`,
    });
  }

  private async notify(
    to: string[],
    payload: Parameters<NotificationService['send']>[0]['payload'],
  ) {
    try {
      await this.notifications!.send({
        recipients: { type: 'entity', entityRef: to },
        payload,
      });
    } catch (error) {
      this.logger.warn(
        `Could not send notification "${payload.title}": ${error}`,
      );
    }
  }
}
