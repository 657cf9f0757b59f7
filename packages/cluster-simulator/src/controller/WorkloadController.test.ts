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
  DAEMONSETS,
  DEPLOYMENTS,
  NAMESPACES,
  PODS,
  ResourceType,
  STATEFULSETS,
} from '../api/resources';
import { ResourceApi } from '../api/ResourceApi';
import { KubeObject } from '../api/types';
import { ObjectStore } from '../store/ObjectStore';
import { waitFor } from '../testing/kubectl';
import { rolloutStatus } from '@sdh/plugin-distribution-hub-node';
import { WorkloadController } from './WorkloadController';
import { BROKEN_IMAGES_ANNOTATION } from './brokenImages';

// Generous limits: the simulated time is short, but the machine may be busy.
jest.setTimeout(60_000);

/** A store, its API and a fast controller, with every status the controller writes recorded. */
function setup(settings = {}) {
  const store = ObjectStore.create();
  const api = ResourceApi.create({ store });
  const controller = WorkloadController.create({
    store,
    settings: {
      timeScale: 20,
      podStartSeconds: 2,
      observeDelaySeconds: 0.2,
      nodeCount: 3,
      ...settings,
    },
  });
  api.create(NAMESPACES, '', { metadata: { name: 'shop' } });
  const history: KubeObject[] = [];
  store.subscribe(event => {
    if (event.resource !== PODS.resource && event.type !== 'DELETED')
      history.push(JSON.parse(event.json));
  });
  const read = (type: ResourceType, name: string) =>
    api.get(type, 'shop', name);
  const pods = () =>
    store
      .list(PODS.resource, 'shop')
      .map(e => JSON.parse(e.json) as KubeObject);
  const messages = (name: string) =>
    history
      .filter(o => o.metadata.name === name)
      .map(o => {
        const s = rolloutStatus(o);
        return s.error ?? s.message;
      })
      .filter((m, i, all) => m !== all[i - 1]);
  const until = (
    type: ResourceType,
    name: string,
    what: string,
    test: (o: KubeObject) => boolean,
  ) =>
    waitFor(
      () => {
        const object = read(type, name);
        return test(object) ? object : undefined;
      },
      { what, timeoutMs: 15_000 },
    );
  return { store, api, controller, history, read, pods, messages, until };
}

function deployment(
  name: string,
  image: string,
  spec: object = {},
): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'app', image }] },
      },
      ...spec,
    },
  };
}

const setImage = (
  api: ResourceApi,
  type: ResourceType,
  name: string,
  image: string,
) =>
  api.patch(
    type,
    'shop',
    name,
    'strategic',
    JSON.stringify({
      spec: { template: { spec: { containers: [{ name: 'app', image }] } } },
    }),
    { fieldManager: 'test' },
  );

const condition = (o: KubeObject, type: string) =>
  ((o.status?.conditions as any[]) ?? []).find(c => c.type === type);

describe('WorkloadController: Deployments', () => {
  let env: ReturnType<typeof setup>;
  beforeEach(() => {
    env = setup();
  });
  afterEach(() => env.controller.close());

  it('creates pods and completes the first rollout', async () => {
    const created = env.api.create(
      DEPLOYMENTS,
      'shop',
      deployment('web', 'shop/web:1'),
    );
    expect(created.metadata.generation).toBe(1);
    expect(created.status).toEqual({});
    expect(rolloutStatus(created).message).toBe(
      'Waiting for deployment spec update to be observed...',
    );

    const done = await env.until(
      DEPLOYMENTS,
      'web',
      'rollout',
      o => rolloutStatus(o).done,
    );
    expect(done.status).toMatchObject({
      observedGeneration: 1,
      replicas: 3,
      updatedReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
    });
    expect(done.status).not.toHaveProperty('unavailableReplicas');
    expect(done.metadata.annotations).toEqual({
      'deployment.kubernetes.io/revision': '1',
    });
    expect(condition(done, 'Available')).toMatchObject({
      status: 'True',
      reason: 'MinimumReplicasAvailable',
    });
    expect(condition(done, 'Progressing')).toMatchObject({
      status: 'True',
      reason: 'NewReplicaSetAvailable',
    });
    expect(env.messages('web')).toEqual([
      'Waiting for deployment spec update to be observed...',
      'Waiting for deployment "web" rollout to finish: 0 of 3 updated replicas are available...',
      'deployment "web" successfully rolled out',
    ]);
    const reasons = env.history
      .filter(o => o.metadata.name === 'web')
      .map(o => condition(o, 'Progressing')?.reason);
    expect(reasons).toContain('NewReplicaSetCreated');
    const pods = env.pods();
    expect(pods).toHaveLength(3);
    const hash = pods[0].metadata.labels!['pod-template-hash'];
    expect(
      pods.every(
        p =>
          p.metadata.name!.startsWith(`web-${hash}-`) &&
          p.status?.phase === 'Running',
      ),
    ).toBe(true);
    expect(pods[0].metadata.ownerReferences![0]).toMatchObject({
      kind: 'ReplicaSet',
      name: `web-${hash}`,
    });
  });

  it('rolls a new image out with surge, revision and observedGeneration as Kubernetes does', async () => {
    env.api.create(
      DEPLOYMENTS,
      'shop',
      deployment('web', 'shop/web:1', {
        strategy: {
          type: 'RollingUpdate',
          rollingUpdate: { maxSurge: 1, maxUnavailable: 0 },
        },
      }),
    );
    await env.until(
      DEPLOYMENTS,
      'web',
      'first rollout',
      o => rolloutStatus(o).done,
    );
    env.history.length = 0;

    const updated = setImage(env.api, DEPLOYMENTS, 'web', 'shop/web:2');
    expect(updated.metadata.generation).toBe(2);
    expect(updated.status?.observedGeneration).toBe(1);
    expect(rolloutStatus(updated).message).toBe(
      'Waiting for deployment spec update to be observed...',
    );

    const done = await env.until(
      DEPLOYMENTS,
      'web',
      'second rollout',
      o => o.status?.observedGeneration === 2 && rolloutStatus(o).done,
    );
    expect(
      done.metadata.annotations!['deployment.kubernetes.io/revision'],
    ).toBe('2');
    expect(env.messages('web')).toEqual([
      'Waiting for deployment spec update to be observed...',
      'Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...',
      'Waiting for deployment "web" rollout to finish: 2 out of 3 new replicas have been updated...',
      'Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...',
      'deployment "web" successfully rolled out',
    ]);
    const statuses = env.history
      .filter(o => o.status?.observedGeneration === 2)
      .map(o => o.status!);
    // maxUnavailable 0: availability never drops; maxSurge 1: never more than 4 pods.
    expect(
      statuses.every(
        s =>
          (s.availableReplicas as number) >= 3 && (s.replicas as number) <= 4,
      ),
    ).toBe(true);
    expect(
      statuses.some(
        s =>
          condition({ status: s } as KubeObject, 'Progressing')?.reason ===
          'ReplicaSetUpdated',
      ),
    ).toBe(true);
    expect(
      env
        .pods()
        .every(p => (p.spec as any).containers[0].image === 'shop/web:2'),
    ).toBe(true);
  });

  it('exceeds the progress deadline for a broken image and keeps the old pods serving', async () => {
    env.api.create(
      DEPLOYMENTS,
      'shop',
      deployment('web', 'shop/web:1', { progressDeadlineSeconds: 10 }),
    );
    await env.until(
      DEPLOYMENTS,
      'web',
      'first rollout',
      o => rolloutStatus(o).done,
    );
    setImage(env.api, DEPLOYMENTS, 'web', 'shop/web:2-broken');
    const failed = await env.until(
      DEPLOYMENTS,
      'web',
      'deadline',
      o => rolloutStatus(o).error !== undefined,
    );
    expect(rolloutStatus(failed).error).toBe(
      'deployment "web" exceeded its progress deadline',
    );
    const progressing = condition(failed, 'Progressing');
    expect(progressing).toMatchObject({
      status: 'False',
      reason: 'ProgressDeadlineExceeded',
    });
    expect(progressing.message).toMatch(
      /^ReplicaSet "web-\w+" has timed out progressing\.$/,
    );
    expect(condition(failed, 'Available')).toMatchObject({ status: 'True' });
    expect(failed.status).toMatchObject({
      replicas: 4,
      updatedReplicas: 1,
      availableReplicas: 3,
      unavailableReplicas: 1,
    });
    const stuck = env
      .pods()
      .find(p => (p.spec as any).containers[0].image === 'shop/web:2-broken')!;
    expect(stuck.status).toMatchObject({
      phase: 'Pending',
      containerStatuses: [
        { ready: false, state: { waiting: { reason: 'ImagePullBackOff' } } },
      ],
    });

    // A good image starts a new rollout and clears the failure; the revision keeps counting.
    setImage(env.api, DEPLOYMENTS, 'web', 'shop/web:3');
    const fixed = await env.until(
      DEPLOYMENTS,
      'web',
      'fix',
      o => o.status?.observedGeneration === 3 && rolloutStatus(o).done,
    );
    expect(
      fixed.metadata.annotations!['deployment.kubernetes.io/revision'],
    ).toBe('3');
    expect(env.pods()).toHaveLength(3);

    // Going back to an earlier template finds its ReplicaSet again, with a new revision.
    setImage(env.api, DEPLOYMENTS, 'web', 'shop/web:1');
    const back = await env.until(
      DEPLOYMENTS,
      'web',
      'rollback',
      o => o.status?.observedGeneration === 4 && rolloutStatus(o).done,
    );
    expect(
      back.metadata.annotations!['deployment.kubernetes.io/revision'],
    ).toBe('4');
    const reasons = env.history
      .filter(o => o.metadata.generation === 4)
      .map(o => condition(o, 'Progressing')?.reason);
    expect(reasons).toContain('FoundNewReplicaSet');
  });

  it('honours the Recreate strategy: old pods go first, availability drops', async () => {
    env.api.create(
      DEPLOYMENTS,
      'shop',
      deployment('web', 'shop/web:1', { strategy: { type: 'Recreate' } }),
    );
    await env.until(
      DEPLOYMENTS,
      'web',
      'first rollout',
      o => rolloutStatus(o).done,
    );
    env.history.length = 0;
    setImage(env.api, DEPLOYMENTS, 'web', 'shop/web:2');
    await env.until(
      DEPLOYMENTS,
      'web',
      'recreate',
      o => o.status?.observedGeneration === 2 && rolloutStatus(o).done,
    );
    const during = env.history.find(
      o =>
        o.status?.observedGeneration === 2 &&
        condition(o, 'Available')?.status === 'False',
    );
    expect(condition(during!, 'Available').reason).toBe(
      'MinimumReplicasUnavailable',
    );
    expect(during!.status?.replicas).toBe(3);
    expect(during!.status?.updatedReplicas).toBe(3);
  });

  it('scales, replaces deleted pods, and removes pods with their workload', async () => {
    env.api.create(
      DEPLOYMENTS,
      'shop',
      deployment('web', 'shop/web:1', { replicas: 2 }),
    );
    await env.until(DEPLOYMENTS, 'web', 'rollout', o => rolloutStatus(o).done);
    env.api.patch(
      DEPLOYMENTS,
      'shop',
      'web',
      'merge',
      '{"spec":{"replicas":4}}',
    );
    await env.until(
      DEPLOYMENTS,
      'web',
      'scale up',
      o => o.status?.availableReplicas === 4,
    );
    expect(
      env.read(DEPLOYMENTS, 'web').metadata.annotations![
        'deployment.kubernetes.io/revision'
      ],
    ).toBe('1');

    const victim = env.pods()[0].metadata.name!;
    env.api.delete(PODS, 'shop', victim);
    await waitFor(
      () =>
        env.pods().length === 4 &&
        !env.pods().some(p => p.metadata.name === victim),
      { what: 'replacement' },
    );

    env.api.delete(DEPLOYMENTS, 'shop', 'web');
    await waitFor(() => env.pods().length === 0, { what: 'pods removed' });
  });

  it('holds a paused rollout', async () => {
    env.api.create(DEPLOYMENTS, 'shop', deployment('web', 'shop/web:1'));
    await env.until(DEPLOYMENTS, 'web', 'rollout', o => rolloutStatus(o).done);
    env.api.patch(
      DEPLOYMENTS,
      'shop',
      'web',
      'merge',
      '{"spec":{"paused":true}}',
    );
    setImage(env.api, DEPLOYMENTS, 'web', 'shop/web:2');
    const paused = await env.until(
      DEPLOYMENTS,
      'web',
      'paused',
      o => condition(o, 'Progressing')?.reason === 'DeploymentPaused',
    );
    expect(paused.status?.observedGeneration).toBe(3);
    expect(
      env
        .pods()
        .every(p => (p.spec as any).containers[0].image === 'shop/web:1'),
    ).toBe(true);
    env.api.patch(
      DEPLOYMENTS,
      'shop',
      'web',
      'merge',
      '{"spec":{"paused":false}}',
    );
    await env.until(
      DEPLOYMENTS,
      'web',
      'resumed',
      o => o.status?.observedGeneration === 4 && rolloutStatus(o).done,
    );
    expect(
      env
        .pods()
        .every(p => (p.spec as any).containers[0].image === 'shop/web:2'),
    ).toBe(true);
  });

  it('settles a workload at once for seeding', () => {
    env.api.create(DEPLOYMENTS, 'shop', deployment('web', 'shop/web:1'));
    env.controller.settle(DEPLOYMENTS, 'shop', 'web');
    const settled = env.read(DEPLOYMENTS, 'web');
    expect(rolloutStatus(settled)).toEqual({
      done: true,
      message: 'deployment "web" successfully rolled out',
    });
    expect(env.pods().filter(p => p.status?.phase === 'Running')).toHaveLength(
      3,
    );
  });
});

function statefulSet(name: string, image: string, partition = 0): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name },
    spec: {
      replicas: 3,
      serviceName: name,
      selector: { matchLabels: { app: name } },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'app', image }] },
      },
    },
  };
}

describe('WorkloadController: StatefulSets', () => {
  let env: ReturnType<typeof setup>;
  beforeEach(() => {
    env = setup();
  });
  afterEach(() => env.controller.close());

  it('creates ordinals one by one, then updates from the top down to the partition', async () => {
    env.api.create(STATEFULSETS, 'shop', statefulSet('db', 'db:1'));
    const first = await env.until(
      STATEFULSETS,
      'db',
      'rollout',
      o => rolloutStatus(o).done,
    );
    expect(env.messages('db')).toEqual([
      'Waiting for statefulset spec update to be observed...',
      'Waiting for 3 pods to be ready...',
      'Waiting for 2 pods to be ready...',
      'Waiting for 1 pods to be ready...',
      'partitioned roll out complete: 3 new pods have been updated...',
    ]);
    const revision1 = first.status!.currentRevision as string;
    expect(first.status).toMatchObject({
      replicas: 3,
      readyReplicas: 3,
      currentReplicas: 3,
      updatedReplicas: 3,
      updateRevision: revision1,
    });
    expect(
      env
        .pods()
        .map(p => p.metadata.name)
        .sort(),
    ).toEqual(['db-0', 'db-1', 'db-2']);

    // Partition 2: only db-2 moves to the new revision.
    env.api.patch(
      STATEFULSETS,
      'shop',
      'db',
      'merge',
      JSON.stringify({
        spec: {
          updateStrategy: { rollingUpdate: { partition: 2 } },
          template: { spec: { containers: [{ name: 'app', image: 'db:2' }] } },
        },
      }),
    );
    const partial = await env.until(
      STATEFULSETS,
      'db',
      'partitioned',
      o => o.status?.observedGeneration === 2 && rolloutStatus(o).done,
    );
    expect(rolloutStatus(partial).message).toBe(
      'partitioned roll out complete: 1 new pods have been updated...',
    );
    expect(partial.status).toMatchObject({
      currentRevision: revision1,
      currentReplicas: 2,
      updatedReplicas: 1,
    });
    expect(partial.status!.updateRevision).not.toBe(revision1);
    const images = () =>
      Object.fromEntries(
        env
          .pods()
          .map(p => [p.metadata.name, (p.spec as any).containers[0].image]),
      );
    expect(images()).toEqual({
      'db-0': 'db:1',
      'db-1': 'db:1',
      'db-2': 'db:2',
    });

    env.history.length = 0;
    env.api.patch(
      STATEFULSETS,
      'shop',
      'db',
      'merge',
      '{"spec":{"updateStrategy":{"rollingUpdate":{"partition":0}}}}',
    );
    const all = await env.until(
      STATEFULSETS,
      'db',
      'full update',
      o =>
        o.status?.observedGeneration === 3 &&
        rolloutStatus(o).done &&
        o.status?.currentRevision === o.status?.updateRevision,
    );
    expect(all.status).toMatchObject({
      currentReplicas: 3,
      updatedReplicas: 3,
      readyReplicas: 3,
    });
    expect(images()).toEqual({
      'db-0': 'db:2',
      'db-1': 'db:2',
      'db-2': 'db:2',
    });
    expect(env.messages('db')).toContain('Waiting for 1 pods to be ready...');
  });

  it('stalls on a broken image with the pod not ready', async () => {
    env.api.create(STATEFULSETS, 'shop', statefulSet('db', 'db:1'));
    await env.until(STATEFULSETS, 'db', 'rollout', o => rolloutStatus(o).done);
    setImage(env.api, STATEFULSETS, 'db', 'db:2-broken');
    await env.until(
      STATEFULSETS,
      'db',
      'stall',
      o => o.status?.observedGeneration === 2 && o.status?.readyReplicas === 2,
    );
    await new Promise(resolve => setTimeout(resolve, 300));
    const stalled = env.read(STATEFULSETS, 'db');
    expect(rolloutStatus(stalled)).toEqual({
      done: false,
      message: 'Waiting for 1 pods to be ready...',
    });
    expect(stalled.status).toMatchObject({
      updatedReplicas: 1,
      currentReplicas: 2,
    });
  });
});

describe('WorkloadController: DaemonSets', () => {
  let env: ReturnType<typeof setup>;
  beforeEach(() => {
    env = setup();
  });
  afterEach(() => env.controller.close());

  it('runs one pod per node and replaces them one node at a time', async () => {
    env.api.create(DAEMONSETS, 'shop', {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent' },
      spec: {
        selector: { matchLabels: { app: 'agent' } },
        template: {
          metadata: { labels: { app: 'agent' } },
          spec: { containers: [{ name: 'app', image: 'agent:1' }] },
        },
      },
    });
    const first = await env.until(
      DAEMONSETS,
      'agent',
      'rollout',
      o => rolloutStatus(o).done,
    );
    expect(first.status).toMatchObject({
      desiredNumberScheduled: 3,
      currentNumberScheduled: 3,
      numberReady: 3,
      updatedNumberScheduled: 3,
      numberAvailable: 3,
    });
    expect(new Set(env.pods().map(p => (p.spec as any).nodeName)).size).toBe(3);

    env.history.length = 0;
    setImage(env.api, DAEMONSETS, 'agent', 'agent:2');
    await env.until(
      DAEMONSETS,
      'agent',
      'update',
      o => o.status?.observedGeneration === 2 && rolloutStatus(o).done,
    );
    const messages = env.messages('agent');
    expect(messages[0]).toBe(
      'Waiting for daemon set spec update to be observed...',
    );
    expect(messages).toContain(
      'Waiting for daemon set "agent" rollout to finish: 1 out of 3 new pods have been updated...',
    );
    expect(messages).toContain(
      'Waiting for daemon set "agent" rollout to finish: 2 of 3 updated pods are available...',
    );
    expect(messages[messages.length - 1]).toBe(
      'daemon set "agent" successfully rolled out',
    );
    // maxUnavailable 1: never more than one node without an available pod.
    expect(
      env.history
        .filter(o => o.metadata.generation === 2)
        .every(o => ((o.status?.numberUnavailable as number) ?? 0) <= 1),
    ).toBe(true);
    expect(
      env.pods().map(p => p.metadata.labels!['pod-template-generation']),
    ).toEqual(['2', '2', '2']);
  });
});

describe('WorkloadController: rollout history', () => {
  let env: ReturnType<typeof setup>;
  beforeEach(() => {
    env = setup();
  });
  afterEach(() => env.controller.close());

  const rollouts = (name: string) =>
    env.controller.rolloutHistory.list({ name });

  it('records each rollout when kubectl rollout status would first report success', async () => {
    env.api.create(DEPLOYMENTS, 'shop', deployment('web', 'shop/web:1'));
    await env.until(DEPLOYMENTS, 'web', 'rollout', o => rolloutStatus(o).done);
    const firstDone = env.history.find(
      o => o.metadata.name === 'web' && rolloutStatus(o).done,
    )!;
    expect(rollouts('web')).toEqual([
      {
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/),
        sequence: expect.any(Number),
        kind: 'Deployment',
        namespace: 'shop',
        name: 'web',
        generation: 1,
        resourceVersion: firstDone.metadata.resourceVersion,
        images: { app: 'shop/web:1' },
        outcome: 'complete',
      },
    ]);

    env.api.create(STATEFULSETS, 'shop', statefulSet('db', 'db:1'));
    env.api.create(DAEMONSETS, 'shop', {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent' },
      spec: {
        selector: { matchLabels: { app: 'agent' } },
        template: {
          metadata: { labels: { app: 'agent' } },
          spec: {
            initContainers: [{ name: 'init', image: 'agent-init:1' }],
            containers: [{ name: 'app', image: 'agent:1' }],
          },
        },
      },
    });
    await env.until(STATEFULSETS, 'db', 'rollout', o => rolloutStatus(o).done);
    await env.until(DAEMONSETS, 'agent', 'rollout', o => rolloutStatus(o).done);
    setImage(env.api, DAEMONSETS, 'agent', 'agent:2');
    await env.until(
      DAEMONSETS,
      'agent',
      'update',
      o => o.status?.observedGeneration === 2 && rolloutStatus(o).done,
    );
    expect(rollouts('db')).toMatchObject([
      {
        kind: 'StatefulSet',
        generation: 1,
        images: { app: 'db:1' },
        outcome: 'complete',
      },
    ]);
    expect(rollouts('agent')).toMatchObject([
      {
        kind: 'DaemonSet',
        generation: 1,
        images: { init: 'agent-init:1', app: 'agent:1' },
        outcome: 'complete',
      },
      {
        kind: 'DaemonSet',
        generation: 2,
        images: { init: 'agent-init:1', app: 'agent:2' },
        outcome: 'complete',
      },
    ]);
    const sequences = env.controller.rolloutHistory.list().map(r => r.sequence);
    expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
    expect(
      env.controller.rolloutHistory.list({ kind: 'daemonset' }),
    ).toHaveLength(2);
    expect(
      env.controller.rolloutHistory.list({ sinceSequence: sequences[2] }),
    ).toHaveLength(sequences.length - 3);
  });

  it('records a failed rollout once its progress deadline is exceeded', async () => {
    env.api.create(
      DEPLOYMENTS,
      'shop',
      deployment('web', 'shop/web:1', { progressDeadlineSeconds: 10 }),
    );
    await env.until(DEPLOYMENTS, 'web', 'rollout', o => rolloutStatus(o).done);
    setImage(env.api, DEPLOYMENTS, 'web', 'shop/web:2-broken');
    await env.until(
      DEPLOYMENTS,
      'web',
      'deadline',
      o => rolloutStatus(o).error !== undefined,
    );
    // Later reconciles (none are due) would not record it again.
    await new Promise(resolve => setTimeout(resolve, 200));
    expect(rollouts('web')).toMatchObject([
      { generation: 1, images: { app: 'shop/web:1' }, outcome: 'complete' },
      {
        generation: 2,
        images: { app: 'shop/web:2-broken' },
        outcome: 'failed',
      },
    ]);
    expect(
      env.controller.rolloutHistory.list({ outcome: 'failed' }),
    ).toHaveLength(1);

    // A fixed image completes the next generation.
    setImage(env.api, DEPLOYMENTS, 'web', 'shop/web:3');
    await env.until(
      DEPLOYMENTS,
      'web',
      'fixed',
      o => o.status?.observedGeneration === 3 && rolloutStatus(o).done,
    );
    expect(rollouts('web').map(r => [r.generation, r.outcome])).toEqual([
      [1, 'complete'],
      [2, 'failed'],
      [3, 'complete'],
    ]);
  });
});

describe('WorkloadController: per-workload broken images', () => {
  let env: ReturnType<typeof setup>;
  beforeEach(() => {
    env = setup();
  });
  afterEach(() => env.controller.close());

  const annotate = (type: ResourceType, name: string, value: string | null) =>
    env.api.patch(
      type,
      'shop',
      name,
      'merge',
      JSON.stringify({
        metadata: { annotations: { [BROKEN_IMAGES_ANNOTATION]: value } },
      }),
      { fieldManager: 'test' },
    );

  /** The waiting reason or `running` of each later write of a pod, in order, without repeats. */
  const podStates = (name: string) => {
    const states: string[] = [];
    const stop = env.store.subscribe(event => {
      if (event.resource !== PODS.resource || event.name !== name) return;
      if (event.type === 'DELETED') return;
      const pod = JSON.parse(event.json) as KubeObject;
      const state = (pod.status?.containerStatuses as any[])?.[0]?.state ?? {};
      const shown = state.running ? 'running' : state.waiting?.reason;
      if (shown !== states[states.length - 1]) states.push(shown);
    });
    return { states, stop };
  };

  it('breaks only the annotated workload, and recovers it when the annotation goes', async () => {
    const annotated = deployment('web', 'shop/app:1', {
      replicas: 2,
      progressDeadlineSeconds: 10,
    });
    annotated.metadata.annotations = {
      [BROKEN_IMAGES_ANNOTATION]: 'shop/app:2$',
    };
    env.api.create(DEPLOYMENTS, 'shop', annotated);
    env.api.create(
      DEPLOYMENTS,
      'shop',
      deployment('api', 'shop/app:1', {
        replicas: 2,
        progressDeadlineSeconds: 10,
      }),
    );
    // The annotation does not match the first image: both roll out.
    await env.until(DEPLOYMENTS, 'web', 'rollout', o => rolloutStatus(o).done);
    await env.until(DEPLOYMENTS, 'api', 'rollout', o => rolloutStatus(o).done);

    setImage(env.api, DEPLOYMENTS, 'web', 'shop/app:2');
    setImage(env.api, DEPLOYMENTS, 'api', 'shop/app:2');
    await env.until(
      DEPLOYMENTS,
      'api',
      'the same image elsewhere',
      o => o.status?.observedGeneration === 2 && rolloutStatus(o).done,
    );
    const failed = await env.until(
      DEPLOYMENTS,
      'web',
      'deadline',
      o => rolloutStatus(o).error !== undefined,
    );
    expect(condition(failed, 'Progressing')).toMatchObject({
      status: 'False',
      reason: 'ProgressDeadlineExceeded',
    });
    const stuck = env
      .pods()
      .find(
        p =>
          p.metadata.name!.startsWith('web-') &&
          (p.spec as any).containers[0].image === 'shop/app:2',
      )!;
    expect(stuck.status).toMatchObject({
      phase: 'Pending',
      containerStatuses: [
        { ready: false, state: { waiting: { reason: 'ImagePullBackOff' } } },
      ],
    });
    const watched = podStates(stuck.metadata.name!);

    // Another pattern that still matches keeps the pod stuck.
    const changed = annotate(DEPLOYMENTS, 'web', 'app:[0-9]+$');
    expect(changed.metadata.generation).toBe(2);
    await new Promise(resolve => setTimeout(resolve, 300));
    expect(rolloutStatus(env.read(DEPLOYMENTS, 'web')).error).toBe(
      'deployment "web" exceeded its progress deadline',
    );

    // Removing the annotation is a metadata-only change: no new generation,
    // but the stuck pod starts, as one in ImagePullBackOff does once its
    // image can be pulled, and the rollout completes.
    const fixed = annotate(DEPLOYMENTS, 'web', null);
    expect(fixed.metadata.generation).toBe(2);
    expect(fixed.metadata.annotations).not.toHaveProperty(
      BROKEN_IMAGES_ANNOTATION,
    );
    const recovered = await env.until(
      DEPLOYMENTS,
      'web',
      'recovery',
      o => rolloutStatus(o).done,
    );
    watched.stop();
    // From ImagePullBackOff (above): starting, then running.
    expect(watched.states).toEqual(['ContainerCreating', 'running']);
    expect(recovered.status).toMatchObject({
      observedGeneration: 2,
      replicas: 2,
      updatedReplicas: 2,
      readyReplicas: 2,
      availableReplicas: 2,
    });
    expect(recovered.status).not.toHaveProperty('unavailableReplicas');
    expect(condition(recovered, 'Available')).toMatchObject({
      status: 'True',
      reason: 'MinimumReplicasAvailable',
    });
    expect(condition(recovered, 'Progressing')).toMatchObject({
      status: 'True',
      reason: 'NewReplicaSetAvailable',
    });
    expect(
      recovered.metadata.annotations!['deployment.kubernetes.io/revision'],
    ).toBe('2');
    expect(
      env
        .pods()
        .filter(p => p.metadata.name!.startsWith('web-'))
        .map(p => [(p.spec as any).containers[0].image, p.status!.phase]),
    ).toEqual([
      ['shop/app:2', 'Running'],
      ['shop/app:2', 'Running'],
    ]);
    expect(
      env.controller.rolloutHistory
        .list({ name: 'web' })
        .map(r => [r.generation, r.outcome, r.images.app]),
    ).toEqual([
      [1, 'complete', 'shop/app:1'],
      [2, 'failed', 'shop/app:2'],
      [2, 'complete', 'shop/app:2'],
    ]);
    expect(
      env.controller.rolloutHistory
        .list({ name: 'api' })
        .map(r => [r.generation, r.outcome]),
    ).toEqual([
      [1, 'complete'],
      [2, 'complete'],
    ]);
  });

  it('breaks pods created while the annotation matches, with the cluster-wide pattern still applying', async () => {
    const annotated = statefulSet('db', 'db:1');
    annotated.metadata.annotations = { [BROKEN_IMAGES_ANNOTATION]: '^db:2$' };
    env.api.create(STATEFULSETS, 'shop', annotated);
    await env.until(STATEFULSETS, 'db', 'rollout', o => rolloutStatus(o).done);
    setImage(env.api, STATEFULSETS, 'db', 'db:2');
    await env.until(
      STATEFULSETS,
      'db',
      'stall',
      o => o.status?.observedGeneration === 2 && o.status?.readyReplicas === 2,
    );
    // Changing the annotation to a pattern that misses the image, while the
    // cluster-wide pattern breaks another, lets the rollout go on.
    annotate(STATEFULSETS, 'db', '^db:3$');
    await env.until(
      STATEFULSETS,
      'db',
      'recovery',
      o => o.status?.observedGeneration === 2 && rolloutStatus(o).done,
    );
    setImage(env.api, STATEFULSETS, 'db', 'db:3-broken');
    await env.until(
      STATEFULSETS,
      'db',
      'stall on the cluster-wide pattern',
      o => o.status?.observedGeneration === 3 && o.status?.readyReplicas === 2,
    );
    await new Promise(resolve => setTimeout(resolve, 300));
    expect(rolloutStatus(env.read(STATEFULSETS, 'db'))).toEqual({
      done: false,
      message: 'Waiting for 1 pods to be ready...',
    });
  });

  it('starts pods stuck on the cluster-wide pattern once the pattern changes', async () => {
    env.api.create(
      DEPLOYMENTS,
      'shop',
      deployment('web', 'shop/web:1', { progressDeadlineSeconds: 10 }),
    );
    env.api.create(STATEFULSETS, 'shop', statefulSet('db', 'db:1'));
    await env.until(DEPLOYMENTS, 'web', 'rollout', o => rolloutStatus(o).done);
    await env.until(STATEFULSETS, 'db', 'rollout', o => rolloutStatus(o).done);
    setImage(env.api, DEPLOYMENTS, 'web', 'shop/web:2-broken');
    setImage(env.api, STATEFULSETS, 'db', 'db:2-broken');
    await env.until(
      DEPLOYMENTS,
      'web',
      'deadline',
      o => rolloutStatus(o).error !== undefined,
    );
    await env.until(
      STATEFULSETS,
      'db',
      'stall',
      o => o.status?.observedGeneration === 2 && o.status?.readyReplicas === 2,
    );

    env.controller.updateSettings({ brokenImagePattern: /:[^/:@]*-bad$/ });
    const web = await env.until(
      DEPLOYMENTS,
      'web',
      'recovery',
      o => rolloutStatus(o).done,
    );
    expect(web.status).toMatchObject({
      observedGeneration: 2,
      updatedReplicas: 3,
      availableReplicas: 3,
    });
    expect(condition(web, 'Progressing')).toMatchObject({
      status: 'True',
      reason: 'NewReplicaSetAvailable',
    });
    await env.until(
      STATEFULSETS,
      'db',
      'recovery',
      o => o.status?.observedGeneration === 2 && rolloutStatus(o).done,
    );
    expect(env.pods().every(p => p.status?.phase === 'Running')).toBe(true);
    expect(
      env.controller.rolloutHistory
        .list()
        .map(r => [r.name, r.generation, r.outcome]),
    ).toEqual(
      expect.arrayContaining([
        ['web', 2, 'failed'],
        ['web', 2, 'complete'],
        ['db', 2, 'complete'],
      ]),
    );
  });

  it('rejects an annotation that is not a regular expression', () => {
    const bad = deployment('web', 'shop/web:1');
    bad.metadata.annotations = { [BROKEN_IMAGES_ANNOTATION]: 'web:(1' };
    expect(() => env.api.create(DEPLOYMENTS, 'shop', bad)).toThrow(
      expect.objectContaining({
        code: 422,
        reason: 'Invalid',
        message: expect.stringMatching(
          /^Deployment\.apps "web" is invalid: metadata\.annotations\[simulator\.distribution-hub\.io\/broken-images\]: Invalid value: "web:\(1": must be a valid regular expression: /,
        ),
      }),
    );
    env.api.create(DEPLOYMENTS, 'shop', deployment('web', 'shop/web:1'));
    expect(() => annotate(DEPLOYMENTS, 'web', '[')).toThrow(
      expect.objectContaining({ code: 422 }),
    );
    expect(
      env.read(DEPLOYMENTS, 'web').metadata.annotations?.[
        BROKEN_IMAGES_ANNOTATION
      ],
    ).toBeUndefined();
  });
});
