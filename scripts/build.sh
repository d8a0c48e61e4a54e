#!/usr/bin/env bash
# Configures and builds into build/ (the server lands at build/halo-psa-mcp).
# Extra arguments go to the CMake configure step, e.g. -DCMAKE_BUILD_TYPE=Release.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/setup.sh"
build_dir="${HALO_BUILD_DIR:-$root/build}"
cmake -S "$root" -B "$build_dir" -G Ninja "$@" >/dev/null
cmake --build "$build_dir" -j "$(nproc)"
