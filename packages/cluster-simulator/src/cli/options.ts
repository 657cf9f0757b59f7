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
import { ClusterSpec } from '../ClusterSimulator';
import { ControllerSettings } from '../controller/settings';

export interface CliOptions {
  clusters: ClusterSpec[];
  host: string;
  tls: boolean;
  tlsHosts: string[];
  /** With tls: answer plain HTTP on the same ports too. */
  alsoHttp: boolean;
  caFile?: string;
  /** Where to write a kubeconfig with a context per cluster. */
  kubeconfigFile?: string;
  seedFiles: string[];
  controller: Partial<ControllerSettings>;
  /** Requests (and rollouts) each cluster's request log (and rollout history) keeps. */
  logSize?: number;
  quiet: boolean;
  help: boolean;
}

export const USAGE = `Usage: cluster-simulator --cluster NAME=PORT[:TOKEN] [--cluster …] [options]

Serves simulated Kubernetes clusters, each on its own port with its own
bearer tokens, for the demo, tests and benchmarks. It is a stand-in for a
real cluster.

Clusters and tokens:
  --cluster NAME=PORT[:TOKEN]  a cluster; PORT 0 picks a free port; TOKEN is
                               the bearer token it accepts (repeatable)
  --token TOKEN                the token of every cluster that names none;
                               given once per --cluster, the n-th token goes
                               to the n-th cluster
  --token NAME=TOKEN           a (further) token for the named cluster
  --host ADDRESS               address to listen on (default 127.0.0.1)

TLS:
  --tls                        serve HTTPS with a generated CA; its caData is printed
  --tls-host NAME              an extra host name or IP for the certificate (repeatable)
  --ca-file PATH               also write the CA certificate (PEM) to PATH
  --also-http                  with --tls, answer plain HTTP on the same ports
                               too (kubectl needs https://, which sends its
                               token only over TLS; http:// clients keep working)

kubectl:
  --kubeconfig PATH            write a kubeconfig with a context per cluster
                               (named after it, with its first token and the
                               CA) to PATH; kubectl needs --tls

Content:
  --seed FILE                  multi-document YAML of Namespaces, Deployments,
                               StatefulSets and DaemonSets (repeatable); objects
                               go to every cluster, or to the clusters listed
                               (comma-separated) in their annotation
                               simulator.distribution-hub.io/clusters

Controller:
  --time-scale N               simulated time runs N times faster (default 1)
  --pod-start-seconds N        seconds until a new pod is ready (default 2)
  --broken-image-pattern RE    images matching RE never start
                               (default: a tag containing "broken")
  --nodes N                    simulated nodes, one DaemonSet pod each (default 3)

Admin API records:
  --log-size N                 requests the request log and rollouts the
                               rollout history of each cluster keep
                               (default 100000)

  --quiet                      print nothing but errors
  --help                       this text
`;

function positive(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new Error(`${flag} needs a positive number, got "${value}"`);
  return n;
}

/** Parses the command line; throws an Error whose message is meant for the user. */
export function parseCliOptions(argv: string[]): CliOptions {
  const options: CliOptions = {
    clusters: [],
    host: '127.0.0.1',
    tls: false,
    tlsHosts: [],
    alsoHttp: false,
    seedFiles: [],
    controller: {},
    quiet: false,
    help: false,
  };
  const tokens: string[] = [];
  const args = [...argv];
  const value = (flag: string, inline?: string): string => {
    if (inline !== undefined) return inline;
    const next = args.shift();
    if (next === undefined || next.startsWith('--'))
      throw new Error(`${flag} needs a value`);
    return next;
  };
  while (args.length > 0) {
    const arg = args.shift()!;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    switch (flag) {
      case '--cluster': {
        const spec = value(flag, inline);
        const match = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?)=(\d+)(?::(.+))?$/.exec(
          spec,
        );
        if (!match)
          throw new Error(`--cluster needs NAME=PORT[:TOKEN], got "${spec}"`);
        const port = Number(match[3]);
        if (port > 65535)
          throw new Error(
            `--cluster ${match[1]}: port ${port} is out of range`,
          );
        options.clusters.push({
          name: match[1],
          port,
          tokens: match[4] ? [match[4]] : [],
        });
        break;
      }
      case '--token':
        tokens.push(value(flag, inline));
        break;
      case '--host':
        options.host = value(flag, inline);
        break;
      case '--tls':
        options.tls = true;
        break;
      case '--tls-host':
        options.tlsHosts.push(value(flag, inline));
        break;
      case '--ca-file':
        options.caFile = value(flag, inline);
        break;
      case '--also-http':
        options.alsoHttp = true;
        break;
      case '--kubeconfig':
        options.kubeconfigFile = value(flag, inline);
        break;
      case '--seed':
        options.seedFiles.push(value(flag, inline));
        break;
      case '--time-scale':
        options.controller.timeScale = positive(flag, value(flag, inline));
        break;
      case '--pod-start-seconds': {
        const v = value(flag, inline);
        const n = Number(v);
        if (!Number.isFinite(n) || n < 0)
          throw new Error(`${flag} needs a non-negative number, got "${v}"`);
        options.controller.podStartSeconds = n;
        break;
      }
      case '--broken-image-pattern': {
        const v = value(flag, inline);
        try {
          options.controller.brokenImagePattern = new RegExp(v);
        } catch (error) {
          throw new Error(`${flag}: ${(error as Error).message}`);
        }
        break;
      }
      case '--nodes': {
        const v = value(flag, inline);
        const n = Number(v);
        if (!Number.isInteger(n) || n < 0)
          throw new Error(`${flag} needs a whole number, got "${v}"`);
        options.controller.nodeCount = n;
        break;
      }
      case '--log-size': {
        const v = value(flag, inline);
        const n = Number(v);
        if (!Number.isSafeInteger(n) || n < 0)
          throw new Error(`${flag} needs a whole number, got "${v}"`);
        options.logSize = n;
        break;
      }
      case '--quiet':
        options.quiet = true;
        break;
      case '--help':
      case '-h':
        options.help = true;
        break;
      default:
        throw new Error(`unknown argument "${arg}" (see --help)`);
    }
  }
  if (options.help) return options;
  if (options.clusters.length === 0)
    throw new Error(
      'at least one --cluster NAME=PORT is required (see --help)',
    );
  if (options.alsoHttp && !options.tls)
    throw new Error('--also-http needs --tls (plain HTTP is the default)');
  assignTokens(options.clusters, tokens);
  return options;
}

function assignTokens(clusters: ClusterSpec[], tokens: string[]): void {
  const names = clusters.map(c => c.name);
  const unnamed: string[] = [];
  for (const token of tokens) {
    const eq = token.indexOf('=');
    const name = eq > 0 ? token.slice(0, eq) : undefined;
    if (name !== undefined && names.includes(name)) {
      clusters.find(c => c.name === name)!.tokens!.push(token.slice(eq + 1));
    } else {
      unnamed.push(token);
    }
  }
  const withoutToken = clusters.filter(c => c.tokens!.length === 0);
  if (unnamed.length === 1) {
    for (const cluster of withoutToken) cluster.tokens = [unnamed[0]];
  } else if (unnamed.length > 1) {
    if (unnamed.length !== clusters.length) {
      throw new Error(
        `${unnamed.length} --token values for ${clusters.length} clusters: give one token for all, one per --cluster in order, or NAME=TOKEN`,
      );
    }
    clusters.forEach((cluster, i) => cluster.tokens!.push(unnamed[i]));
  }
  const missing = clusters.filter(c => c.tokens!.length === 0).map(c => c.name);
  if (missing.length > 0) {
    throw new Error(
      `no token for cluster ${missing.join(
        ', ',
      )}: add --token TOKEN or --cluster NAME=PORT:TOKEN`,
    );
  }
}
