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
  ApiException,
  AppsV1Api,
  CoreV1Api,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
  V1DaemonSet,
  V1Deployment,
  V1StatefulSet,
  Watch,
} from '@kubernetes/client-node';
import { ClusterSimulator } from './ClusterSimulator';
import { rolloutStatus } from '@sdh/plugin-distribution-hub-node';
import { SimulatedCluster } from './SimulatedCluster';
import { waitFor } from './testing/kubectl';

jest.setTimeout(60_000);

function kubeConfig(
  cluster: SimulatedCluster,
  token = cluster.tokens[0],
): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    // client-node only talks plain HTTP when told to skip TLS verification.
    clusters: [
      {
        name: cluster.name,
        server: cluster.url,
        caData: cluster.caData,
        skipTLSVerify: !cluster.caData,
      },
    ],
    users: [{ name: 'hub', token }],
    contexts: [{ name: cluster.name, cluster: cluster.name, user: 'hub' }],
    currentContext: cluster.name,
  });
  return kc;
}

const deployment = (name: string, image: string): V1Deployment => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, labels: { 'backstage.io/kubernetes-id': name } },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: { containers: [{ name: 'app', image }] },
    },
  },
});

describe.each([
  ['HTTP', false],
  ['HTTPS with caData', true],
])('@kubernetes/client-node over %s', (_, tls) => {
  let simulator: ClusterSimulator;
  let apps: AppsV1Api;
  let core: CoreV1Api;
  let kc: KubeConfig;

  beforeAll(async () => {
    simulator = await ClusterSimulator.create({
      clusters: [{ name: 'demo', tokens: ['hub-token'] }],
      tls,
      controller: { timeScale: 20 },
      seed: [
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
      ],
    });
    kc = kubeConfig(simulator.cluster('demo'));
    apps = kc.makeApiClient(AppsV1Api);
    core = kc.makeApiClient(CoreV1Api);
  });

  afterAll(async () => {
    await simulator?.close();
  });

  it('creates, reads and lists by label', async () => {
    const created = await apps.createNamespacedDeployment({
      namespace: 'shop',
      body: deployment('web', 'shop/web:1'),
    });
    expect(created.metadata?.generation).toBe(1);
    const read = await apps.readNamespacedDeployment({
      namespace: 'shop',
      name: 'web',
    });
    expect(read.spec?.template.spec?.containers[0].image).toBe('shop/web:1');
    expect(read.metadata?.creationTimestamp).toBeInstanceOf(Date);
    const listed = await apps.listDeploymentForAllNamespaces({
      labelSelector: 'backstage.io/kubernetes-id=web',
    });
    expect(listed.items.map(d => d.metadata?.name)).toEqual(['web']);
    const namespaces = await core.listNamespace();
    expect(namespaces.items.map(n => n.metadata?.name)).toContain('shop');
  });

  it('reports API errors with their codes', async () => {
    const error = await apps
      .readNamespacedDeployment({ namespace: 'shop', name: 'missing' })
      .catch(e => e);
    expect(error.constructor.name).toBe(ApiException.name);
    expect(error.code).toBe(404);
    expect(JSON.parse(error.body)).toMatchObject({
      kind: 'Status',
      reason: 'NotFound',
    });
    const denied = await kubeConfig(simulator.cluster('demo'), 'wrong')
      .makeApiClient(CoreV1Api)
      .listNamespace()
      .catch(e => e);
    expect(denied.code).toBe(401);
  });

  it('patches with each strategy', async () => {
    const name = 'web';
    const patch = (body: object, strategy: PatchStrategy, extra: object = {}) =>
      apps.patchNamespacedDeployment(
        { namespace: 'shop', name, body, ...extra },
        setHeaderOptions('Content-Type', strategy),
      );

    const strategic = await patch(
      {
        spec: {
          template: {
            spec: { containers: [{ name: 'app', image: 'shop/web:2' }] },
          },
        },
      },
      PatchStrategy.StrategicMergePatch,
    );
    expect(strategic.spec?.template.spec?.containers[0].image).toBe(
      'shop/web:2',
    );
    expect(strategic.metadata?.generation).toBe(2);

    const merge = await patch(
      { metadata: { annotations: { 'hub/release': '1.2.3' } } },
      PatchStrategy.MergePatch,
    );
    expect(merge.metadata?.annotations?.['hub/release']).toBe('1.2.3');
    expect(merge.metadata?.generation).toBe(2);

    const json = await patch(
      [{ op: 'replace', path: '/spec/replicas', value: 3 }],
      PatchStrategy.JsonPatch,
    );
    expect(json.spec?.replicas).toBe(3);

    const applied = await patch(
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name },
        spec: {
          template: {
            spec: { containers: [{ name: 'app', image: 'shop/web:3' }] },
          },
        },
      },
      PatchStrategy.ServerSideApply,
      { fieldManager: 'distribution-hub', force: true },
    );
    expect(applied.spec?.template.spec?.containers[0].image).toBe('shop/web:3');
    expect(applied.metadata?.managedFields?.map(m => m.manager)).toContain(
      'distribution-hub',
    );

    const done = await waitFor(
      async () => {
        const d = await apps.readNamespacedDeployment({
          namespace: 'shop',
          name,
        });
        return rolloutStatus({ ...d, kind: 'Deployment' } as never).done
          ? d
          : undefined;
      },
      { what: 'rollout', timeoutMs: 20_000 },
    );
    expect(done.status?.updatedReplicas).toBe(3);
    // Two template changes in quick succession may be observed as one, as in Kubernetes.
    expect(
      Number(done.metadata?.annotations?.['deployment.kubernetes.io/revision']),
    ).toBeGreaterThanOrEqual(2);
  });

  it('watches a deployment through a rollout', async () => {
    await apps.createNamespacedDeployment({
      namespace: 'shop',
      body: deployment('watched', 'shop/w:1'),
    });
    const list = await apps.listNamespacedDeployment({
      namespace: 'shop',
      fieldSelector: 'metadata.name=watched',
    });
    const events: { type: string; object: V1Deployment }[] = [];
    let ended: unknown = 'open';
    const controller = await new Watch(kc).watch(
      '/apis/apps/v1/namespaces/shop/deployments',
      {
        fieldSelector: 'metadata.name=watched',
        resourceVersion: list.metadata?.resourceVersion,
        allowWatchBookmarks: true,
      },
      (type, object) => events.push({ type, object }),
      error => {
        ended = error;
      },
    );
    try {
      await waitFor(
        () => events.some(e => e.object.status?.availableReplicas === 2),
        { what: 'first rollout' },
      );
      await apps.patchNamespacedDeployment(
        {
          namespace: 'shop',
          name: 'watched',
          body: {
            spec: {
              template: {
                spec: { containers: [{ name: 'app', image: 'shop/w:2' }] },
              },
            },
          },
        },
        setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch),
      );
      const finished = await waitFor(
        () =>
          events.find(
            e =>
              e.object.status?.observedGeneration === 2 &&
              rolloutStatus({ ...e.object, kind: 'Deployment' } as never).done,
          ),
        { what: 'second rollout' },
      );
      expect(finished.type).toBe('MODIFIED');
      expect(events.every(e => e.object.metadata?.name === 'watched')).toBe(
        true,
      );
      expect(
        Number(events[events.length - 1].object.metadata?.resourceVersion),
      ).toBeGreaterThan(Number(list.metadata?.resourceVersion));
    } finally {
      controller.abort();
    }
    await apps.deleteNamespacedDeployment({
      namespace: 'shop',
      name: 'watched',
    });
    expect(ended === 'open' || ended === null || ended instanceof Error).toBe(
      true,
    );
  });

  it.each(['StatefulSet', 'DaemonSet'] as const)(
    'reads, patches with each strategy and watches a %s through its rollouts',
    async kind => {
      type Workload = V1StatefulSet | V1DaemonSet;
      const namespace = 'shop';
      const name = kind === 'StatefulSet' ? 'db' : 'agent';
      const resource = kind === 'StatefulSet' ? 'statefulsets' : 'daemonsets';
      const headers = (strategy: PatchStrategy) =>
        setHeaderOptions('Content-Type', strategy);
      // The typed calls of each kind, as a rollout engine makes them.
      const client =
        kind === 'StatefulSet'
          ? {
              create: (body: Workload) =>
                apps.createNamespacedStatefulSet({
                  namespace,
                  body: body as V1StatefulSet,
                }),
              read: () => apps.readNamespacedStatefulSet({ namespace, name }),
              listAll: (labelSelector: string) =>
                apps.listStatefulSetForAllNamespaces({ labelSelector }),
              list: (fieldSelector: string) =>
                apps.listNamespacedStatefulSet({ namespace, fieldSelector }),
              patch: (body: object, strategy: PatchStrategy, extra = {}) =>
                apps.patchNamespacedStatefulSet(
                  { namespace, name, body, ...extra },
                  headers(strategy),
                ),
            }
          : {
              create: (body: Workload) =>
                apps.createNamespacedDaemonSet({
                  namespace,
                  body: body as V1DaemonSet,
                }),
              read: () => apps.readNamespacedDaemonSet({ namespace, name }),
              listAll: (labelSelector: string) =>
                apps.listDaemonSetForAllNamespaces({ labelSelector }),
              list: (fieldSelector: string) =>
                apps.listNamespacedDaemonSet({ namespace, fieldSelector }),
              patch: (body: object, strategy: PatchStrategy, extra = {}) =>
                apps.patchNamespacedDaemonSet(
                  { namespace, name, body, ...extra },
                  headers(strategy),
                ),
            };
      const done = (object: Workload, generation: number) =>
        object.metadata?.generation === generation &&
        object.status?.observedGeneration === generation &&
        rolloutStatus({ ...object, kind } as never).done;

      const created = await client.create({
        apiVersion: 'apps/v1',
        kind,
        metadata: { name, labels: { 'backstage.io/kubernetes-id': name } },
        spec: {
          ...(kind === 'StatefulSet' ? { replicas: 2, serviceName: name } : {}),
          selector: { matchLabels: { app: name } },
          template: {
            metadata: { labels: { app: name } },
            spec: { containers: [{ name: 'app', image: `shop/${name}:1` }] },
          },
        } as never,
      });
      expect(created.metadata?.generation).toBe(1);
      const read = await client.read();
      expect(read.kind).toBe(kind);
      expect(read.spec?.template.spec?.containers[0].image).toBe(
        `shop/${name}:1`,
      );
      expect(read.metadata?.creationTimestamp).toBeInstanceOf(Date);
      const listed = await client.listAll(`backstage.io/kubernetes-id=${name}`);
      expect(listed.items.map(w => w.metadata?.name)).toEqual([name]);

      const list = await client.list(`metadata.name=${name}`);
      const events: { type: string; object: Workload }[] = [];
      const watch = await new Watch(kc).watch(
        `/apis/apps/v1/namespaces/${namespace}/${resource}`,
        {
          fieldSelector: `metadata.name=${name}`,
          resourceVersion: list.metadata?.resourceVersion,
          allowWatchBookmarks: true,
        },
        (type, object) => events.push({ type, object }),
        () => {},
      );
      try {
        await waitFor(() => events.some(e => done(e.object, 1)), {
          what: `first rollout of the ${kind}`,
        });

        const strategic = await client.patch(
          {
            spec: {
              template: {
                spec: {
                  containers: [{ name: 'app', image: `shop/${name}:2` }],
                },
              },
            },
          },
          PatchStrategy.StrategicMergePatch,
        );
        expect(strategic.metadata?.generation).toBe(2);
        const merge = await client.patch(
          { metadata: { annotations: { 'hub/release': '1.2.3' } } },
          PatchStrategy.MergePatch,
        );
        expect(merge.metadata?.annotations?.['hub/release']).toBe('1.2.3');
        expect(merge.metadata?.generation).toBe(2);
        const json = await client.patch(
          [
            {
              op: 'add',
              path: '/spec/template/metadata/labels/tier',
              value: 'back',
            },
          ],
          PatchStrategy.JsonPatch,
        );
        expect(json.spec?.template.metadata?.labels).toEqual({
          app: name,
          tier: 'back',
        });
        expect(json.metadata?.generation).toBe(3);
        const applied = await client.patch(
          {
            apiVersion: 'apps/v1',
            kind,
            metadata: { name },
            spec: {
              template: {
                spec: {
                  containers: [{ name: 'app', image: `shop/${name}:3` }],
                },
              },
            },
          },
          PatchStrategy.ServerSideApply,
          { fieldManager: 'distribution-hub', force: true },
        );
        expect(applied.metadata?.generation).toBe(4);
        expect(applied.spec?.template.spec?.containers[0].image).toBe(
          `shop/${name}:3`,
        );
        expect(applied.metadata?.managedFields?.map(m => m.manager)).toContain(
          'distribution-hub',
        );

        const finished = await waitFor(
          () => events.find(e => done(e.object, 4)),
          { what: `last rollout of the ${kind}` },
        );
        expect(finished.type).toBe('MODIFIED');
        expect(finished.object.spec?.template.spec?.containers[0].image).toBe(
          `shop/${name}:3`,
        );
        expect(events.every(e => e.object.metadata?.name === name)).toBe(true);
      } finally {
        watch.abort();
      }
      const pods = await core.listNamespacedPod({
        namespace,
        labelSelector: `app=${name}`,
      });
      expect(
        pods.items
          .map(p => p.spec?.containers[0].image)
          .every(image => image === `shop/${name}:3`),
      ).toBe(true);
      expect(pods.items).toHaveLength(kind === 'StatefulSet' ? 2 : 3);
    },
  );
});

describe('records of the clusters of one ClusterSimulator', () => {
  let simulator: ClusterSimulator;

  beforeAll(async () => {
    const namespace = {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'shop' },
    };
    simulator = await ClusterSimulator.create({
      clusters: [
        { name: 'eu', tokens: ['eu-token'] },
        { name: 'us', tokens: ['us-token'] },
      ],
      controller: { timeScale: 20 },
      seed: [
        namespace,
        {
          ...deployment('web', 'shop/web:1'),
          metadata: { name: 'web', namespace: 'shop' },
        },
      ] as never,
    });
  });

  afterAll(async () => {
    await simulator?.close();
  });

  it('order a stage after the health of the stage before it, across clusters', async () => {
    const stages = ['eu', 'us'].map(name => {
      const cluster = simulator.cluster(name);
      return { cluster, apps: kubeConfig(cluster).makeApiClient(AppsV1Api) };
    });
    // A rollout engine's two stages: patch, wait for health as kubectl does, then the next.
    for (const { apps } of stages) {
      await apps.patchNamespacedDeployment(
        {
          namespace: 'shop',
          name: 'web',
          body: {
            spec: {
              template: {
                spec: { containers: [{ name: 'app', image: 'shop/web:2' }] },
              },
            },
          },
        },
        setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch),
      );
      await waitFor(
        async () => {
          const d = await apps.readNamespacedDeployment({
            namespace: 'shop',
            name: 'web',
          });
          return d.metadata?.generation === 2 &&
            rolloutStatus({ ...d, kind: 'Deployment' } as never).done
            ? d
            : undefined;
        },
        { what: 'stage rollout', timeoutMs: 20_000 },
      );
    }
    const [eu, us] = stages.map(s => s.cluster);
    const euHealthy = eu.rolloutHistory.list({
      name: 'web',
      outcome: 'complete',
    });
    expect(euHealthy.map(r => [r.generation, r.images.app])).toEqual([
      [1, 'shop/web:1'],
      [2, 'shop/web:2'],
    ]);
    const [usPatch] = us.imageHistory
      .list({ name: 'web' })
      .filter(c => c.image === 'shop/web:2');
    expect(usPatch.sequence).toBeGreaterThan(euHealthy[1].sequence);
    const [usHealthy] = us.rolloutHistory.list({
      name: 'web',
      sinceSequence: usPatch.sequence,
    });
    expect(usHealthy).toMatchObject({ generation: 2, outcome: 'complete' });
    // The request logs tell the same story: eu's patch, eu's reads, then us's patch.
    const euRequests = eu.requestLog.list({ resource: 'deployments' });
    const usRequests = us.requestLog.list({ resource: 'deployments' });
    expect(euRequests[0]).toMatchObject({
      verb: 'patch',
      namespace: 'shop',
      name: 'web',
      code: 200,
    });
    expect(euRequests.slice(1).every(r => r.verb === 'get')).toBe(true);
    expect(usRequests[0]).toMatchObject({ verb: 'patch', code: 200 });
    expect(usRequests[0].sequence).toBeGreaterThan(
      euRequests[euRequests.length - 1].sequence,
    );
    expect(eu.sequence).toBe(us.sequence);
  });
});
