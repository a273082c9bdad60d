#!/usr/bin/env bash
# Installs the tools the deploy and client tests need, cached under ~/.cache/hookport:
# - helm, compiled from the Go module proxy once (a few minutes on a fresh machine);
# - openapi-python-client in a Python virtualenv, to generate and run the Python client;
# - schemathesis in a virtualenv of its own, to fuzz the API (tests/api-fuzzing.int.spec.ts);
# - Svix's official Python SDK 2.x, which tests/svix-sdk.int.spec.ts drives against Hookport.
set -euo pipefail
CACHE_DIR="${HOOKPORT_TOOLS_DIR:-$HOME/.cache/hookport/bin}"
HELM_VERSION="${HELM_VERSION:-v3.17.3}"
PYTHON_CLIENT_VERSION="0.29.1"
VENV_DIR="${HOOKPORT_PYTHON_VENV:-$HOME/.cache/hookport/python-client}"
SCHEMATHESIS_VERSION="4.32.5"
SCHEMATHESIS_VENV="${HOOKPORT_SCHEMATHESIS_VENV:-$HOME/.cache/hookport/schemathesis}"
SVIX_PYTHON_VERSION="2.9.1"
SVIX_PYTHON_VENV="${HOOKPORT_SVIX_PYTHON_VENV:-$HOME/.cache/hookport/svix-python}"
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

# A PyPI package at a pinned version in a virtualenv of its own, once: <venv> <package> <version>.
ensure_python_package() {
  local venv="$1" package="$2" version="$3"
  if [[ "$(cat "$venv/.version" 2>/dev/null)" == "${version}" ]]; then
    echo "${package} ${version} already in $venv"
    return
  fi
  command -v python3 >/dev/null || { echo "python3 is required for ${package}" >&2; exit 1; }
  echo "Installing ${package} ${version} into $venv (first time only)..."
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --disable-pip-version-check --progress-bar off \
    "${package}==${version}" 2>&1 | while read -r line; do echo "  [pip] $line"; done
  echo "${version}" > "$venv/.version"
}

ensure_helm
ensure_python_package "$VENV_DIR" openapi-python-client "$PYTHON_CLIENT_VERSION"
ensure_python_package "$SCHEMATHESIS_VENV" schemathesis "$SCHEMATHESIS_VERSION"
ensure_python_package "$SVIX_PYTHON_VENV" svix "$SVIX_PYTHON_VERSION"
