"""The benchmark of halo-psa-mcp (issue "Benchmarks: prove it is fast, frugal and close to the
limit"): runs the real server executable against halo-sim on loopback and prints one table.

  1. cold start: process start -> initialize response, interleaved with a bare Node process that
     reads one JSON line and answers one (the ratio server/Node, target <= 0.10); -> first
     tools/list (stdio; also --demo)
  2. per-call overhead: list_tickets / get_ticket round trips at zero simulated latency; throughput
     with 16 calls in flight over one session (one connection pool)
  3. revenue_breakdown at ~1k / 10k / 60k invoices, 50 ms latency, concurrency 4: requests made vs
     the minimum the data needs (bench/min_requests.py), wall time vs the latency lower bound, and
     a second call in the same process that must make zero upstream requests (cache)
  3c. the finance analytics (receivables_aging, unbilled_time, contract_renewals, mrr_trend against
     revenue_breakdown, client_profitability) on the generated company at ~10k invoices
     (bench/finance_bench.py): requests vs the minimum the data needs (bench/finance_minimum.py)
  3b. ticket_stats (the 30 days to today) and agent_utilisation (last month) on a tenant of 20,000
     tickets, 1,000 in the window, 3,000 time entries last month (bench/service_desk_data.py, served
     with halo-sim --dataset), 50 ms latency, concurrency 4: requests vs the minimum the data needs
     (bench/min_requests.py), wall time vs the latency lower bound, a repeat within the cache TTL
  4. memory: peak RSS (/usr/bin/time -v) of each run, idle RSS
  5. hot paths (bench_hot_paths, Google Benchmark)

Every figure is a median over repeated runs with min and max. Exit status 1 only for what is
deterministic: revenue_breakdown requesting more than the minimum, ticket_stats more than the
issue's budget (ceil(in-window tickets / 100) + 5), agent_utilisation more than 1.2x its minimum, or
a cached repeat making requests. Slow figures never fail the run (CI machines vary).
"""
import argparse
import datetime
import json
import math
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import (NODE_ECHO, PROTOCOL_VERSION, McpSession, Simulator, median_min_max,  # noqa: E402
                     percentile, spawn_to_first_answer)
from min_requests import agent_utilisation_minimum, minimum_requests, ticket_stats_minimum  # noqa: E402
import service_desk_data  # noqa: E402
from finance_bench import finance, finance_failures, finance_table  # noqa: E402

TODAY = "2025-06-30"          # the simulator's "today": dates and the minimum are reproducible
WINDOW = {"as_of": TODAY, "start_date": "2024-07-01", "end_date": TODAY}
LATENCY_MS = 50
CONCURRENCY = 4
# The client-side limiter (default 300 requests / 300 s, Halo's published budget) would otherwise
# be the bottleneck at 10k+ invoices; the benchmark measures the client, so it is raised.
RATE_LIMIT = 1_000_000

# Cold start, server / bare Node, medians of the interleaved runs.
COLD_RATIO_TARGET = 0.10

MODES = {
    "full": {"cold_reps": 30, "vs_node_reps": 40, "calls": 300, "warmup_calls": 30, "throughput_calls": 1000,
             "scales": [(1.1, 5), (11, 5), (66, 3)], "service_desk_reps": 5, "hot_min_time": "0.5",
             "finance": (14, 3)},
    # The service-desk dataset is the full size in both modes (generating and loading it takes
    # a few seconds; each call well under one): the request checks CI runs are the real ones.
    "quick": {"cold_reps": 5, "vs_node_reps": 15, "calls": 40, "warmup_calls": 10, "throughput_calls": 160,
              "scales": [(0.3, 2), (1.1, 2)], "service_desk_reps": 2, "hot_min_time": "0.05",
              "finance": (1.1, 1)},
}
IN_FLIGHT = 16
# The targets for the service-desk analytics (reported; only the request limits fail the run).
AGENT_UTILISATION_REQUEST_FACTOR = 1.2
SERVICE_DESK_TIME_TARGET = 1.3
SERVICE_DESK_RSS_TARGET_MB = 100


def ms(seconds):
    return seconds * 1000.0


# ---- 1. cold start --------------------------------------------------------------------------

def cold_start(server, sim, reps, demo=False):
    to_init, to_list = [], []
    for _ in range(reps + 1):  # the first run warms the page cache and is dropped
        argv = [server, "--demo"] if demo else [server]
        session = McpSession(argv, sim.env())
        init_id = session.send("initialize", {"protocolVersion": "2025-11-25", "capabilities": {},
                                              "clientInfo": {"name": "halo-bench", "version": "1"}})
        init_at, init_message = session.wait(init_id)
        session.send("notifications/initialized", notification=True)
        list_at, list_message = session.wait(session.send("tools/list", {}))
        if "result" not in init_message or "result" not in list_message:
            raise RuntimeError("initialize or tools/list failed")
        to_init.append(ms(init_at - session.started))
        to_list.append(ms(list_at - session.started))
        session.close()
    return {"to_initialize_ms": median_min_max(to_init[1:]), "to_tools_list_ms": median_min_max(to_list[1:])}


def cold_start_vs_node(server, node, sim, reps):
    """Spawn -> initialize response of the server, and spawn -> answer of a bare Node process given
    the same line, alternately in the same run (so both see the same machine load). Each process is
    started and driven the same way (harness.spawn_to_first_answer); the first pair warms the page
    cache and is dropped."""
    line = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                       "params": {"protocolVersion": PROTOCOL_VERSION, "capabilities": {},
                                  "clientInfo": {"name": "halo-bench", "version": "1"}}}) + "\n"
    env = sim.env()
    runs = {"server": ([server], [], []), "node": ([node, "-e", NODE_ECHO], [], [])}
    for rep in range(reps + 1):
        for name, (argv, walls, faults) in runs.items():
            seconds, answer, minflt = spawn_to_first_answer(argv, env, line)
            if '"result"' not in answer:
                raise RuntimeError(f"{name} did not answer initialize: {answer[:200]!r}")
            if rep:
                walls.append(ms(seconds))
                faults.append(minflt)
    out = {name: {"to_answer_ms": median_min_max(walls), "minor_faults": median_min_max(faults)}
           for name, (_, walls, faults) in runs.items()}
    out["node_version"] = subprocess.run([node, "--version"], capture_output=True, text=True).stdout.strip()
    out["node"]["binary"] = node
    out["ratio"] = out["server"]["to_answer_ms"]["median"] / out["node"]["to_answer_ms"]["median"]
    out["target"] = COLD_RATIO_TARGET
    return out


def idle_rss(server, sim):
    with tempfile.NamedTemporaryFile(suffix=".time") as tv:
        session = McpSession([server], sim.env(), time_v_file=tv.name)
        session.initialize()
        session.request("tools/list", {})
        time.sleep(1.0)
        rss = session.rss_kb("VmRSS")
        peak = session.close()
    return {"idle_rss_kb": rss, "peak_rss_kb": peak}


# ---- 2. per-call overhead and throughput ----------------------------------------------------

def per_call(server, sim, calls, warmup, throughput_calls):
    with tempfile.NamedTemporaryFile(suffix=".time") as tv:
        # The cache is off: every call is a real round trip to the simulator.
        session = McpSession([server], sim.env(HALO_CACHE_TTL_S=0, HALO_RATE_LIMIT=RATE_LIMIT),
                             time_v_file=tv.name)
        session.initialize()
        _, listed = session.call_tool("list_tickets", {"page_size": 25})
        ids = [item["id"] for item in listed["structuredContent"]["items"]]
        for i in range(warmup):
            session.call_tool("list_tickets", {"page_size": 25})
            session.call_tool("get_ticket", {"ticket_id": ids[i % len(ids)]})
        list_ms = [ms(session.call_tool("list_tickets", {"page_size": 25})[0]) for _ in range(calls)]
        get_ms = [ms(session.call_tool("get_ticket", {"ticket_id": ids[i % len(ids)]})[0]) for i in range(calls)]

        # Throughput: IN_FLIGHT calls outstanding at all times over the one session.
        def params(i):
            if i % 2:
                return {"name": "get_ticket", "arguments": {"ticket_id": ids[i % len(ids)]}}
            return {"name": "list_tickets", "arguments": {"page_size": 25}}
        sent_at, latencies, pending = {}, [], set()
        started = time.perf_counter()
        next_call = 0
        while next_call < throughput_calls or pending:
            while next_call < throughput_calls and len(pending) < IN_FLIGHT:
                rid = session.send("tools/call", params(next_call))
                sent_at[rid] = time.perf_counter()
                pending.add(rid)
                next_call += 1
            rid, arrived, message = session.wait_any(pending)
            pending.discard(rid)
            if message.get("result", {}).get("isError") or "error" in message:
                raise RuntimeError(f"call failed under load: {json.dumps(message)[:300]}")
            latencies.append(ms(arrived - sent_at.pop(rid)))
        elapsed = time.perf_counter() - started
        peak = session.close()
    summary = lambda xs: {"p50": percentile(xs, 50), "p99": percentile(xs, 99), "min": min(xs), "max": max(xs),
                          "n": len(xs)}
    return {"list_tickets_ms": summary(list_ms), "get_ticket_ms": summary(get_ms),
            "throughput": {"in_flight": IN_FLIGHT, "calls": throughput_calls,
                           "calls_per_s": throughput_calls / elapsed, "latency_ms": summary(latencies)},
            "peak_rss_kb": peak}


# ---- 3. revenue_breakdown at scale ----------------------------------------------------------

def dataset_minimum(sim_binary, scale, workdir):
    path = os.path.join(workdir, f"dataset-{scale}.json")
    subprocess.run([sim_binary, "--scale", str(scale), "--today", TODAY, "--dump-dataset", path], check=True)
    with open(path) as f:
        data = json.load(f)
    os.unlink(path)
    minimum = minimum_requests(data, WINDOW["as_of"], WINDOW["start_date"], WINDOW["end_date"])
    minimum["invoices_total"] = len(data.get("invoices", []))
    return minimum


def tool_run(server, sim, tool, arguments, warm=("list_agents", {}), **env_overrides):
    """One server process: a warm-up call (the OAuth token is fetched once per hour, not per
    question), `tool` (timed, its Halo requests counted by the simulator), then the same call again
    (it should be answered from the response cache). Peak RSS covers the whole process."""
    with tempfile.NamedTemporaryFile(suffix=".time") as tv:
        env = sim.env(HALO_MAX_CONCURRENCY=CONCURRENCY, HALO_RATE_LIMIT=RATE_LIMIT, **env_overrides)
        session = McpSession([server], env, time_v_file=tv.name)
        session.initialize()
        session.call_tool(*warm)
        before, per_path_before = sim.api_requests()
        wall, first = session.call_tool(tool, arguments)
        after, per_path_after = sim.api_requests()
        wall2, second = session.call_tool(tool, arguments)
        after2, _ = sim.api_requests()
        peak = session.close()
    per_path = {k: v - per_path_before.get(k, 0) for k, v in per_path_after.items()
                if v - per_path_before.get(k, 0)}
    return {"wall_s": wall, "requests": after - before, "per_path": per_path,
            "sources": first["structuredContent"]["sources"], "result": first["structuredContent"],
            "repeat_wall_s": wall2, "repeat_requests": after2 - after,
            "repeat_sources": second["structuredContent"]["sources"], "peak_rss_kb": peak}


def revenue_run(server, sim):
    run = tool_run(server, sim, "revenue_breakdown", {**WINDOW, "top": 5}, HALO_CACHE_TTL_S=600)
    del run["result"]
    return run


def revenue_at_scale(server, sim_binary, scale, reps, workdir):
    minimum = dataset_minimum(sim_binary, scale, workdir)
    sim = Simulator(sim_binary, scale=scale, latency_ms=LATENCY_MS, today=TODAY)
    try:
        runs = [revenue_run(server, sim) for _ in range(reps)]
    finally:
        sim.stop()
    bound_s = math.ceil(minimum["total"] / CONCURRENCY) * LATENCY_MS / 1000.0
    walls = [r["wall_s"] for r in runs]
    return {"scale": scale, "invoices": minimum["invoices_total"], "minimum": minimum,
            "requests": [r["requests"] for r in runs], "per_path_last": runs[-1]["per_path"],
            "sources_last": runs[-1]["sources"],
            "request_ratio": max(r["requests"] for r in runs) / minimum["total"],
            "wall_ms": median_min_max(ms(w) for w in walls), "bound_ms": ms(bound_s),
            "time_ratio": median_min_max(w / bound_s for w in walls),
            "repeat_requests": [r["repeat_requests"] for r in runs],
            "repeat_cache_hits": [r["repeat_sources"].get("cache_hits") for r in runs],
            "repeat_wall_ms": median_min_max(ms(r["repeat_wall_s"]) for r in runs),
            "peak_rss_kb": median_min_max(r["peak_rss_kb"] for r in runs)}


# ---- 3b. service-desk analytics ------------------------------------------------------------

def service_desk(server, sim_binary, reps, workdir):
    """ticket_stats and agent_utilisation with their default windows (the 30 days to today; last
    month). The server has no fake clock, so the dataset is anchored on today (UTC) and written
    fresh; its counts do not depend on the day (service_desk_data.py). Each run is a new server
    process (a shared one would answer the second tool's project ids from the first's cache), with
    the default cache TTL (60 s) and HALO_TIMEZONE=UTC."""
    today = datetime.datetime.now(datetime.timezone.utc).date()
    path = os.path.join(workdir, "service-desk.json")
    service_desk_data.write(path, today)
    with open(path) as f:  # the minimum reads the file halo-sim serves, not the generator's objects
        data = json.load(f)
    window = ((today - datetime.timedelta(days=29)).isoformat(), today.isoformat())
    month_first, month_last = service_desk_data.previous_month(today)
    month = (month_first.isoformat(), month_last.isoformat())
    cases = [
        ("ticket_stats", window, ticket_stats_minimum(data, *window)),
        ("agent_utilisation", month, agent_utilisation_minimum(data, *month)),
    ]
    dataset = {"tickets": len(data["tickets"]), "actions": len(data["actions"]), "agents": len(data["agents"]),
               "projects_and_tasks": len(data["projects"]), "today": today.isoformat()}
    del data
    sim = Simulator(sim_binary, latency_ms=LATENCY_MS, today=today.isoformat(), extra=("--dataset", path))
    out = []
    try:
        for tool, (start, end), minimum in cases:
            runs = []
            for _ in range(reps):
                run = tool_run(server, sim, tool, {}, warm=("list_clients", {"page_size": 1}), HALO_TIMEZONE="UTC")
                got = (run["result"].get("start_date"), run["result"].get("end_date"))
                if got != (start, end):
                    raise RuntimeError(f"{tool} answered for {got}, the minimum was computed for {(start, end)} "
                                       "(did the date change during the run? run it again)")
                del run["result"]
                runs.append(run)
            rounds = max(minimum["critical_path"], math.ceil(minimum["total"] / CONCURRENCY))
            bound_s = rounds * LATENCY_MS / 1000.0
            walls = [r["wall_s"] for r in runs]
            if tool == "ticket_stats":
                limit = minimum["issue_budget"]
                limit_rule = "ceil(in-window / 100) + 5"
            else:
                limit = math.floor(AGENT_UTILISATION_REQUEST_FACTOR * minimum["total"])
                limit_rule = f"{AGENT_UTILISATION_REQUEST_FACTOR} x minimum"
            out.append({"tool": tool, "start_date": start, "end_date": end, "minimum": minimum,
                        "request_limit": limit, "request_limit_rule": limit_rule,
                        "requests": [r["requests"] for r in runs], "per_path_last": runs[-1]["per_path"],
                        "sources_last": runs[-1]["sources"],
                        "request_ratio": max(r["requests"] for r in runs) / minimum["total"],
                        "wall_ms": median_min_max(ms(w) for w in walls), "bound_rounds": rounds,
                        "bound_ms": ms(bound_s), "time_ratio": median_min_max(w / bound_s for w in walls),
                        "time_target": SERVICE_DESK_TIME_TARGET,
                        "repeat_requests": [r["repeat_requests"] for r in runs],
                        "repeat_cache_hits": [r["repeat_sources"].get("cache_hits") for r in runs],
                        "repeat_wall_ms": median_min_max(ms(r["repeat_wall_s"]) for r in runs),
                        "peak_rss_kb": median_min_max(r["peak_rss_kb"] for r in runs),
                        "rss_target_mb": SERVICE_DESK_RSS_TARGET_MB})
    finally:
        sim.stop()
    return {"dataset": dataset, "tools": out}


# ---- 5. hot paths ---------------------------------------------------------------------------

def hot_paths(binary, min_time):
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        subprocess.run([binary, f"--benchmark_min_time={min_time}", "--benchmark_repetitions=3",
                        "--benchmark_report_aggregates_only=true", f"--benchmark_out={out.name}",
                        "--benchmark_out_format=json"], check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        report = json.load(open(out.name))
    rows = {}
    for b in report["benchmarks"]:
        if b.get("aggregate_name") != "median":
            continue
        rows[b["run_name"]] = {"time": b["real_time"], "unit": b["time_unit"],
                               "bytes_per_second": b.get("bytes_per_second"),
                               "items_per_second": b.get("items_per_second"),
                               "page_bytes": b.get("page_bytes")}
    return rows


# ---- output ---------------------------------------------------------------------------------

def fmt_mmm(stat, unit="", digits=1):
    f = f"{{:.{digits}f}}"
    return f"{f.format(stat['median'])}{unit} [{f.format(stat['min'])}-{f.format(stat['max'])}]"


def service_desk_table(sd):
    out = []
    if not sd:
        return out
    d = sd["dataset"]
    out.append(f"== 3b. service-desk analytics, {d['tickets']:,} tickets, {d['actions']:,} actions, today {d['today']}"
               f" (UTC); latency {LATENCY_MS} ms, HALO_MAX_CONCURRENCY={CONCURRENCY}, default cache TTL")
    out.append("  tool               window                   min-req  made  req-ratio  limit  wall ms (median [min-max])"
               "  bound ms  wall/bound  repeat: req cache_hits  peak RSS MB")
    for s in sd["tools"]:
        out.append(f"  {s['tool']:<18} {s['start_date']}..{s['end_date']}  {s['minimum']['total']:>7} {max(s['requests']):>5}"
                   f"  {s['request_ratio']:>9.2f}  {s['request_limit']:>5}  {fmt_mmm(s['wall_ms'], '', 0):>26}"
                   f"  {s['bound_ms']:>8.0f}  {s['time_ratio']['median']:>10.2f}  {max(s['repeat_requests']):>11}"
                   f" {min(s['repeat_cache_hits']):>10}  {s['peak_rss_kb']['median'] / 1024:>11.1f}")
    for s in sd["tools"]:
        m = {k: v for k, v in s["minimum"].items() if k not in ("total",)}
        out.append(f"  {s['tool']} minimum: " + ", ".join(f"{k} {v}" for k, v in m.items()))
        out.append(f"  {s['tool']} made, per path: " + ", ".join(f"{k} {v}" for k, v in sorted(s["per_path_last"].items())))
    return out


def print_table(r):
    out = cold_start_lines(r)
    rest_of_table(r, out)


def cold_start_lines(r):
    out = []
    cs, demo = r["cold_start"], r["cold_start_demo"]
    out.append("== 1. cold start (median [min-max] over %d runs)" % cs["to_initialize_ms"]["n"])
    out.append(f"  process start -> initialize        {fmt_mmm(cs['to_initialize_ms'], ' ms', 2)}   target < 10 ms")
    out.append(f"  process start -> first tools/list  {fmt_mmm(cs['to_tools_list_ms'], ' ms', 2)}")
    out.append(f"  --demo: -> initialize              {fmt_mmm(demo['to_initialize_ms'], ' ms', 2)}")
    out.append(f"  --demo: -> first tools/list        {fmt_mmm(demo['to_tools_list_ms'], ' ms', 2)}")
    vs = r.get("cold_vs_node")
    if vs:
        srv, node = vs["server"], vs["node"]
        verdict = "met" if vs["ratio"] <= vs["target"] else "MISSED"
        out.append(f"  interleaved, {srv['to_answer_ms']['n']} pairs (spawn -> answer to initialize; minor page faults):")
        out.append(f"    halo-psa-mcp                     {fmt_mmm(srv['to_answer_ms'], ' ms', 2)}"
                   f"   {srv['minor_faults']['median']:.0f} faults")
        out.append(f"    bare node {vs['node_version']:<22} {fmt_mmm(node['to_answer_ms'], ' ms', 2)}"
                   f"   {node['minor_faults']['median']:.0f} faults")
        out.append(f"    ratio server/node (medians)      {vs['ratio']:.3f}   target <= {vs['target']:.2f}: {verdict}")
    return out


def rest_of_table(r, out):
    pc = r["per_call"]
    out.append("== 2. per-call overhead, zero simulated latency, cache off (%d calls each)" % pc["list_tickets_ms"]["n"])
    for name in ("list_tickets_ms", "get_ticket_ms"):
        s = pc[name]
        out.append(f"  {name[:-3]:<13} p50 {s['p50']:.3f} ms  p99 {s['p99']:.3f} ms  min {s['min']:.3f}  max {s['max']:.3f}"
                   "   target p50 < 1 ms")
    t = pc["throughput"]
    out.append(f"  throughput, {t['in_flight']} in flight: {t['calls_per_s']:.0f} calls/s "
               f"(latency p50 {t['latency_ms']['p50']:.2f} ms, p99 {t['latency_ms']['p99']:.2f} ms)")
    out.append(f"== 3. revenue_breakdown, latency {LATENCY_MS} ms, HALO_MAX_CONCURRENCY={CONCURRENCY}, "
               f"HALO_RATE_LIMIT={RATE_LIMIT} (limiter out of the way)")
    out.append("  scale invoices  min-req  made  req-ratio  wall ms (median [min-max])  bound ms  wall/bound"
               "  repeat: req cache_hits  peak RSS MB")
    for s in r["revenue"]:
        out.append(f"  {s['scale']:>5} {s['invoices']:>8} {s['minimum']['total']:>8} {max(s['requests']):>5}"
                   f"  {s['request_ratio']:>9.2f}  {fmt_mmm(s['wall_ms'], '', 0):>26}  {s['bound_ms']:>8.0f}"
                   f"  {s['time_ratio']['median']:>10.2f}  {max(s['repeat_requests']):>11} {min(s['repeat_cache_hits']):>10}"
                   f"  {s['peak_rss_kb']['median'] / 1024:>11.1f}")
    out.extend(service_desk_table(r.get("service_desk")))
    out.extend(finance_table(r.get("finance")))
    out.append("== 4. memory")
    out.append(f"  idle RSS after initialize + tools/list: {r['idle']['idle_rss_kb'] / 1024:.1f} MB (target < 15 MB);"
               f" peak {r['idle']['peak_rss_kb'] / 1024:.1f} MB")
    out.append(f"  per-call session peak RSS: {pc['peak_rss_kb'] / 1024:.1f} MB")
    out.append("== 5. hot paths (bench_hot_paths, median of 3)")
    for name, h in r["hot_paths"].items():
        extra = ""
        if h.get("bytes_per_second"):
            page = f" ({h['page_bytes'] / 1024:.0f} KiB page)" if h.get("page_bytes") else ""
            extra = f"  {h['bytes_per_second'] / 1e9:.3f} GB/s of input JSON{page}"
        elif h.get("items_per_second"):
            extra = f"  {h['items_per_second'] / 1e6:.1f} M invoices/s"
        out.append(f"  {name:<44} {h['time']:>10.3f} {h['unit']}{extra}")
    print("\n".join(out))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build-dir", required=True)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--out", required=True, help="JSON results file")
    ap.add_argument("--node", help="node binary for the cold-start reference (default: node on PATH)")
    ap.add_argument("--finance-only", action="store_true",
                    help="only section 3c (the finance analytics), at the mode's scale and repetitions")
    ap.add_argument("--cold-start-only", action="store_true",
                    help="only section 1 (cold start, and the ratio to a bare Node), at the mode's repetitions")
    ap.add_argument("--service-desk-only", action="store_true",
                    help="only section 3b (ticket_stats, agent_utilisation), at the mode's repetitions")
    args = ap.parse_args()
    mode = MODES["quick" if args.quick else "full"]
    server = os.path.join(args.build_dir, "halo-psa-mcp")
    sim_binary = os.path.join(args.build_dir, "halo-sim")
    hot_binary = os.path.join(args.build_dir, "bench_hot_paths")

    results = {"mode": "quick" if args.quick else "full", "date": time.strftime("%Y-%m-%d %H:%M:%S"),
               "machine": {"cpus": os.cpu_count(), "kernel": platform.release(), "cpu": cpu_model()},
               "settings": {"latency_ms": LATENCY_MS, "max_concurrency": CONCURRENCY,
                            "rate_limit": RATE_LIMIT, "window": WINDOW}}
    t0 = time.time()
    if args.service_desk_only:
        return service_desk_only(args, mode, results, server, sim_binary, t0)
    if args.finance_only:
        return finance_only(args, mode, results, server, sim_binary, t0)
    sim = Simulator(sim_binary, scale=1, latency_ms=0, today=TODAY)
    if args.cold_start_only:
        return cold_start_only(args, mode, results, server, sim, t0)
    try:
        node = args.node or shutil.which("node")
        if node:
            results["cold_vs_node"] = cold_start_vs_node(server, node, sim, mode["vs_node_reps"])
        else:
            print("no node binary: the cold-start ratio is not measured", file=sys.stderr)
        results["cold_start"] = cold_start(server, sim, mode["cold_reps"])
        results["cold_start_demo"] = cold_start(server, sim, mode["cold_reps"], demo=True)
        results["idle"] = idle_rss(server, sim)
        results["per_call"] = per_call(server, sim, mode["calls"], mode["warmup_calls"], mode["throughput_calls"])
    finally:
        sim.stop()
    with tempfile.TemporaryDirectory() as workdir:
        results["revenue"] = [revenue_at_scale(server, sim_binary, scale, reps, workdir)
                              for scale, reps in mode["scales"]]
        results["service_desk"] = service_desk(server, sim_binary, mode["service_desk_reps"], workdir)
        results["finance"] = run_finance(server, sim_binary, mode, workdir)
    results["hot_paths"] = hot_paths(hot_binary, mode["hot_min_time"])
    results["seconds"] = time.time() - t0

    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w") as f:
        json.dump(results, f, indent=1)
    print_table(results)
    print(f"(mode {results['mode']}, {results['seconds']:.0f} s; JSON: {args.out})")

    failures = []
    for s in results["revenue"]:
        if max(s["requests"]) > s["minimum"]["total"]:
            failures.append(f"scale {s['scale']}: revenue_breakdown made {max(s['requests'])} requests, "
                            f"the data needs {s['minimum']['total']}")
        if max(s["repeat_requests"]) > 0:
            failures.append(f"scale {s['scale']}: the repeated revenue_breakdown made upstream requests "
                            f"({s['repeat_requests']}); the cache should have answered")
    failures += service_desk_failures(results["service_desk"])
    failures += finance_failures(results["finance"])
    for f in failures:
        print("FAIL: " + f, file=sys.stderr)
    return 1 if failures else 0


def service_desk_failures(sd):
    failures = []
    for s in sd["tools"]:
        if max(s["requests"]) > s["request_limit"]:
            failures.append(f"{s['tool']} made {max(s['requests'])} requests, more than {s['request_limit']} "
                            f"({s['request_limit_rule']}; the data needs {s['minimum']['total']})")
        if max(s["repeat_requests"]) > 0:
            failures.append(f"the repeated {s['tool']} made upstream requests ({s['repeat_requests']}); "
                            "the cache should have answered")
    return failures


def cold_start_only(args, mode, results, server, sim, t0):
    try:
        node = args.node or shutil.which("node")
        if node:
            results["cold_vs_node"] = cold_start_vs_node(server, node, sim, mode["vs_node_reps"])
        results["cold_start"] = cold_start(server, sim, mode["cold_reps"])
        results["cold_start_demo"] = cold_start(server, sim, mode["cold_reps"], demo=True)
    finally:
        sim.stop()
    results["seconds"] = time.time() - t0
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w") as f:
        json.dump(results, f, indent=1)
    print("\n".join(cold_start_lines(results)))
    print(f"(mode {results['mode']}, section 1 only, {results['seconds']:.0f} s; JSON: {args.out})")
    return 0


def service_desk_only(args, mode, results, server, sim_binary, t0):
    with tempfile.TemporaryDirectory() as workdir:
        results["service_desk"] = service_desk(server, sim_binary, mode["service_desk_reps"], workdir)
    results["seconds"] = time.time() - t0
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w") as f:
        json.dump(results, f, indent=1)
    print("\n".join(service_desk_table(results["service_desk"])))
    print(f"(mode {results['mode']}, section 3b only, {results['seconds']:.0f} s; JSON: {args.out})")
    failures = service_desk_failures(results["service_desk"])
    for f in failures:
        print("FAIL: " + f, file=sys.stderr)
    return 1 if failures else 0


def run_finance(server, sim_binary, mode, workdir):
    scale, reps = mode["finance"]
    return finance(server, sim_binary, Simulator, tool_run, scale, TODAY, LATENCY_MS, reps, workdir)


def finance_only(args, mode, results, server, sim_binary, t0):
    with tempfile.TemporaryDirectory() as workdir:
        results["finance"] = run_finance(server, sim_binary, mode, workdir)
    results["seconds"] = time.time() - t0
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w") as f:
        json.dump(results, f, indent=1)
    print("\n".join(finance_table(results["finance"])))
    print(f"(mode {results['mode']}, section 3c only, {results['seconds']:.0f} s; JSON: {args.out})")
    failures = finance_failures(results["finance"])
    for f in failures:
        print("FAIL: " + f, file=sys.stderr)
    return 1 if failures else 0


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


if __name__ == "__main__":
    sys.exit(main())
