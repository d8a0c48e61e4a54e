#!/usr/bin/env python3
"""Checks compose.yaml's `replicas` profile (docs/scale-out.md) without Docker, which CI lacks:
the file parses; two or more --stateless replicas share one Redis (HALO_MCP_REDIS_URL names the
Redis service), HALO_MCP_REPLICAS equals their number, secrets come from files, nothing but nginx
publishes a port and nginx only on 127.0.0.1; Redis requires a password; nginx's upstream lists
exactly the replicas, and nginx itself accepts its configuration (`nginx -t`, with the service
names pointed at loopback). Where Docker is installed, `docker compose config` checks it too.

usage: check-compose-replicas.py COMPOSE NGINX_CONF
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

import yaml

compose_path, nginx_path = sys.argv[1], sys.argv[2]
problems = []


def fail(message):
    problems.append(message)


with open(compose_path) as f:
    compose = yaml.safe_load(f)
services = compose.get("services") or {}
secrets = set((compose.get("secrets") or {}).keys())


def in_profile(service):
    return "replicas" in (service.get("profiles") or [])


replicas = sorted(n for n, s in services.items() if in_profile(s) and "--stateless" in (s.get("command") or []))
redis = [n for n, s in services.items() if in_profile(s) and str(s.get("image", "")).startswith("redis")]
nginx = [n for n, s in services.items() if in_profile(s) and str(s.get("image", "")).startswith("nginx")]
if len(replicas) < 2:
    fail(f"the replicas profile needs two or more --stateless replicas, found {replicas}")
if len(redis) != 1 or len(nginx) != 1:
    fail(f"the replicas profile needs one redis and one nginx service, found {redis} and {nginx}")

for name in replicas:
    service = services[name]
    env = service.get("environment") or {}
    url = str(env.get("HALO_MCP_REDIS_URL", ""))
    if not redis or not re.fullmatch(rf"redis://{re.escape(redis[0])}(:6379)?(/\d+)?", url):
        fail(f"{name}: HALO_MCP_REDIS_URL must name the redis service, got '{url}'")
    if str(env.get("HALO_MCP_REPLICAS")) != str(len(replicas)):
        fail(f"{name}: HALO_MCP_REPLICAS must be {len(replicas)}, got {env.get('HALO_MCP_REPLICAS')}")
    for variable in ("HALO_MCP_REDIS_PASSWORD_FILE", "HALO_CLIENT_SECRET_FILE"):
        path = str(env.get(variable, ""))
        if not path.startswith("/run/secrets/") or path.rsplit("/", 1)[-1] not in (service.get("secrets") or []):
            fail(f"{name}: {variable} must be a secret mounted under /run/secrets/, got '{path}'")
    if service.get("read_only") is not True:
        fail(f"{name}: read_only: true is missing")
    if service.get("ports"):
        fail(f"{name}: a replica must not publish a port (nginx is the way in)")

for name in redis:
    service = services[name]
    if "--requirepass" not in " ".join(map(str, service.get("command") or [])):
        fail(f"{name}: Redis must require a password (--requirepass): the cache holds business data")
    if service.get("ports"):
        fail(f"{name}: Redis must not publish a port")

for name in nginx:
    for port in services[name].get("ports") or []:
        if not str(port).startswith("127.0.0.1:"):
            fail(f"{name}: publish on 127.0.0.1 only, got '{port}'")

for name, service in services.items():
    for secret in service.get("secrets") or []:
        if secret not in secrets:
            fail(f"{name}: secret '{secret}' is not declared at the top level")

with open(nginx_path) as f:
    conf = f.read()
upstream = re.search(r"upstream\s+\w+\s*\{([^}]*)\}", conf)
servers = sorted(re.findall(r"server\s+([\w.-]+):8080\s*;", upstream.group(1))) if upstream else []
if servers != replicas:
    fail(f"nginx's upstream must list exactly the replicas {replicas}, lists {servers}")

with tempfile.TemporaryDirectory() as scratch:
    os.chmod(scratch, 0o755)
    local = re.sub(r"server\s+[\w.-]+:8080\s*;", "server 127.0.0.1:8080;", conf)
    with open(os.path.join(scratch, "site.conf"), "w") as f:
        f.write(local)
    with open(os.path.join(scratch, "nginx.conf"), "w") as f:
        f.write(f"pid {scratch}/nginx.pid;\nevents {{}}\nhttp {{\n  include {scratch}/site.conf;\n}}\n")
    nginx_binary = shutil.which("nginx") or "/usr/sbin/nginx"
    tested = subprocess.run([nginx_binary, "-t", "-q", "-p", scratch, "-c", f"{scratch}/nginx.conf", "-e",
                             f"{scratch}/error.log"], capture_output=True, text=True)
    if tested.returncode != 0:
        fail(f"nginx -t rejects {nginx_path}: {tested.stderr.strip()}")

    if shutil.which("docker") and subprocess.run(["docker", "compose", "version"], capture_output=True).returncode == 0:
        project = os.path.join(scratch, "project")
        os.makedirs(os.path.join(project, "secrets"))
        os.makedirs(os.path.join(project, "deploy"))
        shutil.copy(compose_path, os.path.join(project, "compose.yaml"))
        shutil.copy(nginx_path, os.path.join(project, "deploy", os.path.basename(nginx_path)))
        for name in [".env"] + [f"secrets/{s}" for s in secrets]:
            open(os.path.join(project, name), "w").close()
        checked = subprocess.run(["docker", "compose", "--profile", "replicas", "config", "-q"], cwd=project,
                                 capture_output=True, text=True)
        if checked.returncode != 0:
            fail(f"docker compose config: {checked.stderr.strip()}")

for problem in problems:
    print(f"FAIL: {problem}", file=sys.stderr)
if problems:
    sys.exit(1)
print(f"check-compose-replicas: {len(replicas)} replicas share {redis[0]} behind {nginx[0]}")
