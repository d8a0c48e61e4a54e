#!/usr/bin/env python3
# Manual conformance check (not part of ctest): drives mcp-test-server through both eras and
# validates every message it writes against the MCP JSON Schemas in /work/shared/reference.
# Usage: check_schema_conformance.py <path to mcp-test-server>
import json, subprocess, sys
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

REF = "/work/shared/reference"

def validator_for(schema_file, definition):
    schema = json.load(open(f"{REF}/{schema_file}"))
    root = dict(schema)
    root["$ref"] = f"#/$defs/{definition}"
    return Draft202012Validator(root)

META = {"io.modelcontextprotocol/protocolVersion": "2026-07-28",
        "io.modelcontextprotocol/clientCapabilities": {}, "io.modelcontextprotocol/logLevel": "debug"}
legacy = [
    ("initialize", {"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "c", "version": "1"}}, "InitializeResult"),
    ("ping", {}, "EmptyResult"),
    ("logging/setLevel", {"level": "debug"}, "EmptyResult"),
    ("tools/list", {}, "ListToolsResult"),
    ("tools/call", {"name": "echo", "arguments": {"text": "x"}}, "CallToolResult"),
    ("tools/call", {"name": "echo", "arguments": {}}, "CallToolResult"),
    ("tools/call", {"name": "slow", "arguments": {"ms": 30, "steps": 3}, "_meta": {"progressToken": 1}}, "CallToolResult"),
    ("tools/call", {"name": "log", "arguments": {}}, "CallToolResult"),
    ("tools/list", {"cursor": "bad"}, None),
]
modern = [
    ("server/discover", {"_meta": META}, "DiscoverResult"),
    ("tools/list", {"_meta": META}, "ListToolsResult"),
    ("tools/call", {"_meta": dict(META, progressToken="p"), "name": "slow", "arguments": {"ms": 30, "steps": 3}}, "CallToolResult"),
    ("tools/call", {"_meta": META, "name": "log", "arguments": {}}, "CallToolResult"),
    ("tools/call", {"_meta": META, "name": "fail", "arguments": {}}, "CallToolResult"),
    ("ping", {"_meta": META}, None),
    ("tools/list", {"_meta": dict(META, **{"io.modelcontextprotocol/protocolVersion": "1900-01-01"})}, "UnsupportedProtocolVersionError"),
]

def run(server, script, schema_file):
    lines = [json.dumps({"jsonrpc": "2.0", "id": i, "method": m, "params": p}) for i, (m, p, _) in enumerate(script)]
    out = subprocess.run([server], input="\n".join(lines) + "\n", capture_output=True, text=True, timeout=10).stdout
    message_v = validator_for(schema_file, "JSONRPCMessage")
    failures = 0
    for line in out.splitlines():
        msg = json.loads(line)
        errors = list(message_v.iter_errors(msg))
        kind = None
        if "id" in msg and "result" in msg:
            kind = script[msg["id"]][2]
            target = msg["result"]
        elif "error" in msg and script[msg["id"]][2] == "UnsupportedProtocolVersionError":
            kind, target = "UnsupportedProtocolVersionError", msg
        if kind:
            errors += list(validator_for(schema_file, kind).iter_errors(target))
        for e in errors:
            failures += 1
            print(f"FAIL {schema_file} {kind}: {e.message[:200]}\n  in {line[:200]}")
    print(f"{schema_file}: {len(out.splitlines())} messages checked, {failures} problems")
    return failures

server = sys.argv[1]
bad = run(server, legacy, "mcp-schema-2025-11-25.json") + run(server, modern, "mcp-schema-2026-07-28.json")
sys.exit(1 if bad else 0)
