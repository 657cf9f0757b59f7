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
import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import {
  InstallationEnvironment,
  TargetFailure,
} from '@sdh/plugin-distribution-hub-common';
import { Deployer } from '@sdh/plugin-distribution-hub-node';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { RolloutController, RolloutControlEvents } from './RolloutController';
import { RolloutRecord, TargetRecord } from './rolloutRows';
import { RolloutStore } from './RolloutStore';
import { TargetRunner } from './TargetRunner';
import { Lease, LeaseLostError, TargetWorkStore } from './TargetWorkStore';

/** What the engine tells the world about (signals, notifications). */
export interface RolloutEngineEvents extends RolloutControlEvents {
  targetFailed(
    rollout: RolloutRecord,
    target: TargetRecord,
    failure: TargetFailure,
    rolledBack: boolean,
  ): void;
}

/** Tunables; the defaults suit real clusters, tests shrink them. */
export interface RolloutEngineOptions {
  /** How long a claim lasts without renewal. */
  leaseMs: number;
  /** Targets one replica works on at once. */
  concurrency: number;
  /** How long a stage may take to become healthy on one environment. */
  stageTimeoutMs: number;
  /** Attempts of one cluster call before the target is handed back. */
  callAttempts: number;
  callRetryDelayMs: number;
  /** Hand-backs after transient errors before the target fails. */
  maxTransientAttempts: number;
  /** First back-off after a hand-back; doubles each time, up to 5 minutes. */
  backoffMs: number;
}

export const DEFAULT_ENGINE_OPTIONS: RolloutEngineOptions = {
  leaseMs: 30_000,
  concurrency: 20,
  stageTimeoutMs: 10 * 60_000,
  callAttempts: 3,
  callRetryDelayMs: 500,
  maxTransientAttempts: 6,
  backoffMs: 2_000,
};

/** The engine's clock; tests inject one to move through windows. */
export interface Clock {
  now(): number;
}

const keyOf = (target: TargetRecord) =>
  `${target.rolloutId}\u0000${target.installationRef}`;

class UnhandledEnvironmentError extends Error {
  readonly final = true;
}

/**
 * The rollout engine of one backend replica. Each tick, the controller
 * admits targets, then the worker claims due targets under a lease (renewed
 * while it works) and runs them concurrently. State lives only in the
 * database: any replica can carry on any target whose lease expired.
 */
export class RolloutEngine {
  static create(options: {
    store: RolloutStore;
    work: TargetWorkStore;
    deployers: Deployer[];
    logger: LoggerService;
    events: RolloutEngineEvents;
    clock?: Clock;
    workerId?: string;
    options?: Partial<RolloutEngineOptions>;
  }): RolloutEngine {
    return new RolloutEngine(
      options.store,
      options.work,
      options.deployers,
      options.logger,
      options.events,
      options.clock ?? { now: () => Date.now() },
      options.workerId ?? `${hostname()}-${process.pid}-${randomUUID()}`,
      { ...DEFAULT_ENGINE_OPTIONS, ...options.options },
    );
  }

  private readonly controller: RolloutController;
  private readonly inFlight = new Map<string, AbortController>();
  private readonly running = new Set<Promise<void>>();
  private ticking?: Promise<void>;
  private tickAgain = false;
  private stopped = false;

  private constructor(
    private readonly store: RolloutStore,
    private readonly work: TargetWorkStore,
    private readonly deployers: Deployer[],
    private readonly logger: LoggerService,
    private readonly events: RolloutEngineEvents,
    private readonly clock: Clock,
    readonly workerId: string,
    private readonly options: RolloutEngineOptions,
  ) {
    this.controller = new RolloutController(store, events);
  }

  /** Runs a tick every second on this replica, until shutdown. */
  async schedule(scheduler: SchedulerService): Promise<void> {
    await scheduler.scheduleTask({
      id: 'distribution-hub-rollout-worker',
      scope: 'local',
      frequency: { seconds: 1 },
      timeout: { minutes: 5 },
      fn: () => this.tick(),
    });
  }

  /** Stops claiming, and hands the targets in progress back. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const controller of this.inFlight.values()) controller.abort();
    await Promise.allSettled([...this.running]);
  }

  /** Asks for a tick as soon as possible (after a change on this replica). */
  nudge(): void {
    void this.tick().catch(error =>
      this.logger.error(`Rollout tick failed: ${error}`),
    );
  }

  /**
   * Admits what may start, then claims and starts due targets. Returns once
   * they are started (not finished); overlapping calls coalesce.
   */
  async tick(): Promise<void> {
    if (this.stopped) return;
    if (this.ticking) {
      this.tickAgain = true;
      await this.ticking;
      return;
    }
    this.ticking = (async () => {
      do {
        this.tickAgain = false;
        const now = this.clock.now();
        await this.controller.pass(now);
        const free = this.options.concurrency - this.inFlight.size;
        const claimed = await this.work.claim(
          this.workerId,
          now,
          this.options.leaseMs,
          free,
        );
        for (const target of claimed) {
          // Our own lease lapsed and we took it again: the run goes on.
          if (!this.inFlight.has(keyOf(target))) this.start(target);
        }
      } while (this.tickAgain && !this.stopped);
    })();
    try {
      await this.ticking;
    } finally {
      this.ticking = undefined;
    }
  }

  /** Ticks until nothing is in flight and nothing is due (tests, benchmarks). */
  async runUntilIdle(options: { timeoutMs?: number } = {}): Promise<void> {
    const deadline = Date.now() + (options.timeoutMs ?? 60_000);
    for (;;) {
      await this.tick();
      if (this.running.size > 0) {
        await Promise.race([
          ...this.running,
          new Promise(r => setTimeout(r, 50)),
        ]);
        continue;
      }
      const unsettled = await this.store.listUnsettled();
      if (unsettled.length === 0) return;
      if (Date.now() > deadline) {
        throw new Error(
          `Rollouts still unsettled after ${options.timeoutMs ?? 60_000} ms`,
        );
      }
      await new Promise(r => setTimeout(r, 20));
    }
  }

  deployerFor(environment: InstallationEnvironment): Deployer {
    const deployer = this.deployers.find(d => d.handles(environment));
    if (!deployer) {
      throw new UnhandledEnvironmentError(
        `No deployer handles cluster ${environment.cluster}: it is not registered under kubernetes.clusterLocatorMethods`,
      );
    }
    return deployer;
  }

  private start(target: TargetRecord) {
    const key = keyOf(target);
    const abort = new AbortController();
    this.inFlight.set(key, abort);
    const lease: Lease = {
      rolloutId: target.rolloutId,
      installationRef: target.installationRef,
      owner: this.workerId,
    };
    const promise = this.runTarget(target, lease, abort)
      .catch(error => {
        if (!(error instanceof LeaseLostError)) {
          this.logger.error(
            `Rollout ${target.rolloutId}: ${target.installationRef} stopped: ${error}`,
          );
        }
        // The lease expires and another attempt carries on.
      })
      .finally(() => {
        this.inFlight.delete(key);
        this.running.delete(promise);
        if (!this.stopped) this.nudge();
      });
    this.running.add(promise);
  }

  /** Renews the lease while the target runs; aborts it once lost or cancelled. */
  private heartbeat(lease: Lease, abort: AbortController) {
    const timer = setInterval(async () => {
      try {
        await this.work.renew(lease, this.clock.now(), this.options.leaseMs);
        const rollout = await this.store.getRollout(lease.rolloutId);
        if (rollout?.status === 'cancelled') abort.abort();
      } catch (error) {
        abort.abort();
      }
    }, Math.max(50, Math.floor(this.options.leaseMs / 3)));
    timer.unref?.();
    return () => clearInterval(timer);
  }

  private async runTarget(
    target: TargetRecord,
    lease: Lease,
    abort: AbortController,
  ): Promise<void> {
    const rollout = await this.store.getRollout(target.rolloutId);
    if (!rollout) return;
    const stopHeartbeat = this.heartbeat(lease, abort);
    const runner = new TargetRunner(
      {
        work: this.work,
        now: () => this.clock.now(),
        deployerFor: env => this.deployerFor(env),
        loadRollout: id => this.store.getRollout(id),
        stageTimeoutMs: this.options.stageTimeoutMs,
        callAttempts: this.options.callAttempts,
        callRetryDelayMs: this.options.callRetryDelayMs,
      },
      rollout,
      target,
      lease,
      abort.signal,
    );
    try {
      const outcome = await runner.run();
      const now = this.clock.now();
      switch (outcome.kind) {
        case 'completed':
          await this.work.finish(lease, now, 'completed');
          break;
        case 'cancelled':
          await this.work.finish(lease, now, 'cancelled', {
            detail: 'Cancelled',
          });
          break;
        case 'yielded':
          await this.work.release(lease, now, {
            detail:
              outcome.reason === 'held'
                ? 'Release on hold: no new step starts'
                : 'Paused',
          });
          break;
        case 'transient':
          await this.handBack(rollout, target, lease, runner, outcome.reason);
          return;
        case 'failed':
          await this.fail(rollout, target, lease, runner, {
            stage: outcome.stage,
            ...(rollout.stages[outcome.stage]?.name
              ? { stageName: rollout.stages[outcome.stage].name }
              : {}),
            application: outcome.application,
            environment: outcome.environment,
            reason: outcome.reason,
          });
          return;
        default:
      }
      this.events.targetsChanged(rollout, [target.installationRef]);
    } finally {
      stopHeartbeat();
    }
  }

  /** A transient error: back off, or fail once it has gone on too long. */
  private async handBack(
    rollout: RolloutRecord,
    target: TargetRecord,
    lease: Lease,
    runner: TargetRunner,
    reason: string,
  ) {
    const current = await this.store.getRollout(rollout.id);
    if (current?.status === 'cancelled') {
      await this.work.finish(lease, this.clock.now(), 'cancelled', {
        detail: 'Cancelled',
      });
      this.events.targetsChanged(rollout, [target.installationRef]);
      return;
    }
    const attempts = target.attempts + 1;
    if (attempts >= this.options.maxTransientAttempts) {
      const deployments = await this.work.listDeployments(lease);
      const stuck =
        deployments.find(d => d.state !== 'healthy') ?? deployments[0];
      await this.fail(rollout, target, lease, runner, {
        stage: stuck?.stage ?? 0,
        ...(rollout.stages[stuck?.stage ?? 0]?.name
          ? { stageName: rollout.stages[stuck?.stage ?? 0].name }
          : {}),
        application: stuck?.entityRef ?? '',
        environment: stuck?.environment ?? target.environments[0],
        reason: `${reason} (gave up after ${attempts} attempts)`,
      });
      return;
    }
    const delay = Math.min(
      this.options.backoffMs * 2 ** (attempts - 1),
      5 * 60_000,
    );
    await this.work.release(lease, this.clock.now(), {
      dueAt: this.clock.now() + delay,
      attempts,
      detail: `Retrying in ${Math.round(delay / 1000)} s: ${reason}`,
    });
    this.events.targetsChanged(rollout, [target.installationRef]);
  }

  private async fail(
    rollout: RolloutRecord,
    target: TargetRecord,
    lease: Lease,
    runner: TargetRunner,
    failure: TargetFailure,
  ) {
    let rolledBack = false;
    let detail: string | undefined;
    if (rollout.autoRollback) {
      const problems = await runner.rollBack();
      rolledBack = problems.length === 0;
      detail = rolledBack
        ? 'Rolled back to the images it had'
        : `Rollback incomplete: ${problems.join('; ')}`;
    }
    await this.work.finish(
      lease,
      this.clock.now(),
      rolledBack ? 'rolled-back' : 'failed',
      { failure, ...(detail ? { detail } : {}) },
    );
    this.events.targetsChanged(rollout, [target.installationRef]);
    this.events.targetFailed(rollout, target, failure, rolledBack);
  }
}
