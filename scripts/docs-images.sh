#!/usr/bin/env bash
# The portal's pictures in docs/images (`npm run docs:images`): every main view, light and dark,
# at 1280 and 360 px, taken by tests/docs-screenshots.e2e.spec.ts from a real stack. Look at
# them before committing: the spec checks layout and accessibility, not whether they look right.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=ensure-node.sh
source scripts/ensure-node.sh || exit 1
export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false
bash scripts/ensure-deps.sh
bash scripts/infra.sh up
eval "$(bash scripts/infra.sh env)"
export DATABASE_URL KAFKA_BROKERS
npx nx run-many -t build --output-style=static >/dev/null
HOOKPORT_DOCS_IMAGES=1 npx vitest run --project e2e tests/docs-screenshots.e2e.spec.ts
ls -1 docs/images/portal-*.png
