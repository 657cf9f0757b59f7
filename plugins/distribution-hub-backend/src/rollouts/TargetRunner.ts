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
import { InstallationEnvironment } from '@sdh/plugin-distribution-hub-common';
import {
  Deployer,
  DeploymentRequest,
  WorkloadImage,
} from '@sdh/plugin-distribution-hub-node';
import { DeploymentRecord, RolloutRecord, TargetRecord } from './rolloutRows';
import { Lease, TargetWorkStore } from './TargetWorkStore';

/** What a runner needs from the engine around it. */
export interface TargetRunnerContext {
  work: TargetWorkStore;
  now(): number;
  deployerFor(environment: InstallationEnvironment): Deployer;
  /** Re-reads the rollout, to see pause, hold and cancel between steps. */
  loadRollout(id: string): Promise<RolloutRecord | undefined>;
  stageTimeoutMs: number;
  /** Calls to one cluster tried this many times before the step gives up. */
  callAttempts: number;
  callRetryDelayMs: number;
}

/** How one run of a target ended. */
export type TargetOutcome =
  | { kind: 'completed' }
  | {
      kind: 'failed';
      stage: number;
      application: string;
      environment: InstallationEnvironment;
      reason: string;
    }
  | { kind: 'cancelled' }
  /** Paused, held, or a transient error: it goes back to the queue. */
  | { kind: 'yielded'; reason: 'paused' | 'held' }
  | { kind: 'transient'; reason: string };

/** A step failed in a way that fails the target. */
class StepFailure extends Error {
  constructor(readonly deployment: DeploymentRecord, reason: string) {
    super(reason);
  }
}

/** A step failed in a way that a later attempt may get past. */
class TransientFailure extends Error {}

function isFinal(error: unknown): boolean {
  return (error as { final?: unknown })?.final === true;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/**
 * Advances one leased target stage by stage: inspects its environments
 * once, applies each application of a stage on every environment, waits
 * until all of them are healthy, then moves to the next stage. Every step
 * is committed before the next one, and applying is idempotent, so a run
 * cut short anywhere resumes without changing any image twice.
 */
export class TargetRunner {
  constructor(
    private readonly context: TargetRunnerContext,
    private readonly rollout: RolloutRecord,
    private readonly target: TargetRecord,
    private readonly lease: Lease,
    private readonly signal: AbortSignal,
  ) {}

  async run(): Promise<TargetOutcome> {
    try {
      let deployments = await this.context.work.listDeployments(this.lease);
      if (deployments.length === 0) {
        await this.inspect();
        deployments = await this.context.work.listDeployments(this.lease);
      }
      for (
        let stage = this.target.stage;
        stage < this.rollout.stages.length;
        stage++
      ) {
        const control = await this.checkControl();
        if (control) return control;
        const rows = deployments.filter(d => d.stage === stage);
        if (rows.some(d => d.state !== 'healthy')) {
          await this.context.work.progress(this.lease, this.context.now(), {
            stage,
            detail: this.describeStage(stage),
          });
          await this.deployStage(rows);
        }
      }
      return { kind: 'completed' };
    } catch (error) {
      if (error instanceof StepFailure) {
        return {
          kind: 'failed',
          stage: error.deployment.stage,
          application: error.deployment.entityRef,
          environment: error.deployment.environment,
          reason: error.message,
        };
      }
      if (error instanceof TransientFailure) {
        return { kind: 'transient', reason: error.message };
      }
      throw error;
    }
  }

  private describeStage(stage: number): string {
    const { name, apps } = this.rollout.stages[stage];
    const label = name ? `${name} (stage ${stage + 1})` : `stage ${stage + 1}`;
    return `Deploying ${label} of ${this.rollout.stages.length}: ${apps
      .map(a => a.entityRef.replace(/^component:default\//, ''))
      .join(', ')}`;
  }

  private async checkControl(): Promise<TargetOutcome | undefined> {
    const rollout = await this.context.loadRollout(this.rollout.id);
    if (!rollout || rollout.status === 'cancelled')
      return { kind: 'cancelled' };
    if (rollout.held) return { kind: 'yielded', reason: 'held' };
    if (rollout.status !== 'running') {
      return { kind: 'yielded', reason: 'paused' };
    }
    return undefined;
  }

  /** Reads what runs on each environment before anything changes. */
  private async inspect(): Promise<void> {
    const apps = this.rollout.stages.flatMap((stage, index) =>
      stage.apps.map(app => ({ ...app, stage: index })),
    );
    const rows: Omit<
      DeploymentRecord,
      'state' | 'rolloutId' | 'installationRef'
    >[] = [];
    for (const environment of this.target.environments) {
      const found = await this.call(environment, undefined, () =>
        this.context.deployerFor(environment).inspect(environment, apps),
      );
      for (const app of apps) {
        rows.push({
          stage: app.stage,
          entityRef: app.entityRef,
          environment,
          image: app.image,
          workloads: found.get(app.entityRef) ?? [],
        });
      }
    }
    await this.context.work.createDeployments(this.lease, rows);
  }

  private request(deployment: DeploymentRecord): DeploymentRequest {
    const stage = this.rollout.stages[deployment.stage];
    const app = stage.apps.find(a => a.entityRef === deployment.entityRef)!;
    return {
      entityRef: app.entityRef,
      kubernetesId: app.kubernetesId,
      ...(app.labelSelector ? { labelSelector: app.labelSelector } : {}),
      environment: deployment.environment,
      image: deployment.image,
    };
  }

  /** Applies every pending deployment of a stage, then waits for all. */
  private async deployStage(rows: DeploymentRecord[]): Promise<void> {
    const { work } = this.context;
    await Promise.all(
      rows
        .filter(d => d.state === 'pending')
        .map(async deployment => {
          const request = this.request(deployment);
          const deployer = this.context.deployerFor(deployment.environment);
          const workloads = deployment.workloads ?? [];
          const applied = await this.call(
            deployment.environment,
            deployment,
            () => deployer.apply(request, workloads),
          );
          // A step redone after a crash finds the image already set; what
          // it replaced is then what ran before the rollout.
          const previous: WorkloadImage[] = applied.changed
            ? applied.previous
            : deployment.previous ??
              workloads.filter(w => w.image !== request.image);
          await work.updateDeployment(this.lease, deployment, {
            state: 'applied',
            previous,
            appliedAt: this.context.now(),
          });
          deployment.state = 'applied';
          deployment.previous = previous;
        }),
    );
    await Promise.all(
      rows
        .filter(d => d.state === 'applied')
        .map(async deployment => {
          const request = this.request(deployment);
          const deployer = this.context.deployerFor(deployment.environment);
          const health = await this.call(
            deployment.environment,
            deployment,
            () =>
              deployer.waitForHealth(request, deployment.workloads ?? [], {
                timeoutMs: this.context.stageTimeoutMs,
                signal: this.signal,
              }),
          );
          if (this.signal.aborted) {
            throw new TransientFailure('Stopped while waiting for health');
          }
          if (!health.healthy) {
            await work.updateDeployment(this.lease, deployment, {
              state: 'failed',
              reason: health.reason,
            });
            throw new StepFailure(deployment, health.reason);
          }
          await work.updateDeployment(this.lease, deployment, {
            state: 'healthy',
            healthyAt: this.context.now(),
          });
          deployment.state = 'healthy';
        }),
    );
  }

  /**
   * One call to a cluster, retried a few times on transient errors. A
   * final error fails the target; a transient one that persists hands the
   * target back for a later attempt.
   */
  private async call<T>(
    environment: InstallationEnvironment,
    deployment: DeploymentRecord | undefined,
    fn: () => Promise<T>,
  ): Promise<T> {
    let lastError: unknown;
    for (let attempt = 0; attempt < this.context.callAttempts; attempt++) {
      if (this.signal.aborted) break;
      try {
        return await fn();
      } catch (error) {
        if (isFinal(error)) {
          throw new StepFailure(
            deployment ?? {
              rolloutId: this.rollout.id,
              installationRef: this.target.installationRef,
              stage: 0,
              entityRef: this.rollout.stages[0]?.apps[0]?.entityRef ?? '',
              environment,
              image: '',
              state: 'pending',
            },
            messageOf(error),
          );
        }
        lastError = error;
        await sleep(this.context.callRetryDelayMs * 2 ** attempt);
      }
    }
    throw new TransientFailure(
      lastError ? messageOf(lastError) : 'Stopped before the call',
    );
  }

  /** Puts back the images this target replaced; returns what it could not. */
  async rollBack(): Promise<string[]> {
    const problems: string[] = [];
    const deployments = await this.context.work.listDeployments(this.lease);
    for (const deployment of deployments) {
      if (!deployment.previous?.length || deployment.state === 'restored') {
        continue;
      }
      const deployer = this.context.deployerFor(deployment.environment);
      try {
        await this.call(deployment.environment, deployment, () =>
          deployer.restore(this.request(deployment), deployment.previous!),
        );
        await this.context.work.updateDeployment(this.lease, deployment, {
          state: 'restored',
        });
      } catch (error) {
        problems.push(
          `${deployment.entityRef} on ${deployment.environment.cluster}/${
            deployment.environment.namespace
          }: ${messageOf(error)}`,
        );
      }
    }
    return problems;
  }
}
