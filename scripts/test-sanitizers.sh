#!/usr/bin/env bash
# Runs the test suite under sanitizers, each in a build dir of its own, configured by the presets of
# CMakePresets.json (which say why the flags are what they are, and why clang builds them):
#   asan (build-asan): AddressSanitizer + UBSan, every ctest test (node referees included); the
#                      build also makes the libFuzzer targets that scripts/fuzz.sh then runs
#   tsan (build-tsan): ThreadSanitizer, the tests labelled concurrency (Halo client paging/cancel,
#                      MCP server/wire/HTTP, tools against the simulator, the concurrency drills);
#                      builds only the target concurrency_tests (their executables)
#   scripts/test-sanitizers.sh [asan|tsan]...   (default: both)
# This is where scripts/test.sh runs the whole suite (the Release build there builds no tests).
#
# ctest's labels select the tests, but each gtest executable then runs once, with every selected
# test of it in one --gtest_filter, HALO_JOBS executables at a time; the other tests (Node
# referees, conformance runs, shell checks) run through ctest one by one. Why: ctest starts one
# process per gtest test, and the suites keep their expensive fixtures per process (the tool suites
# generate the simulator's dataset and start a halo-psa-mcp child once per suite). Instrumented,
# that start-up was most of the time: test by test, tools_sim_tests took 446 s of test time under
# ASan (3.6 s per in-process test, 5.1 s per test through the executable), run whole 28 s; the
# whole ASan suite went from 606 s at -j2 to about 170 s (gtest) plus the others. Nothing is left
# out. Each run prints how long each executable took; a failure prints its whole output.
#
# Measured on 2 cores shared with other builds (so the absolute figures are inflated, by about
# 2x for builds), from a clean build dir without ccache:
#   ASan build of everything: 1888 s while UBSan's pointer checks were meant to be off but were
#   not (the preset's -fno-sanitize came before -fsanitize=undefined); see CMakePresets.json.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jobs="${HALO_JOBS:-$(nproc)}"
# Per gtest executable run whole, and per other test when it sets no TIMEOUT of its own.
timeout="${HALO_SANITIZER_TIMEOUT:-900}"
modes=("$@")
[ ${#modes[@]} -eq 0 ] && modes=(asan tsan)

timed() {
  local label=$1 t0 rc=0; shift; t0=$(date +%s)
  "$@" || rc=$?
  echo "test-sanitizers: $label took $(( $(date +%s) - t0 )) s (exit $rc)"
  return $rc
}

# run_selected <build dir> [ctest selection options]: the tests ctest would run with those options,
# gtest ones grouped into one process per executable (see above). Exits non-zero on any failure.
run_selected() {
  python3 - "$1" "$jobs" "$timeout" "${@:2}" <<'PY'
import json, os, re, signal, subprocess, sys, time
from concurrent.futures import ThreadPoolExecutor

build, jobs, timeout, selection = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4:]
listing = json.loads(subprocess.run(["ctest", "--test-dir", build, "--show-only=json-v1", *selection],
                                    check=True, capture_output=True, text=True).stdout)
executables = {}  # path -> (working directory, [gtest test names])
others = []       # ctest names of the tests that are not one gtest test each
for test in listing["tests"]:
    props = {p["name"]: p["value"] for p in test.get("properties", [])}
    if props.get("DISABLED"):
        continue
    command = test.get("command") or []
    gtest = [a[len("--gtest_filter="):] for a in command[1:] if a.startswith("--gtest_filter=")]
    # A test with an environment of its own keeps its own process.
    if gtest and "ENVIRONMENT" not in props:
        executables.setdefault(command[0], (props.get("WORKING_DIRECTORY", build), []))[1].append(gtest[0])
    else:
        others.append(test["name"])

def ctest_one(name):
    regex = "^" + re.sub(r"([][.*+?^$(){}|\\])", r"\\\1", name) + "$"
    return ["ctest", "--test-dir", build, "--output-on-failure", "--timeout", str(timeout), "-R", regex]

# The other tests first: the longest single runs (Node referees replaying a whole suite) are
# among them; then the executables with the most tests.
jobs_list = [(name, ctest_one(name), build, None) for name in others]
for path, (cwd, names) in sorted(executables.items(), key=lambda kv: -len(kv[1][1])):
    jobs_list.append((os.path.basename(path), [path, "--gtest_filter=" + ":".join(names)], cwd, len(names)))
print(f"test-sanitizers: {sum(len(n) for _, n in executables.values())} gtest tests in "
      f"{len(executables)} executables (one process each), {len(others)} other tests through ctest",
      flush=True)

def run(job):
    label, argv, cwd, expected = job
    start = time.monotonic()
    # A session of its own, so a timeout also ends the servers the test started.
    proc = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            errors="replace", start_new_session=True)
    try:
        out, _ = proc.communicate(timeout=timeout + 60)
        problem = f"exit {proc.returncode}" if proc.returncode else ""
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate()
        problem = f"timed out after {timeout + 60} s"
    if expected is not None and not problem:
        ran = re.findall(r"^\[==========\] (\d+) tests? from .* ran\.", out, re.M)
        if not ran or int(ran[-1]) != expected:
            problem = f"{ran[-1] if ran else 'no'} tests ran of the {expected} selected"
    return label, expected, time.monotonic() - start, problem, out

failed = []
with ThreadPoolExecutor(max(1, jobs)) as pool:
    for label, expected, seconds, problem, out in pool.map(run, jobs_list):
        what = f"{label} ({expected} tests)" if expected is not None else label
        print(f"{seconds:7.1f} s  {'FAILED: ' + problem if problem else 'ok'}  {what}", flush=True)
        if problem:
            failed.append(what)
            print(out, flush=True)
if failed:
    print("test-sanitizers: failed: " + ", ".join(failed), flush=True)
sys.exit(1 if failed else 0)
PY
}

status=0
for mode in "${modes[@]}"; do
  dir="$root/build-$mode"
  case "$mode" in
    asan)
      timed "asan configure+build" bash -c "cmake -S '$root' --preset asan >/dev/null && cmake --build '$dir' -j $jobs"
      # Leaks are real defects, but libcurl/OpenSSL and cairo/fontconfig (the charts' font cache) keep
      # process-lifetime caches: suppress those only.
      supp="$dir/lsan.supp"
      printf 'leak:libcrypto\nleak:libssl\nleak:libcurl\nleak:libcairo\nleak:libfontconfig\nleak:libfreetype\n' > "$supp"
      export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=0"
      export LSAN_OPTIONS="suppressions=$supp"
      export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
      timed "asan tests (all)" run_selected "$dir" || status=1
      unset ASAN_OPTIONS LSAN_OPTIONS UBSAN_OPTIONS
      ;;
    tsan)
      timed "tsan configure+build" bash -c "cmake -S '$root' --preset tsan >/dev/null && cmake --build '$dir' -j $jobs --target concurrency_tests"
      export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1"
      timed "tsan tests (-L concurrency)" run_selected "$dir" -L concurrency || status=1
      unset TSAN_OPTIONS
      ;;
    *) echo "test-sanitizers: unknown mode $mode (asan|tsan)" >&2; exit 2 ;;
  esac
done
exit $status
