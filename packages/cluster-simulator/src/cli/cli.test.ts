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
import { execFile, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import {
  parseSeedDocuments,
  seedObjectsFor,
  SEED_CLUSTERS_ANNOTATION,
} from '../seed/seed';
import { waitFor } from '../testing/kubectl';
import { parseCliOptions } from './options';

jest.setTimeout(60_000);

describe('command-line options', () => {
  it('reads clusters with ports and their own tokens', () => {
    const options = parseCliOptions([
      '--cluster',
      'demo-eu=6443:tokenA',
      '--cluster=demo-us=6444:tokenB',
      '--time-scale',
      '10',
      '--tls',
      '--log-size=5000',
    ]);
    expect(options.clusters).toEqual([
      { name: 'demo-eu', port: 6443, tokens: ['tokenA'] },
      { name: 'demo-us', port: 6444, tokens: ['tokenB'] },
    ]);
    expect(options.tls).toBe(true);
    expect(options.alsoHttp).toBe(false);
    expect(options.controller.timeScale).toBe(10);
    expect(options.logSize).toBe(5000);
  });

  it('reads --also-http and --kubeconfig', () => {
    expect(
      parseCliOptions([
        '--cluster',
        'a=1:t',
        '--tls',
        '--also-http',
        '--kubeconfig',
        'kc.yaml',
      ]),
    ).toMatchObject({ tls: true, alsoHttp: true, kubeconfigFile: 'kc.yaml' });
  });

  it('gives one --token to every cluster, or one per cluster in order, or by name', () => {
    expect(
      parseCliOptions(['--cluster', 'demo-eu=6443', '--token', 's3cret'])
        .clusters[0].tokens,
    ).toEqual(['s3cret']);
    const ordered = parseCliOptions([
      '--cluster',
      'a=1',
      '--cluster',
      'b=2',
      '--token',
      'ta',
      '--token',
      'tb',
    ]);
    expect(ordered.clusters.map(c => c.tokens)).toEqual([['ta'], ['tb']]);
    const named = parseCliOptions([
      '--cluster',
      'a=1:own',
      '--cluster',
      'b=2',
      '--token',
      'b=tb',
      '--token',
      'a=extra',
      '--token',
      'x=y=',
    ]);
    expect(named.clusters.map(c => c.tokens)).toEqual([
      ['own', 'extra'],
      ['tb'],
    ]);
    expect(() =>
      parseCliOptions([
        '--cluster',
        'a=1',
        '--cluster',
        'b=2',
        '--cluster',
        'c=3',
        '--token',
        'x',
        '--token',
        'y',
      ]),
    ).toThrow('2 --token values for 3 clusters');
    expect(() => parseCliOptions(['--cluster', 'a=1'])).toThrow(
      'no token for cluster a',
    );
  });

  it('rejects malformed arguments with a message for the user', () => {
    expect(() => parseCliOptions([])).toThrow('at least one --cluster');
    expect(() =>
      parseCliOptions(['--cluster', 'Bad=1', '--token', 't']),
    ).toThrow('NAME=PORT');
    expect(() =>
      parseCliOptions(['--cluster', 'a=99999', '--token', 't']),
    ).toThrow('out of range');
    expect(() =>
      parseCliOptions([
        '--cluster',
        'a=1',
        '--token',
        't',
        '--time-scale',
        '0',
      ]),
    ).toThrow('positive number');
    expect(() =>
      parseCliOptions(['--cluster', 'a=1', '--token', 't', '--log-size', '-1']),
    ).toThrow('--log-size needs a whole number');
    expect(() =>
      parseCliOptions(['--cluster', 'a=1', '--token', 't', '--bogus']),
    ).toThrow('unknown argument');
    expect(() =>
      parseCliOptions(['--cluster', 'a=1', '--token', 't', '--also-http']),
    ).toThrow('--also-http needs --tls');
    expect(parseCliOptions(['--help']).help).toBe(true);
  });
});

describe('seed files', () => {
  const yaml = `apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: only-eu
  namespace: shop
  annotations: {${SEED_CLUSTERS_ANNOTATION}: "demo-eu"}
spec: {}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: everywhere, namespace: shop}
spec: {}
`;

  it('parses multi-document YAML and routes objects by annotation', () => {
    const objects = parseSeedDocuments(yaml);
    expect(objects.map(o => o.metadata.name)).toEqual([
      'shop',
      'only-eu',
      'everywhere',
    ]);
    expect(
      seedObjectsFor('demo-eu', objects).map(o => o.metadata.name),
    ).toEqual(['shop', 'only-eu', 'everywhere']);
    expect(
      seedObjectsFor('demo-us', objects).map(o => o.metadata.name),
    ).toEqual(['shop', 'everywhere']);
    expect(
      seedObjectsFor('demo-eu', objects)[1].metadata.annotations,
    ).toBeUndefined();
  });

  it('refuses kinds it cannot seed', () => {
    expect(() =>
      parseSeedDocuments(
        'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n',
        'x.yaml',
      ),
    ).toThrow('x.yaml: document 1: kind Pod cannot be seeded');
  });
});

/** A running cluster-simulator command and what it printed. */
interface RunningCli {
  output: () => string;
  url: (cluster: string) => string;
  get: (cluster: string, token: string, path: string) => Promise<Response>;
  stop: () => Promise<number | null>;
}

/** Starts the command and waits until it serves. */
async function startCli(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<RunningCli> {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', chunk => {
    output += String(chunk);
  });
  child.stderr.on('data', chunk => {
    output += String(chunk);
  });
  const exited = new Promise<number | null>(done =>
    child.on('exit', code => done(code)),
  );
  const url = (name: string) =>
    new RegExp(`cluster ${name}: (https?://\\S+)`).exec(output)![1];
  const running: RunningCli = {
    output: () => output,
    url,
    get: (cluster, token, path) =>
      fetch(`${url(cluster)}${path}`, {
        headers: { authorization: `Bearer ${token}` },
      }),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null)
        child.kill('SIGTERM');
      return exited;
    },
  };
  try {
    await waitFor(
      () => {
        if (child.exitCode !== null)
          throw new Error(`exited with ${child.exitCode}: ${output}`);
        return output.includes('Ctrl-C stops');
      },
      { what: `start-up of ${command} ${args.join(' ')}`, timeoutMs: 45_000 },
    );
  } catch (error) {
    await running.stop();
    throw error;
  }
  return running;
}

const kubectlFound =
  spawnSync('kubectl', ['version', '--client'], { timeout: 30_000 }).status ===
  0;

function kubectl(kubeconfig: string, args: string[]): Promise<string> {
  return new Promise((done, fail) =>
    execFile(
      'kubectl',
      ['--kubeconfig', kubeconfig, ...args],
      { timeout: 30_000, env: { ...process.env, HOME: tmpdir() } },
      (error, stdout, stderr) =>
        error ? fail(new Error(`${error.message}: ${stderr}`)) : done(stdout),
    ),
  );
}

/** GET over HTTPS, trusting the given CA (base64 PEM) only. */
function httpsGet(
  url: string,
  token: string,
  caData: string,
): Promise<{ status: number; body: string }> {
  return new Promise((done, fail) => {
    const req = request(
      url,
      {
        ca: Buffer.from(caData, 'base64').toString('utf8'),
        headers: { authorization: `Bearer ${token}` },
      },
      response => {
        let body = '';
        response.on('data', chunk => {
          body += String(chunk);
        });
        response.on('end', () =>
          done({ status: response.statusCode ?? 0, body }),
        );
      },
    );
    req.on('error', fail);
    req.end();
  });
}

describe('the cluster-simulator command', () => {
  let folder: string;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'cluster-simulator-cli-'));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('starts seeded clusters on free ports and stops on SIGTERM', async () => {
    const seed = join(folder, 'seed.yaml');
    writeFileSync(
      seed,
      `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop, annotations: {${SEED_CLUSTERS_ANNOTATION}: b}}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: app, image: "shop/web:1"}]}
`,
    );
    const bin = resolve(__dirname, '../../bin/cluster-simulator');
    const cli = await startCli(
      process.execPath,
      [
        bin,
        '--cluster',
        'a=0:token-a',
        '--cluster',
        'b=0',
        '--token',
        'b=token-b',
        '--seed',
        seed,
      ],
      { env: { ...process.env, INIT_CWD: folder } },
    );
    try {
      const output = cli.output();
      expect(output).toContain('cluster b: http://127.0.0.1:');
      expect(output).toMatch(/cluster b: .*1 deployments/);
      expect(output).toContain('serviceAccountToken: ${B_TOKEN}');
      const deployment = await (
        await cli.get(
          'b',
          'token-b',
          '/apis/apps/v1/namespaces/shop/deployments/web',
        )
      ).json();
      expect(deployment.status).toMatchObject({
        readyReplicas: 2,
        availableReplicas: 2,
      });
      expect(
        (
          await cli.get(
            'a',
            'token-a',
            '/apis/apps/v1/namespaces/shop/deployments/web',
          )
        ).status,
      ).toBe(404);
      expect((await cli.get('a', 'token-b', '/api/v1/namespaces')).status).toBe(
        401,
      );
    } finally {
      expect(await cli.stop()).toBe(0);
    }
  });

  describe('with --tls --also-http and --kubeconfig', () => {
    let cli: RunningCli;
    let kubeconfigPath: string;
    const path = '/apis/apps/v1/namespaces/shop/deployments/web';
    const urls = (name: string) =>
      new RegExp(`cluster ${name}: (https://\\S+) and (http://\\S+) `)
        .exec(cli.output())!
        .slice(1);

    beforeAll(async () => {
      const seed = join(folder, 'both.yaml');
      writeFileSync(
        seed,
        `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop, annotations: {${SEED_CLUSTERS_ANNOTATION}: b}}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: app, image: "shop/web:1"}]}
`,
      );
      kubeconfigPath = join(folder, 'kubeconfig');
      cli = await startCli(
        process.execPath,
        [
          resolve(__dirname, '../../bin/cluster-simulator'),
          '--cluster',
          'a=0:token-a',
          '--cluster',
          'b=0:token-b',
          '--tls',
          '--also-http',
          // relative: from where the command ran
          '--kubeconfig',
          'kubeconfig',
          '--seed',
          seed,
        ],
        { env: { ...process.env, INIT_CWD: folder } },
      );
    });

    afterAll(async () => {
      await cli?.stop();
    });

    it('serves plain HTTP, a watch included, on the port that serves HTTPS', async () => {
      const [secure, plain] = urls('b');
      expect(new URL(secure).port).toBe(new URL(plain).port);
      expect(urls('a')[0]).not.toBe(secure);
      const overHttp = await fetch(`${plain}${path}`, {
        headers: { authorization: 'Bearer token-b' },
      });
      expect(overHttp.status).toBe(200);
      expect((await overHttp.json()).metadata.name).toBe('web');
      const abort = new AbortController();
      const watch = await fetch(
        `${plain}/apis/apps/v1/namespaces/shop/deployments?watch=true`,
        {
          headers: { authorization: 'Bearer token-b' },
          signal: abort.signal,
        },
      );
      const first = await watch.body!.getReader().read();
      abort.abort();
      expect(JSON.parse(Buffer.from(first.value!).toString())).toMatchObject({
        type: 'ADDED',
        object: { metadata: { name: 'web' } },
      });
    });

    it('serves HTTPS with the CA of the kubeconfig it writes, a context per cluster', async () => {
      const [secure] = urls('b');
      const kubeconfig = parseYaml(readFileSync(kubeconfigPath, 'utf8'));
      expect(kubeconfig.contexts.map((c: any) => c.name)).toEqual(['a', 'b']);
      expect(kubeconfig['current-context']).toBe('a');
      expect(kubeconfig.users.map((u: any) => [u.name, u.user.token])).toEqual([
        ['a', 'token-a'],
        ['b', 'token-b'],
      ]);
      const b = kubeconfig.clusters.find((c: any) => c.name === 'b').cluster;
      expect(b.server).toBe(secure);
      const ca = b['certificate-authority-data'];
      const overHttps = await httpsGet(`${secure}${path}`, 'token-b', ca);
      expect(overHttps.status).toBe(200);
      expect(JSON.parse(overHttps.body).metadata.name).toBe('web');
      expect((await httpsGet(`${secure}${path}`, 'token-a', ca)).status).toBe(
        401,
      );
    });

    (kubectlFound ? describe : describe.skip)('kubectl', () => {
      it('reaches the clusters through that kubeconfig', async () => {
        expect(
          await kubectl(kubeconfigPath, [
            '--context',
            'b',
            '-n',
            'shop',
            'get',
            'deployments',
            '-o',
            'name',
          ]),
        ).toBe('deployment.apps/web\n');
        // The current context, a, has no such Deployment.
        expect(
          await kubectl(kubeconfigPath, [
            '-n',
            'shop',
            'get',
            'deployments',
            '-o',
            'name',
          ]),
        ).toBe('');
      });
    });
  });

  it("runs as the repository's `yarn cluster-simulator`, with paths relative to where yarn was run", async () => {
    // The README's form, run from the repository root with a relative
    // --seed path, through the yarn running these tests (on PATH).
    const root = resolve(__dirname, '../../../..');
    const { INIT_CWD: _ignored, ...env } = process.env;
    const cli = await startCli(
      'yarn',
      [
        'cluster-simulator',
        '--cluster',
        'demo-eu=0',
        '--token',
        't',
        '--seed',
        'packages/cluster-simulator/examples/seed.yaml',
      ],
      { cwd: root, env },
    );
    try {
      expect(cli.output()).toMatch(/cluster demo-eu: .*1 deployments/);
      const deployment = await (
        await cli.get(
          'demo-eu',
          't',
          '/apis/apps/v1/namespaces/flareup-prod/deployments/storefront',
        )
      ).json();
      expect(deployment.spec.template.spec.containers[0].image).toBe(
        'sdh-demo/storefront:1.4.0',
      );
      expect(deployment.status).toMatchObject({ availableReplicas: 2 });
    } finally {
      expect(await cli.stop()).toBe(0);
    }
  });
});
