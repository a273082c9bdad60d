#!/usr/bin/env bash
# Installs the operator tooling the deploy tests need (helm), cached under ~/.cache/hookport/bin.
# A fresh machine compiles helm from the Go module proxy once (a few minutes); later runs are instant.
set -euo pipefail
HELM_VERSION="${HELM_VERSION:-v3.17.3}"
BIN_DIR="${HOOKPORT_TOOLS_DIR:-$HOME/.cache/hookport/bin}"
mkdir -p "$BIN_DIR"
if [[ -x "$BIN_DIR/helm" && "$(cat "$BIN_DIR/.helm-version" 2>/dev/null)" == "${HELM_VERSION}" ]]; then
  echo "helm ${HELM_VERSION} already cached at $BIN_DIR/helm"
  exit 0
fi
command -v go >/dev/null || { echo "go is required to build helm" >&2; exit 1; }
echo "Building helm ${HELM_VERSION} with go install (first time only; this can take several minutes)..."
GOBIN="$BIN_DIR" go install -v "helm.sh/helm/v3/cmd/helm@${HELM_VERSION}" 2>&1 | while read -r line; do echo "  [go] $line"; done
echo "${HELM_VERSION}" > "$BIN_DIR/.helm-version"
echo "helm installed at $BIN_DIR/helm"
