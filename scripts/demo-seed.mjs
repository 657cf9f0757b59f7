#!/usr/bin/env node
/*
 * Writes the cluster simulator's seed for the demo: every demo component
 * (a Component with backstage.io/kubernetes-id) deployed in every demo
 * installation's environment, on that environment's cluster. Read from
 * examples/, so the demo clusters always match the demo catalog.
 *
 * One installation has one broken application, see BROKEN below;
 * --no-broken-images leaves it out.
 *
 *   node scripts/demo-seed.mjs [--no-broken-images] > seed.yaml
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
  .flatMap(e =>
    e.spec.environments.map(env => ({ ...env, installation: e.metadata.name })),
  );

const args = process.argv.slice(2);
for (const arg of args) {
  if (arg !== '--no-broken-images') {
    process.stderr.write(
      `unknown argument ${arg}; usage: demo-seed.mjs [--no-broken-images]\n`,
    );
    process.exit(2);
  }
}

// The browser end-to-end test of rollouts needs an installation that fails
// with the cluster's own reason, and that it can fix and retry: rolling the
// demo release 1.0.0 out makes payments-worker in initech-qa (on demo-us)
// exceed its progress deadline, there and nowhere else, since the
// simulator's broken-images annotation on that one Deployment matches the
// app's 1.0.0 image (the images of a release are the same everywhere).
// Removing the annotation fixes it without a new image, e.g. (from the
// repository root, with the kubeconfig scripts/start-demo.sh writes)
//   KUBECONFIG=.demo/kubeconfig kubectl --context demo-us -n initech-qa \
//     annotate deploy/payments-worker simulator.distribution-hub.io/broken-images-
// (see packages/cluster-simulator/README.md, "Breaking one workload").
// Its progress deadline is short so that the failure shows within a minute
// of simulated time rather than Kubernetes' default ten.
const BROKEN = {
  installation: 'initech-qa',
  cluster: 'demo-us',
  component: 'payments-worker',
  track: 'shopfront',
  version: '1.0.0',
  progressDeadlineSeconds: 60,
};
const brokenImagesAnnotation = 'simulator.distribution-hub.io/broken-images';

/** The regular expression matching exactly BROKEN's image in its release. */
function brokenImagePattern() {
  const [{ tracks }] = load('releases.yaml');
  const release = tracks
    .find(t => t.name === BROKEN.track)
    ?.releases.find(r => r.version === BROKEN.version);
  const image = release?.requirements.stages
    .flatMap(stage => stage.apps)
    .find(
      app => app.entityRef === `component:default/${BROKEN.component}`,
    )?.image;
  if (!image) {
    throw new Error(
      `examples/releases.yaml has no image of ${BROKEN.component} in ${BROKEN.track} ${BROKEN.version}`,
    );
  }
  return `^${image.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`;
}

const broken = args.includes('--no-broken-images')
  ? undefined
  : { ...BROKEN, pattern: brokenImagePattern() };
if (
  broken &&
  !(
    components.includes(broken.component) &&
    environments.some(
      e =>
        e.installation === broken.installation && e.cluster === broken.cluster,
    )
  )
) {
  throw new Error(
    `no ${broken.component} in installation ${broken.installation} on ${broken.cluster} to break`,
  );
}

const clusterAnnotation = 'simulator.distribution-hub.io/clusters';
const documents = [];
for (const { cluster, namespace, installation } of environments) {
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
    const isBroken =
      broken?.installation === installation &&
      broken.cluster === cluster &&
      broken.component === id;
    documents.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: id,
        namespace,
        labels,
        annotations: {
          [clusterAnnotation]: cluster,
          ...(isBroken ? { [brokenImagesAnnotation]: broken.pattern } : {}),
        },
      },
      spec: {
        replicas: 2,
        ...(isBroken
          ? { progressDeadlineSeconds: broken.progressDeadlineSeconds }
          : {}),
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
