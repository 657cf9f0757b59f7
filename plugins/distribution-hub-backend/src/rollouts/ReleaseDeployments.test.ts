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
import { ReleaseDeployments } from './ReleaseDeployments';

function setUp(completed: Record<string, number>, installations: number) {
  const clock = { time: 0, now: () => clock.time };
  const catalog = {
    queryEntities: jest.fn(async () => ({
      items: [],
      totalItems: installations,
      pageInfo: {},
    })),
  };
  const store = {
    completedInstallations: jest.fn(
      async (ids: string[]) =>
        new Map(
          ids.filter(id => id in completed).map(id => [id, completed[id]]),
        ),
    ),
  };
  const logger = mockServices.logger.mock();
  const deployments = ReleaseDeployments.create({
    store,
    catalog: catalog as any,
    auth: mockServices.auth(),
    logger,
    clock,
  });
  return { deployments, catalog, store, clock, logger };
}

describe('ReleaseDeployments', () => {
  it('says how far each release has reached the installations', async () => {
    const { deployments } = setUp({ some: 2, all: 5, beyond: 9 }, 5);
    const result = await deployments.forReleases([
      'none',
      'some',
      'all',
      'beyond',
    ]);
    expect(Object.fromEntries(result)).toEqual({
      none: { state: 'not-released', completed: 0, total: 5 },
      some: { state: 'partially-released', completed: 2, total: 5 },
      all: { state: 'completely-released', completed: 5, total: 5 },
      // Installations since removed from the catalog count no further.
      beyond: { state: 'completely-released', completed: 5, total: 5 },
    });
  });

  it('counts installations in the catalog at most every ten seconds', async () => {
    const { deployments, catalog, clock } = setUp({}, 3);
    await deployments.forRelease('a');
    await Promise.all([
      deployments.forRelease('b'),
      deployments.forRelease('c'),
    ]);
    clock.time = 9_999;
    await deployments.forRelease('d');
    expect(catalog.queryEntities).toHaveBeenCalledTimes(1);
    expect(catalog.queryEntities).toHaveBeenCalledWith(
      expect.objectContaining({ filter: { kind: 'Installation' } }),
      expect.anything(),
    );
    clock.time = 10_000;
    await deployments.forRelease('e');
    expect(catalog.queryEntities).toHaveBeenCalledTimes(2);
  });

  it('leaves the state out, and counts again, when the catalog fails', async () => {
    const { deployments, catalog, logger } = setUp({}, 3);
    catalog.queryEntities.mockRejectedValueOnce(new Error('catalog down'));
    expect(await deployments.forRelease('a')).toBeUndefined();
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(/catalog down/),
    );
    expect(await deployments.forRelease('a')).toEqual({
      state: 'not-released',
      completed: 0,
      total: 3,
    });
  });

  it('asks nothing for no releases', async () => {
    const { deployments, catalog, store } = setUp({}, 3);
    expect((await deployments.forReleases([])).size).toBe(0);
    expect(catalog.queryEntities).not.toHaveBeenCalled();
    expect(store.completedInstallations).not.toHaveBeenCalled();
  });
});
