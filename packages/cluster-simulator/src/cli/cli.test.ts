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
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
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
    expect(options.controller.timeScale).toBe(10);
    expect(options.logSize).toBe(5000);
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
