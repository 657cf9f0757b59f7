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
import { KubernetesDeployer } from './KubernetesDeployer';

jest.setTimeout(60_000);

const TOKEN = 'hub-token';

function deployment(
  name: string,
  namespace: string,
  image: string,
  extra: object = {},
) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name,
      namespace,
      labels: { 'backstage.io/kubernetes-id': 'orders-api' },
    },
    spec: {
      replicas: 2,
      progressDeadlineSeconds: 30,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'orders', image }, ...[]] },
      },
      ...extra,
    },
  };
}

describe('KubernetesDeployer against the cluster simulator', () => {
  let simulator: ClusterSimulator;
  let deployer: KubernetesDeployer;
  const request = (namespace: string, image: string) => ({
    entityRef: 'component:default/orders-api',
    kubernetesId: 'orders-api',
    environment: { cluster: 'eu', namespace },
    image,
  });

  beforeAll(async () => {
    simulator = await ClusterSimulator.create({
      clusters: [{ name: 'eu', tokens: [TOKEN] }],
      // Fast simulated time: pods start in 20 ms, deadlines pass in 300 ms.
      controller: { timeScale: 100 },
      seed: [
        {
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name: 'acme-prod' },
        },
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'acme-qa' } },
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'empty' } },
        deployment('orders-api', 'acme-prod', 'shop/orders-api:1.0.0'),
        deployment('orders-api', 'acme-qa', 'shop/orders-api:1.0.0'),
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
    const applied = await deployer.apply(
      request('acme-prod', 'shop/orders-api:2.0.0'),
    );
    expect(applied).toEqual({
      changed: true,
      previous: [
        {
          kind: 'Deployment',
          name: 'orders-api',
          container: 'orders',
          image: 'shop/orders-api:1.0.0',
        },
      ],
    });
    await expect(
      deployer.waitForHealth(request('acme-prod', 'shop/orders-api:2.0.0'), {
        timeoutMs: 20_000,
      }),
    ).resolves.toEqual({ healthy: true });

    // A retried step: the image is already there, so no second change.
    expect(
      await deployer.apply(request('acme-prod', 'shop/orders-api:2.0.0')),
    ).toEqual({
      changed: false,
      previous: [],
    });
    const changes = simulator
      .cluster('eu')
      .imageHistory.list({ namespace: 'acme-prod', name: 'orders-api' })
      .filter(c => c.image === 'shop/orders-api:2.0.0');
    expect(changes).toHaveLength(1);
    expect(await deployer.currentImages(request('acme-prod', ''))).toEqual([
      {
        kind: 'Deployment',
        name: 'orders-api',
        container: 'orders',
        image: 'shop/orders-api:2.0.0',
      },
    ]);
  });

  it("reports a broken image with the cluster's reason, and restores the previous one", async () => {
    const broken = request('acme-qa', 'shop/orders-api:2.0.0-broken');
    const applied = await deployer.apply(broken);
    const health = await deployer.waitForHealth(broken, { timeoutMs: 20_000 });
    expect(health).toEqual({
      healthy: false,
      reason:
        'deployment "orders-api" exceeded its progress deadline (eu/acme-qa)',
    });
    await deployer.restore(broken, applied.previous);
    expect(await deployer.currentImages(broken)).toEqual([
      expect.objectContaining({ image: 'shop/orders-api:1.0.0' }),
    ]);
  });

  it('fails clearly when no workload carries the label, or the cluster is unreachable', async () => {
    await expect(
      deployer.apply(request('empty', 'shop/orders-api:2.0.0')),
    ).rejects.toThrow(
      'No Deployment, StatefulSet or DaemonSet with label backstage.io/kubernetes-id=orders-api in eu/empty',
    );
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
    await expect(
      offline.apply(request('acme-prod', 'shop/orders-api:3.0.0')),
    ).rejects.toMatchObject({
      final: false,
      message: expect.stringMatching(/^Cluster eu is unreachable/),
    });
    expect(deployer.handles({ cluster: 'us', namespace: 'x' })).toBe(false);
  });
});
