#!/usr/bin/env bash
# `npm start`: Hookport all-in-one on a machine with only Node (PGlite, in-process events).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=ensure-node.sh
source scripts/ensure-node.sh || exit 1
export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false
bash scripts/ensure-deps.sh
echo "[start] building (cached after the first time)..."
npx nx run-many -t build --projects=all-in-one,portal-ui --output-style=static --verbose=false > .hookport-build.log 2>&1 || {
  tail -n 40 .hookport-build.log
  exit 1
}
exec node all-in-one/dist/main.js
