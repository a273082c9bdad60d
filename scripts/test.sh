#!/usr/bin/env bash
# The whole suite, as CI runs it: install what is missing, start Postgres, Kafka and Chromium,
# build, lint, type-check, then unit, integration and end-to-end tests on the real parts.
# Ends with one line: "N passed, N failed[, N skipped]".
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=ensure-node.sh
source scripts/ensure-node.sh || exit 1
export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false FORCE_COLOR=0

failed_steps=0
step() {
  local name="$1"
  shift
  echo "[test] ${name}..."
  local started=$SECONDS
  if "$@"; then
    echo "[test] ${name}: ok ($((SECONDS - started)) s)"
  else
    echo "[test] ${name}: FAILED ($((SECONDS - started)) s)"
    failed_steps=$((failed_steps + 1))
    return 1
  fi
}

finish() {
  node scripts/summarize-tests.mjs "$failed_steps" .artifacts/vitest.json .artifacts/vitest-chaos.json
  exit $?
}

mkdir -p .artifacts
rm -f .artifacts/vitest.json .artifacts/vitest-chaos.json
step "dependencies" bash scripts/ensure-deps.sh || finish
step "infrastructure (Postgres, Kafka, Chromium)" bash scripts/infra.sh up || finish
# helm for the chart tests (compiled from the Go module proxy), the Python client generator and
# schemathesis for the API fuzzing test:
# installed once per machine, then cached.
step "tools (helm, openapi-python-client, schemathesis, svix Python SDK)" bash scripts/ensure-tools.sh || finish
eval "$(bash scripts/infra.sh env)"
export DATABASE_URL KAFKA_BROKERS
step "build" npx nx run-many -t build --output-style=static || finish
step "lint and type-check" npx nx run-many -t lint typecheck --output-style=static
step "format" npx prettier --check . --log-level warn
step "tests" npx vitest run --project unit --project portal-ui --project integration --project e2e \
  --reporter=default --reporter=json --outputFile.json=.artifacts/vitest.json
# The chaos test restarts the shared Kafka and Postgres, so it runs alone, after everything else.
step "chaos test" npx vitest run --project chaos \
  --reporter=default --reporter=json --outputFile.json=.artifacts/vitest-chaos.json
finish
