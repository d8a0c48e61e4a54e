// Drives the server with the official MCP TypeScript SDK clients:
//   legacy era  — @modelcontextprotocol/sdk 1.x (protocol 2025-11-25), over stdio and over
//                 Streamable HTTP (the server started with --transport http; its answers are
//                 resumable SSE streams with priming events, which the SDK must digest)
//   modern era  — @modelcontextprotocol/client 2.x pinned to 2026-07-28, over stdio
// Each client lists every tool (the server pages tools/list five at a time, so the client must
// follow nextCursor), calls every tool at least once (the SDK itself rejects structuredContent
// that does not match outputSchema, and so does an explicit ajv check here), checks the negotiated
// protocol version on the wire, error reporting (an unknown tool is JSON-RPC -32602), progress and
// the log level; every message the server wrote is validated against the MCP JSON Schema of that
// version, and anything the SDK's transport rejected counts as a failure.
// Usage: node sdk-clients.mjs <server executable> [server args...]
// Prints "N passed, N failed" and exits non-zero on any failure.
import { Client as LegacyClient } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport as LegacyStdio } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport as LegacyHttp } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { startHttpServer } from './http-server.mjs';
import { Client as ModernClient } from '@modelcontextprotocol/client';
import { StdioClientTransport as ModernStdio } from '@modelcontextprotocol/client/stdio';
import { SchemaChecker } from './schema-check.mjs';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const [command, ...args] = process.argv.slice(2);
if (!command) { console.error('usage: node sdk-clients.mjs <server> [args...]'); process.exit(2); }

let passed = 0, failed = 0;
function check(name, ok, detail = '') {
  if (ok) { passed++; console.log(`ok   ${name}`); }
  else { failed++; console.log(`FAIL ${name} ${detail}`); }
}

// Five tools a page: the 29-tool catalogue spans six tools/list pages.
const PAGE_SIZE = 5;
const serverEnv = { ...process.env, HALO_MCP_TOOLS_PAGE_SIZE: String(PAGE_SIZE) };

// Records what the server sends (and what the client sends, to pair responses with methods) in
// `traffic`, validates it, and counts what the transport itself could not digest as a failure.
function tap(transport, checker, traffic) {
  let handler;
  Object.defineProperty(transport, 'onmessage', {
    configurable: true,
    get() { return handler; },
    set(fn) { handler = fn && ((msg, extra) => { traffic.received.push(msg); checker.check(msg); return fn(msg, extra); }); },
  });
  let errorHandler = (error) => checker.transportError(error);
  Object.defineProperty(transport, 'onerror', {
    configurable: true,
    get() { return errorHandler; },
    set(fn) { errorHandler = (error) => { checker.transportError(error); return fn?.(error); }; },
  });
  const send = transport.send.bind(transport);
  transport.send = (msg, opts) => { traffic.sent.push(msg); checker.noteRequest(msg); return send(msg, opts); };
}

const newTraffic = () => ({ sent: [], received: [] });
const responseTo = (traffic, request) => traffic.received.find((m) => m.id !== undefined && m.id === request.id && m.method === undefined);

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
  ['list_reports', () => ({}), (r, ids) => { ids.report = r.items[0]?.id; }],
  ['run_report', (ids) => ({ report_id: ids.report, max_rows: 5 })],
  ['revenue_breakdown', () => ({ top: 5 })],
  ['mrr_trend', () => ({ months: 3 })],
  ['contract_renewals', () => ({ days: 180 })],
  ['client_profitability', () => ({ top: 5 })],
  ['unbilled_time', () => ({ top: 3 })],
  ['receivables_aging', () => ({})],
  ['ticket_stats', () => ({ group_by: 'team', interval: 'week' })],
  ['agent_utilisation', () => ({})],
];

// `callTool` differs between the SDKs: 1.x takes (params, resultSchema, options), 2.x (params, options).
async function exercise(era, client, checker, traffic, callTool) {
  const tools = [];
  let cursor;
  let walks = 0;
  do {
    const page = await client.listTools(cursor ? { cursor } : {});
    tools.push(...page.tools);
    cursor = page.nextCursor;
    walks++;
  } while (cursor && walks < 50);
  // The 2.x client follows nextCursor itself: count pages by the requests on the wire.
  const listRequests = traffic.sent.filter((m) => m.method === 'tools/list');
  const cursors = listRequests.filter((m) => m.params?.cursor !== undefined).length;
  const expectedPages = Math.ceil(PLAN.length / PAGE_SIZE);
  check(`${era}: tools/list paged (${tools.length} tools in ${listRequests.length} page(s), ${cursors} by cursor)`,
    tools.length === PLAN.length && listRequests.length === expectedPages && cursors === expectedPages - 1,
    `expected ${PLAN.length} tools in ${expectedPages} pages`);
  const names = new Set(tools.map((t) => t.name));
  check(`${era}: every tool arrives once`, names.size === tools.length);
  // Our own referee for structuredContent, besides the SDK's.
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const outputValidators = new Map();
  for (const t of tools) {
    try { outputValidators.set(t.name, ajv.compile(t.outputSchema)); } catch (e) { check(`${era}: ${t.name} outputSchema compiles`, false, String(e)); }
  }
  for (const t of tools) {
    const ok = t.title && t.description && t.inputSchema?.type === 'object' && t.inputSchema.additionalProperties === false
      && t.outputSchema?.type === 'object' && t.annotations?.readOnlyHint === true;
    check(`${era}: ${t.name} is fully declared`, ok);
  }
  const ids = {};
  for (const [name, argsOf, learn] of PLAN) {
    if (!names.has(name)) { check(`${era}: ${name} is listed`, false); continue; }
    try {
      const result = await callTool({ name, arguments: argsOf(ids) });
      const ok = !result.isError && result.structuredContent && result.content?.[0]?.type === 'text'
        && JSON.stringify(JSON.parse(result.content[0].text)) === JSON.stringify(result.structuredContent);
      check(`${era}: ${name} answers with structuredContent and its text mirror`, ok, result.isError ? result.content?.[0]?.text : '');
      const validate = outputValidators.get(name);
      check(`${era}: ${name} structuredContent matches its outputSchema (ajv)`, !!validate && validate(result.structuredContent),
        JSON.stringify(validate?.errors?.slice(0, 3)));
      if (ok && learn) learn(result.structuredContent, ids);
    } catch (e) {
      check(`${era}: ${name}`, false, String(e?.message ?? e));
    }
  }
  // Error reporting: an unknown argument is an isError result naming it; nothing crashes.
  const bad = await callTool({ name: 'list_tickets', arguments: { page_size: 5, colour: 'red' } });
  check(`${era}: unknown argument -> isError naming it`, bad.isError === true && /colour/.test(bad.content?.[0]?.text ?? ''));
  const notFound = await callTool({ name: 'get_ticket', arguments: { ticket_id: 987654321 } });
  check(`${era}: unknown id -> isError "not found"`, notFound.isError === true && /not found/i.test(notFound.content?.[0]?.text ?? ''));
  try {
    await callTool({ name: 'no_such_tool', arguments: {} });
    check(`${era}: unknown tool is rejected`, false);
  } catch (e) {
    const request = traffic.sent.filter((m) => m.method === 'tools/call' && m.params?.name === 'no_such_tool').at(-1);
    const answer = request && responseTo(traffic, request);
    check(`${era}: unknown tool is rejected with JSON-RPC -32602`, e?.code === -32602 && answer?.error?.code === -32602,
      `error code ${e?.code}, wire answer ${JSON.stringify(answer)?.slice(0, 200)}`);
  }
  // Progress: a call with a progressToken gets notifications/progress for it before its answer.
  const progress = [];
  const withProgress = await callTool({ name: 'revenue_breakdown', arguments: { top: 3 } }, { onprogress: (p) => progress.push(p) });
  const tokenRequest = traffic.sent.filter((m) => m.method === 'tools/call' && m.params?._meta?.progressToken !== undefined).at(-1);
  const progressOnWire = traffic.received.filter((m) => m.method === 'notifications/progress'
    && m.params?.progressToken === tokenRequest?.params?._meta?.progressToken);
  // Judged on the wire: SDK 1.x dispatches notifications a microtask late, so an update that
  // arrives in the same read as the response can miss onprogress.
  const values = progressOnWire.map((m) => m.params.progress);
  check(`${era}: progress reported for a call with a progressToken (${values.length} on the wire, ${progress.length} seen by onprogress)`,
    !withProgress.isError && tokenRequest !== undefined && values.length >= 1 && progress.length <= values.length
      && values.every((v, i) => i === 0 || v > values[i - 1]));
  await promptsAndResources(era, client);
  // A chart: the result plus an image block, valid in the era's schema (the tap checks it).
  const drawn = await callTool({ name: 'receivables_aging', arguments: { chart: true } });
  const image = drawn.content?.find((c) => c.type === 'image');
  check(`${era}: chart: true adds a PNG image block after the text`, !drawn.isError && drawn.content?.[0]?.type === 'text'
    && image?.mimeType === 'image/png' && Buffer.from(image.data, 'base64').subarray(1, 4).toString() === 'PNG',
    JSON.stringify(drawn.content?.map((c) => c.type)));
}

/// The prompts, their completions and the record resources through the SDK's own methods (every
/// message on the way checked against the era's schema by the tap).
async function promptsAndResources(era, client) {
  const prompts = (await client.listPrompts()).prompts.map((p) => p.name);
  check(`${era}: prompts listed (${prompts.join(', ')})`,
    ['month_end_revenue_pack', 'client_review', 'weekly_service_desk_review', 'renewals_this_quarter']
      .every((n) => prompts.includes(n)));
  const review = await client.getPrompt({ name: 'client_review', arguments: { client: 'Acme Dental' } });
  const text = review.messages?.[0]?.content?.text ?? '';
  check(`${era}: client_review resolves Acme Dental to client 12`, text.includes('`get_client` {"client_id":12}'), text.slice(0, 200));
  const completed = await client.complete({ ref: { type: 'ref/prompt', name: 'client_review' },
    argument: { name: 'client', value: 'Acme' } });
  check(`${era}: client names complete from Halo`, completed.completion?.values?.[0] === 'Acme Dental',
    JSON.stringify(completed).slice(0, 200));
  const templates = (await client.listResourceTemplates()).resourceTemplates.map((t) => t.uriTemplate);
  check(`${era}: record resource templates listed`, templates.includes('halo://tickets/{id}') && templates.includes('halo://clients/{id}'),
    templates.join(', '));
  const read = await client.readResource({ uri: 'halo://clients/12' });
  const record = JSON.parse(read.contents?.[0]?.text ?? '{}');
  check(`${era}: halo://clients/12 reads as get_client's item`, record.id === 12 && record.name === 'Acme Dental',
    JSON.stringify(read).slice(0, 200));
}

/// The SDK's transport and the schema referee agree: nothing rejected, something checked.
function schemaVerdict(era, checker) {
  check(`${era}: server messages valid against the MCP schema (${checker.summary()})`, checker.ok(),
    checker.checked === 0 ? 'nothing was checked' : checker.failures.slice(0, 3).join('\n'));
}

function legacyChecks(era, client, traffic) {
  const init = traffic.sent.find((m) => m.method === 'initialize');
  const answer = init && responseTo(traffic, init);
  check(`${era}: negotiated 2025-11-25 on the wire`, init?.params?.protocolVersion === '2025-11-25'
    && answer?.result?.protocolVersion === '2025-11-25' && client.getServerVersion()?.name === 'halo-psa-mcp',
    JSON.stringify(answer?.result)?.slice(0, 200));
}

async function legacyLogging(era, client, traffic) {
  const result = await client.setLoggingLevel('debug');
  const request = traffic.sent.filter((m) => m.method === 'logging/setLevel').at(-1);
  check(`${era}: logging/setLevel accepted`, result && request && responseTo(traffic, request)?.result !== undefined);
}

const legacyCall = (client) => (params, options) => client.callTool(params, undefined, options);
const modernCall = (client) => (params, options) => client.callTool(params, options);

async function legacy() {
  const checker = new SchemaChecker('2025-11-25');
  const traffic = newTraffic();
  const transport = new LegacyStdio({ command, args, env: serverEnv, stderr: 'ignore' });
  tap(transport, checker, traffic);
  const client = new LegacyClient({ name: 'sdk1-e2e', version: '1.0.0' });
  await client.connect(transport);
  legacyChecks('legacy', client, traffic);
  await legacyLogging('legacy', client, traffic);
  await exercise('legacy', client, checker, traffic, legacyCall(client));
  await client.close();
  schemaVerdict('legacy', checker);
}

async function legacyHttp() {
  const { child, url } = await startHttpServer(command, args, serverEnv);
  try {
    const checker = new SchemaChecker('2025-11-25');
    const traffic = newTraffic();
    const contentTypes = [];
    const countingFetch = async (input, init) => {
      const response = await fetch(input, init);
      if ((init?.method ?? 'GET') === 'POST') contentTypes.push(response.headers.get('content-type') ?? '');
      return response;
    };
    const transport = new LegacyHttp(new URL(url), { fetch: countingFetch });
    tap(transport, checker, traffic);
    const client = new LegacyClient({ name: 'sdk1-http-e2e', version: '1.0.0' });
    await client.connect(transport);
    check('legacy-http: session established', transport.sessionId !== undefined);
    legacyChecks('legacy-http', client, traffic);
    await legacyLogging('legacy-http', client, traffic);
    await exercise('legacy-http', client, checker, traffic, legacyCall(client));
    const streams = contentTypes.filter((t) => t.startsWith('text/event-stream')).length;
    check(`legacy-http: requests answered as SSE streams (${streams} of ${contentTypes.length} POSTs)`, streams >= PLAN.length);
    await client.close();
    schemaVerdict('legacy-http', checker);
  } finally {
    child.kill('SIGTERM');
  }
}

async function modern() {
  const checker = new SchemaChecker('2026-07-28');
  const traffic = newTraffic();
  const transport = new ModernStdio({ command, args, env: serverEnv, stderr: 'ignore' });
  tap(transport, checker, traffic);
  const client = new ModernClient({ name: 'sdk2-e2e', version: '1.0.0' }, { versionNegotiation: { mode: { pin: '2026-07-28' } } });
  await client.connect(transport);
  await exercise('modern', client, checker, traffic, modernCall(client));
  // The modern era opts into log notifications per request, in the envelope.
  const logged = await client.callTool({ name: 'list_agents', arguments: {}, _meta: { 'io.modelcontextprotocol/logLevel': 'debug' } });
  const logRequest = traffic.sent.filter((m) => m.params?._meta?.['io.modelcontextprotocol/logLevel'] === 'debug').at(-1);
  check('modern: a call with a log level in its envelope is served', !logged.isError && logRequest !== undefined
    && responseTo(traffic, logRequest)?.result?.resultType === 'complete');
  // Negotiation, from the wire: no initialize; server/discover offered 2026-07-28; every request
  // the client sent carried it in its envelope.
  const requests = traffic.sent.filter((m) => m.method !== undefined && m.id !== undefined);
  const discover = requests.find((m) => m.method === 'server/discover');
  const offered = discover && responseTo(traffic, discover)?.result?.supportedVersions;
  const pinned = requests.every((m) => m.params?._meta?.['io.modelcontextprotocol/protocolVersion'] === '2026-07-28');
  check('modern: negotiated 2026-07-28 on the wire (discover offered it, every request carried it, no initialize)',
    !requests.some((m) => m.method === 'initialize') && pinned && requests.length > 0
      && (discover === undefined || (Array.isArray(offered) && offered.includes('2026-07-28'))),
    `discover answer ${JSON.stringify(offered)}; methods ${[...new Set(requests.map((m) => m.method))].join(',')}`);
  await client.close();
  schemaVerdict('modern', checker);
}

for (const [name, run] of [['legacy', legacy], ['legacy-http', legacyHttp], ['modern', modern]]) {
  try { await run(); } catch (e) { check(`${name}: session`, false, String(e?.stack ?? e)); }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
