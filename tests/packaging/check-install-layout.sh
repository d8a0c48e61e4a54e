#!/usr/bin/env bash
# Checks what `cmake --install` lays out under a prefix: exactly bin/halo-psa-mcp, bin/halo-sim and
# share/doc/halo-psa-mcp/{README.md,env.example[,SECURITY.md]} and docs/{http.md,DEPLOY-WITH-AN-ASSISTANT.md,halo-api.md,revenue-rules.md,analytics.md},
# the binaries run from there, and the docs are the repository's (env.example is .env.example).
#   tests/packaging/check-install-layout.sh PREFIX          check an existing install
#   tests/packaging/check-install-layout.sh --build DIR     install DIR (a built tree) into a
#                                                           scratch prefix first, then check it
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
if [[ "${1:-}" == --build ]]; then
  prefix="$(mktemp -d)"
  trap 'rm -rf "$prefix"' EXIT
  cmake --install "$2" --prefix "$prefix" >/dev/null
else
  prefix="${1:?usage: check-install-layout.sh PREFIX | --build BUILD_DIR}"
fi

failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

doc=share/doc/halo-psa-mcp
expected=(bin/halo-psa-mcp bin/halo-sim $doc/README.md $doc/env.example $doc/docs/http.md $doc/docs/DEPLOY-WITH-AN-ASSISTANT.md $doc/docs/halo-api.md $doc/docs/revenue-rules.md $doc/docs/analytics.md)
[[ -f "$root/SECURITY.md" ]] && expected+=($doc/SECURITY.md)
actual="$(cd "$prefix" && find . -type f -o -type l | sed 's|^\./||' | sort)"
wanted="$(printf '%s\n' "${expected[@]}" | sort)"
if [[ "$actual" != "$wanted" ]]; then
  fail "the installed files differ from the expected layout (< expected, > installed):"
  diff <(echo "$wanted") <(echo "$actual") >&2 || true
fi

version="$(sed -nE 's/^project\(halo_psa_mcp VERSION ([0-9.]+).*/\1/p' "$root/CMakeLists.txt")"
out="$("$prefix/bin/halo-psa-mcp" --version 2>&1)" || true
[[ "$out" == "halo-psa-mcp $version" ]] || fail "bin/halo-psa-mcp --version printed '$out' (want 'halo-psa-mcp $version')"
"$prefix/bin/halo-sim" --help >/dev/null 2>&1 || fail "bin/halo-sim --help failed"
out="$(cd /tmp && timeout 60 "$prefix/bin/halo-psa-mcp" --demo call list_clients '{"page_size":2}' 2>&1)" || true
[[ "$(grep -o '"id":' <<<"$out" | wc -l)" == 2 ]] || fail "the installed demo did not list 2 clients: $out"
cmp -s "$prefix/$doc/env.example" "$root/.env.example" || fail "env.example is not .env.example"
for f in README.md docs/http.md docs/DEPLOY-WITH-AN-ASSISTANT.md docs/halo-api.md docs/revenue-rules.md docs/analytics.md; do
  cmp -s "$prefix/$doc/$f" "$root/$f" || fail "$doc/$f is not the repository's $f"
done

if ((failures)); then echo "check-install-layout: $failures problem(s) under $prefix" >&2; exit 1; fi
echo "check-install-layout: $prefix has the expected layout (${#expected[@]} files) and runs"
