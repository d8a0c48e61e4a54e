#!/usr/bin/env bash
# Fails when a HALO_* variable the code reads (a "HALO_..." string literal in src/) is missing
# from .env.example (as NAME= or "# NAME=") or from the table of README's "## Configuration".
# Usage: check-env-docs.sh SRC_DIR ENV_EXAMPLE README
set -euo pipefail
src=$1 env_example=$2 readme=$3

mapfile -t names < <(grep -rhoE '"HALO_[A-Z0-9_]+' "$src" --include='*.cpp' --include='*.hpp' | tr -d '"' | sort -u)
if (( ${#names[@]} < 10 )); then
  echo "found only ${#names[@]} HALO_ names in $src: the extraction is broken" >&2
  exit 1
fi

# README's configuration table: the lines between "## Configuration" and the next "## " heading.
config_section=$(awk '/^## /{inside = ($0 == "## Configuration")} inside' "$readme")
if [[ -z $config_section ]]; then
  echo "$readme has no '## Configuration' section" >&2
  exit 1
fi

# The table's rows, kept in a variable: `grep ... | grep -q` would fail at random under pipefail
# once the table outgrows one write (grep -q exits at its first match, the writer gets SIGPIPE).
table_rows=$(grep -E '^\|' <<<"$config_section")

missing=0
for name in "${names[@]}"; do
  if ! grep -Eq "^#? *${name}=" "$env_example"; then
    echo "$name is read by the code but not listed in $env_example" >&2
    missing=1
  fi
  if ! grep -qF "\`${name}\`" <<<"$table_rows"; then
    echo "$name is read by the code but not in README's configuration table" >&2
    missing=1
  fi
done
(( missing == 0 )) && echo "all ${#names[@]} HALO_ variables are documented"
exit "$missing"
