#!/usr/bin/env bash
# Runs the test suite under sanitizers, each in a build dir of its own, configured by the presets of
# CMakePresets.json (which say why the flags are what they are):
#   asan (build-asan): AddressSanitizer + UBSan, every ctest test (node referees included)
#   tsan (build-tsan): ThreadSanitizer, the tests labelled concurrency (Halo client paging/cancel,
#                      MCP server/wire/HTTP, tools against the simulator, the concurrency drills);
#                      builds only the target concurrency_tests (their executables)
#   scripts/test-sanitizers.sh [asan|tsan]...   (default: both)
# Prints how long each build and run took: CI has 90 minutes on 2 cores for everything.
# Whole builds on 2 cores with the presets' -O1 -g1 and UBSan's pointer checks skipped: ASan 700 s
# (1546 s at -O2 -g with every check), TSan 197 s (403 s).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jobs="${HALO_JOBS:-$(nproc)}"
modes=("$@")
[ ${#modes[@]} -eq 0 ] && modes=(asan tsan)

timed() {
  local label=$1 t0 rc=0; shift; t0=$(date +%s)
  "$@" || rc=$?
  echo "test-sanitizers: $label took $(( $(date +%s) - t0 )) s (exit $rc)"
  return $rc
}

status=0
for mode in "${modes[@]}"; do
  dir="$root/build-$mode"
  case "$mode" in
    asan)
      timed "asan configure+build" bash -c "cmake -S '$root' --preset asan >/dev/null && cmake --build '$dir' -j $jobs"
      # Leaks are real defects, but libcurl/OpenSSL keep process-lifetime caches: suppress those only.
      supp="$dir/lsan.supp"
      printf 'leak:libcrypto\nleak:libssl\nleak:libcurl\n' > "$supp"
      export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=0"
      export LSAN_OPTIONS="suppressions=$supp"
      export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
      timed "asan ctest" ctest --test-dir "$dir" -j "$jobs" --output-on-failure --timeout 300 || status=1
      unset ASAN_OPTIONS LSAN_OPTIONS UBSAN_OPTIONS
      ;;
    tsan)
      timed "tsan configure+build" bash -c "cmake -S '$root' --preset tsan >/dev/null && cmake --build '$dir' -j $jobs --target concurrency_tests"
      export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1"
      timed "tsan ctest -L concurrency" ctest --test-dir "$dir" -L concurrency -j "$jobs" --output-on-failure --timeout 900 \
        || status=1
      unset TSAN_OPTIONS
      ;;
    *) echo "test-sanitizers: unknown mode $mode (asan|tsan)" >&2; exit 2 ;;
  esac
done
exit $status
