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
import { SimulatedCluster } from './SimulatedCluster';
import { waitFor } from './testing/kubectl';

// Generous limits: the simulated time is short, but the machine may be busy.
jest.setTimeout(60_000);

const TOKEN = 'test-token';

type WorkloadKind = 'Deployment' | 'StatefulSet' | 'DaemonSet';

interface Container {
  name: string;
  image: string;
  env?: { name: string; value: string }[];
}

/** A minimal valid workload of the kind, its pods labelled app=<name>. */
function workload(
  kind: WorkloadKind,
  name: string,
  image: string | Container[],
  labels: Record<string, string> = {},
) {
  const containers =
    typeof image === 'string' ? [{ name: 'app', image }] : image;
  return {
    apiVersion: 'apps/v1',
    kind,
    metadata: { name, labels: { app: name, ...labels } },
    spec: {
      ...(kind === 'DaemonSet' ? {} : { replicas: 1 }),
      ...(kind === 'StatefulSet' ? { serviceName: name } : {}),
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers },
      },
    },
  };
}

function deployment(
  name: string,
  image: string,
  labels: Record<string, string> = {},
) {
  return workload('Deployment', name, image, labels);
}

/** What differs between the workload kinds in the tests they share. */
const KINDS: {
  kind: WorkloadKind;
  resource: string;
  /** The first columns of its Table, as kubectl get prints them. */
  columns: string[];
}[] = [
  {
    kind: 'Deployment',
    resource: 'deployments',
    columns: ['Name', 'Ready', 'Up-to-date', 'Available', 'Age'],
  },
  {
    kind: 'StatefulSet',
    resource: 'statefulsets',
    columns: ['Name', 'Ready', 'Age', 'Containers', 'Images'],
  },
  {
    kind: 'DaemonSet',
    resource: 'daemonsets',
    columns: ['Name', 'Desired', 'Current', 'Ready', 'Up-to-date'],
  },
];

/** Reads a watch stream's events, one JSON object a line, until aborted. */
function readWatch(response: Response): {
  events: any[];
  done: Promise<void>;
} {
  const events: any[] = [];
  const done = (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body as any) {
        buffer += decoder.decode(chunk, { stream: true });
        const lines = buffer.split('\n');
        buffer = lines.pop()!;
        for (const line of lines) events.push(JSON.parse(line));
      }
    } catch {
      // aborted
    }
  })();
  return { events, done };
}

describe('SimulatedCluster over HTTP', () => {
  let cluster: SimulatedCluster;

  const call = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const response = await fetch(`${cluster.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${TOKEN}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body:
        typeof body === 'string' || body === undefined
          ? body
          : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text ? JSON.parse(text) : undefined,
    };
  };

  beforeEach(async () => {
    cluster = await SimulatedCluster.create({
      name: 'test',
      tokens: [TOKEN, 'second-token'],
      // Simulated time nearly stands still: no controller writes race with these assertions.
      controller: { timeScale: 0.0001 },
      historySize: 50,
      seed: [
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
        {
          ...deployment('seeded', 'shop/seeded:1'),
          metadata: {
            name: 'seeded',
            namespace: 'shop',
            labels: { app: 'seeded' },
          },
        },
      ],
    });
  });

  afterEach(async () => {
    await cluster.close();
  });

  it('requires one of its bearer tokens', async () => {
    const anonymous = await fetch(`${cluster.url}/api/v1/namespaces`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Unauthorized',
      reason: 'Unauthorized',
      code: 401,
    });
    expect(
      (
        await call('GET', '/api/v1/namespaces', undefined, {
          authorization: 'Bearer nope',
        })
      ).status,
    ).toBe(401);
    expect(
      (
        await call('GET', '/api/v1/namespaces', undefined, {
          authorization: 'Bearer second-token',
        })
      ).status,
    ).toBe(200);
  });

  it('serves discovery', async () => {
    expect((await call('GET', '/version')).body).toMatchObject({
      major: '1',
      minor: '32',
    });
    expect((await call('GET', '/api')).body).toMatchObject({
      kind: 'APIVersions',
      versions: ['v1'],
    });
    expect(
      (await call('GET', '/apis')).body.groups.map((g: any) => g.name),
    ).toEqual(['apps']);
    const core = (await call('GET', '/api/v1')).body;
    expect(core.resources.map((r: any) => r.name)).toEqual(
      expect.arrayContaining(['namespaces', 'pods']),
    );
    const apps = (await call('GET', '/apis/apps/v1')).body;
    expect(apps).toMatchObject({
      kind: 'APIResourceList',
      groupVersion: 'apps/v1',
    });
    expect(
      apps.resources.find((r: any) => r.name === 'deployments'),
    ).toMatchObject({
      namespaced: true,
      kind: 'Deployment',
      shortNames: ['deploy'],
      verbs: expect.arrayContaining([
        'get',
        'list',
        'watch',
        'create',
        'update',
        'patch',
        'delete',
      ]),
    });
    // Discovery offers only what is served: no deletecollection, which
    // answers 405.
    for (const resource of [...core.resources, ...apps.resources]) {
      expect(resource.verbs).not.toContain('deletecollection');
    }
    const collectionDelete = await call(
      'DELETE',
      '/apis/apps/v1/namespaces/shop/deployments',
    );
    expect(collectionDelete.status).toBe(405);
    expect((await call('GET', '/apis/batch/v1')).status).toBe(404);
  });

  it('answers Status bodies for unknown patch types and pod writes', async () => {
    const missing = await call(
      'GET',
      '/apis/apps/v1/namespaces/shop/deployments/nope',
    );
    expect(missing.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'deployments.apps "nope" not found',
      reason: 'NotFound',
      details: { name: 'nope', group: 'apps', kind: 'deployments' },
      code: 404,
    });
    const unsupported = await call(
      'PATCH',
      '/apis/apps/v1/namespaces/shop/deployments/seeded',
      '{}',
      { 'content-type': 'text/plain' },
    );
    expect(unsupported.status).toBe(415);
    expect(unsupported.body).toMatchObject({
      reason: 'UnsupportedMediaType',
      message: expect.stringContaining('(got text/plain)'),
    });
    const podCreate = await call('POST', '/api/v1/namespaces/shop/pods', {
      metadata: { name: 'p' },
    });
    expect(podCreate.status).toBe(405);
  });

  it('breaks a workload by its broken-images annotation, and recovers it when the annotation or the cluster-wide pattern changes', async () => {
    const annotation = 'simulator.distribution-hub.io/broken-images';
    const deployments = '/apis/apps/v1/namespaces/shop/deployments';
    const path = `${deployments}/seeded`;
    const merge = { 'content-type': 'application/merge-patch+json' };

    // A pattern that is not a regular expression is Invalid, on every write.
    const badCreate = await call('POST', deployments, {
      ...deployment('web', 'shop/web:1'),
      metadata: { name: 'web', annotations: { [annotation]: 'web:(1' } },
    });
    expect(badCreate.status).toBe(422);
    expect(badCreate.body).toMatchObject({
      kind: 'Status',
      status: 'Failure',
      reason: 'Invalid',
      code: 422,
      message: expect.stringMatching(
        /^Deployment\.apps "web" is invalid: metadata\.annotations\[simulator\.distribution-hub\.io\/broken-images\]: Invalid value: "web:\(1": must be a valid regular expression: /,
      ),
      details: {
        name: 'web',
        group: 'apps',
        kind: 'Deployment',
        causes: [
          {
            reason: 'FieldValueInvalid',
            field: `metadata.annotations[${annotation}]`,
          },
        ],
      },
    });
    const badPatch = await call(
      'PATCH',
      path,
      { metadata: { annotations: { [annotation]: '*' } } },
      merge,
    );
    expect(badPatch.status).toBe(422);
    expect(badPatch.body.message).toContain(annotation);
    const current = (await call('GET', path)).body;
    const badUpdate = await call('PUT', path, {
      ...current,
      metadata: { ...current.metadata, annotations: { [annotation]: '[' } },
    });
    expect(badUpdate.status).toBe(422);
    expect(badUpdate.body.message).toContain(annotation);

    // The annotation breaks this workload's image; removing it fixes it.
    cluster.updateControllerSettings({ timeScale: 20 });
    const broken = await call(
      'PATCH',
      path,
      {
        metadata: { annotations: { [annotation]: 'shop/seeded:2$' } },
        spec: {
          progressDeadlineSeconds: 2,
          template: {
            spec: { containers: [{ name: 'app', image: 'shop/seeded:2' }] },
          },
        },
      },
      { 'content-type': 'application/strategic-merge-patch+json' },
    );
    expect(broken.status).toBe(200);
    expect(broken.body.metadata.generation).toBe(2);
    await waitFor(
      () =>
        cluster.rolloutHistory.list({ name: 'seeded', outcome: 'failed' })[0],
      { what: 'progress deadline', timeoutMs: 20_000 },
    );
    const failed = (await call('GET', path)).body;
    expect(
      failed.status.conditions.find((c: any) => c.type === 'Progressing'),
    ).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded' });
    const fixed = await call(
      'PATCH',
      path,
      { metadata: { annotations: { [annotation]: null } } },
      merge,
    );
    expect(fixed.status).toBe(200);
    expect(fixed.body.metadata.generation).toBe(2);
    const completed = await waitFor(
      () =>
        cluster.rolloutHistory
          .list({ name: 'seeded', outcome: 'complete' })
          .find(r => r.generation === 2),
      { what: 'recovery', timeoutMs: 20_000 },
    );
    expect(completed.images).toEqual({ app: 'shop/seeded:2' });
    const recovered = (await call('GET', path)).body;
    expect(recovered.status).toMatchObject({
      observedGeneration: 2,
      replicas: 1,
      updatedReplicas: 1,
      readyReplicas: 1,
      availableReplicas: 1,
    });
    expect(recovered.status.conditions).toMatchObject([
      { type: 'Available', status: 'True' },
      {
        type: 'Progressing',
        status: 'True',
        reason: 'NewReplicaSetAvailable',
      },
    ]);

    // Pods stuck on the cluster-wide pattern start once it changes.
    await call(
      'PATCH',
      path,
      {
        spec: {
          template: {
            spec: {
              containers: [{ name: 'app', image: 'shop/seeded:3-broken' }],
            },
          },
        },
      },
      { 'content-type': 'application/strategic-merge-patch+json' },
    );
    await waitFor(
      () =>
        cluster.rolloutHistory.list({
          name: 'seeded',
          outcome: 'failed',
        })[1],
      { what: 'progress deadline', timeoutMs: 20_000 },
    );
    const tuned = await call('PATCH', '/__simulator/controller', {
      brokenImagePattern: ':never$',
    });
    expect(tuned.status).toBe(200);
    expect(
      (
        await waitFor(
          () =>
            cluster.rolloutHistory
              .list({ name: 'seeded' })
              .find(r => r.generation === 3 && r.outcome === 'complete'),
          { what: 'recovery from the cluster-wide pattern', timeoutMs: 20_000 },
        )
      ).images,
    ).toEqual({ app: 'shop/seeded:3-broken' });
    expect(
      cluster.rolloutHistory
        .list({ name: 'seeded' })
        .map(r => [r.generation, r.outcome]),
    ).toEqual([
      [1, 'complete'],
      [2, 'failed'],
      [2, 'complete'],
      [3, 'failed'],
      [3, 'complete'],
    ]);
  });

  it("answers a Deployment's Table row with its counts, and lists its pods by labels", async () => {
    const table = (
      await call(
        'GET',
        '/apis/apps/v1/namespaces/shop/deployments',
        undefined,
        {
          accept:
            'application/json;as=Table;v=v1;g=meta.k8s.io,application/json',
        },
      )
    ).body;
    expect(
      table.rows.find((r: any) => r.cells[0] === 'seeded').cells.slice(0, 4),
    ).toEqual(['seeded', '1/1', 1, 1]);
    const pods = (
      await call(
        'GET',
        '/api/v1/namespaces/shop/pods?labelSelector=app%3Dseeded',
      )
    ).body;
    expect(pods.items).toHaveLength(1);
    expect(pods.items[0].status.phase).toBe('Running');
  });

  it('deletes a namespace through Terminating, with its content', async () => {
    await call('POST', '/api/v1/namespaces', { metadata: { name: 'temp' } });
    await call(
      'POST',
      '/apis/apps/v1/namespaces/temp/deployments',
      deployment('web', 'x:1'),
    );
    const deleted = await call('DELETE', '/api/v1/namespaces/temp');
    expect(deleted.body.status.phase).toBe('Terminating');
    const refused = await call(
      'POST',
      '/apis/apps/v1/namespaces/temp/deployments',
      deployment('late', 'x:1'),
    );
    expect(refused).toMatchObject({
      status: 403,
      body: { reason: 'Forbidden' },
    });
    await waitFor(
      async () => (await call('GET', '/api/v1/namespaces/temp')).status === 404,
      { what: 'namespace gone' },
    );
    expect(
      (await call('GET', '/apis/apps/v1/namespaces/temp/deployments/web'))
        .status,
    ).toBe(404);
    const removed = await call(
      'DELETE',
      '/apis/apps/v1/namespaces/shop/deployments/seeded',
    );
    expect(removed.body).toMatchObject({
      kind: 'Status',
      status: 'Success',
      details: { name: 'seeded', kind: 'deployments' },
    });
  });

  describe.each(KINDS)('$kind', ({ kind, resource, columns }) => {
    const namespace = 'kinds';
    const collection = `/apis/apps/v1/namespaces/${namespace}/${resource}`;
    const one = (name: string) => `${collection}/${name}`;
    const merge = { 'content-type': 'application/merge-patch+json' };
    const strategic = {
      'content-type': 'application/strategic-merge-patch+json',
    };
    const names = async (path: string) =>
      (await call('GET', path)).body.items.map((i: any) => i.metadata.name);

    beforeEach(async () => {
      const created = await call('POST', '/api/v1/namespaces', {
        metadata: { name: namespace },
      });
      if (created.status !== 201)
        throw new Error(`namespace ${namespace}: ${created.status}`);
    });

    it('creates, reads, replaces and deletes, with Status bodies for NotFound, AlreadyExists, a stale resourceVersion and Invalid', async () => {
      const missing = await call('GET', one('nope'));
      expect(missing).toMatchObject({
        status: 404,
        body: {
          kind: 'Status',
          status: 'Failure',
          reason: 'NotFound',
          message: `${resource}.apps "nope" not found`,
          details: { name: 'nope', group: 'apps', kind: resource },
          code: 404,
        },
      });
      const created = await call(
        'POST',
        collection,
        workload(kind, 'web', 'shop/web:1'),
      );
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        kind,
        apiVersion: 'apps/v1',
        metadata: {
          name: 'web',
          namespace,
          generation: 1,
          uid: expect.any(String),
          creationTimestamp: expect.stringMatching(/Z$/),
        },
      });
      const again = await call(
        'POST',
        collection,
        workload(kind, 'web', 'shop/web:1'),
      );
      expect(again).toMatchObject({
        status: 409,
        body: {
          reason: 'AlreadyExists',
          message: `${resource}.apps "web" already exists`,
        },
      });

      // Replace: the current resourceVersion is accepted, a stale one is a Conflict.
      const current = (await call('GET', one('web'))).body;
      expect(current.metadata.uid).toBe(created.body.metadata.uid);
      current.spec.template.spec.containers[0].image = 'shop/web:2';
      const replaced = await call('PUT', one('web'), current);
      expect(replaced.status).toBe(200);
      expect(replaced.body.metadata).toMatchObject({
        generation: 2,
        uid: created.body.metadata.uid,
        creationTimestamp: created.body.metadata.creationTimestamp,
      });
      expect(replaced.body.spec.template.spec.containers[0].image).toBe(
        'shop/web:2',
      );
      expect(Number(replaced.body.metadata.resourceVersion)).toBeGreaterThan(
        Number(current.metadata.resourceVersion),
      );
      const stale = await call('PUT', one('web'), created.body);
      expect(stale).toMatchObject({
        status: 409,
        body: {
          reason: 'Conflict',
          message: `Operation cannot be fulfilled on ${resource}.apps "web": the object has been modified; please apply your changes to the latest version and try again`,
        },
      });
      const unconditional = await call('PUT', one('web'), {
        ...replaced.body,
        metadata: {
          ...replaced.body.metadata,
          resourceVersion: undefined,
          labels: { app: 'web', team: 'a' },
        },
      });
      expect(unconditional.status).toBe(200);
      expect(unconditional.body.metadata.generation).toBe(2);
      expect(
        (await call('PUT', one('web'), workload(kind, 'other', 'x:1'))).status,
      ).toBe(400);

      const invalid = await call('POST', collection, workload(kind, 'bad', ''));
      expect(invalid).toMatchObject({
        status: 422,
        body: {
          reason: 'Invalid',
          message: `${kind}.apps "bad" is invalid: spec.template.spec.containers[0].image: Required value`,
          details: {
            name: 'bad',
            group: 'apps',
            kind,
            causes: [
              {
                reason: 'FieldValueRequired',
                field: 'spec.template.spec.containers[0].image',
              },
            ],
          },
        },
      });
      const mismatch = workload(kind, 'sel', 'x:1');
      mismatch.spec.selector = { matchLabels: { app: 'other' } };
      expect((await call('POST', collection, mismatch)).body.message).toContain(
        '`selector` does not match template `labels`',
      );
      expect(
        await call(
          'POST',
          `/apis/apps/v1/namespaces/ghost/${resource}`,
          workload(kind, 'web', 'x:1'),
        ),
      ).toMatchObject({
        status: 404,
        body: { message: 'namespaces "ghost" not found' },
      });
      const immutable = await call(
        'PATCH',
        one('web'),
        { spec: { selector: { matchLabels: { app: 'x' } } } },
        merge,
      );
      expect(immutable.status).toBe(422);
      expect(immutable.body.message).toContain('field is immutable');

      const deleted = await call('DELETE', one('web'));
      expect(deleted).toMatchObject({
        status: 200,
        body: {
          kind: 'Status',
          status: 'Success',
          details: { name: 'web', group: 'apps', kind: resource },
        },
      });
      expect((await call('GET', one('web'))).status).toBe(404);
      expect((await call('DELETE', one('web'))).status).toBe(404);
    });

    it('keeps uid and creationTimestamp, bumps resourceVersion always and generation on spec changes only', async () => {
      const created = (
        await call('POST', collection, workload(kind, 'web', 'shop/web:1'))
      ).body;
      const labelled = (
        await call(
          'PATCH',
          one('web'),
          { metadata: { labels: { team: 'a' } } },
          merge,
        )
      ).body;
      expect(labelled.metadata.generation).toBe(1);
      expect(Number(labelled.metadata.resourceVersion)).toBeGreaterThan(
        Number(created.metadata.resourceVersion),
      );
      const image = (
        await call(
          'PATCH',
          one('web'),
          [
            {
              op: 'replace',
              path: '/spec/template/spec/containers/0/image',
              value: 'shop/web:2',
            },
          ],
          { 'content-type': 'application/json-patch+json' },
        )
      ).body;
      expect(image.metadata).toMatchObject({
        generation: 2,
        uid: created.metadata.uid,
        creationTimestamp: created.metadata.creationTimestamp,
      });
      const noop = (await call('PATCH', one('web'), {}, merge)).body;
      expect(noop.metadata.resourceVersion).toBe(
        image.metadata.resourceVersion,
      );
      const statusIgnored = (
        await call(
          'PATCH',
          one('web'),
          { status: { observedGeneration: 99 } },
          merge,
        )
      ).body;
      expect(statusIgnored.status.observedGeneration).not.toBe(99);
      const dry = (
        await call(
          'PATCH',
          `${one('web')}?dryRun=All`,
          { spec: { minReadySeconds: 7 } },
          merge,
        )
      ).body;
      expect(dry.spec.minReadySeconds).toBe(7);
      // Not stored; 0, the default, is left out as the API server does.
      expect(
        (await call('GET', one('web'))).body.spec.minReadySeconds,
      ).toBeUndefined();
    });

    it('merges a strategic-merge patch into containers by name: the other container and the env it does not name are kept', async () => {
      const created = await call(
        'POST',
        collection,
        workload(kind, 'pair', [
          {
            name: 'app',
            image: 'shop/app:1',
            env: [
              { name: 'A', value: '1' },
              { name: 'B', value: '2' },
            ],
          },
          {
            name: 'sidecar',
            image: 'shop/sidecar:1',
            env: [{ name: 'S', value: 's' }],
          },
        ]),
      );
      expect(created.status).toBe(201);
      const patched = await call(
        'PATCH',
        one('pair'),
        {
          spec: {
            template: {
              spec: {
                containers: [
                  {
                    name: 'sidecar',
                    image: 'shop/sidecar:2',
                    env: [{ name: 'T', value: 't' }],
                  },
                ],
              },
            },
          },
        },
        strategic,
      );
      expect(patched.status).toBe(200);
      expect(patched.body.metadata.generation).toBe(2);
      const containers = (await call('GET', one('pair'))).body.spec.template
        .spec.containers;
      expect(
        containers.map((c: any) => ({
          name: c.name,
          image: c.image,
          env: c.env,
        })),
      ).toEqual([
        {
          name: 'app',
          image: 'shop/app:1',
          env: [
            { name: 'A', value: '1' },
            { name: 'B', value: '2' },
          ],
        },
        {
          name: 'sidecar',
          image: 'shop/sidecar:2',
          // An element the patch adds goes after the kept ones.
          env: [
            { name: 'S', value: 's' },
            { name: 'T', value: 't' },
          ],
        },
      ]);
      const envPatched = await call(
        'PATCH',
        one('pair'),
        {
          spec: {
            template: {
              spec: {
                containers: [{ name: 'app', env: [{ name: 'B', value: '3' }] }],
              },
            },
          },
        },
        strategic,
      );
      expect(
        envPatched.body.spec.template.spec.containers.map((c: any) => [
          c.name,
          c.image,
          c.env,
        ]),
      ).toEqual([
        [
          'app',
          'shop/app:1',
          [
            { name: 'A', value: '1' },
            { name: 'B', value: '3' },
          ],
        ],
        [
          'sidecar',
          'shop/sidecar:2',
          [
            { name: 'S', value: 's' },
            { name: 'T', value: 't' },
          ],
        ],
      ]);
    });

    it('lists with label and field selectors, pages, and answers Tables', async () => {
      await call(
        'POST',
        collection,
        workload(kind, 'a', 'x:1', { tier: 'front' }),
      );
      await call(
        'POST',
        collection,
        workload(kind, 'b', 'x:1', { tier: 'back' }),
      );
      await call(
        'POST',
        `/apis/apps/v1/namespaces/default/${resource}`,
        workload(kind, 'c', 'x:1', { tier: 'front' }),
      );
      expect(await names(collection)).toEqual(['a', 'b']);
      expect(
        await names(`/apis/apps/v1/${resource}?labelSelector=tier%3Dfront`),
      ).toEqual(['c', 'a']);
      expect(
        await names(
          `/apis/apps/v1/${resource}?labelSelector=tier%20in%20(back),app!%3Dx`,
        ),
      ).toEqual(['b']);
      expect(await names(`${collection}?labelSelector=tier!%3Dfront`)).toEqual([
        'b',
      ]);
      expect(await names(`${collection}?labelSelector=!tier`)).toEqual([]);
      expect(
        await names(`${collection}?fieldSelector=metadata.name%3Db`),
      ).toEqual(['b']);
      expect(
        await names(
          `/apis/apps/v1/${resource}?labelSelector=tier&fieldSelector=metadata.namespace%3Ddefault`,
        ),
      ).toEqual(['c']);
      expect(
        (
          await call(
            'GET',
            `/apis/apps/v1/${resource}?fieldSelector=spec.replicas%3D1`,
          )
        ).status,
      ).toBe(400);
      expect(
        (await call('GET', `/apis/apps/v1/${resource}?labelSelector=%3D%3D`))
          .status,
      ).toBe(400);

      const list = (await call('GET', `${collection}?limit=1`)).body;
      expect(list).toMatchObject({
        kind: `${kind}List`,
        apiVersion: 'apps/v1',
        metadata: { remainingItemCount: 1 },
      });
      expect(list.items.map((i: any) => i.metadata.name)).toEqual(['a']);
      expect(list.items[0]).not.toHaveProperty('kind');
      const rest = (
        await call(
          'GET',
          `${collection}?limit=1&continue=${list.metadata.continue}`,
        )
      ).body;
      expect(rest.items.map((i: any) => i.metadata.name)).toEqual(['b']);
      expect(rest.metadata.continue).toBeUndefined();

      const table = (
        await call('GET', collection, undefined, {
          accept:
            'application/json;as=Table;v=v1;g=meta.k8s.io,application/json',
        })
      ).body;
      expect(table.kind).toBe('Table');
      expect(
        table.columnDefinitions
          .map((c: any) => c.name)
          .slice(0, columns.length),
      ).toEqual(columns);
      expect(table.rows.map((r: any) => r.cells[0])).toEqual(['a', 'b']);
      expect(table.rows[0].object.kind).toBe('PartialObjectMetadata');
    });

    it('streams watch events with selector transitions and answers 410 for an expired resourceVersion', async () => {
      // Seeded, so settled: the controller writes nothing while the test runs.
      cluster.seed([
        {
          ...workload(kind, 'watched', 'x:1'),
          metadata: { name: 'watched', namespace, labels: { app: 'watched' } },
        },
      ]);
      const list = (
        await call('GET', `${collection}?labelSelector=watched%3Dyes`)
      ).body;
      expect(list.items).toEqual([]);
      const controller = new AbortController();
      const response = await fetch(
        `${cluster.url}${collection}?watch=true&labelSelector=watched%3Dyes&resourceVersion=${list.metadata.resourceVersion}`,
        {
          headers: { authorization: `Bearer ${TOKEN}` },
          signal: controller.signal,
        },
      );
      const { events, done } = readWatch(response);
      const patch = (labels: object) =>
        call('PATCH', one('watched'), { metadata: { labels } }, merge);
      await patch({ watched: 'yes' });
      await patch({ note: 'x' });
      await patch({ watched: null });
      await waitFor(() => events.length >= 3, { what: 'watch events' });
      expect(events.map(e => `${e.type} ${e.object.metadata.name}`)).toEqual([
        'ADDED watched',
        'MODIFIED watched',
        'DELETED watched',
      ]);
      expect(events[0].object).toMatchObject({ kind, apiVersion: 'apps/v1' });
      expect(events[1].object.metadata.labels).toMatchObject({ note: 'x' });
      controller.abort();
      await done;

      // A deleted object arrives as DELETED on a watch of every object.
      const all = new AbortController();
      const everything = readWatch(
        await fetch(
          `${cluster.url}${collection}?watch=true&resourceVersion=${
            (
              await call('GET', collection)
            ).body.metadata.resourceVersion
          }`,
          {
            headers: { authorization: `Bearer ${TOKEN}` },
            signal: all.signal,
          },
        ),
      );
      await call('DELETE', one('watched'));
      await waitFor(() => everything.events.find(e => e.type === 'DELETED'), {
        what: 'DELETED event',
      });
      expect(everything.events[0]).toMatchObject({
        type: 'DELETED',
        object: { kind, metadata: { name: 'watched' } },
      });
      all.abort();
      await everything.done;

      await call('POST', collection, workload(kind, 'busy', 'x:1'));
      for (let i = 0; i < 60; i++)
        await call(
          'PATCH',
          one('busy'),
          { metadata: { labels: { counter: String(i) } } },
          merge,
        );
      const expired = await call(
        'GET',
        `${collection}?watch=1&resourceVersion=2`,
      );
      expect(expired.status).toBe(200);
      expect(expired.body).toMatchObject({
        type: 'ERROR',
        object: { kind: 'Status', code: 410, reason: 'Expired' },
      });
    });
  });

  describe('admin API', () => {
    it('injects errors, latency and dropped connections, and counts requests', async () => {
      await call('DELETE', '/__simulator/requests');
      const faults = await call('PUT', '/__simulator/faults', {
        errorRate: 1,
        errorCodes: [503],
        resources: ['deployments'],
      });
      expect(faults.body).toMatchObject({ errorRate: 1, errorCodes: [503] });
      const failing = await call(
        'GET',
        '/apis/apps/v1/namespaces/shop/deployments/seeded',
      );
      expect(failing.status).toBe(503);
      expect(failing.headers.get('retry-after')).toBe('1');
      expect(failing.body).toMatchObject({
        kind: 'Status',
        reason: 'ServiceUnavailable',
        code: 503,
      });
      expect((await call('GET', '/api/v1/namespaces/shop')).status).toBe(200);

      await call('PUT', '/__simulator/faults', {
        errorRate: 1,
        errorCodes: [429],
      });
      expect((await call('GET', '/api/v1/namespaces')).body.reason).toBe(
        'TooManyRequests',
      );

      await call('PUT', '/__simulator/faults', { latencyMs: 150 });
      const started = Date.now();
      expect((await call('GET', '/api/v1/namespaces')).status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);

      await call('PUT', '/__simulator/faults', { dropRate: 1 });
      await expect(call('GET', '/api/v1/namespaces')).rejects.toThrow();
      expect(
        (await call('PUT', '/__simulator/faults', { errorRate: 2 })).status,
      ).toBe(400);
      await call('DELETE', '/__simulator/faults');

      await call(
        'PATCH',
        '/apis/apps/v1/namespaces/shop/deployments/seeded',
        { metadata: { labels: { a: 'b' } } },
        { 'content-type': 'application/merge-patch+json' },
      );
      const counts = (await call('GET', '/__simulator/requests')).body;
      expect(counts.byVerbAndResource).toMatchObject({
        'get deployments': 1,
        'list namespaces': 3,
        'patch deployments': 1,
        'get namespaces': 1,
      });
      expect(counts.byCode).toMatchObject({ '0': 1, '503': 1, '429': 1 });
      expect(counts.byObject).toContainEqual({
        verb: 'patch',
        resource: 'deployments',
        namespace: 'shop',
        name: 'seeded',
        count: 1,
      });
      expect(
        cluster.counters.count({
          verb: 'patch',
          resource: 'deployments',
          name: 'seeded',
        }),
      ).toBe(1);
    });

    it('records every image change with its time', async () => {
      const setImage = (image: string) =>
        call(
          'PATCH',
          '/apis/apps/v1/namespaces/shop/deployments/seeded',
          {
            spec: {
              template: { spec: { containers: [{ name: 'app', image }] } },
            },
          },
          { 'content-type': 'application/strategic-merge-patch+json' },
        );
      await setImage('shop/seeded:2');
      await setImage('shop/seeded:2');
      await call(
        'PATCH',
        '/apis/apps/v1/namespaces/shop/deployments/seeded',
        { spec: { replicas: 2 } },
        { 'content-type': 'application/merge-patch+json' },
      );
      const history = (
        await call('GET', '/__simulator/images?namespace=shop&name=seeded')
      ).body;
      expect(history.cluster).toBe('test');
      expect(
        history.changes.map((c: any) => [c.previousImage, c.image]),
      ).toEqual([
        [undefined, 'shop/seeded:1'],
        ['shop/seeded:1', 'shop/seeded:2'],
      ]);
      expect(
        history.changes.filter((c: any) => c.image === 'shop/seeded:2'),
      ).toHaveLength(1);
      expect(history.changes[1]).toMatchObject({
        kind: 'Deployment',
        container: 'app',
        containerType: 'containers',
        generation: 2,
      });
      expect(Date.parse(history.changes[1].time)).toBeGreaterThan(0);
    });

    it('logs every request in order with its code', async () => {
      await call('DELETE', '/__simulator/requests');
      const start = cluster.sequence.current;
      await call('PUT', '/__simulator/faults', {
        errorRate: 1,
        errorCodes: [503],
        resources: ['deployments'],
      });
      await call('GET', '/apis/apps/v1/namespaces/shop/deployments/seeded');
      await call('DELETE', '/__simulator/faults');
      await call('PUT', '/__simulator/faults', { dropRate: 1 });
      await expect(call('GET', '/api/v1/namespaces')).rejects.toThrow();
      await call('DELETE', '/__simulator/faults');
      await call(
        'PATCH',
        '/apis/apps/v1/namespaces/shop/deployments/seeded',
        { metadata: { labels: { a: 'b' } } },
        { 'content-type': 'application/merge-patch+json' },
      );
      await call('GET', '/apis/apps/v1/namespaces/shop/deployments/missing');
      await call('GET', '/version');

      const log = (await call('GET', '/__simulator/requests/log')).body;
      expect(log).toMatchObject({
        cluster: 'test',
        capacity: 100_000,
        kept: 5,
        evicted: 0,
      });
      // Admin requests are neither counted nor logged.
      expect(log.requests).toEqual([
        {
          time: expect.stringMatching(/\.\d{6}Z$/),
          sequence: expect.any(Number),
          verb: 'get',
          resource: 'deployments',
          namespace: 'shop',
          name: 'seeded',
          code: 503,
        },
        expect.objectContaining({
          verb: 'list',
          resource: 'namespaces',
          code: 0,
        }),
        expect.objectContaining({ verb: 'patch', name: 'seeded', code: 200 }),
        expect.objectContaining({ verb: 'get', name: 'missing', code: 404 }),
        expect.objectContaining({
          verb: 'get',
          resource: '/version',
          code: 200,
        }),
      ]);
      expect(log.requests[1]).not.toHaveProperty('namespace');
      const sequences = log.requests.map((r: any) => r.sequence);
      expect(sequences[0]).toBeGreaterThan(start);
      expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
      expect(new Set(sequences).size).toBe(5);
      expect(log.sequence).toBe(cluster.sequence.current);

      // The same in-process, filtered.
      expect(
        cluster.requestLog
          .list({ resource: 'deployments', namespace: 'shop' })
          .map(r => r.code),
      ).toEqual([503, 200, 404]);
      expect(cluster.requestLog.list({ verb: 'patch' })).toEqual([
        log.requests[2],
      ]);
      expect(
        cluster.requestLog.list({ sinceSequence: sequences[1], limit: 2 }),
      ).toEqual(log.requests.slice(2, 4));
      expect(
        (
          await call(
            'GET',
            `/__simulator/requests/log?code=404&sinceSequence=${sequences[0]}`,
          )
        ).body.requests,
      ).toEqual([log.requests[3]]);
      expect(
        (await call('GET', '/__simulator/requests/log?limit=0')).status,
      ).toBe(400);
      expect(
        (await call('GET', '/__simulator/requests/log?sinceSequence=x')).status,
      ).toBe(400);
      // The counters count what the log logs.
      expect(cluster.counters.count()).toBe(5);

      await call('DELETE', '/__simulator/requests');
      expect(cluster.requestLog.list()).toEqual([]);
      expect(cluster.counters.count()).toBe(0);
    });

    it('keeps the last requests up to the log size, and counts them all', async () => {
      await cluster.close();
      cluster = await SimulatedCluster.create({
        name: 'small',
        tokens: [TOKEN],
        requestLogSize: 3,
      });
      for (let i = 0; i < 7; i++) await call('GET', `/api/v1/namespaces/n${i}`);
      const log = (await call('GET', '/__simulator/requests/log')).body;
      expect(log).toMatchObject({ capacity: 3, kept: 3, evicted: 4 });
      expect(log.requests.map((r: any) => [r.name, r.code])).toEqual([
        ['n4', 404],
        ['n5', 404],
        ['n6', 404],
      ]);
      expect(cluster.counters.count({ verb: 'get' })).toBe(7);
      expect(cluster.requestLog.list({ sinceSequence: 0 })).toHaveLength(3);
      expect(
        cluster.requestLog.list({
          sinceSequence: log.requests[1].sequence,
        }),
      ).toEqual([log.requests[2]]);
      await cluster.close();
      cluster = await SimulatedCluster.create({
        name: 'none',
        tokens: [TOKEN],
        requestLogSize: 0,
      });
      await call('GET', '/api/v1/namespaces');
      expect(cluster.requestLog.list()).toEqual([]);
      expect(cluster.requestLog.evicted).toBe(1);
      expect(cluster.counters.count()).toBe(1);
    });

    it('records rollouts, ordered with image changes and requests by one sequence', async () => {
      const [seededRollout] = cluster.rolloutHistory.list();
      expect(seededRollout).toMatchObject({
        kind: 'Deployment',
        namespace: 'shop',
        name: 'seeded',
        generation: 1,
        images: { app: 'shop/seeded:1' },
        outcome: 'complete',
      });
      cluster.updateControllerSettings({ timeScale: 20 });
      const path = '/apis/apps/v1/namespaces/shop/deployments/seeded';
      const setImage = (image: string, extra: object = {}) =>
        call(
          'PATCH',
          path,
          {
            spec: {
              ...extra,
              template: { spec: { containers: [{ name: 'app', image }] } },
            },
          },
          { 'content-type': 'application/strategic-merge-patch+json' },
        );
      await setImage('shop/seeded:2');
      const completed = await waitFor(
        () =>
          cluster.rolloutHistory.list({
            name: 'seeded',
            outcome: 'complete',
            sinceSequence: seededRollout.sequence,
          })[0],
        { what: 'rollout of shop/seeded:2', timeoutMs: 20_000 },
      );
      expect(completed).toMatchObject({
        generation: 2,
        images: { app: 'shop/seeded:2' },
      });
      const [change] = cluster.imageHistory.list({
        name: 'seeded',
        sinceSequence: seededRollout.sequence,
      });
      expect(change).toMatchObject({ image: 'shop/seeded:2', generation: 2 });
      const [patch] = cluster.requestLog.list({ verb: 'patch' });
      // The image is stored, then the patch answered, then the rollout completes.
      expect(change.sequence).toBeLessThan(patch.sequence);
      expect(patch.sequence).toBeLessThan(completed.sequence);
      expect(Date.parse(change.time)).toBeLessThanOrEqual(
        Date.parse(completed.time),
      );
      // A read of the healthy status is logged after the completion.
      const read = await call('GET', path);
      expect(Number(read.body.metadata.resourceVersion)).toBeGreaterThanOrEqual(
        Number(completed.resourceVersion),
      );
      const [lastRead] = cluster.requestLog.list({ verb: 'get' }).slice(-1);
      expect(lastRead.sequence).toBeGreaterThan(completed.sequence);

      await setImage('shop/seeded:3-broken', { progressDeadlineSeconds: 2 });
      const failed = await waitFor(
        () =>
          cluster.rolloutHistory.list({ name: 'seeded', outcome: 'failed' })[0],
        { what: 'progress deadline', timeoutMs: 20_000 },
      );
      expect(failed).toMatchObject({
        generation: 3,
        images: { app: 'shop/seeded:3-broken' },
      });
      const rollouts = (
        await call('GET', '/__simulator/rollouts?namespace=shop&name=seeded')
      ).body;
      expect(rollouts.cluster).toBe('test');
      expect(
        rollouts.rollouts.map((r: any) => [r.generation, r.outcome]),
      ).toEqual([
        [1, 'complete'],
        [2, 'complete'],
        [3, 'failed'],
      ]);
      expect(
        (await call('GET', '/__simulator/rollouts?outcome=failed')).body
          .rollouts,
      ).toEqual([failed]);
      expect(
        (await call('GET', '/__simulator/rollouts?outcome=done')).status,
      ).toBe(400);
      expect(
        (
          await call(
            'GET',
            `/__simulator/images?name=seeded&sinceSequence=${completed.sequence}`,
          )
        ).body.changes.map((c: any) => c.image),
      ).toEqual(['shop/seeded:3-broken']);

      // A reset clears the log and the histories; the seed is recorded anew.
      const before = cluster.sequence.current;
      await call('POST', '/__simulator/reset');
      expect(cluster.requestLog.list()).toEqual([]);
      const afterReset = cluster.rolloutHistory.list();
      expect(afterReset).toMatchObject([
        { name: 'seeded', generation: 1, outcome: 'complete' },
      ]);
      expect(afterReset[0].sequence).toBeGreaterThan(before);
      expect(
        cluster.imageHistory.list().map(c => [c.image, c.sequence > before]),
      ).toEqual([['shop/seeded:1', true]]);
      expect(
        (await call('DELETE', '/__simulator/rollouts')).body.rollouts,
      ).toEqual([]);
      expect(cluster.rolloutHistory.list()).toEqual([]);
    });

    it('resets to the seeded state and tunes the controller', async () => {
      await call('DELETE', '/apis/apps/v1/namespaces/shop/deployments/seeded');
      await call('POST', '/api/v1/namespaces', { metadata: { name: 'extra' } });
      await call('PUT', '/__simulator/faults', { latencyMs: 5 });
      const reset = (await call('POST', '/__simulator/reset')).body;
      expect(reset.objects).toMatchObject({
        namespaces: 5,
        deployments: 1,
        pods: 1,
      });
      expect((await call('GET', '/api/v1/namespaces/extra')).status).toBe(404);
      expect((await call('GET', '/__simulator/faults')).body.latencyMs).toBe(0);
      expect((await call('GET', '/__simulator/requests')).body.total).toBe(1);

      const settings = (
        await call('PATCH', '/__simulator/controller', {
          timeScale: 50,
          brokenImagePattern: 'bad$',
        })
      ).body;
      expect(settings).toMatchObject({
        timeScale: 50,
        brokenImagePattern: 'bad$',
      });
      expect(
        (await call('PATCH', '/__simulator/controller', { timeScale: -1 }))
          .status,
      ).toBe(400);
      expect((await fetch(`${cluster.url}/__simulator`)).status).toBe(401);
    });
  });
});
