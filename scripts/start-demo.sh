#!/usr/bin/env bash
# `make start`: two simulated Kubernetes clusters holding every demo
# component in every demo installation's namespace (the ones app-config.yaml
# registers), then the portal. Stopping the portal stops the clusters.
#
#   scripts/start-demo.sh [--clusters-only] [--time-scale N]
#
# --clusters-only runs the simulated clusters alone, in the foreground (the
# browser tests start them beside `yarn start` this way); --time-scale N
# makes their simulated time run N times faster (pod start-up and progress
# deadlines shrink; default 1, real time). DEMO_TIME_SCALE sets the latter
# too.
#
# Each cluster's port answers HTTPS and plain HTTP: app-config.yaml and the
# browser tests use http://, while kubectl, which sends its token only over
# HTTPS, uses .demo/kubeconfig (https://, the CA generated at start-up, a
# context per cluster):
#
#   KUBECONFIG=.demo/kubeconfig kubectl --context demo-us get deploy -A
#
# The clusters' tokens are DEMO_EU_TOKEN and DEMO_US_TOKEN, as app-config.yaml
# reads them (default demo-eu-token and demo-us-token, which the browser
# tests use).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

clusters_only=false
time_scale="${DEMO_TIME_SCALE:-1}"
while [ $# -gt 0 ]; do
  case "$1" in
  --clusters-only) clusters_only=true ;;
  --time-scale)
    time_scale="${2:?--time-scale needs a number}"
    shift
    ;;
  *)
    echo "usage: $0 [--clusters-only] [--time-scale N]" >&2
    exit 2
    ;;
  esac
  shift
done

mkdir -p .demo
node scripts/demo-seed.mjs >.demo/seed.yaml
# Written anew once the clusters serve, for the CA they generate.
rm -f .demo/kubeconfig .demo/ca.pem
simulator_args=(
  --cluster "demo-eu=6443:${DEMO_EU_TOKEN:-demo-eu-token}"
  --cluster "demo-us=6444:${DEMO_US_TOKEN:-demo-us-token}"
  --tls --also-http
  --kubeconfig "$PWD/.demo/kubeconfig"
  --ca-file "$PWD/.demo/ca.pem"
  --seed "$PWD/.demo/seed.yaml"
  --time-scale "$time_scale"
)

if [ "$clusters_only" = true ]; then
  exec yarn cluster-simulator "${simulator_args[@]}"
fi

yarn cluster-simulator "${simulator_args[@]}" >.demo/cluster-simulator.log 2>&1 &
simulator=$!
trap 'kill "$simulator" 2>/dev/null || true' EXIT
echo "Simulated clusters demo-eu (:6443) and demo-us (:6444); log in .demo/cluster-simulator.log"
echo "kubectl: export KUBECONFIG=$PWD/.demo/kubeconfig (contexts demo-eu and demo-us, written once they serve)"

yarn start
