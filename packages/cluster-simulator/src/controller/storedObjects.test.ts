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
import { DEPLOYMENTS, NAMESPACES, PODS } from '../api/resources';
import { ResourceApi } from '../api/ResourceApi';
import { KubeObject } from '../api/types';
import { ObjectStore } from '../store/ObjectStore';
import { waitFor } from '../testing/kubectl';
import { WorkloadController } from './WorkloadController';

// The controller reads the objects the store hands its listeners instead of
// parsing their JSON: these tests pin down what that must not change.

jest.setTimeout(60_000);

function setup() {
  const store = ObjectStore.create();
  const api = ResourceApi.create({ store });
  const controller = WorkloadController.create({
    store,
    settings: { timeScale: 20, observeDelaySeconds: 0.2, podStartSeconds: 2 },
  });
  api.create(NAMESPACES, '', { metadata: { name: 'shop' } });
  api.create(DEPLOYMENTS, 'shop', {
    metadata: { name: 'web' },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'app', image: 'shop/web:1' }] },
      },
    },
  });
  const rolledOut = (image: string) =>
    waitFor(
      () => {
        const object = api.get(DEPLOYMENTS, 'shop', 'web');
        const status = object.status ?? {};
        const pods = store
          .list(PODS.resource, 'shop')
          .map(e => JSON.parse(e.json) as KubeObject);
        return status.observedGeneration === object.metadata.generation &&
          status.updatedReplicas === 2 &&
          status.availableReplicas === 2 &&
          pods.length === 2 &&
          pods.every(p => (p.spec as any).containers[0].image === image)
          ? object
          : undefined;
      },
      { what: `rollout of ${image}`, timeoutMs: 15_000 },
    );
  return { store, api, controller, rolledOut };
}

const setImage = (api: ResourceApi, image: string) =>
  api.patch(
    DEPLOYMENTS,
    'shop',
    'web',
    'strategic',
    JSON.stringify({
      spec: { template: { spec: { containers: [{ name: 'app', image }] } } },
    }),
    { fieldManager: 'test' },
  );

describe('objects handed to store listeners', () => {
  it('are the stored objects, as their JSON says', () => {
    const store = ObjectStore.create();
    const seen: [string, KubeObject | undefined][] = [];
    store.subscribe((event, object) => seen.push([event.json, object]));
    const stored = store.put('namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'a' },
    });
    store.remove('namespaces', '', 'a');
    expect(seen[0][1]).toBe(stored);
    expect(JSON.stringify(seen[0][1])).toBe(seen[0][0]);
    expect(seen[1][1]).toBeUndefined();
  });

  it('are not changed by the controller', async () => {
    const env = setup();
    try {
      await env.rolledOut('shop/web:1');
      const patched = setImage(env.api, 'shop/web:2');
      const asPatched = JSON.stringify(patched);
      await env.rolledOut('shop/web:2');
      expect(JSON.stringify(patched)).toBe(asPatched);
    } finally {
      env.controller.close();
    }
  });

  it('give way to a later write before the controller reacts', async () => {
    const env = setup();
    try {
      await env.rolledOut('shop/web:1');
      setImage(env.api, 'shop/web:2');
      // Within the observe delay: the controller's status writes must keep it.
      env.api.patch(
        DEPLOYMENTS,
        'shop',
        'web',
        'merge',
        JSON.stringify({ metadata: { annotations: { team: 'checkout' } } }),
        { fieldManager: 'test' },
      );
      const done = await env.rolledOut('shop/web:2');
      expect(done.metadata.annotations).toMatchObject({
        team: 'checkout',
        'deployment.kubernetes.io/revision': '2',
      });
    } finally {
      env.controller.close();
    }
  });
});
