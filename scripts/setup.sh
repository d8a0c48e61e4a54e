#!/usr/bin/env bash
# Installs the Debian 12 packages the build needs (scripts/deps/apt-packages.txt), only those missing.
# Idempotent and quiet when everything is present; uses sudo when not run as root; refreshes the
# package lists first (a bare machine may have none).
#   scripts/setup.sh              the packages of scripts/deps/apt-packages.txt
#   scripts/setup.sh --tests      those and the test suite's own (scripts/deps/test-packages.txt)
#   scripts/setup.sh PACKAGE...   those packages instead (scripts/node-tools.sh: nodejs npm)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

list_of() { grep -Ev '^\s*(#|$)' "$here/deps/$1"; }
if [[ "${1:-}" == --tests ]]; then
  mapfile -t wanted < <(list_of apt-packages.txt; list_of test-packages.txt)
elif (($#)); then
  wanted=("$@")
else
  mapfile -t wanted < <(list_of apt-packages.txt)
fi
missing=()
for pkg in "${wanted[@]}"; do
  status="$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)"
  [[ "$status" == "install ok installed" ]] || missing+=("$pkg")
done
if ((${#missing[@]} == 0)); then
  exit 0
fi

sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "setup: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo_cmd=(sudo)
fi
echo "setup: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
