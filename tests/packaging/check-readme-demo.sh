#!/usr/bin/env bash
# Runs the README's demo command verbatim, as CI and an assistant's shell do (no terminal, no
# stdin), and checks its transcript: exit 0, every question answered (as JSON, since stdout is not
# a terminal), no terminal escape codes, and the closing "claude mcp add" hint. In scripts/test.sh
# it runs after scripts/build-release.sh, so demo.sh's build step only finds the build up to date.
#   tests/packaging/check-readme-demo.sh                 run ./scripts/demo.sh and check it
#   tests/packaging/check-readme-demo.sh --transcript F  check a saved transcript only (stdout of demo.sh)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

if [[ "${1:-}" == --transcript ]]; then
  out="${2:?usage: check-readme-demo.sh --transcript FILE}"
else
  out="$scratch/demo.out"
  echo '$ ./scripts/demo.sh </dev/null'
  status=0
  (cd "$root" && timeout 1800 ./scripts/demo.sh </dev/null >"$out" 2>"$scratch/demo.err") || status=$?
  if ((status != 0)); then
    echo "FAIL: ./scripts/demo.sh exited $status" >&2
    tail -30 "$out" >&2; tail -30 "$scratch/demo.err" >&2
    exit 1
  fi
  echo "ok:   exit status 0 ($(wc -l <"$out") lines on stdout)"
fi

failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
pass() { echo "ok:   $*"; }

# The text between heading "== $1" and the next heading.
section() { awk -v h="== $1" '$0 == h { on = 1; next } /^== / { on = 0 } on' "$out"; }

if grep -q $'\033' "$out"; then fail "terminal escape codes in output that is not a terminal"; else pass "no escape codes"; fi

tools="$(section "The tools an assistant sees")"
missing=()
for name in list_clients list_tickets list_contracts revenue_breakdown ticket_stats agent_utilisation \
            contract_renewals receivables_aging mrr_trend; do
  grep -q "$name" <<<"$tools" || missing+=("$name")
done
((${#missing[@]} == 0)) && pass "tools: the catalogue lists the tools the demo calls" || fail "the tool list lacks ${missing[*]}"

clients="$(section "Who are our clients?")"
if [[ "$clients" == *'"record_count":'* && "$clients" == *'"page_size":8'* && "$clients" == *'"name":"Acme Dental"'* ]] \
   && [[ "$(grep -o '"toplevel_name":' <<<"$clients" | wc -l)" == 8 ]]; then
  pass "clients: 8 clients as JSON, Acme Dental among them, with record_count"
else fail "clients section: $(head -c 600 <<<"$clients")"; fi

tickets="$(section "What is open right now?")"
[[ "$tickets" == *'"record_count":'* && "$tickets" == *'"summary":'* ]] \
  && pass "tickets: open tickets as JSON" || fail "tickets section: $(head -c 600 <<<"$tickets")"

contracts="$(section "Which contracts bill what per month?")"
[[ "$contracts" == *'"record_count":'* ]] && pass "contracts: listed" || fail "contracts section: $(head -c 600 <<<"$contracts")"

revenue="$(section "How much of our revenue is recurring, per client?")"
if [[ "$revenue" == *'"clients":'* && "$revenue" == *'"totals":'* && "$revenue" == *'"mrr":'* && "$revenue" == *'"warnings":'* ]]; then
  pass "revenue: clients, totals (with mrr) and warnings"
else fail "revenue section: $(head -c 600 <<<"$revenue")"; fi

desk="$(section "How did the service desk do last month?")"
if [[ "$desk" == *'"groups":'* && "$desk" == *'"sla":'* && "$desk" == *'"response_compliance_pct":'* ]]; then
  pass "service desk: ticket statistics per team with SLA compliance"
else fail "service desk section: $(head -c 600 <<<"$desk")"; fi

hours="$(section "Who logged what last month?")"
[[ "$hours" == *'"agents":'* && "$hours" == *'"utilisation_pct":'* ]] \
  && pass "utilisation: hours per agent" || fail "utilisation section: $(head -c 600 <<<"$hours")"

renewals="$(section "Which contracts renew this quarter?")"
if [[ "$renewals" == *'"items":'* && "$renewals" == *'"mrr_at_risk":'* && "$renewals" == *'"by_month":'* ]]; then
  pass "renewals: items ending this quarter with the MRR at risk"
else fail "renewals section: $(head -c 600 <<<"$renewals")"; fi

trend="$(section "How did MRR move over the year? (drawn as a chart)")"
picture="$(sed -n 's/^picture: //p' <<<"$trend" | head -1)"
if [[ "$trend" == *'"months":'* && "$trend" == *'"new_mrr":'* && -n "$picture" && -f "$picture" ]] \
   && [[ "$(head -c 8 "$picture" | od -An -tx1 | tr -d ' \n')" == 89504e470d0a1a0a ]]; then
  pass "MRR trend: the months as JSON, and the chart written as a PNG ($picture)"
else fail "MRR trend section: $(head -c 600 <<<"$trend")"; fi

owed="$(section "Who owes us money?")"
if [[ "$owed" == *'"clients":'* && "$owed" == *'"over_90":'* && "$owed" == *'"outstanding":'* ]]; then
  pass "receivables: outstanding per client in aging buckets"
else fail "receivables section: $(head -c 600 <<<"$owed")"; fi

grep -q 'claude mcp add halo-psa-demo -- .*/halo-psa-mcp --demo' "$out" \
  && pass "ends with the claude mcp add line" || fail "no 'claude mcp add halo-psa-demo' line"

if ((failures)); then echo "check-readme-demo: $failures failure(s)" >&2; exit 1; fi
echo "check-readme-demo: ./scripts/demo.sh runs without a terminal and answers every question"
