#!/usr/bin/env bash
# Runs one JavaScript referee from tests/e2e under the project's Node 22 (installing it and the
# npm packages on first use). Used by ctest; arguments after the script name go to the script.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
node_bin="$("$root/scripts/node-tools.sh")"
script="$1"; shift
exec "$node_bin/node" "$root/tests/e2e/$script" "$@"
