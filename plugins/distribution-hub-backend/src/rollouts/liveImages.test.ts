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
import { Deployer } from '@sdh/plugin-distribution-hub-node';
import { applicationImages, inspectEnvironments } from './liveImages';

const app = { entityRef: 'component:default/api', kubernetesId: 'api' };
const workload = (name: string, container: string, image: string) => ({
  kind: 'Deployment',
  name,
  container,
  image,
});

describe('inspectEnvironments', () => {
  it('reads every environment at once, one deadline per cluster', async () => {
    const calls: string[] = [];
    const deployer = {
      handles: (e: { cluster: string }) => e.cluster !== 'unknown',
      inspect: async (e: { cluster: string; namespace: string }) => {
        calls.push(`${e.cluster}/${e.namespace}`);
        if (e.cluster === 'slow') return new Promise(() => {});
        return new Map([[app.entityRef, [workload('api', 'api', 'api:1')]]]);
      },
    } as unknown as Deployer;
    const started = Date.now();
    const live = await inspectEnvironments(
      [deployer],
      [
        { cluster: 'fast', namespace: 'a' },
        { cluster: 'slow', namespace: 'b' },
        { cluster: 'slow', namespace: 'c' },
        { cluster: 'unknown', namespace: 'd' },
        { cluster: 'fast', namespace: 'a' },
      ],
      [app],
      100,
    );
    // Both slow namespaces waited for the same deadline, not one each.
    expect(Date.now() - started).toBeLessThan(1000);
    expect(calls).toEqual(['fast/a', 'slow/b', 'slow/c']);
    expect(Object.fromEntries(live)).toEqual({
      'fast/a': {
        images: new Map([[app.entityRef, [workload('api', 'api', 'api:1')]]]),
      },
      'slow/b': { error: 'Cluster slow did not answer within 100 ms' },
      'slow/c': { error: 'Cluster slow did not answer within 100 ms' },
      'unknown/d': {
        error: expect.stringMatching(/^No deployer handles cluster unknown/),
      },
    });
  });
});

describe('applicationImages', () => {
  it("picks the application's container in each workload", () => {
    expect(
      applicationImages('shop/api:2', [
        workload('api', 'api', 'shop/api:1'),
        workload('api', 'proxy', 'envoy:1'),
        workload('api-canary', 'main', 'other/api:9'),
        workload('api-b', 'api', 'shop/api:1'),
        workload('api-c', 'x', 'a:1'),
        workload('api-c', 'y', 'b:1'),
      ]),
    ).toEqual(['other/api:9', 'shop/api:1']);
    expect(applicationImages('shop/api:2', [])).toEqual([]);
  });
});
