#!/usr/bin/env bash
# Keeps the container recipe and CI's recipe the same: Docker does not run in CI, so this checks
# that the Dockerfile builds only through scripts/build-release.sh and scripts/package.sh (the
# scripts CI runs), and that the runtime stage keeps its promises (slim base, non-root user, a real
# /healthz check with curl installed, HTTP transport), and that CI's scripts/test.sh still runs
# scripts/build-release.sh (else the Dockerfile would follow a recipe CI no longer exercises).
# Also checks compose.yaml and .dockerignore (its replicas profile: check-compose-replicas.py).
#   tests/packaging/check-dockerfile.sh [DOCKERFILE [COMPOSE [DOCKERIGNORE [TEST_SH]]]]   (default: the repo's)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dockerfile="${1:-$root/Dockerfile}"
compose="${2:-$root/compose.yaml}"
dockerignore="${3:-$root/.dockerignore}"
test_sh="${4:-$root/scripts/test.sh}"

failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# Instructions with continuation lines joined, comments dropped: one instruction a line.
instructions="$(sed -E '/^[[:space:]]*#/d' "$dockerfile" | sed -e ':a' -e '/\\$/N; s/\\\n/ /; ta' | sed -E '/^[[:space:]]*$/d')"
stages="$(grep -c '^FROM ' <<<"$instructions" || true)"
[[ "$stages" == 2 ]] || fail "expected two stages (build, runtime), found $stages"
build_stage="$(awk '/^FROM /{n++} n==1' <<<"$instructions")"
runtime_stage="$(awk '/^FROM /{n++} n==2' <<<"$instructions")"

# Build stage: Debian 12 and nothing but the shared scripts.
grep -Eq '^FROM debian:12([[:space:]]|$)' <<<"$build_stage" || fail "the build stage must be FROM debian:12"
build_runs="$(grep '^RUN ' <<<"$build_stage" || true)"
grep -q 'scripts/build-release\.sh' <<<"$build_runs" || fail "the build stage does not RUN scripts/build-release.sh"
grep -q 'scripts/package\.sh' <<<"$build_runs" || fail "the build stage does not RUN scripts/package.sh"
if grep -Eq '(^|[^-[:alnum:]])(cmake|ctest|cpack|ninja|make|g\+\+|apt-get|apt)([[:space:]]|$)' <<<"$build_runs"; then
  fail "the build stage runs build tools directly; put the step in scripts/build-release.sh instead"
fi
# CI's side of the identity: a command line of scripts/test.sh (not a comment) runs the script.
grep -Ev '^[[:space:]]*#' "$test_sh" | grep -Eq '(^|[[:space:]])\./scripts/build-release\.sh([[:space:]]|$)' \
  || fail "$test_sh does not run ./scripts/build-release.sh: CI no longer exercises the Dockerfile's recipe"
for script in scripts/build-release.sh scripts/package.sh scripts/setup.sh; do
  [[ -x "$root/$script" ]] || fail "$script is missing or not executable"
done

# Runtime stage.
grep -Eq '^FROM debian:12-slim([[:space:]]|$)' <<<"$runtime_stage" || fail "the runtime stage must be FROM debian:12-slim"
grep -Eq '^COPY --from=build .*\.deb' <<<"$runtime_stage" || fail "the runtime stage must install the .deb built in the build stage"
grep -Eq '^RUN .*apt-get install .*\.deb.* curl|^RUN .*apt-get install .*curl.*\.deb' <<<"$runtime_stage" \
  || fail "the runtime stage must apt-get install the .deb and curl (the health check needs curl)"
user="$(grep '^USER ' <<<"$runtime_stage" | tail -1 | awk '{print $2}')"
[[ -n "$user" && "${user%%:*}" != 0 && "${user%%:*}" != root ]] || fail "the runtime stage must switch to a non-root USER (got '${user}')"
grep -Eq '^HEALTHCHECK .*curl.*-f.*/healthz' <<<"$runtime_stage" || fail "HEALTHCHECK must fetch /healthz with curl -f"
grep -Eq '^ENTRYPOINT .*/usr/bin/halo-psa-mcp' <<<"$runtime_stage" || fail "ENTRYPOINT must be /usr/bin/halo-psa-mcp"
grep -Eq '^CMD .*"--transport", *"http"' <<<"$runtime_stage" || fail "CMD must select --transport http"
grep -Eq '^CMD .*"--host", *"0\.0\.0\.0"' <<<"$runtime_stage" || fail "CMD must listen on 0.0.0.0 inside the container"
if grep -Eq '^(ENV|ARG) .*(SECRET|TOKEN)' <<<"$runtime_stage$build_stage"; then
  fail "secrets must not be baked into the image (ENV/ARG with SECRET or TOKEN)"
fi

# compose.yaml: local-only port, read-only, the secret as a file.
grep -Eq '^[[:space:]]*read_only:[[:space:]]*true' "$compose" || fail "compose: read_only: true is missing"
grep -Eq '"127\.0\.0\.1:8080:8080"' "$compose" || fail "compose: the port must be published on 127.0.0.1 only"
grep -Eq 'HALO_CLIENT_SECRET_FILE:[[:space:]]*/run/secrets/' "$compose" || fail "compose: HALO_CLIENT_SECRET_FILE must point at /run/secrets/"
grep -Eq '^[[:space:]]*env_file:' "$compose" || fail "compose: env_file is missing"
grep -Eq '^secrets:' "$compose" || fail "compose: top-level secrets is missing"

# .dockerignore: build trees, credentials and local tools stay out of the image's context.
for pattern in 'build*/' '.env' 'secrets/' '.tools/'; do
  grep -Fxq -- "$pattern" "$dockerignore" || fail ".dockerignore must exclude $pattern"
done

if ((failures)); then echo "check-dockerfile: $failures problem(s) in $dockerfile" >&2; exit 1; fi
echo "check-dockerfile: $dockerfile follows scripts/build-release.sh"
