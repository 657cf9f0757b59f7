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
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SimulatedCluster } from '../SimulatedCluster';

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs kubectl against a simulated cluster with a kubeconfig of its own, in
 * a temporary folder removed by cleanup(). Test helper.
 */
export class Kubectl {
  private readonly folder: string;
  readonly kubeconfigPath: string;

  static forCluster(
    cluster: SimulatedCluster,
    options: { insecure?: boolean; token?: string } = {},
  ): Kubectl {
    return new Kubectl(cluster, options);
  }

  private constructor(
    cluster: SimulatedCluster,
    options: { insecure?: boolean; token?: string },
  ) {
    this.folder = mkdtempSync(join(tmpdir(), 'cluster-simulator-kubectl-'));
    this.kubeconfigPath = join(this.folder, 'kubeconfig');
    let config = cluster.kubeconfig({ token: options.token });
    if (options.insecure) {
      config = config.replace(
        /certificate-authority-data: .*/,
        'insecure-skip-tls-verify: true',
      );
    }
    writeFileSync(this.kubeconfigPath, config);
  }

  /** Runs `kubectl args…`; never rejects, so tests can assert failures too. */
  run(
    args: string[],
    options: { timeoutMs?: number; input?: string } = {},
  ): Promise<KubectlResult> {
    return new Promise(resolve => {
      const child = execFile(
        'kubectl',
        [
          '--kubeconfig',
          this.kubeconfigPath,
          '--cache-dir',
          join(this.folder, 'cache'),
          ...args,
        ],
        {
          timeout: options.timeoutMs ?? 30_000,
          env: {
            ...process.env,
            KUBECONFIG: this.kubeconfigPath,
            HOME: this.folder,
          },
          maxBuffer: 16 * 1024 * 1024,
        },
        (error, stdout, stderr) => {
          let code = 0;
          if (error) code = typeof error.code === 'number' ? error.code : 1;
          resolve({ code, stdout: String(stdout), stderr: String(stderr) });
        },
      );
      if (options.input !== undefined) {
        child.stdin?.end(options.input);
      }
    });
  }

  /** Starts a long-running kubectl (e.g. `get -w`) and collects its output until stopped. */
  start(args: string[]): { output: () => string; stop: () => Promise<void> } {
    let output = '';
    const child = execFile(
      'kubectl',
      [
        '--kubeconfig',
        this.kubeconfigPath,
        '--cache-dir',
        join(this.folder, 'cache'),
        ...args,
      ],
      {
        timeout: 60_000,
        env: {
          ...process.env,
          KUBECONFIG: this.kubeconfigPath,
          HOME: this.folder,
        },
      },
    );
    child.stdout?.on('data', chunk => {
      output += String(chunk);
    });
    child.stderr?.on('data', chunk => {
      output += String(chunk);
    });
    const exited = new Promise<void>(resolve =>
      child.on('exit', () => resolve()),
    );
    return {
      output: () => output,
      stop: async () => {
        if (child.exitCode === null) child.kill('SIGTERM');
        await exited;
      },
    };
  }

  cleanup(): void {
    rmSync(this.folder, { recursive: true, force: true });
  }
}

/** Polls until a condition holds or the time is up. */
export async function waitFor<T>(
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  options: { timeoutMs?: number; intervalMs?: number; what?: string } = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${options.what ?? 'a condition'}`);
    await new Promise(resolve => setTimeout(resolve, options.intervalMs ?? 25));
  }
}
