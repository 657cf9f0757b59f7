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

import { act } from '@testing-library/react';
import { SignalApi } from '@backstage/plugin-signals-react';
import {
  DistributionHubApi,
  ROLLOUT_SIGNAL_CHANNEL,
  RolloutSignal,
  FleetInstallation,
  FleetView,
  InstallationRollout,
  InstallationState,
  RolloutTarget,
} from '@sdh/plugin-distribution-hub-common';

/*
 * What the hub deployed where, for the views of installations, tenants and
 * the fleet: the installation state of flareup-prod (one cluster read, one
 * not), its rollouts, a fleet over the shared entities, and a fake API that
 * answers from them.
 */

const HOUR = 3600 * 1000;

/** An ISO time some hours before now. */
export function hoursAgo(hours: number): string {
  return new Date(Date.now() - hours * HOUR).toISOString();
}

export const PAYMENTS = 'component:default/payments';
export const WEB = 'component:default/web';

const EU = { cluster: 'demo-eu', namespace: 'flareup-prod' };
const US = { cluster: 'demo-us', namespace: 'flareup-prod-us' };

/**
 * flareup-prod runs core 2.0.0. On demo-eu payments is as released and web
 * drifted to a debug image; demo-us cannot be reached.
 */
export function flareupProdState(): InstallationState {
  const intended = (app: string) => ({
    image: `registry.example.com/${app}:2.0.0`,
    releaseId: 'r-200',
    version: '2.0.0',
    at: hoursAgo(30),
  });
  const unreachable =
    'connect ECONNREFUSED 127.0.0.1:6444 (the cluster demo-us did not answer)';
  return {
    installationRef: 'installation:default/flareup-prod',
    drift: true,
    applications: [
      {
        entityRef: PAYMENTS,
        environment: EU,
        intended: intended('payments'),
        live: [
          {
            kind: 'Deployment',
            name: 'payments',
            container: 'payments',
            image: 'registry.example.com/payments:2.0.0',
          },
        ],
        drift: false,
      },
      {
        entityRef: PAYMENTS,
        environment: US,
        intended: intended('payments'),
        liveError: unreachable,
        drift: false,
      },
      {
        entityRef: WEB,
        environment: EU,
        intended: intended('web'),
        live: [
          {
            kind: 'Deployment',
            name: 'web',
            container: 'web',
            image: 'registry.example.com/web:2.0.0-debug',
          },
        ],
        drift: true,
      },
      {
        entityRef: WEB,
        environment: US,
        intended: intended('web'),
        liveError: unreachable,
        drift: false,
      },
    ],
  };
}

function target(overrides: Partial<RolloutTarget>): RolloutTarget {
  return {
    installationRef: 'installation:default/flareup-prod',
    tenantRef: 'tenant:default/flareup',
    tier: 'production',
    ring: 'canary',
    wave: 0,
    state: 'completed',
    updatedAt: hoursAgo(1),
    ...overrides,
  };
}

/**
 * flareup-prod's rollouts, newest first: 2.1.0 failed on payments, 2.0.0
 * and 1.4.0 completed.
 */
export function flareupProdRollouts(): InstallationRollout[] {
  return [
    {
      rolloutId: 'ro-3',
      releaseId: 'r-210',
      track: 'core',
      version: '2.1.0',
      rolloutCreatedAt: hoursAgo(3),
      target: target({
        state: 'failed',
        startedAt: hoursAgo(2.5),
        finishedAt: hoursAgo(2),
        failure: {
          stage: 0,
          stageName: 'Backend',
          application: PAYMENTS,
          environment: EU,
          reason: 'ProgressDeadlineExceeded: image cannot start',
        },
      }),
    },
    {
      rolloutId: 'ro-2',
      releaseId: 'r-200',
      track: 'core',
      version: '2.0.0',
      rolloutCreatedAt: hoursAgo(31),
      target: target({ startedAt: hoursAgo(31), finishedAt: hoursAgo(30) }),
    },
    {
      rolloutId: 'ro-1',
      releaseId: 'r-140',
      track: 'core',
      version: '1.4.0',
      rolloutCreatedAt: hoursAgo(24 * 40),
      target: target({
        startedAt: hoursAgo(24 * 40),
        finishedAt: hoursAgo(24 * 40 - 1),
      }),
    },
  ];
}

function fleetInstallation(
  name: string,
  tenant: string,
  tier: FleetInstallation['tier'],
  release: { id: string; version: string } | undefined,
  releasesBehind: number,
  lastRollout?: Partial<NonNullable<FleetInstallation['lastRollout']>>,
): FleetInstallation {
  return {
    installationRef: `installation:default/${name}`,
    tenantRef: `tenant:default/${tenant}`,
    tier,
    ...(release ? { release: { ...release, track: 'core' } } : {}),
    releasesBehind,
    ...(release || lastRollout
      ? {
          lastRollout: {
            rolloutId: `ro-${release?.version ?? 'x'}`,
            releaseId: release?.id ?? 'r-210',
            version: release?.version ?? '2.1.0',
            state: 'completed',
            at: hoursAgo(5),
            ...lastRollout,
          },
        }
      : {}),
    applications: release
      ? {
          [PAYMENTS]: {
            image: `registry.example.com/payments:${release.version}`,
            releaseId: release.id,
            version: release.version,
          },
          [WEB]: {
            image: `registry.example.com/web:${release.version}`,
            releaseId: release.id,
            version: release.version,
          },
        }
      : {},
  };
}

const R210 = { id: 'r-210', version: '2.1.0' };
const R200 = { id: 'r-200', version: '2.0.0' };
const R140 = { id: 'r-140', version: '1.4.0' };

/**
 * Five installations of two tenants on core 2.1.0, 2.0.0 and 1.4.0, and
 * one without any release; 2.1.0 failed on flareup-prod.
 */
export function fleetView(): FleetView {
  const installations = [
    fleetInstallation('flareup-dev', 'flareup', 'development', R210, 0),
    fleetInstallation('flareup-qa', 'flareup', 'qa', R210, 0),
    fleetInstallation('flareup-prod', 'flareup', 'production', R200, 1, {
      rolloutId: 'ro-3',
      releaseId: 'r-210',
      version: '2.1.0',
      state: 'failed',
      at: hoursAgo(2),
    }),
    fleetInstallation('initech-qa', 'initech', 'qa', R200, 1),
    fleetInstallation('initech-prod', 'initech', 'production', R140, 2),
    fleetInstallation('initech-dev', 'initech', 'development', undefined, 0),
  ];
  // initech-prod still runs web from 1.4.0 but payments from 2.0.0.
  installations[4].applications[PAYMENTS] = {
    image: 'registry.example.com/payments:2.0.0',
    releaseId: 'r-200',
    version: '2.0.0',
  };
  return {
    applications: [PAYMENTS, WEB],
    releases: [
      { ...R210, track: 'core', installations: 2 },
      { ...R200, track: 'core', installations: 2 },
      { ...R140, track: 'core', installations: 1 },
    ],
    installations,
    progress: [
      {
        releaseId: 'r-210',
        version: '2.1.0',
        points: [
          { time: hoursAgo(6), installations: 1 },
          { time: hoursAgo(5), installations: 2 },
        ],
      },
      {
        releaseId: 'r-200',
        version: '2.0.0',
        points: [
          { time: hoursAgo(40), installations: 1 },
          { time: hoursAgo(35), installations: 3 },
          { time: hoursAgo(30), installations: 4 },
        ],
      },
    ],
  };
}

/** Narrows a fleet the way GET /fleet?tenant=&tier=&track= does. */
export function filterFleet(
  fleet: FleetView,
  query: { tenant?: string; tier?: string; track?: string } = {},
): FleetView {
  const installations = fleet.installations.filter(
    i =>
      (!query.tenant ||
        i.tenantRef === query.tenant ||
        i.tenantRef === `tenant:default/${query.tenant}`) &&
      (!query.tier || i.tier === query.tier) &&
      (!query.track || i.release?.track === query.track),
  );
  const releases = fleet.releases
    .filter(r => !query.track || r.track === query.track)
    .map(r => ({
      ...r,
      installations: installations.filter(i => i.release?.id === r.id).length,
    }))
    .filter(r => r.installations > 0);
  return {
    ...fleet,
    releases,
    installations,
    progress: fleet.progress.filter(p =>
      releases.some(r => r.id === p.releaseId),
    ),
  };
}

export type FakeDeploymentsApi = jest.Mocked<
  Pick<
    DistributionHubApi,
    'getInstallationState' | 'listInstallationRollouts' | 'getFleet'
  >
>;

/** A fake hub API answering from the fixtures above, or the given ones. */
export function fakeDeploymentsApi(
  options: {
    state?: InstallationState;
    rollouts?: InstallationRollout[];
    fleet?: FleetView;
  } = {},
): FakeDeploymentsApi {
  const fleet = options.fleet ?? fleetView();
  return {
    getInstallationState: jest.fn(
      async (_installation: string) => options.state ?? flareupProdState(),
    ),
    listInstallationRollouts: jest.fn(
      async (_installation: string) =>
        options.rollouts ?? flareupProdRollouts(),
    ),
    getFleet: jest.fn(
      async (query?: Parameters<DistributionHubApi['getFleet']>[0]) =>
        filterFleet(fleet, query ?? {}),
    ),
  };
}

/**
 * A signals API the test publishes rollout signals on, as the backend
 * would; pass `api` for signalApiRef.
 */
export function fakeRolloutSignals() {
  const listeners = new Set<(message: RolloutSignal) => void>();
  const api: SignalApi = {
    subscribe(channel, onMessage) {
      const listener = onMessage as unknown as (message: RolloutSignal) => void;
      if (channel === ROLLOUT_SIGNAL_CHANNEL) {
        listeners.add(listener);
      }
      return { unsubscribe: () => listeners.delete(listener) };
    },
  };
  return {
    api,
    publish(signal: RolloutSignal) {
      act(() => listeners.forEach(listener => listener(signal)));
    },
  };
}
