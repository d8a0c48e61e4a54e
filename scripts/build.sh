#!/usr/bin/env bash
# Configures build/ with the release preset (CMakePresets.json) and builds the targets named, or
# everything (every test included) when none is named. The server lands at build/halo-psa-mcp.
#   scripts/build.sh                            everything
#   scripts/build.sh halo-psa-mcp halo-sim      what ./scripts/demo.sh needs, nothing more
# Environment: HALO_BUILD_DIR (default build), HALO_JOBS (default nproc).
# The release preset leaves HALO_WERROR as the build dir has it, so after scripts/build-release.sh
# (the ci preset) this finds the same configuration and rebuilds nothing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/setup.sh"
build_dir="$(realpath -m "${HALO_BUILD_DIR:-$root/build}")"
jobs="${HALO_JOBS:-$(nproc)}"
cmake -S "$root" --preset release -B "$build_dir" >/dev/null
targets=()
for target in "$@"; do targets+=(--target "$target"); done
cmake --build "$build_dir" -j "$jobs" "${targets[@]}"
