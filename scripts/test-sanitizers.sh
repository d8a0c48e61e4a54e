#!/usr/bin/env bash
# Runs the test suite under sanitizers, each in a build dir of its own:
#   build-asan: -DHALO_SANITIZE=address,undefined, the whole ctest suite (node SDK test included)
#   build-tsan: -DHALO_SANITIZE=thread, the concurrency tests only (Halo client paging/cancel,
#               MCP server/wire, tools against the simulator, the drills)
#   scripts/test-sanitizers.sh [asan|tsan]...   (default: both)
# Prints how long each build and run took: CI has 90 minutes on 2 cores for everything.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jobs="$(nproc)"
modes=("$@")
[ ${#modes[@]} -eq 0 ] && modes=(asan tsan)

# Leaks are real defects, but libcurl/OpenSSL keep process-lifetime caches: suppress those only.
supp="$root/build-asan/lsan.supp"
timed() {
  local label=$1 t0 rc=0; shift; t0=$(date +%s)
  "$@" || rc=$?
  echo "test-sanitizers: $label took $(( $(date +%s) - t0 )) s (exit $rc)"
  return $rc
}

# -O1 -g1: the sanitizers' recommended optimisation, and line tables are all a report needs.
# Measured on this project's heaviest file (mcp/transport/http.cpp, GCC 12): -O2 -g with
# address,undefined compiles in 167 s, -O1 -g1 in 134 s, and -O1 -g1 without UBSan's pointer
# checks in 61 s (ASan alone: 37 s). Whole builds on 2 cores: ASan 1546 s -> 700 s, TSan 403 s -> 197 s.
opt=(-DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1 -DNDEBUG")
# UBSan keeps its checks of undefined arithmetic and control flow (signed overflow, shifts,
# division, bounds of arrays, bool/enum values, unreachable, missing return, float casts). Its
# checks on every pointer use (null, alignment, object-size, pointer-overflow, vptr) are what
# cost 2x the build time, and ASan already reports null and out-of-bounds accesses.
ubsan_skip="-fno-sanitize=null,alignment,object-size,pointer-overflow,vptr,nonnull-attribute,returns-nonnull-attribute"

status=0
for mode in "${modes[@]}"; do
  case "$mode" in
    asan)
      dir="$root/build-asan"
      timed "asan configure+build" bash -c "cmake -S '$root' -B '$dir' -G Ninja -DHALO_SANITIZE=address,undefined \
        -DCMAKE_CXX_FLAGS='$ubsan_skip' -DHALO_BUILD_BENCH=OFF ${opt[*]@Q} >/dev/null && cmake --build '$dir' -j $jobs"
      mkdir -p "$dir"
      printf 'leak:libcrypto\nleak:libssl\nleak:libcurl\n' > "$supp"
      export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=0"
      export LSAN_OPTIONS="suppressions=$supp"
      export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
      timed "asan ctest" ctest --test-dir "$dir" -j "$jobs" --output-on-failure --timeout 300 || status=1
      unset ASAN_OPTIONS LSAN_OPTIONS UBSAN_OPTIONS
      ;;
    tsan)
      dir="$root/build-tsan"
      # The executables whose tests exercise threads; run directly (ctest would list every area).
      tests=(halo_client_tests mcp_unit_tests mcp_wire_tests mcp_http_tests tools_sim_tests drills_tests)
      t0=$(date +%s)
      cmake -S "$root" -B "$dir" -G Ninja -DHALO_SANITIZE=thread -DHALO_BUILD_BENCH=OFF "${opt[@]}" >/dev/null
      present=("${tests[@]}")
      cmake --build "$dir" -j "$jobs" --target "${present[@]}" halo-psa-mcp halo-sim
      echo "test-sanitizers: tsan configure+build took $(( $(date +%s) - t0 )) s"
      export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1"
      t0=$(date +%s)
      for t in "${present[@]}"; do
        filter='*'
        # Under TSan the product runs ~10x slower: only the drills about concurrency, not timing.
        [ "$t" = drills_tests ] && filter='BadInput.ThousandsOf*:BadInput.Cancel*:BadInput.ToolCallsBeyond*:FaultDrill.TokensExpired*'
        if ! timeout 900 "$dir/$t" --gtest_filter="$filter" --gtest_brief=1; then
          echo "test-sanitizers: tsan $t FAILED"; status=1
        fi
      done
      echo "test-sanitizers: tsan run took $(( $(date +%s) - t0 )) s"
      unset TSAN_OPTIONS
      ;;
    *) echo "test-sanitizers: unknown mode $mode (asan|tsan)" >&2; exit 2 ;;
  esac
done
exit $status
