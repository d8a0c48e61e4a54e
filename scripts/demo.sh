#!/usr/bin/env bash
# The demo, from a fresh Debian 12 machine: installs what is missing, builds the server and the
# simulator (not the tests: scripts/build.sh with no target builds everything), and runs the real
# server against its bundled Halo simulator (halo-sim, started as a child
# process; no credentials needed): a few questions an MSP owner
# would ask, answered through the same tools an AI assistant calls. Then prints how to connect
# Claude Code or any MCP client to the demo.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/build.sh" halo-psa-mcp halo-sim
bin="${HALO_BUILD_DIR:-$root/build}/halo-psa-mcp"

# Bold headings only on a terminal: piped or captured output (CI, an assistant's shell) stays plain,
# just as `call` prints JSON instead of tables there.
if [[ -t 1 ]]; then bold=$'\033[1m' plain=$'\033[0m'; else bold='' plain=''; fi
step() { printf '\n%s== %s%s\n$ %s\n' "$bold" "$1" "$plain" "${*:2}"; }
run() { step "$@"; "${@:2}"; }

run "The tools an assistant sees" "$bin" --demo tools
run "Who are our clients?" "$bin" --demo call list_clients '{"page_size":8}'
run "What is open right now?" "$bin" --demo call list_tickets '{"open_only":true,"page_size":8}'
run "Which contracts bill what per month?" "$bin" --demo call list_contracts '{"page_size":8}'
run "How much of our revenue is recurring, per client?" "$bin" --demo call revenue_breakdown '{"top":10}'
first_of_month="$(date +%Y-%m-01)"
last_month="{\"start_date\":\"$(date -d "$first_of_month -1 month" +%F)\",\"end_date\":\"$(date -d "$first_of_month -1 day" +%F)\""
run "How did the service desk do last month?" "$bin" --demo call ticket_stats "$last_month,\"group_by\":\"team\"}"
run "Who logged what last month?" "$bin" --demo call agent_utilisation '{}'
# This quarter: from today to the quarter's last day (contract_renewals counts both ends).
quarter_end="$(date -d "$(date +%Y)-$(printf '%02d' $(( ($(date +%-m) - 1) / 3 * 3 + 3 )))-01 +1 month -1 day" +%F)"
days_left=$(( ($(date -d "$quarter_end" +%s) - $(date -d "$(date +%F)" +%s)) / 86400 ))
run "Which contracts renew this quarter?" "$bin" --demo call contract_renewals "{\"days\":$(( days_left > 0 ? days_left : 1 ))}"
run "Who owes us money?" "$bin" --demo call receivables_aging '{}'
# A picture: the same tool with "chart": true draws it; --chart writes it to a file for people.
charts="${HALO_BUILD_DIR:-$root/build}/demo-charts"
rm -rf "$charts" && mkdir -p "$charts"
run "How did MRR move over the year? (drawn as a chart)" "$bin" --demo call mrr_trend '{}' --chart "$charts/mrr-trend.png"
for picture in "$charts"/mrr-trend.png "$charts"/mrr-trend-[0-9]*.png; do [[ -f "$picture" ]] && echo "picture: $picture"; done

cat <<EOT

The server speaks MCP over stdio. To use the demo from Claude Code:
  claude mcp add halo-psa-demo -- $bin --demo
Against your own Halo: see README.md ("Connect to your Halo") for the three values to set.
EOT
