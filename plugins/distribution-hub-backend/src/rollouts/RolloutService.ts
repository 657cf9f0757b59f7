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
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  InstallationTier,
  isInstallationEntity,
  isTenantEntity,
  Release,
  ReleaseStatus,
  Rollout,
  RolloutRequest,
  RolloutStatus,
  RolloutTarget,
  TARGET_STATES,
  TargetState,
  TenantEntityV1alpha1,
} from '@sdh/plugin-distribution-hub-common';
import { randomUUID } from 'node:crypto';
import { Actor } from '../service/ReleaseService';
import { planRollout, PlannedTarget, RolloutPlan } from './planRollout';
import { Clock } from './RolloutEngine';
import { rolloutPosition, RolloutPosition } from './RolloutController';
import {
  RolloutRecord,
  StageSnapshot,
  TargetRecord,
  toRollout,
  toRolloutTarget,
} from './rolloutRows';
import { RolloutStore } from './RolloutStore';

/** Says which of a rollout's installations the caller may not deploy to. */
export type TargetAuthorizer = (
  targets: Pick<PlannedTarget, 'installationRef' | 'tenantRef' | 'tier'>[],
) => Promise<string[]>;

/** Told about changes the API makes (signals, the engine's next tick). */
export interface RolloutServiceEvents {
  rolloutChanged(rollout: RolloutRecord): void;
}

const KUBERNETES_ID = 'backstage.io/kubernetes-id';
const KUBERNETES_LABEL_SELECTOR = 'backstage.io/kubernetes-label-selector';
const DEFAULT_MAX_PARALLEL = 10;

/** A rollout request checked and planned, not stored. */
export interface PreparedRollout {
  release: Release;
  plan: RolloutPlan;
  stages: StageSnapshot[];
  tenants: TenantEntityV1alpha1[];
}

/** A page of targets, and where the next one starts. */
export interface TargetPage {
  items: RolloutTarget[];
  nextCursor?: string;
}

function encodeCursor(target: TargetRecord): string {
  return Buffer.from(
    JSON.stringify([target.wave, target.installationRef]),
  ).toString('base64url');
}

function decodeCursor(cursor: string) {
  try {
    const [wave, installationRef] = JSON.parse(
      Buffer.from(cursor, 'base64url').toString('utf8'),
    );
    if (typeof wave === 'number' && typeof installationRef === 'string') {
      return { wave, installationRef };
    }
  } catch {
    // reported below
  }
  throw new InputError(`cursor "${cursor}" is not a cursor this API returned`);
}

/**
 * Starts, reads and controls rollouts. The engine does the deploying; this
 * service checks what users ask for and records it.
 */
export class RolloutService {
  static create(options: {
    store: RolloutStore;
    catalog: CatalogService;
    getRelease(id: string): Promise<Release>;
    events: RolloutServiceEvents;
    clock?: Clock;
  }) {
    return new RolloutService(
      options.store,
      options.catalog,
      options.getRelease,
      options.events,
      options.clock ?? { now: () => Date.now() },
    );
  }

  private constructor(
    private readonly store: RolloutStore,
    private readonly catalog: CatalogService,
    private readonly getRelease: (id: string) => Promise<Release>,
    private readonly events: RolloutServiceEvents,
    private readonly clock: Clock,
  ) {}

  /**
   * Checks a rollout request as starting it would (404, 409 for a release
   * not Ready for release or an application without workload labels, 400
   * for the request) and plans it, storing nothing.
   */
  async prepare(
    releaseId: string,
    request: RolloutRequest,
    credentials: BackstageCredentials,
  ): Promise<PreparedRollout> {
    const release = await this.getRelease(releaseId);
    if (release.status !== 'ready' || !release.locked) {
      throw new ConflictError(
        `Release ${release.version} is not Ready for release (it is ${
          release.status
        }${
          release.locked ? '' : ', unlocked'
        }): only a locked release that is Ready for release can be rolled out`,
      );
    }
    const { items } = await this.catalog.getEntities(
      { filter: { kind: ['Installation', 'Tenant'] } },
      { credentials },
    );
    const installations = items.filter(isInstallationEntity);
    const tenants = items.filter(isTenantEntity);
    const plan = planRollout(request, installations, tenants);
    const stages = await this.snapshotStages(release, credentials);
    return { release, plan, stages, tenants };
  }

  async createRollout(
    releaseId: string,
    request: RolloutRequest,
    actor: Actor,
    authorize: TargetAuthorizer,
  ): Promise<Rollout> {
    const { release, plan, stages, tenants } = await this.prepare(
      releaseId,
      request,
      actor.credentials,
    );
    const denied = await authorize(plan.targets);
    if (denied.length > 0) {
      throw new NotAllowedError(
        `You may not roll out to ${
          denied.length === 1 ? 'installation' : 'installations'
        } ${denied.join(', ')}`,
      );
    }
    const now = this.clock.now();
    const notBefore =
      request.notBefore !== undefined
        ? Date.parse(request.notBefore)
        : undefined;
    const threshold = request.failureThreshold;
    let failureLimit: number | undefined;
    if (threshold) {
      failureLimit =
        'count' in threshold
          ? threshold.count
          : Math.max(
              1,
              Math.ceil((threshold.percent / 100) * plan.targets.length),
            );
    }
    const contactsOf = new Map(
      tenants.map(t => [stringifyEntityRef(t), t.spec.contacts ?? []] as const),
    );
    const record = {
      id: randomUUID(),
      releaseId: release.id,
      track: release.track,
      version: release.version,
      status: 'running' as RolloutStatus,
      request,
      stages,
      waves: plan.waves,
      skipped: plan.skipped,
      maxParallel: request.maxParallel ?? DEFAULT_MAX_PARALLEL,
      ...(failureLimit !== undefined ? { failureLimit } : {}),
      ...(notBefore !== undefined ? { notBefore } : {}),
      respectWindows: request.respectMaintenanceWindows ?? true,
      autoRollback: request.autoRollback ?? false,
      createdBy: actor.ref,
      createdAt: now,
    };
    await this.store.insertRollout(
      record,
      plan.targets.map(t => ({
        ...t,
        contacts: contactsOf.get(t.tenantRef) ?? [],
      })),
    );
    const stored = (await this.store.getRollout(record.id))!;
    this.events.rolloutChanged(stored);
    return this.present(stored);
  }

  /** The release's stages with each application's workload labels. */
  private async snapshotStages(
    release: Release,
    credentials: BackstageCredentials,
  ): Promise<StageSnapshot[]> {
    const refs = release.requirements.stages.flatMap(s =>
      s.apps.map(a => a.entityRef),
    );
    const { items } = await this.catalog.getEntitiesByRefs(
      { entityRefs: refs },
      { credentials },
    );
    const byRef = new Map<string, Entity>();
    items.forEach((entity, index) => {
      if (entity) byRef.set(refs[index], entity);
    });
    const problems: string[] = [];
    const stages = release.requirements.stages.map(stage => ({
      ...(stage.name ? { name: stage.name } : {}),
      apps: stage.apps.map(app => {
        const annotations = byRef.get(app.entityRef)?.metadata.annotations;
        const kubernetesId = annotations?.[KUBERNETES_ID];
        const labelSelector = annotations?.[KUBERNETES_LABEL_SELECTOR];
        if (!byRef.has(app.entityRef)) {
          problems.push(`${app.entityRef} is not in the catalog`);
        } else if (!kubernetesId && !labelSelector) {
          problems.push(
            `${app.entityRef} has neither a ${KUBERNETES_ID} nor a ${KUBERNETES_LABEL_SELECTOR} annotation, so its workloads cannot be found`,
          );
        }
        return {
          entityRef: app.entityRef,
          image: app.image!,
          kubernetesId: kubernetesId ?? '',
          ...(labelSelector ? { labelSelector } : {}),
        };
      }),
    }));
    if (problems.length > 0) {
      throw new ConflictError(
        `Release ${release.version} cannot be rolled out: ${problems.join(
          '; ',
        )}`,
      );
    }
    return stages;
  }

  private async position(rollout: RolloutRecord): Promise<RolloutPosition> {
    return rolloutPosition(rollout, await this.store.waveStats(rollout.id));
  }

  private async present(rollout: RolloutRecord): Promise<Rollout> {
    const { counts, currentWave } = await this.position(rollout);
    const full = Object.fromEntries(
      TARGET_STATES.map(s => [s, counts[s] ?? 0]),
    ) as Rollout['counts'];
    return toRollout(rollout, full, rollout.settled ? undefined : currentWave);
  }

  private async load(id: string): Promise<RolloutRecord> {
    const rollout = await this.store.getRollout(id);
    if (!rollout) throw new NotFoundError(`No rollout ${id}`);
    return rollout;
  }

  async getRollout(id: string): Promise<Rollout> {
    return this.present(await this.load(id));
  }

  async getRolloutRecord(id: string): Promise<RolloutRecord> {
    return this.load(id);
  }

  async listRollouts(releaseId: string): Promise<Rollout[]> {
    await this.getRelease(releaseId); // 404 for an unknown release
    const rollouts = await this.store.listRolloutsForRelease(releaseId);
    return Promise.all(rollouts.map(r => this.present(r)));
  }

  async listTargets(
    id: string,
    query: {
      states?: TargetState[];
      tenant?: string;
      tiers?: InstallationTier[];
      cursor?: string;
      limit?: number;
    },
  ): Promise<TargetPage> {
    const rollout = await this.load(id);
    const limit = query.limit ?? 100;
    const records = await this.store.listTargets(id, {
      states: query.states,
      tenantRef: query.tenant
        ? stringifyEntityRef({
            kind: 'Tenant',
            namespace: 'default',
            ...parseTenant(query.tenant),
          })
        : undefined,
      tiers: query.tiers,
      after: query.cursor ? decodeCursor(query.cursor) : undefined,
      limit: limit + 1,
    });
    const position = await this.position(rollout);
    const page = records.slice(0, limit);
    return {
      items: page.map(t =>
        toRolloutTarget(t, this.describe(rollout, position, t)),
      ),
      ...(records.length > limit
        ? { nextCursor: encodeCursor(page[page.length - 1]) }
        : {}),
    };
  }

  /**
   * The API shape of some targets of a rollout, each saying what it waits
   * for or does; the rollout's position is read only when one needs it.
   */
  async presentTargets(
    rollout: RolloutRecord,
    targets: TargetRecord[],
  ): Promise<RolloutTarget[]> {
    const active = targets.some(
      t => t.state === 'pending' || t.state === 'ongoing',
    );
    const position = active ? await this.position(rollout) : undefined;
    return targets.map(t =>
      toRolloutTarget(
        t,
        position ? this.describe(rollout, position, t) : t.detail,
      ),
    );
  }

  /** What a target waits for or does, in words. */
  private describe(
    rollout: RolloutRecord,
    position: RolloutPosition,
    target: TargetRecord,
  ): string | undefined {
    if (target.state !== 'pending' && target.state !== 'ongoing') {
      return target.detail;
    }
    if (rollout.held) return 'Release on hold: no new step starts';
    if (rollout.status === 'paused') return 'Paused';
    if (rollout.status === 'halted') {
      return `Halted: the failure threshold (${rollout.failureLimit}) was reached`;
    }
    if (target.state === 'ongoing') return target.detail;
    const now = this.clock.now();
    if (
      position.currentWave !== undefined &&
      target.wave > position.currentWave
    ) {
      return `Waiting for wave ${target.wave} (${
        rollout.waves[target.wave - 1]?.name
      }) to finish`;
    }
    if (position.holdUntil !== undefined && now < position.holdUntil) {
      return rollout.notBefore !== undefined && now < rollout.notBefore
        ? `Waiting until ${new Date(
            rollout.notBefore,
          ).toISOString()} (notBefore)`
        : `Baking the previous wave until ${new Date(
            position.holdUntil,
          ).toISOString()}`;
    }
    if (target.dueAt > now && target.detail) return target.detail;
    return `Queued: ${rollout.maxParallel} installations at a time`;
  }

  async pause(id: string): Promise<Rollout> {
    return this.transition(id, ['running'], 'paused', 'paused');
  }

  async resume(id: string): Promise<Rollout> {
    const rollout = await this.load(id);
    if (rollout.status === 'halted') {
      const { counts } = await this.position(rollout);
      const failures = counts.failed + counts['rolled-back'];
      if (
        rollout.failureLimit !== undefined &&
        failures >= rollout.failureLimit
      ) {
        throw new ConflictError(
          `Rollout ${id} halted with ${failures} failed installations (threshold ${rollout.failureLimit}): retry or cancel failed installations before resuming`,
        );
      }
    }
    return this.transition(id, ['paused', 'halted'], 'running', 'resumed');
  }

  async cancel(id: string): Promise<Rollout> {
    const result = await this.transition(
      id,
      ['running', 'paused', 'halted'],
      'cancelled',
      'cancelled',
    );
    await this.store.cancelIdleTargets(id, this.clock.now());
    return this.getRollout(result.id);
  }

  private async transition(
    id: string,
    from: RolloutStatus[],
    to: RolloutStatus,
    verb: string,
  ): Promise<Rollout> {
    const rollout = await this.load(id);
    if (rollout.status === to) return this.present(rollout);
    const changed = await this.store.transitionRollout(
      id,
      from,
      to,
      this.clock.now(),
      { finished: to === 'cancelled' },
    );
    if (!changed) {
      const current = await this.load(id);
      throw new ConflictError(
        `Rollout ${id} cannot be ${verb}: it is ${current.status}`,
      );
    }
    const updated = await this.load(id);
    this.events.rolloutChanged(updated);
    return this.present(updated);
  }

  async retry(id: string, installation: string): Promise<RolloutTarget> {
    const rollout = await this.load(id);
    const ref = stringifyEntityRef({
      kind: 'Installation',
      namespace: 'default',
      ...parseTenant(installation),
    });
    const target = await this.store.getTarget(id, ref);
    if (!target) {
      throw new NotFoundError(
        `Installation ${ref} is not a target of rollout ${id}`,
      );
    }
    if (rollout.status === 'cancelled') {
      throw new ConflictError(
        `Rollout ${id} was cancelled: start a new rollout instead`,
      );
    }
    if (!(await this.store.requeue(id, ref, this.clock.now()))) {
      throw new ConflictError(
        `Installation ${ref} is ${target.state}: only a failed, rolled-back or cancelled installation can be retried`,
      );
    }
    await this.store.reopen(id, this.clock.now());
    const updated = await this.load(id);
    this.events.rolloutChanged(updated);
    const [fresh] = [(await this.store.getTarget(id, ref))!];
    return toRolloutTarget(fresh, 'Retry requested');
  }

  /** Follows a release's status: on hold holds, rescinded cancels. */
  async onReleaseStatus(releaseId: string, status: ReleaseStatus) {
    const now = this.clock.now();
    if (status === 'rescinded') {
      for (const rollout of await this.store.listRolloutsForRelease(
        releaseId,
      )) {
        if (rollout.settled || rollout.status === 'cancelled') continue;
        await this.store.transitionRollout(
          rollout.id,
          ['running', 'paused', 'halted'],
          'cancelled',
          now,
          { finished: true },
        );
        await this.store.cancelIdleTargets(rollout.id, now);
        this.events.rolloutChanged((await this.store.getRollout(rollout.id))!);
      }
      return;
    }
    await this.store.setHeld(releaseId, status === 'on-hold', now);
    for (const rollout of await this.store.listRolloutsForRelease(releaseId)) {
      if (!rollout.settled) this.events.rolloutChanged(rollout);
    }
  }
}

/** Accepts `name`, `namespace/name` or a full ref; kind is the caller's. */
function parseTenant(value: string): { namespace?: string; name: string } {
  const withoutKind = value.includes(':')
    ? value.slice(value.indexOf(':') + 1)
    : value;
  const [first, second] = withoutKind.split('/');
  return second !== undefined
    ? { namespace: first, name: second }
    : { name: first };
}
