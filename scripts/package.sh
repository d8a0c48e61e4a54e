#!/usr/bin/env bash
# Builds the Debian package (halo-psa-mcp_<version>_<arch>.deb) from the Release build that
# scripts/build-release.sh makes (running it first when that build does not exist yet). Depends is
# computed from the libraries the binaries link (dpkg-shlibdeps). Prints the .deb's path on stdout.
# Environment: HALO_RELEASE_BUILD_DIR (default build).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${HALO_RELEASE_BUILD_DIR:-$root/build}"

if [[ ! -f "$build_dir/CPackConfig.cmake" || ! -x "$build_dir/halo-psa-mcp" ]]; then
  "$root/scripts/build-release.sh" >&2
fi
"$root/scripts/setup.sh"  # dpkg-dev (dpkg-shlibdeps) and file, which CPack needs for Depends

# Re-run the configure step so CPackConfig.cmake reflects the current CMakeLists.txt.
cmake "$build_dir" >/dev/null
out_dir="$build_dir/packages"
rm -f "$out_dir"/halo-psa-mcp_*.deb
# cpack first brings the build up to date (its preinstall step), then installs into a staging root.
(cd "$build_dir" && cpack -G DEB -B "$out_dir" >&2)
shopt -s nullglob
debs=("$out_dir"/halo-psa-mcp_*.deb)
if ((${#debs[@]} != 1)); then
  echo "package: expected one .deb in $out_dir, found ${#debs[@]}" >&2
  exit 1
fi
echo "${debs[0]}"
