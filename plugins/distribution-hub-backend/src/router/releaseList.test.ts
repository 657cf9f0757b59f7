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
import { TestDatabases } from '@backstage/backend-test-utils';
import {
  HubClient,
  hubClient,
  HubServer,
  startHub,
  waitForCatalog,
} from '../__testUtils__/startHub';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'the releases of a track on %p',
  databaseId => {
    let server: HubServer;
    let api: HubClient;

    beforeAll(async () => {
      server = await startHub(databases, databaseId);
      api = hubClient(server);
      await waitForCatalog(server);
    });

    it('are listed without their notes, which the release itself carries', async () => {
      await api.post('/tracks', { name: 'listed' });
      const { body: created } = await api.post('/tracks/listed/releases', {
        version: '1.0.0',
        description: 'The first one.',
      });
      // The largest notes the API takes.
      const notes = `# Notes\n\n${'x'.repeat(200_000 - 9)}`;
      const patched = await api.patch(
        `/releases/${created.id}`,
        { notes },
        created.revision,
      );
      expect(patched.status).toBe(200);
      await api.put(
        `/releases/${created.id}/requirements`,
        {
          stages: [
            {
              apps: [{ entityRef: 'orders-api' }, { entityRef: 'catalog-api' }],
            },
          ],
        },
        patched.body.revision,
      );

      const list = await api.get('/tracks/listed/releases');
      expect(list.status).toBe(200);
      expect(list.body.items).toHaveLength(1);
      const [summary] = list.body.items;
      expect(summary).toMatchObject({
        id: created.id,
        version: '1.0.0',
        description: 'The first one.',
        applicationCount: 2,
        stageCount: 1,
        revision: 3,
      });
      expect(summary).not.toHaveProperty('notes');
      expect(summary).not.toHaveProperty('requirements');

      const release = await api.get(`/releases/${created.id}`);
      expect(release.body.notes).toBe(notes);
      expect(release.body.requirements.stages).toHaveLength(1);
    });
  },
);
