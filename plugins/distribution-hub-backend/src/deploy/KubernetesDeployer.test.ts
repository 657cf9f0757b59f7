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
import { ClusterSimulator } from '@sdh/cluster-simulator';
import {
  ApplicationWorkloads,
  DeploymentError,
  DeploymentRequest,
} from '@sdh/plugin-distribution-hub-node';
import { KubernetesDeployer } from './KubernetesDeployer';

jest.setTimeout(60_000);

const TOKEN = 'hub-token';

function workload(
  kind: 'Deployment' | 'StatefulSet' | 'DaemonSet',
  name: string,
  namespace: string,
  image: string,
  options: { kubernetesId?: string; labels?: Record<string, string> } = {},
) {
  return {
    apiVersion: 'apps/v1',
    kind,
    metadata: {
      name,
      namespace,
      labels: {
        'backstage.io/kubernetes-id': options.kubernetesId ?? name,
        ...options.labels,
      },
    },
    spec: {
      ...(kind === 'DaemonSet' ? {} : { replicas: 2 }),
      ...(kind === 'Deployment' ? { progressDeadlineSeconds: 30 } : {}),
      ...(kind === 'StatefulSet' ? { serviceName: name } : {}),
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'app', image }] },
      },
    },
  };
}

const namespace = (name: string) => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name },
});

const BATCH = ['orders', 'payments', 'billing', 'search', 'cart'];

describe('KubernetesDeployer against the cluster simulator', () => {
  let simulator: ClusterSimulator;
  let deployer: KubernetesDeployer;
  const app = (kubernetesId: string): ApplicationWorkloads => ({
    entityRef: `component:default/${kubernetesId}`,
    kubernetesId,
  });
  const request = (
    ns: string,
    image: string,
    application = app('orders-api'),
  ): DeploymentRequest => ({
    ...application,
    environment: { cluster: 'eu', namespace: ns },
    image,
  });
  const inspectOne = async (r: DeploymentRequest) =>
    (await deployer.inspect(r.environment, [r])).get(r.entityRef)!;

  beforeAll(async () => {
    simulator = await ClusterSimulator.create({
      clusters: [{ name: 'eu', tokens: [TOKEN] }],
      // Fast simulated time: pods start in 20 ms, deadlines pass in 300 ms.
      controller: { timeScale: 100 },
      seed: [
        namespace('acme-prod'),
        namespace('acme-qa'),
        namespace('acme-data'),
        namespace('acme-batch'),
        namespace('empty'),
        workload('Deployment', 'orders-api', 'acme-prod', 'shop/orders:1.0.0'),
        workload('Deployment', 'orders-api', 'acme-qa', 'shop/orders:1.0.0'),
        workload('StatefulSet', 'ledger-db', 'acme-data', 'shop/ledger:1.0.0', {
          kubernetesId: 'ledger',
        }),
        workload(
          'DaemonSet',
          'ledger-agent',
          'acme-data',
          'shop/ledger:1.0.0',
          {
            kubernetesId: 'ledger',
          },
        ),
        workload('Deployment', 'metrics', 'acme-data', 'shop/metrics:1.0.0', {
          labels: { tier: 'metrics' },
        }),
        ...BATCH.map(name =>
          workload('Deployment', name, 'acme-batch', `shop/${name}:1.0.0`),
        ),
      ] as any,
    });
    deployer = KubernetesDeployer.create({
      clusters: [
        {
          name: 'eu',
          url: simulator.cluster('eu').url,
          token: TOKEN,
          skipTLSVerify: true,
        },
      ],
    });
  });

  afterAll(() => simulator.close());

  it('sets the image, waits for the rollout, and changes nothing when repeated', async () => {
    const target = request('acme-prod', 'shop/orders:2.0.0');
    const workloads = await inspectOne(target);
    expect(workloads).toEqual([
      {
        kind: 'Deployment',
        name: 'orders-api',
        container: 'app',
        image: 'shop/orders:1.0.0',
      },
    ]);
    const applied = await deployer.apply(target, workloads);
    expect(applied).toEqual({ changed: true, previous: workloads });
    await expect(
      deployer.waitForHealth(target, workloads, { timeoutMs: 20_000 }),
    ).resolves.toEqual({ healthy: true });

    // A retried step: the image is already there, so no second change.
    const after = await inspectOne(target);
    expect(after).toEqual([
      expect.objectContaining({ image: 'shop/orders:2.0.0' }),
    ]);
    expect(await deployer.apply(target, after)).toEqual({
      changed: false,
      previous: [],
    });
    const changes = simulator
      .cluster('eu')
      .imageHistory.list({ namespace: 'acme-prod', name: 'orders-api' })
      .filter(c => c.image === 'shop/orders:2.0.0');
    expect(changes).toHaveLength(1);
  });

  it("reports a broken image with the cluster's reason, and restores the previous one", async () => {
    const broken = request('acme-qa', 'shop/orders:2.0.0-broken');
    const workloads = await inspectOne(broken);
    const applied = await deployer.apply(broken, workloads);
    const health = await deployer.waitForHealth(broken, workloads, {
      timeoutMs: 20_000,
    });
    expect(health).toEqual({
      healthy: false,
      reason:
        'deployment "orders-api" exceeded its progress deadline (eu/acme-qa)',
    });
    await deployer.restore(broken, applied.previous);
    expect(await inspectOne(broken)).toEqual([
      expect.objectContaining({ image: 'shop/orders:1.0.0' }),
    ]);
  });

  it('finds and patches StatefulSets and DaemonSets, and applications with their own label selector', async () => {
    const environment = { cluster: 'eu', namespace: 'acme-data' };
    const metrics = { ...app('metrics'), labelSelector: 'tier=metrics' };
    const found = await deployer.inspect(environment, [app('ledger'), metrics]);
    expect(found.get('component:default/ledger')).toEqual([
      {
        kind: 'StatefulSet',
        name: 'ledger-db',
        container: 'app',
        image: 'shop/ledger:1.0.0',
      },
      {
        kind: 'DaemonSet',
        name: 'ledger-agent',
        container: 'app',
        image: 'shop/ledger:1.0.0',
      },
    ]);
    expect(found.get('component:default/metrics')).toEqual([
      expect.objectContaining({ kind: 'Deployment', name: 'metrics' }),
    ]);

    const ledger = request('acme-data', 'shop/ledger:2.0.0', app('ledger'));
    const workloads = found.get(ledger.entityRef)!;
    const applied = await deployer.apply(ledger, workloads);
    expect(applied).toEqual({ changed: true, previous: workloads });
    await expect(
      deployer.waitForHealth(ledger, workloads, { timeoutMs: 20_000 }),
    ).resolves.toEqual({ healthy: true });
    expect(await inspectOne(ledger)).toEqual([
      expect.objectContaining({ kind: 'StatefulSet', image: ledger.image }),
      expect.objectContaining({ kind: 'DaemonSet', image: ledger.image }),
    ]);
  });

  it('deploys an application with at most 3 Kubernetes API requests', async () => {
    const environment = { cluster: 'eu', namespace: 'acme-batch' };
    const applications = BATCH.map(app);
    const counters = simulator.cluster('eu').counters;
    counters.reset();

    const found = await deployer.inspect(environment, applications);
    await Promise.all(
      applications.map(async application => {
        const target = {
          ...application,
          environment,
          image: `shop/${application.kubernetesId}:2.0.0`,
        };
        const workloads = found.get(application.entityRef)!;
        expect(workloads).toHaveLength(1);
        await deployer.apply(target, workloads);
        await expect(
          deployer.waitForHealth(target, workloads, { timeoutMs: 20_000 }),
        ).resolves.toEqual({ healthy: true });
      }),
    );

    const requests = counters.snapshot();
    expect(requests.byVerbAndResource).toEqual({
      'list deployments': 1,
      'list statefulsets': 1,
      'list daemonsets': 1,
      'patch deployments': 5,
      'watch deployments': 5,
    });
    expect(requests.total / applications.length).toBeLessThanOrEqual(3);
  });

  it('reads the workload once and watches again when a watch drops', async () => {
    const target = request('acme-prod', 'shop/orders:3.0.0');
    const workloads = await inspectOne(target);
    const cluster = simulator.cluster('eu');
    cluster.faults.update({ dropRate: 1, verbs: ['watch'] });
    try {
      cluster.counters.reset();
      await deployer.apply(target, workloads);
      await expect(
        deployer.waitForHealth(target, workloads, { timeoutMs: 20_000 }),
      ).resolves.toEqual({ healthy: true });
    } finally {
      cluster.faults.clear();
    }
    expect(cluster.counters.count({ verb: 'get' })).toBeGreaterThanOrEqual(1);
    expect(cluster.counters.count({ verb: 'list' })).toBe(0);
  });

  it('fails clearly when no workload carries the label, or the cluster is unreachable', async () => {
    const missing = request('empty', 'shop/orders:2.0.0');
    const workloads = await inspectOne(missing);
    expect(workloads).toEqual([]);
    const noWorkloads =
      'No Deployment, StatefulSet or DaemonSet with label backstage.io/kubernetes-id=orders-api in eu/empty';
    await expect(deployer.apply(missing, workloads)).rejects.toMatchObject({
      final: true,
      message: noWorkloads,
    });
    await expect(
      deployer.waitForHealth(missing, workloads, { timeoutMs: 1_000 }),
    ).rejects.toThrow(noWorkloads);

    const offline = KubernetesDeployer.create({
      clusters: [
        {
          name: 'eu',
          url: 'http://127.0.0.1:9',
          token: TOKEN,
          skipTLSVerify: true,
        },
      ],
    });
    const unreachable = request('acme-prod', 'shop/orders:3.0.0');
    const failure = await offline
      .inspect(unreachable.environment, [unreachable])
      .catch(error => error);
    expect(failure).toBeInstanceOf(DeploymentError);
    expect(failure).toMatchObject({
      final: false,
      message: expect.stringMatching(/^Cluster eu is unreachable/),
    });
    await expect(
      offline.apply(unreachable, [
        {
          kind: 'Deployment',
          name: 'orders-api',
          container: 'app',
          image: 'shop/orders:1.0.0',
        },
      ]),
    ).rejects.toMatchObject({
      final: false,
      message: expect.stringMatching(/^Cluster eu is unreachable/),
    });
    expect(deployer.handles({ cluster: 'us', namespace: 'x' })).toBe(false);
  });
});
