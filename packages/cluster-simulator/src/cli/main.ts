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
import { generateTlsMaterial } from '../tls/certificates';
import { BothProtocolsPort } from './bothProtocols';
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

/** A cluster as the command serves it. */
export interface ServedCluster {
  name: string;
  /** Its URL: https:// with --tls. */
  url: string;
  /** With --also-http: the same port over plain HTTP. */
  plainUrl?: string;
  /** Base64 PEM of the CA with --tls. */
  caData?: string;
  tokens: string[];
}

/** The app-config block that points the portal at the simulated clusters. */
export function appConfigSnippet(clusters: ServedCluster[]): string {
  return toYaml({
    kubernetes: {
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: clusters.map(c => ({
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

/** A kubeconfig with a context (and cluster and user) per cluster, named after it; the first is current. */
export function kubeconfigFor(clusters: ServedCluster[]): string {
  return toYaml({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: clusters.map(c => ({
      name: c.name,
      cluster: {
        server: c.url,
        ...(c.caData ? { 'certificate-authority-data': c.caData } : {}),
      },
    })),
    users: clusters.map(c => ({ name: c.name, user: { token: c.tokens[0] } })),
    contexts: clusters.map(c => ({
      name: c.name,
      context: { cluster: c.name, user: c.name },
    })),
    'current-context': clusters[0]?.name ?? '',
    preferences: {},
  });
}

function urlOf(scheme: 'http' | 'https', host: string, port: number): string {
  const shown = host === '0.0.0.0' ? '127.0.0.1' : host;
  return `${scheme}://${shown.includes(':') ? `[${shown}]` : shown}:${port}`;
}

/** The certificate's names: the listening address unless it is every address. */
function tlsHostsOf(options: CliOptions): string[] {
  return options.host && options.host !== '0.0.0.0'
    ? [options.host, ...options.tlsHosts]
    : options.tlsHosts;
}

interface Running {
  clusters: ServedCluster[];
  /** The CA certificate (PEM) with --tls. */
  caCert?: string;
  close: () => Promise<void>;
}

/**
 * With --also-http the clusters serve plain HTTP on loopback ports of their
 * own, behind ports that answer both protocols; otherwise they listen on the
 * given ports themselves.
 */
async function serve(
  options: CliOptions,
  seed: KubeObject[],
): Promise<{ simulator: ClusterSimulator; running: Running }> {
  const common = {
    controller: options.controller,
    seed,
    requestLogSize: options.logSize,
    rolloutHistorySize: options.logSize,
  };
  if (!options.alsoHttp) {
    const simulator = await ClusterSimulator.create({
      ...common,
      clusters: options.clusters,
      host: options.host,
      tls: options.tls,
      tlsHosts: options.tlsHosts,
    });
    return {
      simulator,
      running: {
        clusters: simulator.clusters.map(c => ({
          name: c.name,
          url: c.url,
          caData: c.caData,
          tokens: c.tokens,
        })),
        caCert: simulator.tls?.caCert,
        close: () => simulator.close(),
      },
    };
  }
  const tls = generateTlsMaterial(tlsHostsOf(options));
  const simulator = await ClusterSimulator.create({
    ...common,
    clusters: options.clusters.map(c => ({ ...c, port: 0 })),
    host: '127.0.0.1',
  });
  const fronts: BothProtocolsPort[] = [];
  try {
    for (const [i, cluster] of simulator.clusters.entries()) {
      fronts.push(
        await BothProtocolsPort.listen({
          host: options.host,
          port: options.clusters[i].port ?? 0,
          target: { host: '127.0.0.1', port: cluster.port },
          tls,
        }),
      );
    }
  } catch (error) {
    await Promise.all(fronts.map(f => f.close()));
    await simulator.close();
    throw error;
  }
  return {
    simulator,
    running: {
      clusters: simulator.clusters.map((c, i) => ({
        name: c.name,
        url: urlOf('https', options.host, fronts[i].port),
        plainUrl: urlOf('http', options.host, fronts[i].port),
        caData: tls.caData,
        tokens: c.tokens,
      })),
      caCert: tls.caCert,
      close: async () => {
        await Promise.all(fronts.map(f => f.close()));
        await simulator.close();
      },
    },
  };
}

async function start(
  options: CliOptions,
  log: (line: string) => void,
): Promise<Running> {
  const seed: KubeObject[] = [];
  for (const file of options.seedFiles) {
    const path = userPath(file);
    seed.push(...parseSeedDocuments(readFileSync(path, 'utf8'), file));
  }
  const { simulator, running } = await serve(options, seed);
  try {
    if (options.caFile && running.caCert)
      writeFileSync(userPath(options.caFile), running.caCert);
    if (options.kubeconfigFile) {
      writeFileSync(
        userPath(options.kubeconfigFile),
        kubeconfigFor(running.clusters),
        { mode: 0o600 },
      );
    }
  } catch (error) {
    await running.close();
    throw error;
  }
  for (const [i, cluster] of simulator.clusters.entries()) {
    const served = running.clusters[i];
    const objects = cluster.describe().objects as Record<string, number>;
    log(
      `cluster ${served.name}: ${served.url}${
        served.plainUrl ? ` and ${served.plainUrl}` : ''
      } (tokens ${served.tokens.map(mask).join(', ')}; ` +
        `${objects.namespaces} namespaces, ${objects.deployments} deployments, ` +
        `${objects.statefulsets} statefulsets, ${objects.daemonsets} daemonsets)`,
    );
  }
  const caData = running.clusters[0]?.caData;
  if (caData) {
    log(`caData: ${caData}`);
    if (options.caFile)
      log(`CA certificate written to ${userPath(options.caFile)}`);
  }
  if (options.kubeconfigFile) {
    log(
      `kubeconfig written to ${userPath(
        options.kubeconfigFile,
      )} (contexts ${running.clusters.map(c => c.name).join(', ')})${
        caData ? '' : '; kubectl sends no token over plain HTTP: use --tls'
      }`,
    );
  }
  log('app-config for these clusters (tokens from environment variables):');
  log(appConfigSnippet(running.clusters).trimEnd());
  log(
    'admin API: <cluster url>/__simulator (faults, requests, images, controller, reset); Ctrl-C stops',
  );
  return running;
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
  let running: Running;
  try {
    running = await start(options, log);
  } catch (error) {
    process.stderr.write(`cluster-simulator: ${(error as Error).message}\n`);
    return 1;
  }
  const stop = (signal: string) => {
    log(`${signal}: stopping`);
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  return undefined;
}
