#!/usr/bin/env bash
# Proves check-dockerfile.sh can fail: each mutation below breaks one promise of the Dockerfile,
# compose.yaml, .dockerignore or scripts/test.sh, and the checker must reject every mutated copy
# (and accept the unmodified files).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
checker="$here/check-dockerfile.sh"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

"$checker" >/dev/null || { echo "FAIL: the checker rejects the unmodified files" >&2; exit 1; }

failures=0
# expect_rejected NAME FILE SED-EXPRESSION: mutate FILE (Dockerfile|compose.yaml|dockerignore|test.sh)
# and run the checker.
expect_rejected() {
  local name="$1" which="$2" expr="$3" original
  cp "$root/Dockerfile" "$scratch/Dockerfile"; cp "$root/compose.yaml" "$scratch/compose.yaml"
  cp "$root/.dockerignore" "$scratch/dockerignore"; cp "$root/scripts/test.sh" "$scratch/test.sh"
  case "$which" in dockerignore) original="$root/.dockerignore" ;; test.sh) original="$root/scripts/test.sh" ;;
                   *) original="$root/$which" ;; esac
  local target="$scratch/$which"
  sed -E -i "$expr" "$target"
  if cmp -s "$target" "$original"; then
    echo "FAIL: mutation '$name' changed nothing (the test is stale)" >&2; failures=$((failures + 1)); return
  fi
  if "$checker" "$scratch/Dockerfile" "$scratch/compose.yaml" "$scratch/dockerignore" "$scratch/test.sh" >/dev/null 2>&1; then
    echo "FAIL: the checker accepted: $name" >&2; failures=$((failures + 1))
  else
    echo "ok:   rejected: $name"
  fi
}

expect_rejected "build without the script" Dockerfile 's|\./scripts/build-release\.sh /opt/halo-psa-mcp|cmake -S . -B b \&\& cmake --build b|'
expect_rejected "an extra apt-get in the build stage" Dockerfile 's|^(RUN \./scripts/build-release\.sh)|RUN apt-get install -y foo\n\1|'
expect_rejected "no package.sh" Dockerfile 's|\$\(\./scripts/package\.sh\)|build-release/x.deb|'
expect_rejected "runtime on full debian" Dockerfile 's|^FROM debian:12-slim|FROM debian:12|'
expect_rejected "running as root" Dockerfile '/^USER /d'
expect_rejected "a health check that checks nothing" Dockerfile 's|CMD \["curl".*|CMD ["/usr/bin/halo-psa-mcp", "--version"]|'
expect_rejected "no curl in the runtime image" Dockerfile 's|\.deb curl|.deb|'
expect_rejected "stdio instead of http" Dockerfile 's|"--transport", "http"|"--transport", "stdio"|'
expect_rejected "a baked-in token" Dockerfile 's|^(EXPOSE 8080)|\1\nENV HALO_MCP_HTTP_TOKEN=abc|'
expect_rejected "compose writable" compose.yaml 's|read_only: true|read_only: false|'
expect_rejected "compose port on all interfaces" compose.yaml 's|"127\.0\.0\.1:8080:8080"|"8080:8080"|'
expect_rejected "compose secret in the environment" compose.yaml 's|HALO_CLIENT_SECRET_FILE: /run/secrets/halo_client_secret|HALO_CLIENT_SECRET: changeme|'
expect_rejected ".env in the build context" dockerignore '/^\.env$/d'
expect_rejected "CI builds without the release recipe" test.sh 's|\./scripts/build-release\.sh "\$prefix"|./scripts/build.sh -DCMAKE_BUILD_TYPE=Release|'
expect_rejected "CI's release recipe only in a comment" test.sh 's|^(stage .*\./scripts/build-release\.sh.*)|# \1|'

if ((failures)); then echo "check-dockerfile-selftest: $failures failure(s)" >&2; exit 1; fi
echo "check-dockerfile-selftest: every mutation was rejected"
