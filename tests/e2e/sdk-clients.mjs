// Drives the server with the official MCP TypeScript SDK clients:
//   legacy era  — @modelcontextprotocol/sdk 1.x (protocol 2025-11-25), over stdio and over
//                 Streamable HTTP (the server started with --transport http; its answers are
//                 resumable SSE streams with priming events, which the SDK must digest)
//   modern era  — @modelcontextprotocol/client 2.x pinned to 2026-07-28, over stdio
// Each client lists every tool (following pagination), calls every tool at least once (the SDK
// itself rejects structuredContent that does not match outputSchema), checks error reporting, and
// every message the server wrote is validated against the MCP JSON Schema of that version.
// Usage: node sdk-clients.mjs <server executable> [server args...]
// Prints "N passed, N failed" and exits non-zero on any failure.
import { Client as LegacyClient } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport as LegacyStdio } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport as LegacyHttp } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { startHttpServer } from './http-server.mjs';
import { Client as ModernClient } from '@modelcontextprotocol/client';
import { StdioClientTransport as ModernStdio } from '@modelcontextprotocol/client/stdio';
import { SchemaChecker } from './schema-check.mjs';

const [command, ...args] = process.argv.slice(2);
if (!command) { console.error('usage: node sdk-clients.mjs <server> [args...]'); process.exit(2); }

let passed = 0, failed = 0;
function check(name, ok, detail = '') {
  if (ok) { passed++; console.log(`ok   ${name}`); }
  else { failed++; console.log(`FAIL ${name} ${detail}`); }
}

// Records what the server sends (and what the client sends, to pair responses with methods).
function tap(transport, checker) {
  let handler;
  Object.defineProperty(transport, 'onmessage', {
    configurable: true,
    get() { return handler; },
    set(fn) { handler = fn && ((msg, extra) => { checker.check(msg); return fn(msg, extra); }); },
  });
  const send = transport.send.bind(transport);
  transport.send = (msg, opts) => { checker.noteRequest(msg); return send(msg, opts); };
}

// Every catalogue tool, with arguments; ids come from earlier list results.
const PLAN = [
  ['list_clients', () => ({ page_size: 5 }), (r, ids) => { ids.client = r.items[0]?.id; }],
  ['get_client', (ids) => ({ client_id: ids.client })],
  ['list_sites', (ids) => ({ client_id: ids.client }), (r, ids) => { ids.site = r.items[0]?.id; }],
  ['get_site', (ids) => ({ site_id: ids.site })],
  ['list_tickets', () => ({ page_size: 5 }), (r, ids) => { ids.ticket = r.items[0]?.id; }],
  ['get_ticket', (ids) => ({ ticket_id: ids.ticket, include_actions: true })],
  ['list_ticket_actions', (ids) => ({ ticket_id: ids.ticket })],
  ['list_time_entries', (ids) => ({ ticket_id: ids.ticket })],
  ['list_contracts', () => ({ page_size: 5 }), (r, ids) => { ids.contract = r.items[0]?.id; }],
  ['get_contract', (ids) => ({ contract_id: ids.contract })],
  ['list_invoices', () => ({ page_size: 5 }), (r, ids) => { ids.invoice = r.items[0]?.id; }],
  ['get_invoice', (ids) => ({ invoice_id: ids.invoice })],
  ['list_recurring_invoices', () => ({ page_size: 5 }), (r, ids) => { ids.recurring = r.items[0]?.id; }],
  ['get_recurring_invoice', (ids) => ({ recurring_invoice_id: ids.recurring })],
  ['list_projects', () => ({ page_size: 5 }), (r, ids) => { ids.project = r.items[0]?.id; }],
  ['get_project', (ids) => ({ project_id: ids.project })],
  ['list_assets', () => ({ page_size: 5 }), (r, ids) => { ids.asset = r.items[0]?.id; }],
  ['get_asset', (ids) => ({ asset_id: ids.asset })],
  ['list_agents', () => ({})],
  ['list_reports', () => ({})],
  ['revenue_breakdown', () => ({ top: 5 })],
];

async function exercise(era, client, checker) {
  const tools = [];
  let cursor;
  let pages = 0;
  do {
    const page = await client.listTools(cursor ? { cursor } : {});
    tools.push(...page.tools);
    cursor = page.nextCursor;
    pages++;
  } while (cursor && pages < 50);
  check(`${era}: tools/list returns the catalogue (${tools.length} tools in ${pages} page(s))`, tools.length >= PLAN.length);
  const names = new Set(tools.map((t) => t.name));
  for (const t of tools) {
    const ok = t.title && t.description && t.inputSchema?.type === 'object' && t.inputSchema.additionalProperties === false
      && t.outputSchema?.type === 'object' && t.annotations?.readOnlyHint === true;
    check(`${era}: ${t.name} is fully declared`, ok);
  }
  const ids = {};
  for (const [name, argsOf, learn] of PLAN) {
    if (!names.has(name)) { check(`${era}: ${name} is listed`, false); continue; }
    try {
      const result = await client.callTool({ name, arguments: argsOf(ids) });
      const ok = !result.isError && result.structuredContent && result.content?.[0]?.type === 'text'
        && JSON.stringify(JSON.parse(result.content[0].text)) === JSON.stringify(result.structuredContent);
      check(`${era}: ${name} answers with structuredContent and its text mirror`, ok, result.isError ? result.content?.[0]?.text : '');
      if (ok && learn) learn(result.structuredContent, ids);
    } catch (e) {
      check(`${era}: ${name}`, false, String(e?.message ?? e));
    }
  }
  // Error reporting: an unknown argument is an isError result naming it; nothing crashes.
  const bad = await client.callTool({ name: 'list_tickets', arguments: { page_size: 5, colour: 'red' } });
  check(`${era}: unknown argument -> isError naming it`, bad.isError === true && /colour/.test(bad.content?.[0]?.text ?? ''));
  const notFound = await client.callTool({ name: 'get_ticket', arguments: { ticket_id: 987654321 } });
  check(`${era}: unknown id -> isError "not found"`, notFound.isError === true && /not found/i.test(notFound.content?.[0]?.text ?? ''));
  try {
    await client.callTool({ name: 'no_such_tool', arguments: {} });
    check(`${era}: unknown tool is rejected`, false);
  } catch (e) {
    check(`${era}: unknown tool is rejected`, true);
  }
  check(`${era}: ${checker.checked} server messages valid against the MCP schema`, checker.failures.length === 0, checker.failures.slice(0, 3).join('\n'));
}

async function legacy() {
  const checker = new SchemaChecker('2025-11-25');
  const transport = new LegacyStdio({ command, args, stderr: 'ignore' });
  tap(transport, checker);
  const client = new LegacyClient({ name: 'sdk1-e2e', version: '1.0.0' });
  await client.connect(transport);
  check('legacy: negotiated 2025-11-25', client.getServerVersion()?.name !== undefined);
  await exercise('legacy', client, checker);
  await client.close();
}

async function legacyHttp() {
  const { child, url } = await startHttpServer(command, args);
  try {
    const checker = new SchemaChecker('2025-11-25');
    const contentTypes = [];
    const countingFetch = async (input, init) => {
      const response = await fetch(input, init);
      if ((init?.method ?? 'GET') === 'POST') contentTypes.push(response.headers.get('content-type') ?? '');
      return response;
    };
    const transport = new LegacyHttp(new URL(url), { fetch: countingFetch });
    tap(transport, checker);
    const client = new LegacyClient({ name: 'sdk1-http-e2e', version: '1.0.0' });
    await client.connect(transport);
    check('legacy-http: session established', transport.sessionId !== undefined);
    await exercise('legacy-http', client, checker);
    const streams = contentTypes.filter((t) => t.startsWith('text/event-stream')).length;
    check(`legacy-http: requests answered as SSE streams (${streams} of ${contentTypes.length} POSTs)`, streams >= PLAN.length);
    await client.close();
  } finally {
    child.kill('SIGTERM');
  }
}

async function modern() {
  const checker = new SchemaChecker('2026-07-28');
  const transport = new ModernStdio({ command, args, stderr: 'ignore' });
  tap(transport, checker);
  const client = new ModernClient({ name: 'sdk2-e2e', version: '1.0.0' }, { versionNegotiation: { mode: { pin: '2026-07-28' } } });
  await client.connect(transport);
  await exercise('modern', client, checker);
  await client.close();
}

for (const [name, run] of [['legacy', legacy], ['legacy-http', legacyHttp], ['modern', modern]]) {
  try { await run(); } catch (e) { check(`${name}: session`, false, String(e?.stack ?? e)); }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
