#!/usr/bin/env bash
# Proves check-env-docs.sh can fail: it must reject a copy of .env.example, and a copy of the
# README, with one documented variable removed, and accept the originals.
# Usage: check-env-docs-selftest.sh CHECK_SCRIPT SRC_DIR ENV_EXAMPLE README
set -uo pipefail
check=$1 src=$2 env_example=$3 readme=$4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$check" "$src" "$env_example" "$readme" >/dev/null 2>&1 || { echo "the originals were rejected" >&2; exit 1; }

grep -Ev '^#? *HALO_CALL_DEADLINE_MS=' "$env_example" >"$work/env.example"
if "$check" "$src" "$work/env.example" "$readme" 2>"$work/err1"; then
  echo "a .env.example without HALO_CALL_DEADLINE_MS was accepted" >&2; exit 1
fi
grep -q HALO_CALL_DEADLINE_MS "$work/err1" || { echo "the failure did not name the variable" >&2; exit 1; }

grep -v '`HALO_MCP_TOOLS_PAGE_SIZE`' "$readme" >"$work/README.md"
if "$check" "$src" "$env_example" "$work/README.md" 2>"$work/err2"; then
  echo "a README without HALO_MCP_TOOLS_PAGE_SIZE was accepted" >&2; exit 1
fi
grep -q HALO_MCP_TOOLS_PAGE_SIZE "$work/err2" || { echo "the failure did not name the variable" >&2; exit 1; }
echo "check-env-docs.sh rejects undocumented variables"
