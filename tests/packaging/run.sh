#!/usr/bin/env bash
# The packaging tests, for CI (call it from scripts/test.sh after the main suite):
#   1. the Dockerfile/compose recipe follows scripts/build-release.sh (and the checker can fail);
#   2. scripts/build-release.sh: Release build + C++ tests + install into a scratch prefix, whose
#      layout is then checked;
#   3. scripts/package.sh builds the .deb from that build; scripts/test-package.sh checks its
#      metadata and files, then installs it with apt-get in a fresh debootstrapped Debian 12 root
#      and runs it there (as root with the mirror reachable; otherwise, and saying so, it runs the
#      unpacked binaries with this machine's libraries). About 45 s, most of it debootstrap.
# (The README's demo command has its own check, check-readme-demo.sh, run by scripts/test.sh.)
# HALO_PACKAGING_QUICK=1 runs step 1 only (no build). HALO_PACKAGING_PREFIX=DIR skips step 2's
# build when scripts/build-release.sh has already built, tested and installed into DIR (as
# scripts/test.sh does), and checks that prefix.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
step() { printf '\n== %s\n' "$*"; }

step "Dockerfile and compose.yaml follow the CI recipe"
"$here/check-dockerfile.sh"
"$here/check-dockerfile-selftest.sh"
[[ "${HALO_PACKAGING_QUICK:-0}" == 1 ]] && exit 0

if [[ -n "${HALO_PACKAGING_PREFIX:-}" ]]; then
  prefix="$HALO_PACKAGING_PREFIX"
else
  prefix="$(mktemp -d)"
  trap 'rm -rf "$prefix"' EXIT
  step "scripts/build-release.sh $prefix"
  "$root/scripts/build-release.sh" "$prefix"
fi
step "install layout"
"$here/check-install-layout.sh" "$prefix"
step ".deb build and smoke test"
"$root/scripts/test-package.sh" "$("$root/scripts/package.sh")"
