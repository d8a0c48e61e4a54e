"""Process plumbing for the benchmark: the halo-sim simulator, an MCP stdio session with the real
server executable, peak RSS via /usr/bin/time -v, and small statistics helpers. No measurements
are decided here (see run_bench.py)."""
import json
import os
import re
import statistics
import subprocess
import threading
import time
import urllib.request

PROTOCOL_VERSION = "2025-11-25"
WAIT_S = 120


def median_min_max(values):
    values = list(values)
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "n": len(values)}


def percentile(values, p):
    values = sorted(values)
    if not values:
        return float("nan")
    k = (len(values) - 1) * p / 100.0
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


class Simulator:
    """halo-sim on loopback; stops when its stdin closes (--exit-on-stdin-eof)."""

    def __init__(self, binary, scale=1.0, latency_ms=0, today=None, extra=()):
        env = dict(os.environ)
        args = [binary, "--port", "0", "--scale", str(scale), "--latency-ms", str(latency_ms),
                "--exit-on-stdin-eof", *extra]
        if today:
            args += ["--today", today]
        self.proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, text=True, env=env)
        line = self.proc.stdout.readline()
        match = re.search(r"(http://127\.0\.0\.1:\d+)", line)
        if not match:
            self.stop()
            raise RuntimeError(f"halo-sim did not start: {line!r}")
        self.url = match.group(1)

    def _call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.url + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=30) as res:
            return json.loads(res.read())

    def stats(self):
        return self._call("GET", "/_sim/stats")

    def reset_stats(self):
        return self._call("DELETE", "/_sim/stats")

    def api_requests(self):
        """Requests under /api (the token endpoint is not counted) and the per-path split."""
        per_path = self.stats().get("per_path", {})
        api = {k: v for k, v in per_path.items() if k.startswith("/api")}
        return sum(api.values()), api

    def env(self, **overrides):
        env = {k: v for k, v in os.environ.items() if k != "LD_PRELOAD"}
        for key in list(env):
            if key.startswith("HALO_"):
                del env[key]
        env.update({"HALO_INSTANCE_URL": self.url, "HALO_CLIENT_ID": "demo-client",
                    "HALO_CLIENT_SECRET": "demo-secret", "HALO_MCP_LOG_LEVEL": "warn"})
        env.update({k: str(v) for k, v in overrides.items()})
        return env

    def stop(self):
        try:
            self.proc.stdin.close()
        except OSError:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


# A bare Node process doing what a server's start-up must: read one JSON line from stdin and write
# one JSON line back (then exit when stdin closes). The reference for the cold-start ratio.
NODE_ECHO = (
    "const rl = require('readline').createInterface({input: process.stdin});"
    "rl.once('line', (line) => {"
    " const request = JSON.parse(line);"
    " process.stdout.write(JSON.stringify({jsonrpc: '2.0', id: request.id, result: {}}) + '\\n');"
    "});")


def spawn_to_first_answer(argv, env, line):
    """Seconds from spawning `argv` to reading the first line it writes after being sent `line`,
    that line, and the minor page faults of the whole process (it is made to exit by closing its
    stdin; its own rusage comes from wait4)."""
    started = time.perf_counter()
    proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, env=env)
    proc.stdin.write(line.encode())
    proc.stdin.flush()
    answer = proc.stdout.readline()
    elapsed = time.perf_counter() - started
    proc.stdin.close()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    proc.stdout.close()
    return elapsed, answer.decode(errors="replace"), usage.ru_minflt


class McpSession:
    """One stdio session with the server. Responses are matched by id on a reader thread, so many
    requests can be in flight at once; each response is stamped with its arrival time."""

    def __init__(self, argv, env, time_v_file=None, cwd=None):
        self.started = time.perf_counter()
        if time_v_file:
            argv = ["/usr/bin/time", "-v", "-o", time_v_file, *argv]
        # Buffered pipes (stdin is flushed per message): with bufsize=0 the line iterator reads
        # stdout ONE BYTE PER SYSCALL, which cost ~4 ms per 5 KB response and was once reported
        # as server latency.
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, env=env, cwd=cwd)
        self.time_v_file = time_v_file
        self._next_id = 0
        self._lock = threading.Lock()
        self._arrived = threading.Condition(self._lock)
        self._responses = {}
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self):
        for line in self.proc.stdout:
            now = time.perf_counter()
            try:
                message = json.loads(line)
            except ValueError:
                continue
            if "id" in message and ("result" in message or "error" in message):
                with self._arrived:
                    self._responses[message["id"]] = (now, message)
                    self._arrived.notify_all()
        with self._arrived:
            self._arrived.notify_all()

    def send(self, method, params=None, notification=False):
        message = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            message["params"] = params
        request_id = None
        if not notification:
            with self._lock:
                self._next_id += 1
                request_id = self._next_id
            message["id"] = request_id
        self.proc.stdin.write((json.dumps(message) + "\n").encode())
        self.proc.stdin.flush()
        return request_id

    def wait(self, request_id, timeout=WAIT_S):
        deadline = time.monotonic() + timeout
        with self._arrived:
            while request_id not in self._responses:
                left = deadline - time.monotonic()
                if left <= 0 or (self.proc.poll() is not None and not self._reader.is_alive()):
                    raise RuntimeError(f"no response to request {request_id}")
                self._arrived.wait(min(left, 1.0))
            return self._responses.pop(request_id)

    def wait_any(self, request_ids, timeout=WAIT_S):
        """(request id, arrival time, message) of the first of `request_ids` to be answered."""
        deadline = time.monotonic() + timeout
        with self._arrived:
            while True:
                for request_id in request_ids:
                    if request_id in self._responses:
                        arrived, message = self._responses.pop(request_id)
                        return request_id, arrived, message
                left = deadline - time.monotonic()
                if left <= 0 or (self.proc.poll() is not None and not self._reader.is_alive()):
                    raise RuntimeError("no response to any request in flight")
                self._arrived.wait(min(left, 1.0))

    def request(self, method, params=None):
        """(seconds from send to response, message)"""
        sent = time.perf_counter()
        arrived, message = self.wait(self.send(method, params))
        return arrived - sent, message

    def initialize(self):
        seconds, message = self.request("initialize", {
            "protocolVersion": PROTOCOL_VERSION, "capabilities": {},
            "clientInfo": {"name": "halo-bench", "version": "1"}})
        if "result" not in message:
            raise RuntimeError(f"initialize failed: {message}")
        self.send("notifications/initialized", notification=True)
        return seconds, message

    def call_tool(self, name, arguments):
        seconds, message = self.request("tools/call", {"name": name, "arguments": arguments})
        result = message.get("result")
        if not result or result.get("isError"):
            raise RuntimeError(f"{name} failed: {json.dumps(message)[:400]}")
        return seconds, result

    def server_pid(self):
        """The server's pid (the child of /usr/bin/time when wrapped)."""
        if not self.time_v_file:
            return self.proc.pid
        try:
            with open(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children") as f:
                return int(f.read().split()[0])
        except (OSError, IndexError, ValueError):
            return None

    def rss_kb(self, field="VmRSS"):
        pid = self.server_pid()
        try:
            with open(f"/proc/{pid}/status") as f:
                for line in f:
                    if line.startswith(field + ":"):
                        return int(line.split()[1])
        except (OSError, TypeError):
            pass
        return None

    def close(self):
        """Closes stdin (the server exits) and returns peak RSS in KB from /usr/bin/time -v."""
        try:
            self.proc.stdin.close()
        except OSError:
            pass
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        if not self.time_v_file:
            return None
        with open(self.time_v_file) as f:
            match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", f.read())
        return int(match.group(1)) if match else None
