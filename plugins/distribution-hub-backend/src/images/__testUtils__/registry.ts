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
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { ChildProcess, spawn, spawnSync } from 'child_process';
import { existsSync } from 'fs';
import fs from 'fs/promises';
import net from 'net';
import os from 'os';
import path from 'path';

const BINARY = process.env.DOCKER_REGISTRY_PATH ?? '/usr/bin/docker-registry';

let found: { binary?: string; reason: string } | undefined;

/**
 * The docker-registry binary, installed through scripts/ensure-registry.sh
 * when missing and possible; otherwise why it is missing. Looked up once
 * per test file.
 */
function findRegistryBinary(): { binary?: string; reason: string } {
  if (found) {
    return found;
  }
  if (existsSync(BINARY)) {
    found = { binary: BINARY, reason: '' };
    return found;
  }
  const script = resolvePackagePath(
    '@sdh/plugin-distribution-hub-backend',
    '../../scripts/ensure-registry.sh',
  );
  const result = spawnSync(script, {
    encoding: 'utf8',
    timeout: 300_000,
  });
  found = existsSync(BINARY)
    ? { binary: BINARY, reason: '' }
    : {
        reason: `${BINARY} is missing; install it with \`make registry\`. scripts/ensure-registry.sh said: ${
          result.stderr || result.error?.message || 'nothing'
        }`,
      };
  return found;
}

/**
 * The `describe` for tests against a real docker-registry: jest's own when
 * the binary is there. Without it the tests are skipped on a developer's
 * machine, saying how to install it; under CI (CI set) the test file fails
 * instead, since a skip would pass there with nothing tested.
 */
export function registryDescribe(): jest.Describe {
  const { binary, reason } = findRegistryBinary();
  if (binary) {
    return describe;
  }
  if (process.env.CI) {
    throw new Error(
      `The tests against a real OCI registry cannot run under CI: ${reason}`,
    );
  }
  // eslint-disable-next-line no-console
  console.warn(`Skipping the tests against a real OCI registry: ${reason}`);
  return describe.skip;
}

/** A port nothing listens on right now (never one the demo uses). */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = net.createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const { port: p } = server.address() as net.AddressInfo;
        server.close(() => resolve(p));
      });
    });
    if (![3000, 6443, 6444, 7007].includes(port)) {
      return port;
    }
  }
}

/** A running docker-registry on 127.0.0.1. */
export interface TestRegistry {
  /** host:port */
  host: string;
  /** http://host:port */
  url: string;
  stop(): Promise<void>;
}

async function waitUntilServing(
  url: string,
  child: ChildProcess,
  output: () => string,
) {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`docker-registry exited: ${output()}`);
    }
    try {
      const response = await fetch(`${url}/v2/`);
      await response.body?.cancel();
      if (response.status === 200 || response.status === 401) {
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise(resolve => setTimeout(resolve, 50));
  }
  throw new Error(`docker-registry did not start: ${output()}`);
}

async function startOnce(
  binary: string,
  dir: string,
  htpasswd: string | undefined,
): Promise<TestRegistry> {
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  const lines = [
    'version: 0.1',
    'log:',
    '  level: error',
    '  accesslog:',
    '    disabled: true',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${path.join(dir, 'data')}`,
    'http:',
    `  addr: ${host}`,
    '  secret: distribution-hub-test-secret',
  ];
  if (htpasswd) {
    const file = path.join(dir, 'htpasswd');
    await fs.writeFile(file, `${htpasswd}\n`);
    lines.push('auth:', '  htpasswd:', '    realm: test', `    path: ${file}`);
  }
  const config = path.join(dir, 'config.yml');
  await fs.writeFile(config, `${lines.join('\n')}\n`);
  const child = spawn(binary, ['serve', config], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', chunk => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const exited = new Promise<void>(resolve => child.once('exit', resolve));
  const url = `http://${host}`;
  try {
    await waitUntilServing(url, child, () => stderr);
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    throw error;
  }
  return {
    host,
    url,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}

/**
 * Starts docker-registry with filesystem storage in a temporary directory,
 * optionally requiring basic auth from an htpasswd line (user:bcrypt-hash).
 * Call it in tests declared with {@link registryDescribe}.
 */
export async function startRegistry(
  options: { htpasswd?: string } = {},
): Promise<TestRegistry> {
  const { binary, reason } = findRegistryBinary();
  if (!binary) {
    throw new Error(reason);
  }
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sdh-registry-'));
  for (let attempt = 1; ; attempt++) {
    try {
      const registry = await startOnce(binary, dir, options.htpasswd);
      return {
        ...registry,
        async stop() {
          await registry.stop();
          await fs.rm(dir, { recursive: true, force: true });
        },
      };
    } catch (error) {
      // Another process may have taken the port in between; try another.
      if (attempt >= 3) {
        await fs.rm(dir, { recursive: true, force: true });
        throw error;
      }
    }
  }
}
