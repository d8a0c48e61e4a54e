#!/usr/bin/env bash
# Runs the official MCP conformance suite (@modelcontextprotocol/conformance, pinned in
# tests/e2e/package.json) against a server started here on a free loopback port, and compares
# the failed checks with an expected-failures file (one "scenario/check-id  # reason" per line;
# in --generic mode "version/scenario/check-id"). Prints "N passed, N failed" and exits non-zero
# on an unexpected failure, and on an expected failure that now passes (so the list stays honest).
# --must-pass names checks that must come out SUCCESS, scored or not: the suite reports some
# SHOULD-level outcomes (SSE resumability, SEP-1699) as INFO or WARNING, which no failure count
# catches, so a regression there fails the run only through this list (same line format).
#
#   run-conformance.sh --server build/mcp-conformance-fixture --requirements 2025-11-25 \
#       --expected-failures tests/conformance/expected-failures-2025-11-25.txt \
#       --must-pass tests/conformance/must-pass-2025-11-25.txt
#   run-conformance.sh --server build/halo-psa-mcp --server-args "--demo" --generic \
#       --expected-failures tests/conformance/expected-failures-product.txt
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
server="" server_args="" requirements="" generic=0 expected="" must_pass="" keep_dir=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --server) server="$2"; shift 2 ;;
    --server-args) server_args="$2"; shift 2 ;;
    --requirements) requirements="$2"; shift 2 ;;
    --generic) generic=1; shift ;;
    --expected-failures) expected="$2"; shift 2 ;;
    --must-pass) must_pass="$2"; shift 2 ;;
    --keep) keep_dir="$2"; shift 2 ;;
    *) echo "run-conformance.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
[[ -x "$server" ]] || { echo "run-conformance.sh: --server must name an executable" >&2; exit 2; }
[[ -n "$requirements" || $generic -eq 1 ]] || { echo "run-conformance.sh: give --requirements or --generic" >&2; exit 2; }

node_bin="$("$root/scripts/node-tools.sh")"
suite="$root/tests/e2e/node_modules/@modelcontextprotocol/conformance"
work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  if [[ -n "$keep_dir" ]]; then rm -rf "$keep_dir"; cp -r "$work" "$keep_dir"; fi
  rm -rf "$work"
}
trap cleanup EXIT

# Port 0: the server picks a free port and logs it; no race with other tests.
# shellcheck disable=SC2086
"$server" $server_args --transport http --port 0 --log-level info 2>"$work/server.log" &
server_pid=$!
port=""
for _ in $(seq 1 200); do
  port="$(grep -o 'serving MCP on http://127\.0\.0\.1:[0-9]*' "$work/server.log" | grep -o '[0-9]*$' || true)"
  [[ -n "$port" ]] && break
  kill -0 "$server_pid" 2>/dev/null || { echo "server exited:"; cat "$work/server.log"; exit 1; }
  sleep 0.1
done
[[ -n "$port" ]] || { echo "server did not start:"; cat "$work/server.log"; exit 1; }
url="http://127.0.0.1:$port/mcp"

run_suite() {  # out_dir args...
  local out="$1"; shift
  "$node_bin/node" "$suite/dist/index.js" server --url "$url" -o "$out" "$@" >"$out.log" 2>&1 || true
}

scored_file="$work/scored.txt"
if [[ $generic -eq 1 ]]; then
  # The scenarios that need no fixture tools, prompts or resources, in each era where they apply
  # (completion-complete and resources-templates-read ask for the fixture's own names).
  declare -A generic_scenarios=(
    [2025-11-25]="server-initialize ping tools-list logging-set-level dns-rebinding-protection server-session-lifecycle server-sse-multiple-streams prompts-list resources-list"
    [2026-07-28]="server-stateless caching tools-list dns-rebinding-protection server-sse-multiple-streams prompts-list resources-list sep-2164-resource-not-found"
  )
  : >"$scored_file"
  for version in 2025-11-25 2026-07-28; do
    mkdir -p "$work/results/$version"
    for scenario in ${generic_scenarios[$version]}; do
      run_suite "$work/results/$version/$scenario" --scenario "$scenario" --spec-version "$version"
      echo "$version/$scenario" >>"$scored_file"
    done
  done
else
  mkdir -p "$work/results"
  run_suite "$work/results/all" --requirements "$requirements"
  # The scenarios the revision scores: the "server:" list of its requirements file.
  awk '/^server:/{on=1;next} /^[a-z_]+:/{on=0} on && /^  - /{print $2}' "$suite/requirements/$requirements.yaml" >"$scored_file"
fi

python3 - "$work/results" "$scored_file" "${expected:-/dev/null}" "$generic" "${must_pass:-/dev/null}" <<'PY'
import json, os, re, sys
results_dir, scored_path, expected_path, generic = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == "1"
must_pass_path = sys.argv[5]
scored = {line.strip() for line in open(scored_path) if line.strip()}

def read_list(path, what):
    entries = {}
    for line in open(path):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, _, reason = line.partition("#")
        if not reason.strip():
            sys.exit(f"{what} entry without a reason: {line}")
        entries[key.strip()] = reason.strip()
    return entries

expected = read_list(expected_path, "expected-failures")
must_pass = read_list(must_pass_path, "must-pass")
status_of = {}  # every check's status, scored or not (a repeated id keeps its worst outcome)
rank = {"SUCCESS": 0, "INFO": 1, "SKIPPED": 1, "WARNING": 2, "FAILURE": 3}

passed = failed = 0
failing_keys, passing_keys, unscored = set(), set(), {"passed": 0, "failed": 0}
for dirpath, _, files in os.walk(results_dir):
    if "checks.json" not in files:
        continue
    name = re.sub(r"^server-|-\d{4}-\d\d-\d\dT.*$", "", os.path.basename(dirpath))
    scenario = name
    if generic:
        scenario = os.path.basename(os.path.dirname(os.path.dirname(dirpath))) + "/" + name
    for check in json.load(open(os.path.join(dirpath, "checks.json"))):
        status = check.get("status")
        any_key = f"{scenario}/{check.get('id')}"
        if rank.get(status, 3) >= rank.get(status_of.get(any_key), -1):
            status_of[any_key] = status
        if status not in ("SUCCESS", "FAILURE"):
            continue
        key = f"{scenario}/{check['id']}"
        if scenario not in scored:
            unscored["passed" if status == "SUCCESS" else "failed"] += 1
            continue
        if status == "SUCCESS":
            passed += 1
            passing_keys.add(key)
        else:
            failed += 1
            failing_keys.add(key)
            if key not in expected:
                print(f"UNEXPECTED FAILURE {key}: {check.get('errorMessage', '')[:300]}")

ran = {k.rsplit("/", 1)[0] for k in passing_keys | failing_keys}
missing = scored - ran
for s in sorted(missing):
    print(f"UNEXPECTED: scenario {s} produced no scored checks")
unexpected = failing_keys - expected.keys()
fixed = {k for k in expected if k not in failing_keys and k in passing_keys}
for k in sorted(fixed):
    print(f"NOW PASSING (remove from the expected failures): {k}")
regressed = {k: status_of.get(k, "absent") for k in must_pass if status_of.get(k) != "SUCCESS"}
for k, status in sorted(regressed.items()):
    print(f"MUST PASS but {status}: {k} ({must_pass[k]})")
print(f"{passed} passed, {failed} failed ({len(failing_keys & expected.keys())} expected failure(s))")
print(f"not scored: {unscored['passed']} passed, {unscored['failed']} failed")
if must_pass:
    print(f"must pass: {len(must_pass) - len(regressed)} of {len(must_pass)}")
sys.exit(1 if unexpected or fixed or missing or regressed else 0)
PY
