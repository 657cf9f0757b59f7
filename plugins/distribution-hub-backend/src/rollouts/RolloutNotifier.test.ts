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
import { mockServices } from '@backstage/backend-test-utils';
import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { SignalPayload } from '@backstage/plugin-signals-node';
import { Release, TargetCounts } from '@sdh/plugin-distribution-hub-common';
import { RolloutNotifier } from './RolloutNotifier';
import { emptyCounts, RolloutRecord, TargetRecord } from './rolloutRows';

const rollout = (overrides: Partial<RolloutRecord> = {}): RolloutRecord => ({
  id: 'r1',
  releaseId: 'rel1',
  track: 'shop',
  version: '2.0.0',
  status: 'running',
  held: false,
  settled: false,
  request: { targets: {} },
  stages: [{ name: 'Back ends', apps: [] }],
  waves: [],
  skipped: [],
  maxParallel: 10,
  failureLimit: 3,
  respectWindows: true,
  autoRollback: false,
  createdBy: 'user:default/ana',
  createdAt: 0,
  updatedAt: 0,
  ...overrides,
});

const target: TargetRecord = {
  rolloutId: 'r1',
  installationRef: 'installation:default/acme-prod',
  tenantRef: 'tenant:default/acme',
  tier: 'production',
  wave: 0,
  environments: [],
  contacts: ['user:jane', 'group:default/acme-admins', 'service:ci'],
  state: 'failed',
  stage: 0,
  dueAt: 0,
  attempts: 0,
  updatedAt: 0,
};

const counts = (changes: Partial<TargetCounts>): TargetCounts => ({
  ...emptyCounts(),
  ...changes,
});

function setUp(
  options: { release?: Partial<Release>; notificationsFail?: boolean } = {},
) {
  const signals: SignalPayload[] = [];
  const notifications: NotificationSendOptions[] = [];
  const logger = mockServices.logger.mock();
  const notifier = RolloutNotifier.create({
    signals: { publish: async s => void signals.push(s as SignalPayload) },
    notifications: {
      send: async n => {
        if (options.notificationsFail) throw new Error('no notifications');
        notifications.push(n);
      },
    },
    getRelease: async () =>
      ({ createdBy: 'user:default/rita', ...options.release } as Release),
    logger,
    coalesceMs: 250,
  });
  return { notifier, signals, notifications, logger };
}

describe('RolloutNotifier signals', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('merges a burst into one message, then at most one per window', async () => {
    const { notifier, signals } = setUp();
    notifier.targetsChanged(rollout(), ['installation:default/b']);
    notifier.targetsChanged(rollout(), ['installation:default/a']);
    notifier.rolloutChanged(rollout({ status: 'paused' }));
    expect(signals).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(0);
    expect(signals).toEqual([
      {
        recipients: { type: 'broadcast' },
        channel: 'distribution-hub:rollouts',
        message: {
          rolloutId: 'r1',
          releaseId: 'rel1',
          status: 'paused',
          installationRefs: [
            'installation:default/a',
            'installation:default/b',
          ],
        },
      },
    ]);

    for (let i = 0; i < 20; i++) {
      notifier.targetsChanged(rollout(), [`installation:default/t${i}`]);
      await jest.advanceTimersByTimeAsync(10);
    }
    // 200 ms in: still inside the first window.
    expect(signals).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(50);
    expect(signals).toHaveLength(2);
    expect(signals[1].message.installationRefs).toHaveLength(20);
    expect(signals[1].message.status).toBeUndefined();

    // Quiet: nothing more, and the next change goes out at once.
    await jest.advanceTimersByTimeAsync(1000);
    expect(signals).toHaveLength(2);
    notifier.rolloutChanged(rollout({ status: 'running' }));
    await jest.advanceTimersByTimeAsync(0);
    expect(signals[2].message).toEqual({
      rolloutId: 'r1',
      releaseId: 'rel1',
      status: 'running',
    });
  });

  it('keeps rollouts apart and drops the list when too many targets changed', async () => {
    const { notifier, signals } = setUp();
    notifier.targetsChanged(
      rollout(),
      Array.from({ length: 150 }, (_, i) => `installation:default/i${i}`),
    );
    notifier.targetsChanged(rollout({ id: 'r2' }), ['installation:default/x']);
    await jest.advanceTimersByTimeAsync(0);
    expect(signals.map(s => s.message)).toEqual([
      { rolloutId: 'r1', releaseId: 'rel1' },
      {
        rolloutId: 'r2',
        releaseId: 'rel1',
        installationRefs: ['installation:default/x'],
      },
    ]);
  });

  it('sends what is pending on flush', async () => {
    const { notifier, signals } = setUp();
    notifier.rolloutChanged(rollout({ status: 'paused' }));
    await notifier.flush();
    expect(signals).toHaveLength(1);
  });
});

describe('RolloutNotifier notifications', () => {
  it('tells the creators and the tenant contacts about a failed installation', async () => {
    const { notifier, notifications } = setUp();
    notifier.targetFailed(
      rollout(),
      target,
      {
        stage: 0,
        stageName: 'Back ends',
        application: 'component:default/orders-api',
        environment: { cluster: 'eu', namespace: 'acme' },
        reason: 'ProgressDeadlineExceeded',
      },
      true,
    );
    await notifier.flush();
    expect(notifications).toEqual([
      {
        recipients: {
          type: 'entity',
          entityRef: [
            'user:default/rita',
            'user:default/ana',
            'user:default/jane',
            'group:default/acme-admins',
          ],
        },
        payload: {
          title: 'shop 2.0.0 failed on acme-prod',
          description:
            'component:default/orders-api in stage 1 (Back ends) on eu/acme: ProgressDeadlineExceeded. The installation was rolled back.',
          link: '/release-hub/releases/rel1/rollouts',
          severity: 'high',
          topic: 'Rollout of shop 2.0.0',
          scope: 'distribution-hub:rollout:r1:installation:default/acme-prod',
        },
      },
    ]);
  });

  it('notifies each ending once, from the engine or a cancellation', async () => {
    const { notifier, notifications } = setUp();
    notifier.rolloutChanged(
      rollout({ status: 'halted' }),
      counts({ failed: 3, pending: 4, completed: 1 }),
    );
    // The API reports the halted rollout again (e.g. put on hold).
    notifier.rolloutChanged(rollout({ status: 'halted' }));
    notifier.rolloutChanged(rollout({ status: 'running' }));
    notifier.rolloutChanged(
      rollout({ status: 'completed' }),
      counts({ completed: 8 }),
    );
    notifier.rolloutChanged(rollout({ id: 'r2', status: 'cancelled' }));
    notifier.rolloutChanged(rollout({ id: 'r2', status: 'cancelled' }));
    // From the API, only a cancellation ends a rollout.
    notifier.rolloutChanged(rollout({ id: 'r3', status: 'completed' }));
    await notifier.flush();
    expect(
      notifications.map(n => [
        n.payload.title,
        n.payload.description,
        n.payload.severity,
      ]),
    ).toEqual([
      [
        'Rollout of shop 2.0.0 halted',
        '3 installations failed, reaching the failure threshold (3); retry or cancel them, then resume.',
        'high',
      ],
      [
        'Rollout of shop 2.0.0 completed',
        '8 of 8 installations completed.',
        'normal',
      ],
      ['Rollout of shop 2.0.0 was cancelled', undefined, 'low'],
    ]);
    expect(notifications[0].recipients).toEqual({
      type: 'entity',
      entityRef: ['user:default/rita', 'user:default/ana'],
    });
  });

  it('skips service principals and survives a failing notification service', async () => {
    const { notifier, notifications, logger } = setUp({
      release: { createdBy: 'service:ci' },
      notificationsFail: true,
    });
    notifier.rolloutChanged(
      rollout({ status: 'completed', createdBy: 'service:ci' }),
      counts({ completed: 1 }),
    );
    notifier.rolloutChanged(
      rollout({ id: 'r2', status: 'completed' }),
      counts({ completed: 1 }),
    );
    await notifier.flush();
    expect(notifications).toEqual([]);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(/Could not send notification .*no notifications/),
    );
  });
});
