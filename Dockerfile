# syntax=docker/dockerfile:1
# halo-psa-mcp as a container serving Streamable HTTP on port 8080 (see compose.yaml).
# Build stage: the same recipe CI runs (scripts/build-release.sh: Debian packages, Release build,
# C++ tests, install) and then the .deb (scripts/package.sh). tests/packaging/check-dockerfile.sh
# fails CI if this file stops calling those scripts or starts building by other means.
# Runtime stage: Debian 12 slim with the .deb installed, so it gets exactly the libraries the .deb's
# Depends names (computed from the binaries, plus libcurl4 and libcairo2, which the server loads on
# its first Halo request and first chart rather than linking), plus curl for the health check. Runs as a non-root
# user and writes nothing: it works with a read-only root filesystem.
FROM debian:12 AS build
WORKDIR /src
COPY . .
RUN ./scripts/build-release.sh /opt/halo-psa-mcp \
 && cp "$(./scripts/package.sh)" /halo-psa-mcp.deb

FROM debian:12-slim
COPY --from=build /halo-psa-mcp.deb /tmp/halo-psa-mcp.deb
RUN apt-get update \
 && apt-get install -y --no-install-recommends /tmp/halo-psa-mcp.deb curl \
 && rm -rf /var/lib/apt/lists/* /tmp/halo-psa-mcp.deb \
 && useradd --system --uid 10001 --user-group --no-create-home --home-dir /nonexistent \
            --shell /usr/sbin/nologin halo
# No .env is read from the working directory in the image: configuration comes from the
# environment (compose env_file) and HALO_CLIENT_SECRET_FILE (a mounted secret).
WORKDIR /
USER 10001:10001
EXPOSE 8080
# /healthz answers 200 without authentication; Host 127.0.0.1 is always accepted.
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
  CMD ["curl", "-fsS", "-o", "/dev/null", "http://127.0.0.1:8080/healthz"]
ENTRYPOINT ["/usr/bin/halo-psa-mcp"]
# Listening beyond loopback requires HALO_MCP_HTTP_TOKEN (clients send "Authorization: Bearer ...").
CMD ["--transport", "http", "--host", "0.0.0.0", "--port", "8080"]
