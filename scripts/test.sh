#!/usr/bin/env bash
# The whole test suite, from a fresh Debian 12 machine (this is what CI runs, via .ci/run):
#   1. installs what is missing: Debian packages, then Node 22 and the JavaScript referees (npm)
#   2. the release recipe (scripts/build-release.sh, also the Dockerfile's build stage): Release
#      build in build/, every ctest test (unit, wire, end-to-end on the real executable, fault
#      drills, official SDK clients, the conformance suite), install into a scratch prefix
#   3. the README's demo command, verbatim (./scripts/demo.sh, no terminal, no stdin): reuses the
#      build of step 2
#   4. packaging: install layout, Dockerfile recipe, the .deb built, then installed with apt-get in
#      a fresh debootstrapped Debian 12 root and run there (as root; otherwise run unpacked)
#   5. the benchmark in quick mode (fails only if revenue_breakdown makes more Halo requests than
#      the data needs, or a repeated question reaches Halo)
#   6. the suite under AddressSanitizer+UBSan, the concurrency tests under ThreadSanitizer
#   7. each libFuzzer target for a bounded time
# Each stage prints how long it took; the last line is the summary.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

summary=()
stage() {
  local name=$1; shift
  local t0=$SECONDS
  printf '\n==== %s\n' "$name"
  "$@"
  summary+=("$name: $((SECONDS - t0)) s")
  printf '==== %s: done in %d s\n' "$name" "$((SECONDS - t0))"
}

prefix="$(mktemp -d)"
trap 'rm -rf "$prefix"' EXIT

stage "setup (Debian packages, Node 22, npm referees)" bash -c './scripts/setup.sh && ./scripts/node-tools.sh >/dev/null'
stage "build + ctest + install (scripts/build-release.sh)" ./scripts/build-release.sh "$prefix"
stage "README demo (./scripts/demo.sh </dev/null)" tests/packaging/check-readme-demo.sh
stage "packaging (layout, Dockerfile recipe, .deb installed in a clean Debian 12 root)" env HALO_PACKAGING_PREFIX="$prefix" tests/packaging/run.sh
stage "benchmark (quick)" ./scripts/bench.sh --quick
stage "sanitizers (ASan+UBSan suite, TSan concurrency tests)" ./scripts/test-sanitizers.sh
stage "fuzzing (smoke)" ./scripts/fuzz.sh --smoke

printf '\nAll stages passed:\n'
printf '  %s\n' "${summary[@]}"
