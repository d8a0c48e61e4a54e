#!/usr/bin/env bash
# Installs the .deb the way a user would, on a clean Debian 12: debootstraps a minimal bookworm
# root (minbase) from the mirror this machine's apt uses, then inside it (chroot) runs
# `apt-get install ./x.deb`, so apt itself resolves the package's Depends from the archive; then
# runs the installed halo-psa-mcp: --version, the demo (`--demo call list_clients`) and
# `--demo check`. This catches what `dpkg -x` on the build machine cannot: a Depends that names a
# missing or wrong package, or a library the build machine has but a clean system does not.
#   scripts/test-package-clean-root.sh DEB
# Exit status: 0 passed, 1 failed, 77 not possible here (not root, no debootstrap or chroot, or
# the mirror is unreachable); scripts/test-package.sh then runs its host-library fallback.
# Environment: HALO_DEB_MIRROR overrides the mirror; HALO_DEB_SECURITY_MIRROR the security one.
# Nothing is cached: the root is made in a scratch directory and removed at exit (about 200 MB).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
deb="${1:?usage: test-package-clean-root.sh DEB}"
[[ -f "$deb" ]] || { echo "clean-root: no such file: $deb" >&2; exit 1; }
skip() { echo "clean-root: skipped: $*" >&2; exit 77; }

[[ $(id -u) -eq 0 ]] || skip "not root (debootstrap and chroot need root)"
command -v debootstrap >/dev/null || skip "debootstrap is not installed (scripts/setup.sh installs it)"
command -v chroot >/dev/null || skip "chroot is missing"

# The Debian mirror (and security mirror) of this machine's apt sources, one-line or deb822 format.
# Prints "URI SUITE" pairs of Debian archives.
apt_sources() {
  local f
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [[ -f "$f" ]] || continue
    awk '$1 == "deb" { i = 2; if ($2 ~ /^\[/) { while ($i !~ /\]$/) i++; i++ } print $i, $(i + 1) }' "$f"
  done
  for f in /etc/apt/sources.list.d/*.sources; do
    [[ -f "$f" ]] || continue
    awk '
      function flush() { if (types ~ /(^| )deb( |$)/) { n = split(uris, u, " "); m = split(suites, s, " ");
                           for (a = 1; a <= n; a++) for (b = 1; b <= m; b++) print u[a], s[b] }
                         types = uris = suites = "" }
      /^[[:space:]]*$/ { flush(); next }
      /^#/ { next }
      tolower($1) == "types:"  { $1 = ""; types = $0 }
      tolower($1) == "uris:"   { $1 = ""; uris = $0 }
      tolower($1) == "suites:" { $1 = ""; suites = $0 }
      END { flush() }' "$f"
  done
  return 0
}
sources="$(apt_sources | sed -E 's|/+ | |')"
mirror="${HALO_DEB_MIRROR:-$(awk '$2 == "bookworm" { print $1; exit }' <<<"$sources")}"
security="${HALO_DEB_SECURITY_MIRROR:-$(awk '$2 == "bookworm-security" { print $1; exit }' <<<"$sources")}"
[[ -n "$mirror" ]] || skip "no bookworm mirror in /etc/apt/sources.list* (set HALO_DEB_MIRROR)"

# A proxy set for this machine's apt (Acquire::http::Proxy) is used by debootstrap (wget) and by
# apt inside the root too.
apt_proxy="$(apt-config shell p Acquire::http::Proxy 2>/dev/null | sed -nE "s/^p='(.*)'$/\1/p")"
[[ -n "$apt_proxy" && -z "${http_proxy:-}" ]] && export http_proxy="$apt_proxy"

# A quick reachability probe, so that a machine without network falls back instead of failing;
# once the mirror answers, any later failure is a real one.
release_url="$mirror/dists/bookworm/InRelease"
if command -v wget >/dev/null; then
  wget -q --spider --timeout=20 --tries=2 "$release_url" || skip "the mirror $mirror does not answer"
elif command -v curl >/dev/null; then
  curl -fsS -o /dev/null --max-time 20 "$release_url" || skip "the mirror $mirror does not answer"
fi

version="$(sed -nE 's/^project\(halo_psa_mcp VERSION ([0-9.]+).*/\1/p' "$root/CMakeLists.txt")"
scratch="$(mktemp -d "${TMPDIR:-/tmp}/halo-clean-root.XXXXXX")"
target="$scratch/root"
# Every mount under the root (our /proc, anything debootstrap left after a failure) is unmounted
# before the tree is removed; if one cannot be, the tree is left in place (removing files under a
# live mount point would reach outside the scratch root).
mounts_under() { awk -v t="$target" '$2 == t || index($2, t "/") == 1 { print $2 }' /proc/self/mounts | sort -r; }
cleanup() {
  local m
  for m in $(mounts_under); do umount "$m" 2>/dev/null || umount -l "$m" || true; done
  if [[ -n "$(mounts_under)" ]]; then
    echo "clean-root: still mounted under $target: $(mounts_under | tr '\n' ' '); leaving $scratch in place" >&2
  else
    rm -rf --one-file-system "$scratch"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM  # so an interrupted run still unmounts and removes the root

failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
pass() { echo "ok:   $*"; }
t0=$SECONDS

echo "clean-root: debootstrap --variant=minbase bookworm from $mirror"
if ! debootstrap --variant=minbase bookworm "$target" "$mirror" >"$scratch/debootstrap.log" 2>&1; then
  tail -20 "$scratch/debootstrap.log" >&2
  echo "clean-root: debootstrap failed" >&2
  exit 1
fi
t_bootstrap=$((SECONDS - t0))
echo "clean-root: debootstrap took ${t_bootstrap} s"

# The archives a default Debian 12 install uses: the release, its updates and security.
{
  echo "deb $mirror bookworm main"
  echo "deb $mirror bookworm-updates main"
  [[ -n "$security" ]] && echo "deb $security bookworm-security main"
} >"$target/etc/apt/sources.list"
cp /etc/resolv.conf "$target/etc/resolv.conf" 2>/dev/null || true
[[ -n "$apt_proxy" ]] && echo "Acquire::http::Proxy \"$apt_proxy\";" >"$target/etc/apt/apt.conf.d/01proxy"
# No service may start inside the chroot.
printf '#!/bin/sh\nexit 101\n' >"$target/usr/sbin/policy-rc.d"; chmod 755 "$target/usr/sbin/policy-rc.d"
install -m 644 "$deb" "$target/tmp/halo-psa-mcp.deb"
mount -t proc proc "$target/proc"

# Runs a command inside the clean root with a plain environment (nothing from this machine's).
in_root() {
  chroot "$target" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
    DEBIAN_FRONTEND=noninteractive "$@" </dev/null
}

t1=$SECONDS
[[ ! -e "$target/usr/lib/x86_64-linux-gnu/libcurl.so.4" ]] || fail "the fresh root already has libcurl: the test proves less"
if ! in_root apt-get update -qq >"$scratch/apt.log" 2>&1 \
   || ! in_root apt-get install -y -q --no-install-recommends /tmp/halo-psa-mcp.deb >>"$scratch/apt.log" 2>&1; then
  tail -30 "$scratch/apt.log" >&2
  echo "clean-root: apt-get install of the .deb failed" >&2
  exit 1
fi
t_install=$((SECONDS - t1))
pass "apt-get install ./$(basename "$deb") in a fresh bookworm root (${t_install} s): $(grep -cE '^(Setting up|Unpacking) ' "$scratch/apt.log" || true) unpack/setup steps"
status="$(in_root dpkg-query -W -f='${Status} ${Version}' halo-psa-mcp 2>&1 || true)"
[[ "$status" == "install ok installed $version" ]] && pass "dpkg: $status" || fail "dpkg-query says '$status'"

for exe in /usr/bin/halo-psa-mcp /usr/bin/halo-sim; do
  missing="$(in_root ldd "$exe" 2>&1 | grep 'not found' || true)"
  [[ -z "$missing" ]] && pass "$exe: every library resolved" || fail "$exe lacks libraries in the clean root: $missing"
done

out="$(in_root timeout 30 halo-psa-mcp --version 2>&1)" || true
[[ "$out" == "halo-psa-mcp $version" ]] && pass "--version: $out" || fail "--version printed '$out'"

# stdout is not a terminal here, so `call` prints JSON.
out="$(in_root timeout 60 halo-psa-mcp --demo call list_clients '{"page_size":3}' 2>"$scratch/call.err")" || fail "demo call exited non-zero: $(tail -5 "$scratch/call.err")"
ids="$(grep -o '"id":' <<<"$out" | wc -l)"
if [[ "$ids" == 3 && "$out" == *'"page_size":3'* && "$out" == *'"has_more":true'* && "$out" == *'"name":'* ]]; then
  pass "demo: list_clients page_size 3 -> 3 clients"
else fail "demo list_clients output: $out"; fi

# A chart: libcairo2 (opened at run time, so no ldd line shows it) and the font come with the .deb.
if in_root timeout 60 halo-psa-mcp --demo call agent_utilisation '{}' --chart /tmp/chart.png >/dev/null 2>"$scratch/chart.err" \
   && [[ "$(head -c 8 "$target/tmp/chart.png" | od -An -tx1 | tr -d ' \n')" == 89504e470d0a1a0a ]]; then
  pass "demo: agent_utilisation drew its chart as a PNG (libcairo2 and DejaVu Sans came with the .deb)"
else fail "demo chart: $(tail -5 "$scratch/chart.err")"; fi

if out="$(in_root timeout 60 halo-psa-mcp --demo check 2>&1)"; then
  if grep -q 'OK' <<<"$out" && ! grep -Eq 'missing permission|error' <<<"$out"; then pass "demo: check is all OK"
  else fail "demo check exited 0 but printed: $out"; fi
else fail "demo check failed: $out"; fi

in_root halo-sim --help >/dev/null 2>&1 && pass "halo-sim --help" || fail "halo-sim --help failed"

echo "clean-root: took $((SECONDS - t0)) s in all (debootstrap ${t_bootstrap} s, apt-get install ${t_install} s)"
if ((failures)); then echo "clean-root: $failures failure(s)" >&2; exit 1; fi
echo "clean-root: $(basename "$deb") installs and runs on a clean Debian 12"
