#!/usr/bin/env bash
# The whole test suite, from a fresh Debian 12 machine: installs what is missing (Debian packages,
# then Node 22 and the JavaScript referees from npm), builds, and runs every test through ctest
# (unit, wire and end-to-end tests, and the official SDK clients against the real executable).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/build.sh"
"$root/scripts/node-tools.sh" >/dev/null
cd "${HALO_BUILD_DIR:-$root/build}"
ctest --output-on-failure --timeout 600 -j "$(nproc)"
