#!/usr/bin/env bash
# One benchmark, with what it needs: `npm run bench:<name>` (see package.json), or
# `bash scripts/bench.sh <file under bench/> [-- flags]`. Figures are printed, never asserted.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=ensure-node.sh
source scripts/ensure-node.sh || exit 1
export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false
file="$1"
shift
bash scripts/ensure-deps.sh
bash scripts/infra.sh up
eval "$(bash scripts/infra.sh env)"
export DATABASE_URL KAFKA_BROKERS
npx nx run-many -t build --output-style=static >/dev/null
# Flags after the file reach the benchmark through HOOKPORT_BENCH_ARGS (Vitest keeps argv).
HOOKPORT_BENCH_ARGS="$*" npx vitest run --config bench/vitest.config.mts "bench/$file" --reporter=dot --silent=false
