#!/usr/bin/env bash
# Sourced by start.sh and test.sh: puts the Node this project runs on (.nvmrc, one version named
# once) first on PATH. A machine whose own Node has another major version gets that version from
# the npm registry (the node-linux-<arch> package carries the binary) into a cache, once; nothing
# is downloaded from anywhere else. npm itself stays the machine's, run by this Node.
hookport_node_version="$(cat "$(dirname "${BASH_SOURCE[0]}")/../.nvmrc")"
hookport_node_major="${hookport_node_version%%.*}"
hookport_current="$(node --version 2>/dev/null | sed 's/^v//')"
if [[ "${hookport_current%%.*}" != "$hookport_node_major" ]]; then
  case "$(uname -m)" in
  x86_64) hookport_node_arch=x64 ;;
  aarch64 | arm64) hookport_node_arch=arm64 ;;
  *)
    echo "[node] no node-linux package for $(uname -m): install Node $hookport_node_major yourself" >&2
    return 1
    ;;
  esac
  hookport_node_dir="${HOOKPORT_NODE_DIR:-$HOME/.cache/hookport/node-$hookport_node_version-$hookport_node_arch}"
  if [[ ! -x "$hookport_node_dir/bin/node" ]]; then
    echo "[node] this machine has Node ${hookport_current:-none}; Hookport runs on Node $hookport_node_major."
    echo "[node] fetching node-linux-$hookport_node_arch@$hookport_node_version from the npm registry (once, about 50 MB)..."
    hookport_tmp="$(mktemp -d)"
    (cd "$hookport_tmp" && npm pack "node-linux-$hookport_node_arch@$hookport_node_version" --silent >/dev/null) || {
      echo "[node] could not fetch node-linux-$hookport_node_arch@$hookport_node_version" >&2
      rm -rf "$hookport_tmp"
      return 1
    }
    echo "[node] unpacking into $hookport_node_dir..."
    mkdir -p "$hookport_node_dir.tmp"
    tar -xzf "$hookport_tmp"/node-linux-*.tgz -C "$hookport_node_dir.tmp" --strip-components=1 \
      package/bin/node package/LICENSE
    rm -rf "$hookport_tmp" "$hookport_node_dir"
    mv "$hookport_node_dir.tmp" "$hookport_node_dir"
  fi
  export PATH="$hookport_node_dir/bin:$PATH"
  echo "[node] using Node $(node --version) from $hookport_node_dir"
fi
unset hookport_node_version hookport_node_major hookport_current hookport_node_arch hookport_node_dir hookport_tmp
