#!/usr/bin/env node
/*
 * Writes the cluster simulator's seed for the demo: every demo component
 * (a Component with backstage.io/kubernetes-id) deployed in every demo
 * installation's environment, on that environment's cluster. Read from
 * examples/, so the demo clusters always match the demo catalog.
 *
 *   node scripts/demo-seed.mjs > seed.yaml
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments, stringify } from 'yaml';

const examples = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  'examples',
);
const load = file =>
  parseAllDocuments(readFileSync(join(examples, file), 'utf8')).map(d =>
    d.toJS(),
  );

const components = load('entities.yaml')
  .filter(e => e?.kind === 'Component')
  .map(e => e.metadata.annotations?.['backstage.io/kubernetes-id'])
  .filter(Boolean);
const environments = load('tenants.yaml')
  .filter(e => e?.kind === 'Installation')
  .flatMap(e => e.spec.environments);

const clusterAnnotation = 'simulator.distribution-hub.io/clusters';
const documents = [];
for (const { cluster, namespace } of environments) {
  documents.push({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: namespace,
      annotations: { [clusterAnnotation]: cluster },
    },
  });
  for (const id of components) {
    const labels = { 'backstage.io/kubernetes-id': id };
    documents.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: id,
        namespace,
        labels,
        annotations: { [clusterAnnotation]: cluster },
      },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: id } },
        template: {
          metadata: { labels: { app: id, ...labels } },
          spec: { containers: [{ name: id, image: `shopfront/${id}:0.9.0` }] },
        },
      },
    });
  }
}
process.stdout.write(documents.map(d => stringify(d)).join('---\n'));
