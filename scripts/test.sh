#!/usr/bin/env bash
# The whole test suite, from a fresh Debian 12 machine (this is what CI runs, via .ci/run):
#   1. installs what is missing: Debian packages (the build's and the tests', Chromium among them),
#      then Node 22 and the JavaScript referees (npm)
#   2. the release recipe (scripts/build-release.sh, also the Dockerfile's build stage): the Release
#      build in build/ of what ships (server and simulator), installed into a scratch prefix
#   3. the README's demo command, verbatim (./scripts/demo.sh, no terminal, no stdin): reuses the
#      build of step 2
#   4. packaging: install layout, Dockerfile recipe, the .deb built, then installed with apt-get in
#      a fresh debootstrapped Debian 12 root and run there (as root; otherwise run unpacked)
#   5. the benchmark in quick mode (fails only if revenue_breakdown, ticket_stats or
#      agent_utilisation makes more Halo requests than the data needs, or a repeated question
#      reaches Halo)
#   6. the whole suite (unit, wire, end-to-end on the real executable, fault drills, official SDK
#      clients, the conformance suite, packaging checks) under AddressSanitizer+UBSan, and the
#      concurrency tests again under ThreadSanitizer. The suite runs once, instrumented, not also on
#      the Release build: compiling every test twice more than doubled CI time on 2 cores.
#      `ctest --test-dir build` after a full `cmake --build build` runs it on the Release build.
#   7. each libFuzzer target for a bounded time
# The first stage that fails stops the run: the later ones are listed as not run. Whatever happens,
# the run ends with a table of the stages (result and seconds each) and the total.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

names=() results=() seconds=()
failed=""
current=""
stage() {
  local name=$1; shift
  if [[ -n "$failed" ]]; then
    names+=("$name") results+=("not run") seconds+=("")
    return 0
  fi
  local t0=$SECONDS rc=0
  current="$name"
  printf '\n==== %s\n' "$name"
  "$@" || rc=$?
  current=""
  names+=("$name") seconds+=("$((SECONDS - t0))")
  if ((rc == 0)); then
    results+=("ok")
    printf '==== %s: done in %d s\n' "$name" "$((SECONDS - t0))"
  else
    results+=("FAILED ($rc)")
    failed="$name"
    printf '==== %s: FAILED (exit %d) after %d s\n' "$name" "$rc" "$((SECONDS - t0))"
  fi
}

# On any exit, also an interrupted one (the stage then running is marked so).
stage_table() {
  local i width=5
  if [[ -n "$current" ]]; then names+=("$current") results+=("interrupted") seconds+=(""); fi
  for i in "${!names[@]}"; do
    if ((${#names[i]} > width)); then width=${#names[i]}; fi
  done
  printf '\n%-*s  %-12s %7s\n' "$width" "stage" "result" "seconds"
  for i in "${!names[@]}"; do
    printf '%-*s  %-12s %7s\n' "$width" "${names[i]}" "${results[i]}" "${seconds[i]}"
  done
  printf '%-*s  %-12s %7d   (%d min %02d s)\n' "$width" "total" "" "$SECONDS" "$((SECONDS / 60))" "$((SECONDS % 60))"
  if [[ -n "$failed" ]]; then echo "FAILED at stage: $failed"
  elif [[ -n "$current" ]]; then echo "INTERRUPTED in stage: $current"
  else echo "All ${#names[@]} stages passed."; fi
}

prefix="$(mktemp -d)"
trap 'stage_table; rm -rf "$prefix"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

stage "setup (Debian packages, Chromium, Node 22, npm referees)" bash -c './scripts/setup.sh --tests && ./scripts/node-tools.sh >/dev/null'
stage "release build + install (scripts/build-release.sh, HALO_RELEASE_TESTS=0)" env HALO_RELEASE_TESTS=0 ./scripts/build-release.sh "$prefix"
stage "README demo (./scripts/demo.sh </dev/null)" tests/packaging/check-readme-demo.sh
stage "packaging (layout, Dockerfile recipe, .deb installed in a clean Debian 12 root)" env HALO_PACKAGING_PREFIX="$prefix" tests/packaging/run.sh
stage "benchmark (quick)" ./scripts/bench.sh --quick
stage "test suite under ASan+UBSan, concurrency tests under TSan" ./scripts/test-sanitizers.sh
stage "fuzzing (smoke)" ./scripts/fuzz.sh --smoke

[[ -z "$failed" ]]
