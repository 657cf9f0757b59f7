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
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { stringify as toYaml } from 'yaml';
import { KubeObject } from '../api/types';
import { ClusterSimulator } from '../ClusterSimulator';
import { parseSeedDocuments } from '../seed/seed';
import { CliOptions, parseCliOptions, USAGE } from './options';

/** Yarn runs scripts in the package folder; paths are meant from where the user typed. */
function userPath(path: string): string {
  return resolve(process.env.INIT_CWD ?? process.cwd(), path);
}

function mask(token: string): string {
  return token.length <= 4 ? '****' : `${token.slice(0, 2)}…${token.slice(-2)}`;
}

function envName(cluster: string): string {
  return `${cluster.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_TOKEN`;
}

/** The app-config block that points the portal at the simulated clusters. */
export function appConfigSnippet(simulator: ClusterSimulator): string {
  return toYaml({
    kubernetes: {
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: simulator.clusters.map(c => ({
            name: c.name,
            url: c.url,
            authProvider: 'serviceAccount',
            serviceAccountToken: `\${${envName(c.name)}}`,
            ...(c.caData ? { caData: c.caData } : { skipTLSVerify: true }),
          })),
        },
      ],
    },
  });
}

async function start(
  options: CliOptions,
  log: (line: string) => void,
): Promise<ClusterSimulator> {
  const seed: KubeObject[] = [];
  for (const file of options.seedFiles) {
    const path = userPath(file);
    seed.push(...parseSeedDocuments(readFileSync(path, 'utf8'), file));
  }
  const simulator = await ClusterSimulator.create({
    clusters: options.clusters,
    host: options.host,
    tls: options.tls,
    tlsHosts: options.tlsHosts,
    controller: options.controller,
    seed,
    requestLogSize: options.logSize,
    rolloutHistorySize: options.logSize,
  });
  if (options.caFile && simulator.tls) {
    writeFileSync(userPath(options.caFile), simulator.tls.caCert);
  }
  for (const cluster of simulator.clusters) {
    const objects = cluster.describe().objects as Record<string, number>;
    log(
      `cluster ${cluster.name}: ${cluster.url} (tokens ${cluster.tokens
        .map(mask)
        .join(', ')}; ` +
        `${objects.namespaces} namespaces, ${objects.deployments} deployments, ` +
        `${objects.statefulsets} statefulsets, ${objects.daemonsets} daemonsets)`,
    );
  }
  if (simulator.caData) {
    log(`caData: ${simulator.caData}`);
    if (options.caFile)
      log(`CA certificate written to ${userPath(options.caFile)}`);
  }
  log('app-config for these clusters (tokens from environment variables):');
  log(appConfigSnippet(simulator).trimEnd());
  log(
    'admin API: <cluster url>/__simulator (faults, requests, images, controller, reset); Ctrl-C stops',
  );
  return simulator;
}

/**
 * Runs the command line: starts the clusters and keeps serving until
 * SIGINT or SIGTERM. Resolves with an exit code for --help and errors.
 */
export async function runCli(argv: string[]): Promise<number | undefined> {
  let options: CliOptions;
  try {
    options = parseCliOptions(argv);
  } catch (error) {
    process.stderr.write(`cluster-simulator: ${(error as Error).message}\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const log = options.quiet
    ? () => {}
    : (line: string) => process.stdout.write(`${line}\n`);
  let simulator: ClusterSimulator;
  try {
    simulator = await start(options, log);
  } catch (error) {
    process.stderr.write(`cluster-simulator: ${(error as Error).message}\n`);
    return 1;
  }
  const stop = (signal: string) => {
    log(`${signal}: stopping`);
    simulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  return undefined;
}
