#!/usr/bin/env bash
# Installs the workspace's dependencies, unless nothing they depend on
# (lockfile, package manifests, Node version) changed since the last install.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

stamp=node_modules/.sdh-install-stamp
fingerprint() {
  { node --version; cat .yarnrc.yml yarn.lock package.json packages/*/package.json plugins/*/package.json; } |
    sha256sum | cut -d' ' -f1
}

if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$(fingerprint)" ]; then
  exit 0
fi
if [ -n "${CI:-}" ]; then
  yarn install --immutable
else
  yarn install
fi
fingerprint >"$stamp"
