#!/usr/bin/env bash
# The image-listing tests run a real OCI registry: Debian's docker-registry
# (CNCF distribution). Installs Debian's package when it is missing and we may.
set -euo pipefail
registry="${DOCKER_REGISTRY_PATH:-/usr/bin/docker-registry}"
if [ -x "$registry" ]; then
  exit 0
fi
# Debian's package installs to /usr/bin; a custom path is the caller's to provide.
if [ "$registry" = /usr/bin/docker-registry ] && [ "$(id -u)" = 0 ] &&
  command -v apt-get >/dev/null; then
  # Test files may call this at once; let one install while the others wait.
  if command -v flock >/dev/null; then
    exec 9>/tmp/ensure-registry.lock
    flock 9
    if [ -x "$registry" ]; then
      exit 0
    fi
  fi
  echo "[docker-registry] installing Debian's docker-registry package" >&2
  apt-get update -qq
  # The package's postinst starts a service where an init system runs; the
  # tests start their own registry, so keep services from starting.
  policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    policy=/usr/sbin/policy-rc.d
    printf '#!/bin/sh\nexit 101\n' >"$policy"
    chmod +x "$policy"
  fi
  status=0
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    docker-registry >/dev/null || status=$?
  if [ -n "$policy" ]; then
    rm -f "$policy"
  fi
  exit "$status"
fi
echo "docker-registry is needed for the image-listing tests and was not found at $registry." >&2
echo "Install it (Debian/Ubuntu: sudo apt-get install docker-registry) or set DOCKER_REGISTRY_PATH." >&2
exit 1
