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
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  Release,
  RolloutRequest,
  TargetFailure,
} from '@sdh/plugin-distribution-hub-common';
import { ClusterSimulator } from '@sdh/cluster-simulator';
import { Knex } from 'knex';
import { ReleaseStore } from '../../database/ReleaseStore';
import { KubernetesDeployer } from '../../deploy/KubernetesDeployer';
import {
  Clock,
  RolloutEngine,
  RolloutEngineEvents,
  RolloutEngineOptions,
} from '../RolloutEngine';
import { RolloutStore } from '../RolloutStore';
import { RolloutService } from '../RolloutService';
import { TargetWorkStore } from '../TargetWorkStore';

export const CLUSTER_TOKEN = 'hub-token';

/**
 * A simulator with the given clusters, which accept CLUSTER_TOKEN, holding
 * the seed. At the default time scale of 100, pods start in 20 ms and a
 * progress deadline of 30 s passes in 300 ms.
 */
export function startSimulator(
  seed: object[],
  clusters: string[],
  timeScale = 100,
): Promise<ClusterSimulator> {
  return ClusterSimulator.create({
    clusters: clusters.map(name => ({ name, tokens: [CLUSTER_TOKEN] })),
    controller: { timeScale },
    seed: seed as any,
  });
}

/** Options that keep tests quick: short leases and back-offs. */
export const FAST_ENGINE: Partial<RolloutEngineOptions> = {
  leaseMs: 2_000,
  concurrency: 20,
  stageTimeoutMs: 15_000,
  callAttempts: 3,
  callRetryDelayMs: 20,
  maxTransientAttempts: 5,
  backoffMs: 50,
};

/** A clock tests can move; it starts at real time and follows it. */
export class TestClock implements Clock {
  private offset = 0;
  constructor(start?: number) {
    if (start !== undefined) this.offset = start - Date.now();
  }
  now() {
    return Date.now() + this.offset;
  }
  advance(ms: number) {
    this.offset += ms;
  }
  set(time: number) {
    this.offset = time - Date.now();
  }
}

export interface RecordedEvents {
  failures: {
    installationRef: string;
    failure: TargetFailure;
    rolledBack: boolean;
  }[];
  rolloutStatuses: string[];
  targetChanges: number;
}

/** The engine and the API service over one database and the simulator. */
export async function createHarness(options: {
  knex: Knex;
  simulator: ClusterSimulator;
  clusters: string[];
  entities: Entity[];
  release: Release;
  clock?: Clock;
  engine?: Partial<RolloutEngineOptions>;
  workerId?: string;
}) {
  // Runs the plugin's migrations.
  await ReleaseStore.create({
    database: mockServices.database({ knex: options.knex }),
  });
  const store = RolloutStore.fromKnex(options.knex);
  const work = TargetWorkStore.fromKnex(options.knex);
  const recorded: RecordedEvents = {
    failures: [],
    rolloutStatuses: [],
    targetChanges: 0,
  };
  const events: RolloutEngineEvents = {
    rolloutChanged: rollout => recorded.rolloutStatuses.push(rollout.status),
    targetsChanged: (_r, refs) => {
      recorded.targetChanges += refs.length;
    },
    targetFailed: (_r, target, failure, rolledBack) =>
      recorded.failures.push({
        installationRef: target.installationRef,
        failure,
        rolledBack,
      }),
  };
  const deployer = KubernetesDeployer.create({
    clusters: options.clusters.map(name => ({
      name,
      url: options.simulator.cluster(name).url,
      token: CLUSTER_TOKEN,
      skipTLSVerify: true,
    })),
  });
  const clock = options.clock ?? new TestClock();
  const engine = RolloutEngine.create({
    store,
    work,
    deployers: [deployer],
    logger: mockServices.logger.mock(),
    events,
    clock,
    workerId: options.workerId,
    options: { ...FAST_ENGINE, ...options.engine },
  });
  const service = RolloutService.create({
    store,
    catalog: catalogServiceMock({ entities: options.entities }),
    getRelease: async () => options.release,
    events: { rolloutChanged: () => engine.nudge() },
    clock,
  });
  const actor = {
    ref: 'user:default/release-manager',
    credentials: mockCredentials.user('user:default/release-manager'),
  };
  const start = (request: RolloutRequest) =>
    service.createRollout(options.release.id, request, actor, async () => []);
  return { store, work, engine, service, recorded, clock, start, actor };
}

/** Ticks the engine until a condition holds (or fails after a while). */
export async function runUntil(
  engine: { tick(): Promise<void> },
  condition: () => Promise<boolean>,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      throw new Error(`Condition not met within ${timeoutMs} ms`);
    }
    await engine.tick();
    await new Promise(r => setTimeout(r, 20));
  }
}
