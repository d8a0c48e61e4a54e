// Runs the C++ wire suite (mcp_wire_tests: mcp-test-server and halo-psa-mcp --demo over pipes)
// with transcripts on, then validates every message the servers wrote against the MCP JSON Schema
// of the protocol version it belongs to (schema-check.mjs). Each transcript is one client's
// session: {"version", "direction": "sent"|"received", "message"|"raw"} per line, in the order
// the client saw them, so each response is matched to the request (and method) it answers.
// Usage: node wire-schema.mjs <mcp_wire_tests executable> [gtest args...]
// Prints "N passed, N failed" and exits non-zero on any failure, or when nothing was checked.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SchemaChecker, schemaVersionFor } from './schema-check.mjs';

const [wireTests, ...gtestArgs] = process.argv.slice(2);
if (!wireTests) { console.error('usage: node wire-schema.mjs <mcp_wire_tests> [gtest args...]'); process.exit(2); }

let passed = 0, failed = 0;
function check(name, ok, detail = '') {
  if (ok) { passed++; console.log(`ok   ${name}`); }
  else { failed++; console.log(`FAIL ${name}${detail ? `\n  ${detail}` : ''}`); }
}

const dir = mkdtempSync(join(tmpdir(), 'wire-transcripts-'));
try {
  const run = spawnSync(wireTests, ['--gtest_brief=1', ...gtestArgs], {
    env: { ...process.env, HALO_WIRE_TRANSCRIPT_DIR: dir },
    encoding: 'utf8',
    timeout: 240000,
    maxBuffer: 64 * 1024 * 1024,
  });
  check('the wire suite passes with transcripts on', run.status === 0,
    (run.error ? String(run.error) : '') + (run.stdout ?? '').split('\n').filter((l) => /FAILED|Failure/.test(l)).slice(0, 10).join('\n  '));

  const files = readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort();
  const totals = new Map();  // schema version -> { files, messages }
  let messages = 0;
  const summaries = new Map();
  for (const file of files) {
    // One checker per protocol version, sharing the session's requests: an answer may belong to
    // another version than its request (initialize agreeing on an older revision).
    const checkers = new Map();
    const pending = new Map();
    const problems = [];
    const checkerFor = (version) => {
      if (!schemaVersionFor(version)) return null;
      if (!checkers.has(version)) {
        const c = new SchemaChecker(version);
        c.pending = pending;
        checkers.set(version, c);
      }
      return checkers.get(version);
    };
    const lines = readFileSync(join(dir, file), 'utf8').split('\n').filter(Boolean);
    for (const [n, line] of lines.entries()) {
      let record;
      try { record = JSON.parse(line); } catch { problems.push(`line ${n + 1}: the transcript itself is not JSON`); continue; }
      if (record.direction === 'sent') {
        if (record.message !== undefined) checkerFor('2025-11-25').noteRequest(record.message);
        continue;
      }
      if (record.raw !== undefined) { problems.push(`stdout line that is not JSON: ${record.raw.slice(0, 200)}`); continue; }
      const checker = checkerFor(record.version);
      if (!checker) { problems.push(`message of unknown protocol version ${record.version}`); continue; }
      checker.check(record.message);
    }
    let fileMessages = 0;
    for (const c of checkers.values()) {
      fileMessages += c.checked;
      problems.push(...c.failures);
      const t = totals.get(c.version) ?? { messages: 0, nullIds: 0, specificErrors: 0, errors: 0, notifications: 0, batches: 0 };
      t.messages += c.checked;
      t.nullIds += c.byKind.nullId;
      t.specificErrors += c.byKind.specificError;
      t.errors += c.byKind.error;
      t.notifications += c.byKind.notification;
      t.batches += c.byKind.batch;
      totals.set(c.version, t);
    }
    messages += fileMessages;
    summaries.set(file, fileMessages);
    if (problems.length) check(`${file}: ${fileMessages} server messages valid`, false, problems.slice(0, 5).join('\n  '));
    else passed++;
  }
  check(`transcripts written (${files.length} sessions)`, files.length > 0);
  check(`server messages checked (${messages})`, messages > 0);
  for (const [version, t] of [...totals.entries()].sort()) {
    console.log(`     ${version}: ${t.messages} messages, ${t.errors} errors (${t.specificErrors} against their code's definition, `
      + `${t.nullIds} with JSON-RPC null id checked without it), ${t.notifications} notifications, ${t.batches} batches`);
  }
  // Every era the suite drives must have been seen: a transcript bug that attributed everything
  // to one version would otherwise pass unnoticed.
  for (const version of ['2024-11-05', '2025-03-26', '2025-06-18', '2025-11-25', '2026-07-28']) {
    check(`messages of ${version} checked`, (totals.get(version)?.messages ?? 0) > 0);
  }
  check('batch responses checked (2025-03-26)', (totals.get('2025-03-26')?.batches ?? 0) > 0);
  check('notifications checked', [...totals.values()].some((t) => t.notifications > 0));
  check('errors checked against their specific 2026-07-28 definitions', (totals.get('2026-07-28')?.specificErrors ?? 0) > 0);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
