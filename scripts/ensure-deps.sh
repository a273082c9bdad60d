#!/usr/bin/env bash
# Installs the workspace's npm dependencies exactly as the lockfile lists them (`npm ci`), when
# they are missing or older than the lockfile. The install scripts that may run are approved in
# package.json's `allowScripts` (npm refuses the others and says so).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

marker=node_modules/.package-lock.json
if [[ -f "$marker" && "$marker" -nt package-lock.json && "$marker" -nt package.json ]]; then
  exit 0
fi
echo "[deps] installing npm dependencies from package-lock.json (npm ci, under a minute on a fresh machine)..."
started=$SECONDS
npm ci --no-audit --no-fund --loglevel=warn
echo "[deps] installed in $((SECONDS - started)) s"
