#!/usr/bin/env bash
# Installs the workspace's npm dependencies when they are missing or older than the lockfile.
# `npm install` (not `npm ci`): this registry has no other platforms' optional binaries, so the
# lockfile cannot list them and `npm ci` refuses it (see README).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

marker=node_modules/.package-lock.json
if [[ -f "$marker" && "$marker" -nt package-lock.json && "$marker" -nt package.json ]]; then
  exit 0
fi
echo "[deps] installing npm dependencies (about 2 minutes on a fresh machine)..."
started=$SECONDS
npm install --no-audit --no-fund --loglevel=warn
echo "[deps] installed in $((SECONDS - started)) s"
