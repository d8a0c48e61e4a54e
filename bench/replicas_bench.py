#!/usr/bin/env python3
"""Replicas sharing Halo's budget and cache on Redis (docs/scale-out.md), measured with the real
parts: halo-sim, redis-server, nginx and the real server executable in --stateless mode.

  A. throughput through nginx, one replica against three, when Halo's budget is not the limit
     (every call one fresh Halo request answered after 50 ms; 12 concurrent clients);
  B. the same three replicas when the budget is the limit (the simulator enforces the window the
     replicas budget for): with Redis they keep to it; without, each budgets the whole window;
  C. the share of repeated questions answered from cache, shared on Redis and not;
  D. what Redis adds to a call: the median latency of a fresh call on one replica with and without
     HALO_MCP_REDIS_URL (a call then makes four Redis round trips: page lookup, place, settle, store).

usage: replicas_bench.py --build-dir DIR --out FILE
"""
import argparse
import http.client
import json
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time

from harness import Simulator, percentile


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Redis:
    def __init__(self):
        self.port = free_port()
        self.proc = subprocess.Popen([shutil.which("redis-server") or "/usr/bin/redis-server", "--port", str(self.port),
                                      "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        for line in self.proc.stdout:
            if "Ready to accept connections" in line:
                break
        threading.Thread(target=self.proc.stdout.read, daemon=True).start()
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def stop(self):
        self.proc.kill()
        self.proc.wait()


class Fleet:
    """`count` replicas behind nginx (round robin)."""

    def __init__(self, build, sim, count, redis_url, budget, window_s, replicas_setting=None):
        self.dir = tempfile.mkdtemp(prefix="halo-bench-fleet-")
        os.chmod(self.dir, 0o755)
        self.replicas, ports = [], []
        for i in range(count):
            env = sim.env(HALO_RATE_LIMIT=budget, HALO_RATE_WINDOW_S=window_s,
                          HALO_MCP_REPLICAS=count if replicas_setting is None else replicas_setting,
                          HALO_MCP_AUDIT_LOG="off", HALO_MCP_LOG_LEVEL="info")
            if redis_url:
                env["HALO_MCP_REDIS_URL"] = redis_url
            proc = subprocess.Popen([os.path.join(build, "halo-psa-mcp"), "--transport", "http", "--port", "0",
                                     "--stateless"], env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.PIPE, text=True)
            for line in proc.stderr:
                if "serving MCP on http://127.0.0.1:" in line:
                    ports.append(int(line.split("127.0.0.1:")[1].split("/")[0]))
                    break
            threading.Thread(target=proc.stderr.read, daemon=True).start()
            self.replicas.append(proc)
        self.port = free_port()
        upstream = "".join(f"    server 127.0.0.1:{p};\n" for p in ports)
        temp = "".join(f"  {t}_temp_path {self.dir}/tmp-{t};\n" for t in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        conf = (("user root root;\n" if os.geteuid() == 0 else "") +
                f"worker_processes 1;\ndaemon off;\npid {self.dir}/nginx.pid;\nerror_log {self.dir}/error.log warn;\n"
                f"events {{ worker_connections 512; }}\nhttp {{\n  access_log off;\n{temp}"
                f"  upstream replicas {{\n{upstream}    keepalive 32;\n  }}\n"
                f"  server {{\n    listen 127.0.0.1:{self.port};\n    location /mcp {{\n"
                "      proxy_pass http://replicas;\n      proxy_http_version 1.1;\n"
                "      proxy_set_header Connection \"\";\n      proxy_set_header Host localhost;\n"
                "      proxy_buffering off;\n      proxy_read_timeout 300s;\n    }\n  }\n}\n")
        with open(os.path.join(self.dir, "nginx.conf"), "w") as f:
            f.write(conf)
        self.nginx = subprocess.Popen([shutil.which("nginx") or "/usr/sbin/nginx", "-p", self.dir, "-c",
                                       os.path.join(self.dir, "nginx.conf"), "-e", os.path.join(self.dir, "error.log")])
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)

    def stop(self):
        self.nginx.terminate()
        self.nginx.wait()
        for proc in self.replicas:
            proc.terminate()
            proc.wait()
        shutil.rmtree(self.dir, ignore_errors=True)


def call(connection, arguments, ids=[0]):
    """One 2026-07-28 tools/call of list_tickets; (ok, seconds)."""
    ids[0] += 1
    body = json.dumps({"jsonrpc": "2.0", "id": ids[0], "method": "tools/call",
                       "params": {"name": "list_tickets", "arguments": arguments,
                                  "_meta": {"io.modelcontextprotocol/protocolVersion": "2026-07-28",
                                            "io.modelcontextprotocol/clientCapabilities": {},
                                            "io.modelcontextprotocol/clientInfo": {"name": "bench", "version": "1"}}}})
    started = time.perf_counter()
    connection.request("POST", "/mcp", body, {"Content-Type": "application/json", "Accept": "application/json, text/event-stream",
                                              "MCP-Protocol-Version": "2026-07-28", "Mcp-Method": "tools/call",
                                              "Mcp-Name": "list_tickets"})
    text = connection.getresponse().read().decode()
    elapsed = time.perf_counter() - started
    message = text
    if text.startswith("event:") or text.startswith("id:") or text.startswith("data:") or text.startswith(":"):
        data = [line[5:].strip() for line in text.splitlines() if line.startswith("data:") and line[5:].strip()]
        message = data[-1] if data else "{}"
    answer = json.loads(message)
    ok = "result" in answer and not answer["result"].get("isError", False)
    return ok, elapsed


def load(port, questions, clients):
    """Asks `questions` (argument dicts) from `clients` threads; (seconds, latencies, failures)."""
    lock, latencies, failures, queue = threading.Lock(), [], [0], list(reversed(questions))

    def client():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
        while True:
            with lock:
                if not queue:
                    return
                arguments = queue.pop()
            ok, seconds = call(connection, arguments)
            with lock:
                latencies.append(seconds)
                failures[0] += 0 if ok else 1

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - started, latencies, failures[0]


def fresh(first, count):
    """`count` questions no one asked before: one Halo request each."""
    return [{"page_size": 1 + n % 50, "page_no": 1 + n // 50} for n in range(first, first + count)]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build-dir", required=True)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    sim_binary = os.path.join(args.build_dir, "halo-sim")
    results = {}
    redis = Redis()
    try:
        # A. Throughput when the budget is not the limit: 50 ms a Halo request, 12 clients.
        sim = Simulator(sim_binary, latency_ms=50)
        rows = {}
        for count in (1, 3):
            fleet = Fleet(args.build_dir, sim, count, redis.url, budget=100000, window_s=300)
            load(fleet.port, fresh(100000 * count, 24), 12)  # warm: tokens, connections
            seconds, latencies, failures = load(fleet.port, fresh(count * 1000, 480), 12)
            fleet.stop()
            rows[count] = {"calls": 480, "seconds": seconds, "calls_per_s": 480 / seconds, "failures": failures,
                           "p50_ms": percentile(latencies, 50) * 1000}
        sim.stop()
        results["throughput_unbound"] = rows
        print("== A. throughput through nginx, 480 fresh calls (50 ms each at Halo), 12 clients")
        for count, row in rows.items():
            print(f"  {count} replica(s): {row['calls_per_s']:7.1f} calls/s  p50 {row['p50_ms']:6.1f} ms  failures {row['failures']}")
        print(f"  ratio 3/1: {rows[3]['calls_per_s'] / rows[1]['calls_per_s']:.2f}x")

        # B. Budget-bound: the simulator refuses beyond 100 per 5 s, the replicas' budget.
        print("== B. three replicas, Halo's window 100 per 5 s enforced by the simulator, 300 fresh calls, 12 clients")
        rows = {}
        setups = [("shared", "Redis shared", True, 3), ("split", "no Redis, HALO_MCP_REPLICAS=3", False, 3),
                  ("alone", "no Redis, each its own 100", False, 1)]
        for n, (key, label, shared, setting) in enumerate(setups):
            sim = Simulator(sim_binary, latency_ms=5, extra=["--faults", json.dumps({"rate_limit": {"window_max": 100, "window_s": 5}})])
            fleet = Fleet(args.build_dir, sim, 3, redis.url if shared else None, budget=100, window_s=5,
                          replicas_setting=setting)
            seconds, latencies, failures = load(fleet.port, fresh(5000 + 1000 * n, 300), 12)
            window = sim._call("GET", "/_sim/faults")["rate_limit"]
            fleet.stop()
            sim.stop()
            rows[key] = {"seconds": seconds, "calls_per_s": 300 / seconds, "failures": failures,
                         "refusals_429": window["window_refusals"], "window_peak": window["window_peak"]}
            print(f"  {label:31s}: {300 / seconds:6.1f} calls/s  429s from Halo {window['window_refusals']:4d}  "
                  f"peak in window {window['window_peak']:3d}  failed calls {failures}")
        results["budget_bound"] = rows

        # C. Repeated questions: 20 questions asked 5 times each, round robin over 3 replicas.
        print("== C. 20 questions asked 5 times each through nginx (3 replicas): answered from cache")
        rows = {}
        for shared in (True, False):
            sim = Simulator(sim_binary, latency_ms=5)
            fleet = Fleet(args.build_dir, sim, 3, redis.url if shared else None, budget=100000, window_s=300)
            questions = [q for _ in range(5) for q in fresh(7000 if shared else 8000, 20)]
            sim.reset_stats()
            load(fleet.port, questions, 1)
            requests, _ = sim.api_requests()
            fleet.stop()
            sim.stop()
            share = 1 - requests / len(questions)
            rows["shared" if shared else "not_shared"] = {"calls": len(questions), "halo_requests": requests,
                                                         "from_cache": share}
            print(f"  {'Redis shared' if shared else 'each alone  '}: {requests:3d} Halo requests for {len(questions)} calls: "
                  f"{share * 100:.0f}% from cache")
        results["cache"] = rows

        # D. What Redis adds to a call: one replica, one client, fresh calls, Halo answering at once.
        print("== D. median latency of a fresh call, one replica, one client (Halo answers at once)")
        rows = {}
        sim = Simulator(sim_binary, latency_ms=0)
        for shared in (False, True):
            fleet = Fleet(args.build_dir, sim, 1, redis.url if shared else None, budget=100000, window_s=300)
            load(fleet.port, fresh(20000 + (1000 if shared else 0), 20), 1)
            _, latencies, _ = load(fleet.port, fresh(30000 + (1000 if shared else 0), 400), 1)
            fleet.stop()
            rows["redis" if shared else "local"] = {"p50_ms": percentile(latencies, 50) * 1000,
                                                   "p90_ms": percentile(latencies, 90) * 1000}
        sim.stop()
        extra = rows["redis"]["p50_ms"] - rows["local"]["p50_ms"]
        rows["extra_p50_ms"] = extra
        results["redis_latency"] = rows
        print(f"  local only: p50 {rows['local']['p50_ms']:.2f} ms   with Redis: p50 {rows['redis']['p50_ms']:.2f} ms   "
              f"extra {extra:.2f} ms per call (4 round trips; target < 1 ms)")
    finally:
        redis.stop()
    with open(args.out, "w") as f:
        json.dump(results, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
