// The MCP Apps view (src/apps/analytics_view.html) in a real browser against the real server.
// 1. Starts the server (`<exe> --demo`: the embedded Halo simulator, dates fixed by
//    HALO_MCP_NOW) with the official MCP SDK 1.x client over stdio, advertising the
//    io.modelcontextprotocol/ui extension; checks that tools/list links the eight analytic tools
//    (and no other) to the view's ui:// resource, reads that resource (the only source of the HTML
//    used below) and calls the tools for real.
// 2. Serves a host page and a sandbox proxy on two loopback origins and drives Debian's headless
//    Chromium with playwright-core. The host page embeds the view the way SEP-1865 requires of a web
//    host (sandbox proxy on another origin, the spec's restrictive CSP on the view) and talks to it
//    through the official AppBridge of @modelcontextprotocol/ext-apps, bundled by esbuild here.
//    The view's tools/call requests come back to this script, which records them and performs them
//    on the real server.
// 3. Asserts what the view shows against the real results (rows, totals, chart series, warnings,
//    sorting, drill-down calls and their rendering, error lines), the handshake on the wire, no
//    console error, no CSP violation, no request beyond the two loopback origins, and that the CSP
//    is really in force. Screenshots go to $HALO_ARTIFACTS_DIR (default build/artifacts).
// Usage: node view-browser.mjs <server executable> [server args...]   (run by scripts/run-node-test.sh)
// Prints ok/FAIL lines and "N passed, N failed"; exits non-zero on any failure.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
// The npm packages are those of tests/e2e (pinned by its package-lock.json); this script lives
// outside that folder, so it resolves them from there rather than from its own directory.
const require = createRequire(path.join(root, 'tests/e2e/package.json'));
const { Client } = require('@modelcontextprotocol/sdk/client/index.js');
const { StdioClientTransport } = require('@modelcontextprotocol/sdk/client/stdio.js');
const { chromium } = require('playwright-core');
const esbuild = require('esbuild');

const [command, ...serverArgs] = process.argv.slice(2);
if (!command) { console.error('usage: node view-browser.mjs <server> [args...]'); process.exit(2); }

const CHROMIUM = '/usr/bin/chromium';
const EXTENSION = 'io.modelcontextprotocol/ui';
const MIME = 'text/html;profile=mcp-app';
const VIEW_URI = 'ui://halo-psa-mcp/analytics.html';
const VIEW_FILE = path.join(root, 'src/apps/analytics_view.html');
const ARTIFACTS = process.env.HALO_ARTIFACTS_DIR || path.join(root, 'build/artifacts');
fs.mkdirSync(ARTIFACTS, { recursive: true });
// The spec's restrictive default (no ui.csp in the resource), plus its fixed frame/object/base rules.
const VIEW_CSP = "default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; " +
  "img-src 'self' data:; media-src 'self' data:; connect-src 'none'; frame-src 'none'; object-src 'none'; base-uri 'self'";
// The tools whose results the view draws, with the arguments this test calls them with.
const CALLS = {
  revenue_breakdown: { as_of: '2025-06-30', start_date: '2024-07-01', end_date: '2025-06-30' },
  mrr_trend: { months: 12, end_month: '2025-06' },
  receivables_aging: { as_of: '2025-06-30' },
  agent_utilisation: { start_date: '2025-05-01', end_date: '2025-05-31' },
  ticket_stats: { start_date: '2025-05-01', end_date: '2025-06-30', group_by: 'priority', interval: 'week' },
  contract_renewals: { as_of: '2025-06-30', days: 365 },
  client_profitability: { start_date: '2024-07-01', end_date: '2025-06-30' },
  unbilled_time: { start_date: '2024-07-01', end_date: '2025-06-30' },
};
const TITLES = {
  revenue_breakdown: 'Recurring revenue by client', mrr_trend: 'MRR trend', receivables_aging: 'Receivables aging',
  agent_utilisation: 'Agent utilisation', ticket_stats: 'Ticket statistics', contract_renewals: 'Contract renewals',
  client_profitability: 'Client profitability', unbilled_time: 'Unbilled time',
};

const started = Date.now();
let passed = 0, failed = 0;
function check(name, ok, detail = '') {
  if (ok) { passed++; console.log(`ok   ${name}`); }
  else { failed++; console.log(`FAIL ${name} ${detail}`); }
}
const show = (v) => JSON.stringify(v)?.slice(0, 400);
const finish = () => {
  console.log(`${passed} passed, ${failed} failed (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  process.exit(failed ? 1 : 0);
};
setTimeout(() => { check('the test finished within 180 s', false); finish(); }, 180_000).unref();

// ---------------------------------------------------------------- expected text, worked out here
// Money as the view must print it: the exact decimal of the JSON value (the server writes at most
// 2 decimals), thousands grouped, 2 decimals, the currency code first; null is "unknown".
function money(v, cur) {
  if (v === null || v === undefined) return 'unknown';
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(String(v));
  if (!m) throw new Error(`not a 2-decimal amount: ${v}`);
  const negative = m[1] && !/^0+$/.test(m[2] + (m[3] || ''));
  return `${cur} ${negative ? '-' : ''}${BigInt(m[2]).toLocaleString('en-US')}.${(m[3] || '').padEnd(2, '0')}`;
}
const hours = (v) => (v === null || v === undefined ? 'unknown' : `${money(v, '').trim()} h`);
const int = (v) => BigInt(v).toLocaleString('en-US');
const byCurrency = (rows, cur) => rows.filter((r) => r.currency === cur);
// Sorted copy the way a table header sorts: numbers, nulls last both ways, ties in result order.
function sortedBy(rows, key, dir) {
  return rows.map((r, i) => [r, i]).sort(([a, i], [b, j]) => {
    const x = a[key], y = b[key];
    if (x === null || y === null) return x === y ? i - j : x === null ? 1 : -1;
    return (Number(x) - Number(y)) * dir || i - j;
  }).map(([r]) => r);
}

// Without the browser the test fails (it never skips): CI installs it with scripts/setup.sh chromium.
if (!fs.existsSync(CHROMIUM)) {
  check(`${CHROMIUM} exists (install it with scripts/setup.sh chromium)`, false);
  finish();
}

// ---------------------------------------------------------------- 1. the real server
const wire = [];
const transport = new StdioClientTransport({
  command, args: serverArgs, stderr: 'pipe',
  env: { ...process.env, HALO_MCP_NOW: '2025-06-30T10:00:00' },
});
let serverStderr = '';
transport.stderr?.on('data', (d) => { serverStderr = (serverStderr + d).slice(-4000); });
const sendOnWire = transport.send.bind(transport);
transport.send = (message, options) => { wire.push(message); return sendOnWire(message, options); };
const client = new Client({ name: 'halo-mcp-apps-browser-test', version: '1.0.0' },
  { capabilities: { extensions: { [EXTENSION]: { mimeTypes: [MIME] } } } });
try {
  await client.connect(transport);
} catch (e) {
  check('the server starts and initializes', false, `${e.message}\n${serverStderr}`);
  finish();
}
const initialize = wire.find((m) => m.method === 'initialize');
check('initialize advertises io.modelcontextprotocol/ui with text/html;profile=mcp-app',
  initialize?.params?.capabilities?.extensions?.[EXTENSION]?.mimeTypes?.includes(MIME), show(initialize?.params?.capabilities));

const tools = [];
for (let cursor; ;) {
  const page = await client.listTools(cursor ? { cursor } : {});
  tools.push(...page.tools);
  if (!(cursor = page.nextCursor)) break;
}
const toolByName = new Map(tools.map((t) => [t.name, t]));
for (const name of Object.keys(CALLS)) {
  check(`tools/list: ${name} has _meta.ui.resourceUri ${VIEW_URI}`, toolByName.get(name)?._meta?.ui?.resourceUri === VIEW_URI,
    show(toolByName.get(name)?._meta));
}
const linked = tools.filter((t) => t._meta?.ui !== undefined).map((t) => t.name).sort();
check('tools/list: no other tool is linked to a view (list_tickets, get_client ... are not)',
  isDeepStrictEqual(linked, Object.keys(CALLS).sort()) && toolByName.has('list_tickets'), show(linked));

// The HTML comes from resources/read of the URI tools/list gave, and from nowhere else.
const uri = toolByName.get('revenue_breakdown')?._meta?.ui?.resourceUri ?? VIEW_URI;
let html = '';
try {
  const read = await client.readResource({ uri });
  const content = read.contents?.[0];
  check('resources/read: one content, the URI asked for, mimeType text/html;profile=mcp-app',
    read.contents?.length === 1 && content.uri === uri && content.mimeType === MIME, show({ ...content, text: undefined }));
  html = content?.text ?? '';
  check('resources/read: an HTML5 document given as text', /^<!DOCTYPE html>/i.test(html) && html.includes('</html>'), html.slice(0, 80));
  check('resources/read: the text is src/apps/analytics_view.html byte for byte (rebuild if this fails)',
    html === fs.readFileSync(VIEW_FILE, 'utf8'), `${html.length} vs ${fs.statSync(VIEW_FILE).size} bytes`);
} catch (e) {
  check(`resources/read ${uri}`, false, e.message);
}

if (!html) { // nothing to show: the browser half would only time out
  check('the view\'s HTML was read, so the browser half can run', false);
  finish();
}

const results = {};
for (const [name, args] of Object.entries(CALLS)) {
  try {
    results[name] = await client.callTool({ name, arguments: args });
    check(`tools/call ${name}: structuredContent, not an error`, !results[name].isError && results[name].structuredContent,
      show(results[name].content));
  } catch (e) {
    check(`tools/call ${name}`, false, e.message);
  }
}
const sc = (name) => results[name]?.structuredContent ?? {};

// The view's tools/call requests, as the host handed them to us, and what we answered.
const viewCalls = [];
let failNext = null; // 'rpc': the host answers with a JSON-RPC error; 'isError': a real failed call
async function hostCallTool(params) {
  viewCalls.push(params);
  if (failNext === 'rpc') { failNext = null; throw new Error('host refused the call (test)'); }
  if (failNext === 'isError') {
    failNext = null; // the real server's answer to a window that ends before it starts
    return client.callTool({ name: params.name, arguments: { ...params.arguments, start_date: '2025-06-30', end_date: '2025-01-01' } });
  }
  return client.callTool({ name: params.name, arguments: params.arguments });
}

// ---------------------------------------------------------------- 2. host and sandbox origins
const seen = []; // every request our two servers received
function serve(routes) {
  const server = http.createServer((req, res) => {
    seen.push(req.url);
    const route = routes[new URL(req.url, 'http://x').pathname];
    if (!route) { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'content-type': route.type, 'cache-control': 'no-store', ...route.headers });
    res.end(route.body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}
const bundleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcp-apps-host-'));
await esbuild.build({
  entryPoints: [path.join(here, 'host.js')], outfile: path.join(bundleDir, 'host.js'), bundle: true, format: 'esm',
  platform: 'browser', target: 'chrome120', minify: true, logLevel: 'silent',
  nodePaths: [path.join(root, 'tests/e2e/node_modules')], // offline: the packages installed for tests/e2e
});
const hostServer = await serve({
  '/': { type: 'text/html; charset=utf-8', body: fs.readFileSync(path.join(here, 'host.html')) },
  '/host.js': { type: 'text/javascript; charset=utf-8', body: fs.readFileSync(path.join(bundleDir, 'host.js')) },
  '/favicon.ico': { type: 'image/x-icon', body: '' },
});
fs.rmSync(bundleDir, { recursive: true, force: true });
const sandboxServer = await serve({
  '/sandbox.html': { type: 'text/html; charset=utf-8', body: fs.readFileSync(path.join(here, 'sandbox.html')), headers: { 'content-security-policy': VIEW_CSP } },
});
// Two origins: the host on 127.0.0.1, the sandbox on localhost (another site, as the spec asks).
const hostOrigin = `http://127.0.0.1:${hostServer.address().port}`;
const sandboxOrigin = `http://localhost:${sandboxServer.address().port}`;

// ---------------------------------------------------------------- 3. the browser
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
const context = await browser.newContext({ viewport: { width: 940, height: 1000 } });
const page = await context.newPage();
page.setDefaultTimeout(10_000); // a missing element fails its check quickly
const consoleErrors = [], pageErrors = [], cspViolations = [], requests = [];
page.on('console', (m) => {
  if (/CSP violation|Content Security Policy/.test(m.text())) cspViolations.push(m.text());
  else if (m.type() === 'error') consoleErrors.push(m.text());
});
page.on('pageerror', (e) => pageErrors.push(e.message));
context.on('request', (r) => requests.push(r.url()));
// In every frame, the view's included: report CSP violations where the console would not.
await context.addInitScript(() => document.addEventListener('securitypolicyviolation',
  (e) => console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI}`)));
await page.exposeFunction('hostCallTool', hostCallTool);
await page.goto(`${hostOrigin}/`);
await page.waitForFunction(() => typeof window.mountView === 'function');

const view = page.frameLocator('iframe#app').frameLocator('iframe');
const texts = (locator) => locator.allTextContents().then((a) => a.map((s) => s.trim()));
const hostLog = () => page.evaluate(() => window.hostLog);

async function mount(name, args, result, extra = {}) {
  const caption = `${name}(${JSON.stringify(args)})`;
  return page.evaluate((p) => window.mountView(p), {
    sandboxUrl: `${sandboxOrigin}/sandbox.html`, html, tool: toolByName.get(name) ?? { name, inputSchema: { type: 'object' } },
    args, result, caption, ...extra,
  });
}
async function step(name, fn) {
  try { await fn(); } catch (e) { check(name, false, e.stack?.split('\n').slice(0, 3).join(' | ')); }
}
// The table of one currency's section (or of the page), its body rows and footer rows.
const section = (cur) => view.locator(`section.currency[data-currency="${cur}"]`);
const bodyRows = (scope, table) => scope.locator(`table[data-table="${table}"] tbody tr`);
const footCells = (scope, table) => texts(scope.locator(`table[data-table="${table}"] tfoot tr`).first().locator('td'));
async function screenshot(file) {
  const height = await page.locator('iframe#app').evaluate((f) => f.getBoundingClientRect().bottom);
  await page.setViewportSize({ width: 940, height: Math.min(Math.ceil(height) + 24, 8000) });
  await page.waitForTimeout(100);
  await page.locator('iframe#app').screenshot({ path: path.join(ARTIFACTS, file) });
}
async function waitForSize() { // the view reported its height, the host applied it, and it settled
  let last = '';
  for (let i = 0; i < 40; i++) {
    const now = JSON.stringify((await hostLog()).sizes);
    if (now !== '[]' && now === last) return;
    last = now;
    await page.waitForTimeout(150);
  }
}

// ---- revenue_breakdown: the handshake, the table, totals, chart, warnings, sorting
await step('revenue_breakdown view', async () => {
  const r = sc('revenue_breakdown');
  const mounted = await mount('revenue_breakdown', CALLS.revenue_breakdown, results.revenue_breakdown);
  await view.locator('table[data-table="clients"]').first().waitFor();
  check('view: ui/initialize declares appCapabilities.availableDisplayModes ["inline"] and its appInfo',
    isDeepStrictEqual(mounted.appCapabilities?.availableDisplayModes, ['inline']) && mounted.appInfo?.name && mounted.appInfo?.version, show(mounted));
  // The view's conversation: without the proxy's own sandbox-* messages.
  const traffic = (await hostLog()).traffic.filter((t) => !t.message.method?.startsWith('ui/notifications/sandbox-'));
  const fromView = traffic.filter((t) => t.dir === 'view->host').map((t) => t.message);
  const toView = traffic.filter((t) => t.dir === 'host->view').map((t) => t.message);
  const init = fromView[0];
  check('view: its first message is the ui/initialize request, protocolVersion 2026-01-26',
    init?.method === 'ui/initialize' && init.id !== undefined && init.params?.protocolVersion === '2026-01-26', show(init));
  const answer = toView.find((m) => m.id === init?.id);
  check('host (AppBridge): answered ui/initialize with protocolVersion 2026-01-26 and no error',
    answer?.result?.protocolVersion === '2026-01-26', show(answer));
  const initialized = traffic.findIndex((t) => t.message.method === 'ui/notifications/initialized');
  const firstNotification = traffic.findIndex((t) => t.dir === 'host->view' && t.message.method !== undefined);
  check('view: sent ui/notifications/initialized before the host sent it anything else',
    initialized > 0 && initialized < firstNotification, `${initialized} ${firstNotification}`);
  check('host: tool-input then tool-result reached the view', toView.some((m) => m.method === 'ui/notifications/tool-input')
    && toView.some((m) => m.method === 'ui/notifications/tool-result'));
  await waitForSize();
  const sizes = (await hostLog()).sizes;
  check('view: reports its size (ui/notifications/size-changed) and the host sized the iframe',
    sizes.length > 0 && sizes.at(-1) > 300, show(sizes));
  check('view: title and period', (await view.locator('#title').textContent()) === TITLES.revenue_breakdown
    && (await view.locator('#subtitle').textContent()).includes(`${r.start_date} to ${r.end_date}`), await view.locator('#subtitle').textContent());

  const currencies = r.totals.map((t) => t.currency);
  check('revenue: one section per currency of totals', isDeepStrictEqual(await view.locator('section.currency').evaluateAll((s) => s.map((e) => e.dataset.currency)), currencies));
  let rows = 0;
  for (const t of r.totals) {
    const s = section(t.currency), clients = byCurrency(r.clients, t.currency);
    rows += await bodyRows(s, 'clients').count();
    check(`revenue ${t.currency}: one table row per client row of the result (${clients.length})`, await bodyRows(s, 'clients').count() === clients.length);
    const foot = await footCells(s, 'clients');
    const want = [`Total (${int(t.clients)} client${t.clients === 1 ? '' : 's'})`, money(t.mrr, t.currency), money(t.recurring_invoiced, t.currency),
      money(t.project_total, t.currency), money(t.ad_hoc_total, t.currency), money(t.non_recurring_total, t.currency)];
    check(`revenue ${t.currency}: the totals row shows the result's totals`, isDeepStrictEqual(foot.slice(0, 6), want), `${show(foot)} want ${show(want)}`);
    const series = await s.locator('svg[data-chart="revenue"] g[data-series]').evaluateAll((g) => g.map((e) => [e.dataset.series, e.querySelectorAll('rect').length]));
    const drawn = clients.slice(0, 30);
    check(`revenue ${t.currency}: the chart has one series element per series, one bar per known value`, isDeepStrictEqual(series, [
      ['recurring_invoiced', drawn.filter((c) => c.recurring_invoiced !== null).length],
      ['non_recurring_total', drawn.filter((c) => c.non_recurring_total !== null).length]]), show(series));
    const axis = await s.locator('svg[data-chart="revenue"] text.axis').textContent();
    check(`revenue ${t.currency}: the value axis names the currency`, axis.includes(t.currency), axis);
  }
  check('revenue: rows in all sections = clients in the result', rows === r.clients.length, `${rows} vs ${r.clients.length}`);
  const warned = await view.locator('.warnings li:has(code)').count();
  check(`revenue: every warning is listed (${r.warnings.length})`, warned === r.warnings.length, `${warned}`);
  if (r.warnings.length) {
    check('revenue: a warning shows its kind and detail', (await view.locator('.warnings li').first().textContent()).includes(r.warnings[0].detail));
  }
  await screenshot('mcp-apps-revenue.png');

  // Sorting: the first currency's table by MRR, ascending then descending.
  const cur = currencies[0], s = section(cur), clients = byCurrency(r.clients, cur);
  const mrrHeader = s.locator('table[data-table="clients"] thead th', { hasText: /^MRR$/ }).locator('button');
  await mrrHeader.click();
  let names = await texts(bodyRows(s, 'clients').locator('td:first-child'));
  check('sort: clicking MRR sorts ascending (numbers, nulls last)', isDeepStrictEqual(names, sortedBy(clients, 'mrr', 1).map((c) => c.client_name))
    && (await s.locator('th[aria-sort="ascending"]').textContent()) === 'MRR', show(names));
  await mrrHeader.click();
  names = await texts(bodyRows(s, 'clients').locator('td:first-child'));
  check('sort: clicking MRR again sorts descending', isDeepStrictEqual(names, sortedBy(clients, 'mrr', -1).map((c) => c.client_name)), show(names));
});

// ---- drill-down: a client row -> that client's revenue_breakdown, through the host
async function drillFrom(tool, expectArgs) {
  const r = sc(tool);
  const row = r.clients.find((c) => c.client_id > 0 && c.recurring_items?.length) ?? r.clients.find((c) => c.client_id > 0);
  if (!row) throw new Error(`${tool} has no client row at ${show(CALLS[tool])}: is the demo simulator anchored at HALO_MCP_NOW?`);
  const before = viewCalls.length;
  await view.locator(`button.drill[data-client-id="${row.client_id}"]`).first().click();
  await view.locator('#title', { hasText: 'Revenue: ' }).waitFor();
  const call = viewCalls[before];
  const want = { name: 'revenue_breakdown', arguments: { client_id: row.client_id, ...expectArgs } };
  check(`drill-down from ${tool}: the view asked the host for exactly ${show(want)}`, viewCalls.length === before + 1 && isDeepStrictEqual(call, want), show(call));
  const hostCalls = (await hostLog()).calls;
  check(`drill-down from ${tool}: the call went through AppBridge's tools/call handler`, isDeepStrictEqual(hostCalls.at(-1), want), show(hostCalls.at(-1)));
  return row;
}
await step('drill-down from revenue_breakdown', async () => {
  const row = await drillFrom('revenue_breakdown', CALLS.revenue_breakdown);
  const d = (await client.callTool({ name: 'revenue_breakdown', arguments: { client_id: row.client_id, ...CALLS.revenue_breakdown } })).structuredContent;
  check('drill-down: the title names the client, "Back" is shown', (await view.locator('#title').textContent()) === `Revenue: ${row.client_name}` && await view.locator('#back').isVisible());
  check('drill-down: one row per client row of the drill result', await bodyRows(view, 'clients').count() === d.clients.length, `${await bodyRows(view, 'clients').count()} vs ${d.clients.length}`);
  const t = d.totals[0];
  check('drill-down: its totals row', (await footCells(section(t.currency), 'clients'))[1] === money(t.mrr, t.currency));
  const items = d.clients.reduce((n, c) => n + (c.recurring_items?.length ?? 0), 0);
  check(`drill-down: the client's recurring items are listed (${items})`, await bodyRows(view, 'items').count() === items);
  check('drill-down: no drill links inside a one-client view', await view.locator('button.drill').count() === 0);
  await screenshot('mcp-apps-drilldown.png');
  await view.locator('#back').click();
  check('drill-down: "Back" shows the original result again', (await view.locator('#title').textContent()) === TITLES.revenue_breakdown
    && await bodyRows(view, 'clients').count() === sc('revenue_breakdown').clients.length && !(await view.locator('#back').isVisible()));

  failNext = 'rpc';
  await view.locator('button.drill').first().click();
  await view.locator('#error:not(:empty)').waitFor();
  check('drill-down: a JSON-RPC error from the host is shown as an error line, the view stays',
    (await view.locator('#error').textContent()).includes('host refused the call (test)') && (await view.locator('#title').textContent()) === TITLES.revenue_breakdown,
    await view.locator('#error').textContent());
  failNext = 'isError';
  await view.locator('button.drill').first().click();
  await view.locator('#error', { hasText: /start_date|end_date/ }).waitFor({ timeout: 10_000 });
  check('drill-down: a tool result with isError is shown as an error line', (await view.locator('#title').textContent()) === TITLES.revenue_breakdown);
});
for (const tool of ['receivables_aging', 'client_profitability', 'unbilled_time']) {
  await step(`drill-down from ${tool}`, async () => {
    if (!sc(tool).clients?.some((c) => c.client_id > 0)) throw new Error(`${tool} has no client row at ${show(CALLS[tool])}: is the demo simulator anchored at HALO_MCP_NOW?`);
    await mount(tool, CALLS[tool], results[tool]);
    await view.locator('table[data-table="clients"]').first().waitFor();
    const period = Object.fromEntries(Object.entries(CALLS[tool]).filter(([k]) => ['as_of', 'start_date', 'end_date'].includes(k)));
    await drillFrom(tool, period);
    check(`drill-down from ${tool}: the client's revenue is drawn`, await view.locator('table[data-table="clients"]').count() > 0 || await view.locator('.warnings').count() > 0);
    await view.locator('#back').click();
    check(`drill-down from ${tool}: "Back" returns to ${tool}`, (await view.locator('#title').textContent()) === TITLES[tool]);
  });
}

// ---- every other tool: its own table, totals, chart series and warnings
async function common(tool) {
  const r = sc(tool);
  const mounted = await mount(tool, CALLS[tool], results[tool]);
  check(`${tool}: the previous view answered ui/resource-teardown with {}`, isDeepStrictEqual(mounted.teardown, {}), show(mounted.teardown));
  await view.locator('#title', { hasText: TITLES[tool] }).waitFor();
  check(`${tool}: no error line`, (await view.locator('#error').textContent()) === '', await view.locator('#error').textContent());
  check(`${tool}: every warning is listed (${r.warnings?.length ?? 0})`, await view.locator('.warnings li:has(code)').count() === (r.warnings?.length ?? 0));
  await waitForSize();
  await screenshot(`mcp-apps-${tool}.png`);
  return r;
}
async function seriesOf(scope, chartName) {
  return scope.locator(`svg[data-chart="${chartName}"] g[data-series]`).evaluateAll((g) => g.map((e) => e.dataset.series));
}
await step('mrr_trend view', async () => {
  const r = await common('mrr_trend');
  for (const cur of [...new Set(r.months.map((m) => m.currency))]) {
    const s = section(cur), months = byCurrency(r.months, cur);
    check(`mrr_trend ${cur}: one row per month`, await bodyRows(s, 'months').count() === months.length);
    check(`mrr_trend ${cur}: MRR line and new/churned bars`, isDeepStrictEqual(await seriesOf(s, 'mrr'), ['mrr'])
      && isDeepStrictEqual(await seriesOf(s, 'mrr_change'), ['new_mrr', 'churned_mrr']));
    const last = months.at(-1);
    const cells = await texts(bodyRows(s, 'months').last().locator('td'));
    check(`mrr_trend ${cur}: the last month's MRR as the result has it`, cells[0] === last.month && cells[1] === money(last.mrr, cur), show(cells));
  }
});
await step('receivables_aging view', async () => {
  const r = await common('receivables_aging');
  for (const t of r.totals) {
    const s = section(t.currency);
    check(`receivables_aging ${t.currency}: one row per client`, await bodyRows(s, 'clients').count() === byCurrency(r.clients, t.currency).length);
    const foot = await footCells(s, 'clients');
    check(`receivables_aging ${t.currency}: the totals row`, isDeepStrictEqual(foot.slice(0, 7), ['Total', ...['current', '1_30', '31_60', '61_90', 'over_90', 'outstanding'].map((k) => money(t[k], t.currency))]), show(foot));
    check(`receivables_aging ${t.currency}: five bucket series`, isDeepStrictEqual(await seriesOf(s, 'aging'), ['current', '1_30', '31_60', '61_90', 'over_90']));
  }
});
await step('agent_utilisation view', async () => {
  const r = await common('agent_utilisation');
  check('agent_utilisation: one row per agent', await bodyRows(view, 'agents').count() === r.agents.length);
  const foot = await footCells(view, 'agents');
  check('agent_utilisation: the totals row', foot[0] === 'Total' && foot[2] === hours(r.totals.hours) && foot[3] === hours(r.totals.billable_hours), show(foot));
  check('agent_utilisation: billable and non-billable series', isDeepStrictEqual(await seriesOf(view, 'utilisation'), ['billable_hours', 'non_billable_hours']));
});
await step('ticket_stats view', async () => {
  const r = await common('ticket_stats');
  check('ticket_stats: one row per group and per period', await bodyRows(view, 'groups').count() === r.groups.length && await bodyRows(view, 'series').count() === r.series.length);
  const foot = await footCells(view, 'groups');
  check('ticket_stats: the totals row', foot[1] === int(r.totals.opened) && foot[2] === int(r.totals.closed), show(foot));
  check('ticket_stats: opened and closed series in both charts', isDeepStrictEqual(await seriesOf(view, 'tickets_series'), ['opened', 'closed'])
    && isDeepStrictEqual(await seriesOf(view, 'tickets_groups'), ['opened', 'closed']));
});
await step('contract_renewals view', async () => {
  const r = await common('contract_renewals');
  for (const t of r.mrr_at_risk) {
    const s = section(t.currency);
    check(`contract_renewals ${t.currency}: one row per item`, await bodyRows(s, 'items').count() === byCurrency(r.items, t.currency).length);
    const foot = await footCells(s, 'items');
    check(`contract_renewals ${t.currency}: the totals row shows mrr_at_risk`, foot.at(-1) === money(t.mrr_at_risk, t.currency), show(foot));
    if (byCurrency(r.by_month, t.currency).length) check(`contract_renewals ${t.currency}: MRR ending per month`, isDeepStrictEqual(await seriesOf(s, 'renewals'), ['mrr']));
  }
});
await step('client_profitability view', async () => {
  const r = await common('client_profitability');
  for (const t of r.totals) {
    const s = section(t.currency);
    check(`client_profitability ${t.currency}: one row per client`, await bodyRows(s, 'clients').count() === byCurrency(r.clients, t.currency).length);
    const foot = await footCells(s, 'clients');
    check(`client_profitability ${t.currency}: the totals row`, foot[1] === money(t.revenue, t.currency) && foot[5] === money(t.margin, t.currency), show(foot));
    const want = t.currency === r.cost_currency ? ['revenue', 'labour_cost', 'margin'] : ['revenue'];
    check(`client_profitability ${t.currency}: series ${want}`, isDeepStrictEqual(await seriesOf(s, 'profitability'), want));
  }
});
await step('unbilled_time view', async () => {
  const r = await common('unbilled_time');
  for (const t of r.totals) {
    const s = section(t.currency);
    check(`unbilled_time ${t.currency}: one row per client`, await bodyRows(s, 'clients').count() === byCurrency(r.clients, t.currency).length);
    const foot = await footCells(s, 'clients');
    check(`unbilled_time ${t.currency}: the totals row (a lower bound says "at least")`, foot[1] === (t.value_complete === false ? 'at least ' : '') + money(t.value, t.currency), show(foot));
    check(`unbilled_time ${t.currency}: one value series`, isDeepStrictEqual(await seriesOf(s, 'unbilled'), ['value']));
  }
});

// ---- shapes the demo does not produce: unknown figures, exact strings, an unknown result, errors
await step('robustness', async () => {
  const odd = {
    as_of: '2025-06-30', start_date: '2024-07-01', end_date: '2025-06-30', clients_total: 2,
    clients: [
      { client_id: 7, client_name: 'Null Ltd', currency: 'GBP', mrr: null, arr: null, recurring_invoiced: '1234567.5', non_recurring_total: null, project_total: null, ad_hoc_total: null, recurring_share: null, recurring_items: [] },
      { client_id: 8, client_name: 'Exact plc', currency: 'GBP', mrr: 0.1, arr: 1.2, recurring_invoiced: -20.05, non_recurring_total: 1e21, project_total: 0, ad_hoc_total: 1e21, recurring_share: 1, recurring_items: [] },
    ],
    totals: [{ currency: 'GBP', mrr: null, arr: null, recurring_invoiced: '1234547.45', non_recurring_total: null, project_total: null, ad_hoc_total: null, recurring_share: null, clients: 2 }],
    warnings: [{ kind: 'source_unavailable', id: null, client_id: null, detail: 'contracts: Halo answered 403', source: 'contracts', status: 403 }],
  };
  await mount('revenue_breakdown', {}, { content: [{ type: 'text', text: '...' }], structuredContent: odd });
  await view.locator('table[data-table="clients"]').waitFor();
  const first = await texts(bodyRows(view, 'clients').first().locator('td'));
  const second = await texts(bodyRows(view, 'clients').nth(1).locator('td'));
  check('robustness: null money is "unknown", never 0', first[1] === 'unknown' && first[5] === 'unknown' && first[6] === 'unknown', show(first));
  check('robustness: a string amount is formatted exactly', first[2] === 'GBP 1,234,567.50', first[2]);
  check('robustness: numbers without float drift (0.1, -20.05, 1e21, a share of 1)', second[1] === 'GBP 0.10' && second[2] === 'GBP -20.05'
    && second[5] === 'GBP 1,000,000,000,000,000,000,000.00' && second[6] === '100.00%', show(second));
  check('robustness: the unknown total is "unknown" too', (await footCells(view, 'clients'))[1] === 'unknown');
  check('robustness: unknown bars are "?" marks, not bars', await view.locator('svg[data-chart="revenue"] g[data-series="non_recurring_total"] text.q').count() === 1);
  await mount('a_tool_the_view_does_not_know', CALLS.revenue_breakdown, results.revenue_breakdown);
  await view.locator('#title', { hasText: TITLES.revenue_breakdown }).waitFor();
  check('robustness: without a known toolInfo name the tool is told from the result\'s shape', await view.locator('svg[data-chart="revenue"]').count() > 0);
  await mount('revenue_breakdown', {}, { content: [], structuredContent: { report: 'x', rows: [{ a: 1, b: 'two' }, { a: 3, b: null }] } });
  await view.locator('table[data-table="rows"]').waitFor();
  check('robustness: an unknown shape becomes a generic table of its arrays', await bodyRows(view, 'rows').count() === 2);
  await mount('revenue_breakdown', {}, { isError: true, content: [{ type: 'text', text: 'start_date is after end_date' }] });
  await view.locator('#error:not(:empty)').waitFor();
  check('robustness: a result with isError is an error line', (await view.locator('#error').textContent()).includes('start_date is after end_date'));
  await page.evaluate(() => window.cancelTool('the user stopped it'));
  await view.locator('#error', { hasText: 'cancelled' }).waitFor();
  check('robustness: ui/notifications/tool-cancelled is shown', (await view.locator('#error').textContent()).includes('the user stopped it'));
});

// ---- host context, ping, teardown
await step('theme, ping', async () => {
  await mount('revenue_breakdown', CALLS.revenue_breakdown, results.revenue_breakdown);
  await view.locator('table[data-table="clients"]').first().waitFor();
  const background = () => view.locator('body').evaluate((b) => getComputedStyle(b).backgroundColor);
  const light = await background();
  await page.evaluate(() => window.setTheme('dark'));
  await view.locator('html[data-theme="dark"]').waitFor();
  const dark = await background();
  const luminance = (rgb) => { const [r, g, b] = rgb.match(/\d+/g).map(Number); return (r + g + b) / 765; };
  check('theme: light by default, dark after ui/notifications/host-context-changed', luminance(light) > 0.8 && luminance(dark) < 0.3, `${light} -> ${dark}`);
  await screenshot('mcp-apps-dark.png');
  check('ping: the view answers {}', isDeepStrictEqual(await page.evaluate(() => window.pingView()), {}));
  check('teardown: the view answers ui/resource-teardown with {}', isDeepStrictEqual(await page.evaluate(() => window.unmountView()), {}));
});

// ---- the whole session
const log = await hostLog();
check('host: AppBridge reported no protocol error from the view', log.errors.length === 0, show(log.errors));
check('browser: no console error, no uncaught exception', consoleErrors.length === 0 && pageErrors.length === 0, show([...consoleErrors, ...pageErrors]));
check('browser: no CSP violation', cspViolations.length === 0, show(cspViolations));
const foreign = requests.filter((u) => !u.startsWith(`${hostOrigin}/`) && !u.startsWith(`${sandboxOrigin}/`));
check('browser: no request beyond the host and sandbox origins', foreign.length === 0, show(foreign));
check('browser: the view itself fetched nothing (only the host page, its script and the proxy were served)',
  seen.every((u) => ['/', '/host.js', '/sandbox.html', '/favicon.ico'].includes(u)), show(seen));

// ---- the CSP is really in force in the view's frame: a probe must be refused and reach no server
await step('CSP probe', async () => {
  await mount('revenue_breakdown', CALLS.revenue_breakdown, results.revenue_breakdown);
  await view.locator('table[data-table="clients"]').first().waitFor();
  const frame = page.frames().find((f) => f.url() === 'about:srcdoc');
  const fetched = await frame.evaluate(async (origin) => {
    new Image().src = `${origin}/csp-probe.png`;
    try { await fetch(`${origin}/csp-probe`); return 'fetched'; } catch (e) { return 'refused'; }
  }, hostOrigin);
  await page.waitForTimeout(300);
  check('CSP probe: the view can neither fetch nor load an image from another origin', fetched === 'refused'
    && cspViolations.some((v) => v.includes('connect-src')) && cspViolations.some((v) => v.includes('img-src'))
    && !seen.some((u) => u.startsWith('/csp-probe')), show({ fetched, cspViolations, seen }));
});

await browser.close();
await client.close();
hostServer.close();
sandboxServer.close();
finish();
