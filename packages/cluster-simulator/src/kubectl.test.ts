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
import { spawnSync } from 'node:child_process';
import { ClusterSimulator } from './ClusterSimulator';
import { Kubectl, waitFor } from './testing/kubectl';

// kubectl is a real client: these tests run it as a subprocess against
// simulated clusters over TLS, with generous timeouts for a loaded machine.
jest.setTimeout(120_000);

const manifest = (
  name: string,
  image: string,
  extra = '',
) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: shop
  labels:
    app: ${name}
spec:
  replicas: 2
  progressDeadlineSeconds: 20
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
        - name: app
          image: ${image}
${extra}`;

const kubectlFound =
  spawnSync('kubectl', ['version', '--client'], { timeout: 30_000 }).status ===
  0;
if (!kubectlFound) {
  // eslint-disable-next-line no-console
  console.warn('kubectl is not on PATH: the kubectl tests are skipped');
}

(kubectlFound ? describe : describe.skip)(
  'kubectl against the simulator',
  () => {
    let simulator: ClusterSimulator;
    let kubectl: Kubectl;

    beforeAll(async () => {
      simulator = await ClusterSimulator.create({
        clusters: [
          { name: 'eu', tokens: ['eu-token'] },
          { name: 'us', tokens: ['us-token'] },
        ],
        tls: true,
        controller: { timeScale: 20, podStartSeconds: 2 },
        seed: [
          { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
        ],
      });
    });

    // Every test gets a kubeconfig (and kubectl cache) of its own.
    beforeEach(() => {
      kubectl = Kubectl.forCluster(simulator.cluster('eu'));
    });

    afterEach(() => kubectl.cleanup());

    afterAll(async () => {
      await simulator?.close();
    });

    it('is a cluster to kubectl: version, discovery, namespaces, CA or insecure TLS', async () => {
      const version = await kubectl.run(['version', '-o', 'json']);
      expect(version.code).toBe(0);
      expect(JSON.parse(version.stdout).serverVersion).toMatchObject({
        major: '1',
        minor: '32',
      });
      const namespaces = await kubectl.run(['get', 'namespaces']);
      expect(namespaces.stdout).toMatch(/^NAME\s+STATUS\s+AGE/);
      expect(namespaces.stdout).toMatch(/\nshop\s+Active\s+\d+s/);
      // kubectl's typed commands send protobuf; the simulator reads Namespaces in it.
      const created = await kubectl.run(['create', 'namespace', 'extra']);
      expect(created).toMatchObject({
        code: 0,
        stdout: 'namespace/extra created\n',
      });
      const resources = await kubectl.run([
        'api-resources',
        '--api-group=apps',
        '-o',
        'name',
      ]);
      expect(resources.stdout.split('\n')).toEqual(
        expect.arrayContaining([
          'daemonsets.apps',
          'deployments.apps',
          'statefulsets.apps',
        ]),
      );

      const insecure = Kubectl.forCluster(simulator.cluster('eu'), {
        insecure: true,
      });
      try {
        expect(
          (
            await insecure.run(['get', 'ns', 'shop', '-o', 'name'])
          ).stdout.trim(),
        ).toBe('namespace/shop');
      } finally {
        insecure.cleanup();
      }
    });

    it('answers the protobuf that kubectl create deployment sends with a 415 naming what it reads', async () => {
      const created = await kubectl.run([
        '-n',
        'shop',
        'create',
        'deployment',
        'typed',
        '--image=shop/typed:1',
      ]);
      expect(created.code).not.toBe(0);
      expect(created.stderr).toContain(
        'error: failed to create deployment: the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, and application/vnd.kubernetes.protobuf for Namespaces only (got application/vnd.kubernetes.protobuf with a Deployment',
      );
      // The same Deployment as YAML is created.
      const generated = await kubectl.run([
        '-n',
        'shop',
        'create',
        'deployment',
        'typed',
        '--image=shop/typed:1',
        '--dry-run=client',
        '-o',
        'yaml',
      ]);
      expect(
        await kubectl.run(['create', '-f', '-'], { input: generated.stdout }),
      ).toMatchObject({ code: 0, stdout: 'deployment.apps/typed created\n' });
    });

    it('rejects a token of another cluster; each cluster has its own', async () => {
      const wrong = Kubectl.forCluster(simulator.cluster('us'), {
        token: 'eu-token',
      });
      const right = Kubectl.forCluster(simulator.cluster('us'));
      try {
        const denied = await wrong.run(['get', 'ns']);
        expect(denied.code).not.toBe(0);
        expect(denied.stderr).toContain('You must be logged in to the server');
        const allowed = await right.run(['get', 'ns', 'shop', '-o', 'name']);
        expect(allowed.stdout.trim()).toBe('namespace/shop');
        expect(simulator.cluster('us').port).not.toBe(
          simulator.cluster('eu').port,
        );
      } finally {
        wrong.cleanup();
        right.cleanup();
      }
    });

    it('apply --server-side, set image, rollout status, exactly one image change', async () => {
      const applied = await kubectl.run(['apply', '--server-side', '-f', '-'], {
        input: manifest('web', 'shop/web:1.0'),
      });
      expect(applied).toMatchObject({
        code: 0,
        stdout: 'deployment.apps/web serverside-applied\n',
      });
      const first = await kubectl.run([
        '-n',
        'shop',
        'rollout',
        'status',
        'deployment/web',
        '--timeout=60s',
      ]);
      expect(first.code).toBe(0);
      expect(first.stdout).toContain(
        'deployment "web" successfully rolled out',
      );

      const object = JSON.parse(
        (
          await kubectl.run([
            '-n',
            'shop',
            'get',
            'deploy',
            'web',
            '-o',
            'json',
            '--show-managed-fields',
          ])
        ).stdout,
      );
      expect(object.metadata.managedFields[0]).toMatchObject({
        manager: 'kubectl',
        operation: 'Apply',
      });
      expect(
        object.metadata.annotations['deployment.kubernetes.io/revision'],
      ).toBe('1');

      const set = await kubectl.run([
        '-n',
        'shop',
        'set',
        'image',
        'deployment/web',
        'app=shop/web:2.0',
      ]);
      expect(set).toMatchObject({
        code: 0,
        stdout: 'deployment.apps/web image updated\n',
      });
      const rollout = await kubectl.run([
        '-n',
        'shop',
        'rollout',
        'status',
        'deployment/web',
        '--timeout=60s',
      ]);
      expect(rollout.code).toBe(0);
      expect(rollout.stdout).toContain(
        'deployment "web" successfully rolled out',
      );
      const pods = await kubectl.run([
        '-n',
        'shop',
        'get',
        'pods',
        '-l',
        'app=web',
        '-o',
        'jsonpath={.items[*].spec.containers[0].image}',
      ]);
      expect(pods.stdout.split(' ').sort()).toEqual([
        'shop/web:2.0',
        'shop/web:2.0',
      ]);

      const history = simulator
        .cluster('eu')
        .imageHistory.list({ namespace: 'shop', name: 'web' });
      expect(history.filter(c => c.image === 'shop/web:2.0')).toHaveLength(1);

      // Re-applying the original manifest conflicts with kubectl-set, which now owns the image.
      const conflict = await kubectl.run(
        ['apply', '--server-side', '-f', '-'],
        {
          input: manifest('web', 'shop/web:1.0'),
        },
      );
      expect(conflict.code).not.toBe(0);
      expect(conflict.stderr).toContain('conflict with "kubectl-set"');
    });

    it('rollout status fails with the progress-deadline message for a broken image', async () => {
      await kubectl.run(['apply', '--server-side', '-f', '-'], {
        input: manifest('api', 'shop/api:1.0'),
      });
      expect(
        (
          await kubectl.run([
            '-n',
            'shop',
            'rollout',
            'status',
            'deploy/api',
            '--timeout=60s',
          ])
        ).code,
      ).toBe(0);
      expect(
        (
          await kubectl.run([
            '-n',
            'shop',
            'set',
            'image',
            'deploy/api',
            'app=shop/api:2.0-broken',
          ])
        ).code,
      ).toBe(0);
      const failed = await kubectl.run([
        '-n',
        'shop',
        'rollout',
        'status',
        'deploy/api',
        '--timeout=60s',
      ]);
      expect(failed.code).toBe(1);
      expect(failed.stderr).toContain(
        'error: deployment "api" exceeded its progress deadline',
      );
      const pods = await kubectl.run([
        '-n',
        'shop',
        'get',
        'pods',
        '-l',
        'app=api',
      ]);
      expect(pods.stdout).toContain('ImagePullBackOff');
    });

    it('fixes a workload broken by its annotation with kubectl annotate, without a new image', async () => {
      const annotation = 'simulator.distribution-hub.io/broken-images';
      await kubectl.run(['apply', '--server-side', '-f', '-'], {
        input: manifest('worker', 'shop/worker:1.0'),
      });
      const invalid = await kubectl.run([
        '-n',
        'shop',
        'annotate',
        'deploy/worker',
        `${annotation}=worker:(2`,
      ]);
      expect(invalid.code).not.toBe(0);
      expect(invalid.stderr).toContain(
        `metadata.annotations[${annotation}]: Invalid value: "worker:(2": must be a valid regular expression`,
      );
      expect(
        await kubectl.run([
          '-n',
          'shop',
          'annotate',
          'deploy/worker',
          `${annotation}=worker:2\\.0$`,
        ]),
      ).toMatchObject({
        code: 0,
        stdout: 'deployment.apps/worker annotated\n',
      });
      expect(
        (
          await kubectl.run([
            '-n',
            'shop',
            'set',
            'image',
            'deploy/worker',
            'app=shop/worker:2.0',
          ])
        ).code,
      ).toBe(0);
      const failed = await kubectl.run([
        '-n',
        'shop',
        'rollout',
        'status',
        'deploy/worker',
        '--timeout=60s',
      ]);
      expect(failed.code).toBe(1);
      expect(failed.stderr).toContain(
        'error: deployment "worker" exceeded its progress deadline',
      );

      const fixed = await kubectl.run([
        '-n',
        'shop',
        'annotate',
        'deploy/worker',
        `${annotation}-`,
      ]);
      expect(fixed).toMatchObject({
        code: 0,
        stdout: 'deployment.apps/worker annotated\n',
      });
      // As in Kubernetes, the Deployment shows the exceeded deadline until
      // the pod, now pulling its image, is ready: until then rollout status
      // still fails at once.
      const done = await waitFor(
        async () => {
          const status = await kubectl.run([
            '-n',
            'shop',
            'rollout',
            'status',
            'deploy/worker',
            '--timeout=60s',
          ]);
          return status.code === 0 && status;
        },
        { what: 'rollout status to succeed', timeoutMs: 60_000 },
      );
      expect(done.stdout).toContain(
        'deployment "worker" successfully rolled out',
      );
      const deployment = JSON.parse(
        (
          await kubectl.run([
            '-n',
            'shop',
            'get',
            'deploy/worker',
            '-o',
            'json',
          ])
        ).stdout,
      );
      expect(deployment.metadata.generation).toBe(2);
      expect(deployment.metadata.annotations).not.toHaveProperty(annotation);
      expect(deployment.status).toMatchObject({
        observedGeneration: 2,
        updatedReplicas: 2,
        availableReplicas: 2,
      });
      expect(
        simulator
          .cluster('eu')
          .rolloutHistory.list({ name: 'worker' })
          .map(r => [r.generation, r.outcome]),
      ).toEqual([
        [1, 'complete'],
        [2, 'failed'],
        [2, 'complete'],
      ]);
    });

    it('patches with the strategic, merge and json strategies', async () => {
      await kubectl.run(['apply', '--server-side', '-f', '-'], {
        input: manifest('patched', 'shop/p:1'),
      });
      const strategic = await kubectl.run([
        '-n',
        'shop',
        'patch',
        'deploy',
        'patched',
        '-p',
        '{"spec":{"template":{"spec":{"containers":[{"name":"app","env":[{"name":"MODE","value":"x"}]}]}}}}',
      ]);
      expect(strategic).toMatchObject({
        code: 0,
        stdout: 'deployment.apps/patched patched\n',
      });
      const merge = await kubectl.run([
        '-n',
        'shop',
        'patch',
        'deploy',
        'patched',
        '--type',
        'merge',
        '-p',
        '{"metadata":{"labels":{"team":"blue"}}}',
      ]);
      expect(merge.code).toBe(0);
      const json = await kubectl.run([
        '-n',
        'shop',
        'patch',
        'deploy',
        'patched',
        '--type',
        'json',
        '-p',
        '[{"op":"replace","path":"/spec/replicas","value":3}]',
      ]);
      expect(json.code).toBe(0);
      const object = JSON.parse(
        (
          await kubectl.run([
            '-n',
            'shop',
            'get',
            'deploy',
            'patched',
            '-o',
            'json',
          ])
        ).stdout,
      );
      expect(object.spec.template.spec.containers[0]).toMatchObject({
        image: 'shop/p:1',
        env: [{ name: 'MODE', value: 'x' }],
      });
      expect(object.metadata.labels).toEqual({ app: 'patched', team: 'blue' });
      expect(object.spec.replicas).toBe(3);
      // kubectl says "no change" only if the object, status included, is
      // the same before and after: let the scale-up settle first.
      await kubectl.run([
        '-n',
        'shop',
        'rollout',
        'status',
        'deploy/patched',
        '--timeout=60s',
      ]);
      const unchanged = await kubectl.run([
        '-n',
        'shop',
        'patch',
        'deploy',
        'patched',
        '--type',
        'merge',
        '-p',
        '{"metadata":{"labels":{"team":"blue"}}}',
      ]);
      expect(unchanged.stdout).toBe(
        'deployment.apps/patched patched (no change)\n',
      );
      const invalid = await kubectl.run([
        '-n',
        'shop',
        'patch',
        'deploy',
        'patched',
        '--type',
        'json',
        '-p',
        '[{"op":"replace","path":"/spec/replicas","value":-1}]',
      ]);
      expect(invalid.code).not.toBe(0);
      expect(invalid.stderr).toContain(
        'spec.replicas: Invalid value: -1: must be greater than or equal to 0',
      );
    });

    it('get -w streams the rollout', async () => {
      await kubectl.run(['apply', '--server-side', '-f', '-'], {
        input: manifest('watched', 'shop/w:1'),
      });
      expect(
        (
          await kubectl.run([
            '-n',
            'shop',
            'rollout',
            'status',
            'deploy/watched',
            '--timeout=60s',
          ])
        ).code,
      ).toBe(0);
      const watch = kubectl.start([
        '-n',
        'shop',
        'get',
        'deploy',
        'watched',
        '-w',
      ]);
      try {
        await waitFor(() => /watched\s+2\/2\s+2\s+2/.test(watch.output()), {
          what: 'initial row',
          timeoutMs: 30_000,
        });
        expect(
          (
            await kubectl.run([
              '-n',
              'shop',
              'set',
              'image',
              'deploy/watched',
              'app=shop/w:2',
            ])
          ).code,
        ).toBe(0);
        // During the rollout a row shows fewer up-to-date pods than desired, then it settles again.
        await waitFor(() => /watched\s+\d\/2\s+1\s+\d/.test(watch.output()), {
          what: 'rollout rows',
          timeoutMs: 30_000,
        });
        await waitFor(
          () =>
            (watch.output().match(/watched\s+2\/2\s+2\s+2/g) ?? []).length >= 2,
          { what: 'settled row', timeoutMs: 30_000 },
        );
        expect(watch.output().split('\n')[0]).toMatch(
          /^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE/,
        );
      } finally {
        await watch.stop();
      }
    });

    it('deletes workloads with delete --all and -l (one by one: discovery offers no deletecollection)', async () => {
      expect((await kubectl.run(['create', 'namespace', 'sweep'])).code).toBe(
        0,
      );
      const workload = (name: string, tier: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: sweep, labels: {tier: ${tier}}}
spec:
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec: {containers: [{name: app, image: "${name}:1"}]}
`;
      const applied = await kubectl.run(['apply', '-f', '-'], {
        input: [
          workload('a', 'web'),
          workload('b', 'web'),
          workload('c', 'db'),
        ].join('---\n'),
      });
      expect(applied.code).toBe(0);
      const byLabel = await kubectl.run([
        '-n',
        'sweep',
        'delete',
        'deployments',
        '-l',
        'tier=web',
      ]);
      expect(byLabel).toMatchObject({
        code: 0,
        stdout: 'deployment.apps "a" deleted\ndeployment.apps "b" deleted\n',
      });
      const left = await kubectl.run([
        '-n',
        'sweep',
        'get',
        'deployments',
        '-o',
        'name',
      ]);
      expect(left.stdout).toBe('deployment.apps/c\n');
      const all = await kubectl.run([
        '-n',
        'sweep',
        'delete',
        'deployments',
        '--all',
      ]);
      expect(all).toMatchObject({
        code: 0,
        stdout: 'deployment.apps "c" deleted\n',
      });
      const none = await kubectl.run(['-n', 'sweep', 'get', 'deployments']);
      expect(none.stderr).toContain('No resources found in sweep namespace.');
      expect(
        simulator.cluster('eu').requestLog.list({ verb: 'deletecollection' }),
      ).toEqual([]);
    });

    it('rolls StatefulSets and DaemonSets out for rollout status', async () => {
      const workloads = `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: shop}
spec:
  replicas: 2
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: app, image: "db:1"}]}
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: shop}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec: {containers: [{name: app, image: "agent:1"}]}
`;
      expect(
        (
          await kubectl.run(['apply', '--server-side', '-f', '-'], {
            input: workloads,
          })
        ).code,
      ).toBe(0);
      const sts = await kubectl.run([
        '-n',
        'shop',
        'rollout',
        'status',
        'statefulset/db',
        '--timeout=60s',
      ]);
      expect(sts).toMatchObject({ code: 0 });
      expect(sts.stdout).toContain(
        'partitioned roll out complete: 2 new pods have been updated...',
      );
      const ds = await kubectl.run([
        '-n',
        'shop',
        'rollout',
        'status',
        'daemonset/agent',
        '--timeout=60s',
      ]);
      expect(ds.code).toBe(0);
      expect(ds.stdout).toContain('daemon set "agent" successfully rolled out');
      const pods = await kubectl.run([
        '-n',
        'shop',
        'get',
        'pods',
        '-l',
        'app=db',
        '-o',
        'name',
      ]);
      expect(pods.stdout.trim().split('\n')).toEqual(['pod/db-0', 'pod/db-1']);
    });
  },
);
