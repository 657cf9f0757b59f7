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
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { ReleaseStore } from '../database/ReleaseStore';
import { DemoDataSeeder } from './DemoDataSeeder';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const demoFile = resolvePackagePath(
  '@sdh/plugin-distribution-hub-backend',
  '../../examples/releases.yaml',
);

describe.each(databases.eachSupportedId())('DemoDataSeeder on %p', id => {
  it('seeds the demo releases in their states once, with their history', async () => {
    const knex = await databases.init(id);
    const store = await ReleaseStore.create({
      database: mockServices.database({ knex }),
    });
    const seeder = DemoDataSeeder.create({
      store,
      logger: mockServices.logger.mock(),
    });
    await seeder.seedIfEmpty(demoFile);
    await seeder.seedIfEmpty(demoFile);

    const tracks = await store.listTracks({ offset: 0, limit: 10 });
    expect(tracks.items.map(t => [t.name, t.releaseCount])).toEqual([
      ['shopfront', 4],
      ['shopfront-mobile', 0],
    ]);
    const releases = await store.listReleases('shopfront');
    expect(
      releases.map(r => [r.version, r.status, r.locked, r.applicationCount]),
    ).toEqual([
      ['1.1.0', 'draft', false, 3],
      ['1.1.0-rc.1', 'on-hold', true, 2],
      ['1.0.0', 'ready', true, 5],
      ['0.9.0', 'rescinded', true, 2],
    ]);
    const ready = releases.find(r => r.version === '1.0.0')!;
    const full = await store.getRelease(ready.id);
    expect(full!.requirements.stages.map(s => s.name)).toEqual([
      'Data and back ends',
      'Search',
      'Front end',
    ]);
    const history = await store.listHistory(ready.id);
    expect(history.map(h => h.action)).toEqual([
      'created',
      'updated',
      'requirements-updated',
      'locked',
      'status-changed',
    ]);
  });
});
