#!/usr/bin/env bash
# `make start`: two simulated Kubernetes clusters holding every demo
# component in every demo installation's namespace (the ones app-config.yaml
# registers), then the portal. Stopping the portal stops the clusters.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

mkdir -p .demo
node scripts/demo-seed.mjs >.demo/seed.yaml
yarn cluster-simulator \
  --cluster demo-eu=6443:demo-eu-token \
  --cluster demo-us=6444:demo-us-token \
  --seed "$PWD/.demo/seed.yaml" \
  >.demo/cluster-simulator.log 2>&1 &
simulator=$!
trap 'kill "$simulator" 2>/dev/null || true' EXIT
echo "Simulated clusters demo-eu (:6443) and demo-us (:6444); log in .demo/cluster-simulator.log"

yarn start
