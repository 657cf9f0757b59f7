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

/*
 * One backend replica's rollout engine, alone in a process: what the crash
 * tests kill with SIGKILL and run twice against one database. It needs no
 * build and no jest; run it with the tsx CommonJS hook in the same process
 * (`node --require tsx/cjs`, see `workerCommand`), not with the `tsx` CLI,
 * which runs the script in a child process that a SIGKILL of the CLI would
 * leave running.
 *
 *   node --require tsx/cjs src/rollouts/__testUtils__/workerProcess.ts '<json>'
 *
 * The configuration (WorkerConfig, as JSON) comes from the first argument or
 * from the DH_ROLLOUT_WORKER_CONFIG environment variable. The process
 * prints one JSON object a line on stdout: `ready` once migrated, `targets`
 * when targets changed (admitted, finished, handed back), `rollout` when a
 * rollout changed status; errors go to stderr. SIGTERM or SIGINT stop the
 * engine (targets in progress are handed back) and exit.
 */

import { DatabaseService, LoggerService } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import knexFactory, { Knex } from 'knex';
import { ChildProcess, spawn } from 'node:child_process';
import { resolve as resolvePath } from 'node:path';
import { ReleaseStore } from '../../database/ReleaseStore';
import { KubernetesDeployer } from '../../deploy/KubernetesDeployer';
import {
  RolloutEngine,
  RolloutEngineEvents,
  RolloutEngineOptions,
} from '../RolloutEngine';
import { RolloutStore } from '../RolloutStore';
import { TargetWorkStore } from '../TargetWorkStore';

export const WORKER_CONFIG_ENV = 'DH_ROLLOUT_WORKER_CONFIG';

/** Where the worker's database is; several workers may share it. */
export type WorkerDatabase =
  | { client: 'better-sqlite3'; filename: string }
  | {
      client: 'pg';
      /** A connection string or knex's connection object. */
      connection: string | Knex.PgConnectionConfig;
      /** Overrides the connection's database. */
      database?: string;
      /** Most connections in the pool; knex's default (10) otherwise. */
      poolMax?: number;
    };

export interface WorkerConfig {
  workerId: string;
  database: WorkerDatabase;
  clusters: { name: string; url: string; token?: string }[];
  engine?: Partial<RolloutEngineOptions>;
  /** Milliseconds between ticks; 100 by default. */
  tickMs?: number;
  /** Run the plugin's migrations first (default true). */
  migrate?: boolean;
}

/** One line of the worker's stdout. */
export type WorkerEvent =
  | { event: 'ready'; workerId: string; pid: number }
  | { event: 'targets'; rolloutId: string; installationRefs: string[] }
  | { event: 'rollout'; rolloutId: string; status: string }
  | { event: 'failed'; rolloutId: string; installationRef: string }
  /** Printed on SIGTERM/SIGINT before exiting: SQL statements run. */
  | { event: 'stats'; workerId: string; queries: number };

/**
 * The command that runs a worker with `config`: node itself with tsx's
 * CommonJS hook, so the pid spawned is the pid that runs the engine.
 */
export function workerCommand(config: WorkerConfig): {
  command: string;
  args: string[];
} {
  return {
    command: process.execPath,
    args: [
      '--require',
      require.resolve('tsx/cjs'),
      resolvePath(__dirname, 'workerProcess.ts'),
      JSON.stringify(config),
    ],
  };
}

/** A running worker process, its output parsed. */
export class WorkerProcess {
  static start(config: WorkerConfig): WorkerProcess {
    return new WorkerProcess(config);
  }

  readonly child: ChildProcess;
  readonly events: WorkerEvent[] = [];
  /** Its stderr, for diagnostics (errors, the engine's warnings). */
  stderr = '';
  readonly exited: Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
  }>;
  private readonly listeners = new Set<() => void>();

  private constructor(readonly config: WorkerConfig) {
    const { command, args } = workerCommand(config);
    this.child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let pending = '';
    this.child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        if (!line.trim()) continue;
        try {
          this.events.push(JSON.parse(line));
        } catch {
          this.stderr += `(stdout) ${line}\n`;
        }
      }
      for (const listener of this.listeners) listener();
    });
    this.child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderr += chunk;
    });
    this.exited = new Promise(resolve =>
      this.child.once('exit', (code, signal) => {
        for (const listener of this.listeners) listener();
        resolve({ code, signal });
      }),
    );
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resolves with the first event matching, once printed. */
  waitFor<T extends WorkerEvent['event']>(
    event: T,
    timeoutMs: number,
  ): Promise<Extract<WorkerEvent, { event: T }>> {
    return new Promise((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined = undefined;
      const check = () => {
        const found = this.events.find(e => e.event === event);
        const error = found
          ? undefined
          : !this.running && `exited before "${event}"`;
        if (!found && !error) return;
        clearTimeout(timer);
        this.listeners.delete(check);
        if (found) resolve(found as Extract<WorkerEvent, { event: T }>);
        else {
          reject(
            new Error(
              `Worker ${this.config.workerId} ${error}: ${this.stderr}`,
            ),
          );
        }
      };
      timer = setTimeout(() => {
        this.listeners.delete(check);
        reject(
          new Error(
            `Worker ${this.config.workerId} printed no "${event}" in ${timeoutMs} ms: ${this.stderr}`,
          ),
        );
      }, timeoutMs);
      this.listeners.add(check);
      check();
    });
  }

  /** Sends a signal (SIGKILL by default) and waits for the exit. */
  async kill(signal: NodeJS.Signals = 'SIGKILL') {
    if (this.running) this.child.kill(signal);
    return this.exited;
  }
}

export function createWorkerKnex(database: WorkerDatabase): Knex {
  if (database.client === 'better-sqlite3') {
    return knexFactory({
      client: 'better-sqlite3',
      connection: { filename: database.filename },
      useNullAsDefault: true,
    });
  }
  let connection: string | Knex.PgConnectionConfig = database.connection;
  if (typeof connection === 'string') {
    if (database.database) {
      // pg lets a connection string's (empty) path win over `database`.
      const url = new URL(connection);
      url.pathname = `/${encodeURIComponent(database.database)}`;
      connection = url.toString();
    }
  } else if (database.database) {
    connection = { ...connection, database: database.database };
  }
  return knexFactory({
    client: 'pg',
    connection,
    ...(database.poolMax ? { pool: { min: 0, max: database.poolMax } } : {}),
  });
}

/** Runs the plugin's migrations, waiting for another replica's lock. */
export async function migrate(knex: Knex): Promise<void> {
  const database: DatabaseService = { getClient: async () => knex };
  for (let attempt = 0; ; attempt++) {
    try {
      await ReleaseStore.create({ database });
      return;
    } catch (error) {
      // Knex raises this when another process holds the migration lock.
      if (attempt >= 50 || !/already locked/i.test(String(error))) {
        throw error;
      }
      await new Promise(r => setTimeout(r, 100));
    }
  }
}

function print(event: WorkerEvent) {
  process.stdout.write(`${JSON.stringify(event)}\n`);
}

function consoleLogger(meta: JsonObject = {}): LoggerService {
  const write =
    (level: string) => (message: string, extra?: Error | JsonObject) => {
      if (level === 'debug') return;
      const line = JSON.stringify({
        level,
        message,
        ...meta,
        ...(extra instanceof Error ? { error: String(extra) } : extra ?? {}),
      });
      process.stderr.write(`${line}\n`);
    };
  return {
    error: write('error'),
    warn: write('warn'),
    info: write('info'),
    debug: write('debug'),
    child: more => consoleLogger({ ...meta, ...more }),
  };
}

/** Starts the engine and ticks it until a signal arrives. */
export async function runWorker(config: WorkerConfig): Promise<void> {
  const knex = createWorkerKnex(config.database);
  if (config.migrate !== false) await migrate(knex);
  let queries = 0;
  knex.on('query', () => {
    queries += 1;
  });
  const logger = consoleLogger({ workerId: config.workerId });
  const events: RolloutEngineEvents = {
    rolloutChanged: rollout =>
      print({
        event: 'rollout',
        rolloutId: rollout.id,
        status: rollout.status,
      }),
    targetsChanged: (rollout, installationRefs) =>
      print({ event: 'targets', rolloutId: rollout.id, installationRefs }),
    targetFailed: (rollout, target) =>
      print({
        event: 'failed',
        rolloutId: rollout.id,
        installationRef: target.installationRef,
      }),
  };
  const engine = RolloutEngine.create({
    store: RolloutStore.fromKnex(knex),
    work: TargetWorkStore.fromKnex(knex),
    deployers: [
      KubernetesDeployer.create({
        clusters: config.clusters.map(c => ({ ...c, skipTLSVerify: true })),
      }),
    ],
    logger,
    events,
    workerId: config.workerId,
    options: config.engine,
  });

  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    await engine.stop();
    print({ event: 'stats', workerId: config.workerId, queries });
    await knex.destroy();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown());
  process.on('SIGINT', () => void shutdown());

  print({ event: 'ready', workerId: config.workerId, pid: process.pid });
  const tickMs = config.tickMs ?? 100;
  while (!stopping) {
    try {
      await engine.tick();
    } catch (error) {
      logger.error(`Rollout tick failed: ${error}`);
    }
    await new Promise(r => setTimeout(r, tickMs));
  }
}

function readConfig(): WorkerConfig {
  const text = process.argv[2] ?? process.env[WORKER_CONFIG_ENV];
  if (!text) {
    throw new Error(
      `Pass the worker configuration as JSON, as the first argument or in ${WORKER_CONFIG_ENV}`,
    );
  }
  return JSON.parse(text) as WorkerConfig;
}

if (require.main === module) {
  runWorker(readConfig()).catch(error => {
    process.stderr.write(`rollout worker failed: ${error?.stack ?? error}\n`);
    process.exit(1);
  });
}
