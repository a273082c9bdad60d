#!/usr/bin/env bash
# Installs the tools the deploy and client tests need, cached under ~/.cache/hookport:
# - helm, compiled from the Go module proxy once (a few minutes on a fresh machine);
# - openapi-python-client in a Python virtualenv, to generate and run the Python client;
# - schemathesis in a virtualenv of its own, to fuzz the API (tests/api-fuzzing.int.spec.ts).
set -euo pipefail
CACHE_DIR="${HOOKPORT_TOOLS_DIR:-$HOME/.cache/hookport/bin}"
HELM_VERSION="${HELM_VERSION:-v3.17.3}"
PYTHON_CLIENT_VERSION="0.29.1"
VENV_DIR="${HOOKPORT_PYTHON_VENV:-$HOME/.cache/hookport/python-client}"
SCHEMATHESIS_VERSION="4.32.5"
SCHEMATHESIS_VENV="${HOOKPORT_SCHEMATHESIS_VENV:-$HOME/.cache/hookport/schemathesis}"
mkdir -p "$CACHE_DIR"

ensure_helm() {
  if [[ -x "$CACHE_DIR/helm" && "$(cat "$CACHE_DIR/.helm-version" 2>/dev/null)" == "${HELM_VERSION}" ]]; then
    echo "helm ${HELM_VERSION} already cached at $CACHE_DIR/helm"
    return
  fi
  command -v go >/dev/null || { echo "go is required to build helm" >&2; exit 1; }
  echo "Building helm ${HELM_VERSION} with go install (first time only; this can take several minutes)..."
  GOBIN="$CACHE_DIR" go install -v "helm.sh/helm/v3/cmd/helm@${HELM_VERSION}" 2>&1 | while read -r line; do echo "  [go] $line"; done
  echo "${HELM_VERSION}" > "$CACHE_DIR/.helm-version"
  echo "helm installed at $CACHE_DIR/helm"
}

ensure_python_client_generator() {
  if [[ "$(cat "$VENV_DIR/.version" 2>/dev/null)" == "${PYTHON_CLIENT_VERSION}" ]]; then
    echo "openapi-python-client ${PYTHON_CLIENT_VERSION} already in $VENV_DIR"
    return
  fi
  command -v python3 >/dev/null || { echo "python3 is required for the Python client" >&2; exit 1; }
  echo "Installing openapi-python-client ${PYTHON_CLIENT_VERSION} into $VENV_DIR (first time only)..."
  rm -rf "$VENV_DIR"
  python3 -m venv "$VENV_DIR"
  "$VENV_DIR/bin/pip" install --disable-pip-version-check --progress-bar off \
    "openapi-python-client==${PYTHON_CLIENT_VERSION}" 2>&1 | while read -r line; do echo "  [pip] $line"; done
  echo "${PYTHON_CLIENT_VERSION}" > "$VENV_DIR/.version"
}

ensure_schemathesis() {
  if [[ "$(cat "$SCHEMATHESIS_VENV/.version" 2>/dev/null)" == "${SCHEMATHESIS_VERSION}" ]]; then
    echo "schemathesis ${SCHEMATHESIS_VERSION} already in $SCHEMATHESIS_VENV"
    return
  fi
  echo "Installing schemathesis ${SCHEMATHESIS_VERSION} into $SCHEMATHESIS_VENV (first time only)..."
  rm -rf "$SCHEMATHESIS_VENV"
  python3 -m venv "$SCHEMATHESIS_VENV"
  "$SCHEMATHESIS_VENV/bin/pip" install --disable-pip-version-check --progress-bar off \
    "schemathesis==${SCHEMATHESIS_VERSION}" 2>&1 | while read -r line; do echo "  [pip] $line"; done
  echo "${SCHEMATHESIS_VERSION}" > "$SCHEMATHESIS_VENV/.version"
}

ensure_helm
ensure_python_client_generator
ensure_schemathesis
