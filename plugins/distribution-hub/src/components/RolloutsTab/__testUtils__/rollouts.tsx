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
import { Entity } from '@backstage/catalog-model';
import {
  CatalogApi,
  catalogApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  AuthorizeResult,
  EvaluatePermissionRequest,
} from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { SignalApi, signalApiRef } from '@backstage/plugin-signals-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import {
  DistributionHubApi,
  InstallationEntityV1alpha1,
  InstallationTier,
  Rollout,
  ROLLOUT_SIGNAL_CHANNEL,
  RolloutPreview,
  RolloutRequest,
  RolloutSignal,
  RolloutTarget,
  RolloutTargetDetail,
  TargetCounts,
  TargetSelector,
  TargetState,
} from '@sdh/plugin-distribution-hub-common';
import { act, configure } from '@testing-library/react';
import { ReactElement } from 'react';
import { distributionHubApiRef } from '../../../api';
import { rootRouteRef } from '../../../routes';
import { allEntities } from '../../../testUtils/entities';

export {
  lockedRelease,
  makeRelease,
  responseError,
} from '../../ReleasePage/__testUtils__/releases';

// Loads finish later on a busy machine; wait for them longer than the
// default second before calling a test failed.
configure({ asyncUtilTimeout: 5000 });

/*
 * Test doubles for the rollout views: rollouts and targets, a fake hub API
 * that pages, filters and previews like the backend, a signal API a test
 * can publish on, and a renderer with a catalog and a permission policy.
 */

/** One more installation, of the second tenant (initech, no ring). */
export const initechQa: InstallationEntityV1alpha1 = {
  apiVersion: 'distribution-hub.io/v1alpha1',
  kind: 'Installation',
  metadata: { name: 'initech-qa', namespace: 'default', title: 'Initech QA' },
  spec: {
    tenant: 'initech',
    owner: 'group:customer-success',
    tier: 'qa',
    environments: [{ cluster: 'demo-us', namespace: 'initech-qa' }],
  },
};

/** The catalog of the rollout tests. */
export const rolloutEntities: Entity[] = [...allEntities, initechQa];

/** An installation as the fake backend knows it. */
export interface FleetInstallation {
  installationRef: string;
  tenantRef: string;
  tier: InstallationTier;
  ring?: string;
}

/** The installations of the catalog above. */
export const FLEET: FleetInstallation[] = [
  {
    installationRef: 'installation:default/flareup-dev',
    tenantRef: 'tenant:default/flareup',
    tier: 'development',
    ring: 'canary',
  },
  {
    installationRef: 'installation:default/flareup-prod',
    tenantRef: 'tenant:default/flareup',
    tier: 'production',
    ring: 'canary',
  },
  {
    installationRef: 'installation:default/flareup-qa',
    tenantRef: 'tenant:default/flareup',
    tier: 'qa',
    ring: 'canary',
  },
  {
    installationRef: 'installation:default/initech-qa',
    tenantRef: 'tenant:default/initech',
    tier: 'qa',
  },
];

const T0 = '2026-11-20T10:00:00.000Z';

export function makeTarget(
  installation: FleetInstallation,
  overrides: Partial<RolloutTarget> = {},
): RolloutTarget {
  return {
    installationRef: installation.installationRef,
    tenantRef: installation.tenantRef,
    tier: installation.tier,
    ...(installation.ring ? { ring: installation.ring } : {}),
    wave: 0,
    state: 'pending',
    updatedAt: T0,
    ...overrides,
  };
}

/** Counts of the given targets per state. */
export function countTargets(targets: RolloutTarget[]): TargetCounts {
  const counts: TargetCounts = {
    pending: 0,
    ongoing: 0,
    completed: 0,
    failed: 0,
    cancelled: 0,
    'rolled-back': 0,
  };
  for (const target of targets) {
    counts[target.state] += 1;
  }
  return counts;
}

export function makeRollout(
  targets: RolloutTarget[],
  overrides: Partial<Rollout> = {},
): Rollout {
  return {
    id: 'ro-1',
    releaseId: 'rel-140',
    track: 'payments',
    version: '1.4.0',
    status: 'running',
    request: { targets: {}, maxParallel: 10, autoRollback: false },
    waves: [
      { name: 'All installations', bakeMinutes: 0, size: targets.length },
    ],
    skipped: [],
    currentWave: 0,
    counts: countTargets(targets),
    total: targets.length,
    createdBy: 'user:default/jane.doe',
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

/**
 * The live rollout of the tests: flareup-dev completed, flareup-prod
 * ongoing at stage 2, flareup-qa failed at stage 1, initech-qa pending.
 */
export function liveTargets(): RolloutTarget[] {
  const [dev, prod, qa, initech] = FLEET;
  return [
    makeTarget(dev, {
      state: 'completed',
      startedAt: T0,
      finishedAt: T0,
    }),
    makeTarget(prod, {
      state: 'ongoing',
      stage: 1,
      detail: 'Deploying Frontend (stage 2 of 2): web',
      startedAt: T0,
    }),
    makeTarget(qa, {
      state: 'failed',
      stage: 0,
      startedAt: T0,
      finishedAt: T0,
      failure: {
        stage: 0,
        stageName: 'Backend',
        application: 'component:default/orders-api',
        environment: { cluster: 'demo-eu', namespace: 'flareup-qa' },
        reason:
          'ProgressDeadlineExceeded: ReplicaSet has timed out progressing',
      },
    }),
    makeTarget(initech, {
      state: 'pending',
      detail: 'Waiting for a free slot',
    }),
  ];
}

function matches(selector: TargetSelector, i: FleetInstallation): boolean {
  const any =
    (selector.installations?.length ?? 0) +
    (selector.tenants?.length ?? 0) +
    (selector.tiers?.length ?? 0) +
    (selector.rings?.length ?? 0);
  if (any === 0) {
    return true;
  }
  return Boolean(
    selector.installations?.includes(i.installationRef) ||
      selector.tenants?.includes(i.tenantRef) ||
      selector.tiers?.includes(i.tier) ||
      (i.ring && selector.rings?.includes(i.ring)),
  );
}

/** What the fake backend previews for a request over FLEET. */
export function previewFor(
  request: RolloutRequest,
  page: { offset?: number; limit?: number } = {},
  fleet: FleetInstallation[] = FLEET,
): RolloutPreview {
  const selected = fleet.filter(i => matches(request.targets, i));
  const waves = request.waves ?? [];
  const waveOf = (i: FleetInstallation) => {
    const index = waves.findIndex(w => matches(w.select, i));
    return index < 0 ? waves.length : index;
  };
  const planWaves = [
    ...waves.map((w, index) => ({
      name: w.name ?? `Wave ${index + 1}`,
      bakeMinutes: w.bakeMinutes ?? 0,
      size: selected.filter(i => waveOf(i) === index).length,
    })),
    {
      name: waves.length > 0 ? 'Everyone else' : 'All installations',
      bakeMinutes: 0,
      size: selected.filter(i => waveOf(i) === waves.length).length,
    },
  ].filter(w => w.size > 0);
  const byTenant: Record<string, number> = {};
  const byTier: Record<string, number> = {};
  for (const i of selected) {
    byTenant[i.tenantRef] = (byTenant[i.tenantRef] ?? 0) + 1;
    byTier[i.tier] = (byTier[i.tier] ?? 0) + 1;
  }
  const offset = page.offset ?? 0;
  const limit = page.limit ?? 50;
  return {
    total: selected.length,
    waves: planWaves,
    skipped: [],
    byTenant,
    byTier,
    offset,
    targets: selected.slice(offset, offset + limit).map(i => ({
      installationRef: i.installationRef,
      tenantRef: i.tenantRef,
      tier: i.tier,
      ...(i.ring ? { ring: i.ring } : {}),
      wave: waveOf(i),
      changes: [
        {
          entityRef: 'component:default/orders-api',
          environment: {
            cluster: 'demo-eu',
            namespace: i.installationRef.split('/')[1],
          },
          current: ['registry.example.com/orders-api:1.3.0'],
          next: 'registry.example.com/orders-api:1.4.0',
          drift: false,
        },
      ],
    })),
  };
}

export type FakeRolloutApi = jest.Mocked<
  Pick<
    DistributionHubApi,
    | 'listRollouts'
    | 'getRollout'
    | 'listRolloutTargets'
    | 'getRolloutTarget'
    | 'startRollout'
    | 'previewRollout'
    | 'pauseRollout'
    | 'resumeRollout'
    | 'cancelRollout'
    | 'retryTarget'
  >
> & {
  /** The targets of the rollout, which a test may change. */
  targets: RolloutTarget[];
  rollouts: Rollout[];
};

/**
 * A hub API with one rollout (or the given ones) over the given targets:
 * targets filtered and paged with a cursor like the backend, counts
 * computed from the targets at each read, controls that change the status,
 * retry that queues the target again, and previews computed over FLEET.
 */
export function fakeRolloutApi(
  options: {
    targets?: RolloutTarget[];
    rollouts?: Rollout[];
  } = {},
): FakeRolloutApi {
  const state = {
    targets: options.targets ?? liveTargets(),
    rollouts: [] as Rollout[],
  };
  state.rollouts = options.rollouts ?? [makeRollout(state.targets)];
  // The rollout whose counts follow the targets, as the server's do.
  const liveId = state.rollouts[0]?.id;
  const current = (id: string): Rollout => {
    const rollout = state.rollouts.find(r => r.id === id);
    if (!rollout) {
      throw new Error(`No rollout ${id}`);
    }
    return rollout.id === liveId
      ? {
          ...rollout,
          counts: countTargets(state.targets),
          total: state.targets.length,
        }
      : rollout;
  };
  const setStatus = (id: string, status: Rollout['status']) => {
    state.rollouts = state.rollouts.map(r =>
      r.id === id ? { ...r, status } : r,
    );
    return current(id);
  };
  const api = {
    get targets() {
      return state.targets;
    },
    set targets(value: RolloutTarget[]) {
      state.targets = value;
    },
    get rollouts() {
      return state.rollouts;
    },
    set rollouts(value: Rollout[]) {
      state.rollouts = value;
    },
    listRollouts: jest.fn(async (_releaseId: string) =>
      state.rollouts.map(r => current(r.id)),
    ),
    getRollout: jest.fn(async (id: string) => current(id)),
    listRolloutTargets: jest.fn(async (_id: string, query = {}) => {
      const list = state.targets.filter(
        t =>
          (!query.states || query.states.includes(t.state)) &&
          (!query.tenant || t.tenantRef === query.tenant) &&
          (!query.tiers || query.tiers.includes(t.tier)),
      );
      const start = query.cursor ? Number(query.cursor) : 0;
      const limit = query.limit ?? 100;
      const items = list.slice(start, start + limit);
      return {
        items,
        ...(start + limit < list.length
          ? { nextCursor: String(start + limit) }
          : {}),
      };
    }),
    getRolloutTarget: jest.fn(
      async (
        _id: string,
        installation: string,
      ): Promise<RolloutTargetDetail> => {
        const target = state.targets.find(
          t => t.installationRef === installation,
        )!;
        const namespace = installation.split('/')[1];
        const environment = { cluster: 'demo-eu', namespace };
        return {
          ...target,
          environments: [environment],
          deployments: [
            {
              stage: 0,
              entityRef: 'component:default/orders-api',
              environment,
              image: 'registry.example.com/orders-api:1.4.0',
              before: ['registry.example.com/orders-api:1.3.0'],
              state: target.state === 'failed' ? 'failed' : 'healthy',
              ...(target.failure ? { reason: target.failure.reason } : {}),
              appliedAt: T0,
              ...(target.state === 'failed' ? {} : { healthyAt: T0 }),
            },
          ],
        };
      },
    ),
    startRollout: jest.fn(
      async (releaseId: string, request: RolloutRequest) => {
        const rollout = makeRollout([], {
          id: 'ro-new',
          releaseId,
          request,
          counts: countTargets([]),
          total: previewFor(request).total,
        });
        state.rollouts = [rollout, ...state.rollouts];
        return rollout;
      },
    ),
    previewRollout: jest.fn(
      async (_releaseId: string, request: RolloutRequest, page = {}) =>
        previewFor(request, page),
    ),
    pauseRollout: jest.fn(async (id: string) => setStatus(id, 'paused')),
    resumeRollout: jest.fn(async (id: string) => setStatus(id, 'running')),
    cancelRollout: jest.fn(async (id: string) => setStatus(id, 'cancelled')),
    retryTarget: jest.fn(async (_id: string, installation: string) => {
      state.targets = state.targets.map(t =>
        t.installationRef === installation
          ? { ...t, state: 'pending' as TargetState, failure: undefined }
          : t,
      );
      return state.targets.find(t => t.installationRef === installation)!;
    }),
  };
  return api as FakeRolloutApi;
}

/** A signal API whose messages a test publishes. */
export class TestSignalApi implements SignalApi {
  private readonly subscribers = new Map<string, Set<(message: any) => void>>();

  subscribe(channel: string, onMessage: (message: any) => void) {
    const set = this.subscribers.get(channel) ?? new Set();
    set.add(onMessage);
    this.subscribers.set(channel, set);
    return { unsubscribe: () => set.delete(onMessage) };
  }

  /** Delivers a rollout signal to every subscriber, as the backend would. */
  publish(signal: RolloutSignal) {
    act(() => {
      for (const onMessage of this.subscribers.get(ROLLOUT_SIGNAL_CHANNEL) ??
        []) {
        onMessage({ ...signal });
      }
    });
  }

  subscriberCount(channel = ROLLOUT_SIGNAL_CHANNEL) {
    return this.subscribers.get(channel)?.size ?? 0;
  }
}

export type PermissionPolicy =
  | 'allow'
  | 'deny'
  | ((request: EvaluatePermissionRequest) => AuthorizeResult);

/**
 * Renders a rollout view with the hub's API, the catalog of the tests, a
 * signal API and a permission policy, with the hub and the catalog's
 * entity pages mounted.
 */
export function renderRollouts(
  element: ReactElement,
  options: {
    api: Partial<DistributionHubApi>;
    signals?: TestSignalApi;
    catalogApi?: Partial<CatalogApi>;
    permission?: PermissionPolicy;
    routeEntries?: string[];
  },
) {
  const {
    api,
    signals = new TestSignalApi(),
    catalogApi = catalogApiMock({ entities: rolloutEntities }),
    permission = 'allow',
    routeEntries,
  } = options;
  let authorize: Parameters<typeof mockApis.permission>[0] = {};
  if (permission === 'deny') {
    authorize = { authorize: AuthorizeResult.DENY };
  } else if (typeof permission === 'function') {
    authorize = {
      authorize: request =>
        permission(request) === AuthorizeResult.ALLOW
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
    };
  }
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [distributionHubApiRef, api],
        [catalogApiRef, catalogApi],
        [permissionApiRef, mockApis.permission(authorize)],
        [signalApiRef, signals],
      ]}
    >
      {element}
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/release-hub': rootRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
      routeEntries,
    },
  );
}
