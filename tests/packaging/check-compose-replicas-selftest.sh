#!/usr/bin/env bash
# Proves check-compose-replicas.py can fail: each mutation breaks one promise of compose.yaml's
# replicas profile or of deploy/nginx-replicas.conf, and the checker must reject every mutated copy
# (and accept the unmodified files).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
checker="$here/check-compose-replicas.py"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

python3 "$checker" "$root/compose.yaml" "$root/deploy/nginx-replicas.conf" >/dev/null ||
  { echo "FAIL: the checker rejects the unmodified files" >&2; exit 1; }

failures=0
# expect_rejected NAME FILE SED-EXPRESSION: mutate FILE (compose.yaml|nginx) and run the checker.
expect_rejected() {
  local name="$1" which="$2" expr="$3" original target
  cp "$root/compose.yaml" "$scratch/compose.yaml"; cp "$root/deploy/nginx-replicas.conf" "$scratch/nginx"
  if [[ "$which" == nginx ]]; then original="$root/deploy/nginx-replicas.conf"; else original="$root/$which"; fi
  target="$scratch/$which"
  sed -E -i "$expr" "$target"
  if cmp -s "$target" "$original"; then
    echo "FAIL: mutation '$name' changed nothing (the test is stale)" >&2; failures=$((failures + 1)); return
  fi
  if python3 "$checker" "$scratch/compose.yaml" "$scratch/nginx" >/dev/null 2>&1; then
    echo "FAIL: the checker accepted: $name" >&2; failures=$((failures + 1))
  else
    echo "ok:   rejected: $name"
  fi
}

expect_rejected "replicas miscounted" compose.yaml 's|HALO_MCP_REPLICAS: "3"|HALO_MCP_REPLICAS: "2"|'
expect_rejected "Redis without a password" compose.yaml 's|--requirepass "\$\$\(cat /run/secrets/redis_password\)"|--protected-mode no|'
expect_rejected "nginx on all interfaces" compose.yaml 's|"127\.0\.0\.1:8088:80"|"8088:80"|'
expect_rejected "replicas not stateless" compose.yaml 's|"--port", "8080", "--stateless"\]|"--port", "8080"]|'
expect_rejected "Redis URL to nowhere" compose.yaml 's|redis://redis:6379/0|redis://cache:6379/0|'
expect_rejected "a replica left out of nginx" nginx '/server replica-3:8080;/d'
expect_rejected "nginx configuration broken" nginx 's|proxy_buffering off;|proxy_buffering maybe;|'

if ((failures)); then echo "check-compose-replicas-selftest: $failures failure(s)" >&2; exit 1; fi
echo "check-compose-replicas-selftest: every mutation was rejected"
