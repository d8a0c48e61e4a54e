#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ in the asan preset's build (build-asan/, clang, ASan +
# UBSan + coverage hooks on the product's libraries too; after scripts/test-sanitizers.sh asan
# there is nothing left to build) and runs each one for a bounded time from its seed corpus.
#   scripts/fuzz.sh            60 s per target (FUZZ_SECONDS overrides)
#   scripts/fuzz.sh --smoke    20 s per target (what CI runs)
#   FUZZ_SECONDS=3600 scripts/fuzz.sh fuzz_halo_parsers   a long run of one target
# New inputs found go to build-asan/fuzz/corpus/<target>/ (the checked-in seeds stay small); a
# crash leaves build-asan/fuzz/artifacts/<target>/crash-* and makes the script fail. Turn a crash
# into a regression: copy it into fuzz/corpus/<target>/ and fix the code.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="$root/build-asan"
seconds="${FUZZ_SECONDS:-60}"
targets=()
for arg in "$@"; do
  case "$arg" in
    --smoke) seconds="${FUZZ_SECONDS:-20}" ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) targets+=("$arg") ;;
  esac
done
command -v clang++ >/dev/null || { echo "fuzz.sh: clang++ missing (apt-get install clang libclang-rt-14-dev)" >&2; exit 2; }

cmake -S "$root" --preset asan >/dev/null
if [ ${#targets[@]} -eq 0 ]; then
  # fuzz_http_transport: the whole HTTP transport through loopback sockets (~900 execs/s).
  targets=(fuzz_mcp_server fuzz_schema_validator fuzz_halo_parsers fuzz_http_security fuzz_http_transport)
fi
start=$(date +%s)
cmake --build "$build_dir" --target "${targets[@]}" -j "$(nproc)"
echo "fuzz.sh: build took $(( $(date +%s) - start )) s"

# One target per core at a time: each libFuzzer run is a single process, and the targets are
# independent, so on 2 cores the smoke run takes half as long for the same fuzzing time.
fuzz_one() {
  local target=$1 corpus="$build_dir/fuzz/corpus/$1" artifacts="$build_dir/fuzz/artifacts/$1/" max_len=65536
  mkdir -p "$corpus" "$artifacts"
  # The MCP server target takes whole messages up to 256 KB, so seeds nested 100,000 deep (the
  # size that once overflowed the stack) fit; the others stay at 64 KB.
  [ "$target" = fuzz_mcp_server ] && max_len=262144
  # -rss_limit_mb: a leak or an unbounded allocation fails; -timeout: one input may not hang.
  # UBSan reports must end the run: the build's UBSan checks recover by default (the test suite
  # halts the same way through UBSAN_OPTIONS).
  if ! ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
      "$build_dir/fuzz/bin/$target" "$corpus" "$root/fuzz/corpus/$target" \
      -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len="$max_len" \
      -artifact_prefix="$artifacts" -print_final_stats=1 2>"$build_dir/fuzz/$target.log"; then
    echo "$target: FAILED (see $build_dir/fuzz/$target.log and $artifacts)"
    return 1
  fi
  echo "== $target: ${seconds}s, $(grep -E "^stat::number_of_executed_units" "$build_dir/fuzz/$target.log" | tr -s ' ' | cut -d' ' -f2) runs," \
       "peak $(grep -E "^stat::peak_rss_mb" "$build_dir/fuzz/$target.log" | tr -s ' ' | cut -d' ' -f2) MB"
}

status=0
parallel="${HALO_JOBS:-$(nproc)}"
running=0
for target in "${targets[@]}"; do
  if ((running >= parallel)); then
    wait -n || status=1
    running=$((running - 1))
  fi
  fuzz_one "$target" &
  running=$((running + 1))
done
while ((running > 0)); do
  wait -n || status=1
  running=$((running - 1))
done
exit $status
