#!/usr/bin/env bash
# Smoke test of the Debian package. First, without touching the host: unpacks the .deb into a
# scratch directory with `dpkg -x` and checks its metadata (name, version from CMakeLists.txt,
# Depends covering every library the binaries link) and its file layout. Then runs it:
#   - as root with debootstrap and the mirror reachable (CI): installs it with apt-get into a fresh
#     minimal Debian 12 root and runs it there (scripts/test-package-clean-root.sh);
#   - otherwise (fallback, said so in the output): runs the unpacked binaries with this machine's
#     libraries.
# Either way: --version, the demo (`--demo call list_clients`) and `--demo check`.
#   scripts/test-package.sh [DEB]     default: the .deb scripts/package.sh builds
# HALO_DEB_CLEAN_ROOT=0 skips the clean root; =1 makes its absence a failure instead of a fallback.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
deb="${1:-$("$root/scripts/package.sh")}"
[[ -f "$deb" ]] || { echo "test-package: no such file: $deb" >&2; exit 1; }

failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
pass() { echo "ok:   $*"; }

version="$(sed -nE 's/^project\(halo_psa_mcp VERSION ([0-9.]+).*/\1/p' "$root/CMakeLists.txt")"
[[ -n "$version" ]] || { echo "test-package: cannot read the version from CMakeLists.txt" >&2; exit 1; }

# --- metadata ---
field() { dpkg-deb -f "$deb" "$1"; }
[[ "$(field Package)" == halo-psa-mcp ]] && pass "Package: halo-psa-mcp" || fail "Package is '$(field Package)'"
[[ "$(field Version)" == "$version" ]] && pass "Version: $version" || fail "Version is '$(field Version)', CMakeLists.txt says $version"
[[ -n "$(field Maintainer)" ]] && pass "Maintainer: $(field Maintainer)" || fail "no Maintainer"
[[ -n "$(field Description)" ]] && pass "Description present" || fail "no Description"
depends="$(field Depends)"
echo "      Depends: $depends"
# Package names in Depends, one a line (alternatives split, versions and architectures dropped).
depends_names="$(tr ',|' '\n\n' <<<"$depends" | sed -E 's/\(.*\)//; s/:.*//; s/[[:space:]]//g' | grep -v '^$' || true)"
depends_has() { grep -Fxq -- "$1" <<<"$depends_names"; }
depends_has ca-certificates && pass "Depends names ca-certificates" || fail "Depends lacks ca-certificates"
# Opened with dlopen (no linked library names them): the charts' cairo and its font.
for pkg in libcairo2 fonts-dejavu-core; do
  depends_has "$pkg" && pass "Depends names $pkg" || fail "Depends lacks $pkg (charts)"
done

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
dpkg -x "$deb" "$scratch"

# --- layout: exactly these files, nothing else ---
doc=usr/share/doc/halo-psa-mcp
expected=(usr/bin/halo-psa-mcp usr/bin/halo-sim $doc/README.md $doc/env.example $doc/docs/http.md $doc/docs/DEPLOY-WITH-AN-ASSISTANT.md $doc/docs/halo-api.md $doc/docs/revenue-rules.md $doc/docs/analytics.md)
[[ -f "$root/SECURITY.md" ]] && expected+=($doc/SECURITY.md)
actual="$(cd "$scratch" && find . -type f -o -type l | sed 's|^\./||' | sort)"
wanted="$(printf '%s\n' "${expected[@]}" | sort)"
if [[ "$actual" == "$wanted" ]]; then pass "files: ${expected[*]}"; else
  fail "unexpected file list:"; diff <(echo "$wanted") <(echo "$actual") >&2 || true; fi
for exe in usr/bin/halo-psa-mcp usr/bin/halo-sim; do
  [[ -x "$scratch/$exe" ]] && pass "$exe is executable" || fail "$exe is not executable"
done
cmp -s "$scratch/$doc/env.example" "$root/.env.example" \
  && pass "env.example is .env.example" || fail "env.example differs from .env.example"
for f in docs/http.md docs/DEPLOY-WITH-AN-ASSISTANT.md docs/halo-api.md docs/revenue-rules.md docs/analytics.md; do
  cmp -s "$scratch/$doc/$f" "$root/$f" && pass "$f is the repository's" || fail "$doc/$f differs from $f"
done

# --- Depends covers every library each binary links directly ---
for exe in usr/bin/halo-psa-mcp usr/bin/halo-sim; do
  while read -r soname; do
    path="$(ldd "$scratch/$exe" | awk -v s="$soname" '$1 == s { print $3 }')"
    if [[ -z "$path" || "$path" == "not" ]]; then fail "$exe: $soname is not found on this machine"; continue; fi
    pkg="$(dpkg -S "$path" 2>/dev/null || dpkg -S "$(realpath "$path")" 2>/dev/null || dpkg -S "/usr$path" 2>/dev/null || true)"
    pkg="${pkg%%:*}"
    if [[ -z "$pkg" ]]; then fail "$exe: no Debian package owns $path"; continue; fi
    # Depends may name the package or a virtual package it Provides.
    provides="$(dpkg-query -W -f='${Provides}' "$pkg" 2>/dev/null | tr ',' '\n' | sed -E 's/\(.*\)//; s/[[:space:]]//g')"
    found=0
    for name in "$pkg" $provides; do depends_has "$name" && found=1; done
    ((found)) || fail "$exe links $soname (package $pkg), which Depends does not name"
  done < <(objdump -p "$scratch/$exe" | awk '$1 == "NEEDED" { print $2 }')
done
((failures == 0)) && pass "Depends names the package of every linked library"

# --- it runs: installed by apt in a clean Debian 12 root, or else unpacked here ---
clean_root=77
case "${HALO_DEB_CLEAN_ROOT:-auto}" in
  0) echo "test-package: clean-root install disabled (HALO_DEB_CLEAN_ROOT=0)" ;;
  *) "$root/scripts/test-package-clean-root.sh" "$deb" && clean_root=0 || clean_root=$? ;;
esac
if ((clean_root == 0)); then
  pass "clean Debian 12 root: apt-get installed the .deb and it ran"
elif ((clean_root != 77)); then
  fail "clean Debian 12 root: see above"
elif [[ "${HALO_DEB_CLEAN_ROOT:-auto}" == 1 ]]; then
  fail "clean Debian 12 root required (HALO_DEB_CLEAN_ROOT=1) but not possible here"
else
  echo "test-package: FALLBACK: running the unpacked binaries with this machine's libraries (not a clean install)"
  bin="$scratch/usr/bin/halo-psa-mcp"
  out="$("$bin" --version)" && [[ "$out" == "halo-psa-mcp $version" ]] \
    && pass "--version: $out" || fail "--version printed '$out'"
  out="$(cd "$scratch" && timeout 60 "$bin" --demo call list_clients '{"page_size":2}')" || fail "demo call failed"
  ids="$(grep -o '"id":' <<<"$out" | wc -l)"
  if [[ "$ids" == 2 && "$out" == *'"page_size":2'* && "$out" == *'"has_more":true'* ]]; then
    pass "demo: list_clients page_size 2 -> 2 clients"
  else fail "demo output: $out"; fi
  if out="$(cd "$scratch" && timeout 60 "$bin" --demo check)"; then pass "demo: check is all OK"; else fail "demo check: $out"; fi
  "$scratch/usr/bin/halo-sim" --help >/dev/null && pass "halo-sim --help" || fail "halo-sim --help"
fi

if ((failures)); then echo "test-package: $failures failure(s) in $deb" >&2; exit 1; fi
if ((clean_root == 0)); then echo "test-package: $deb is good (installed and run in a clean Debian 12 root)"
else echo "test-package: $deb is good (FALLBACK: unpacked and run with this machine's libraries)"; fi
