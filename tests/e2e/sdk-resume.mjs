// The official TypeScript SDK client (1.x, protocol 2025-11-25) against a server whose tool
// closes its SSE stream mid-call (SEP-1699 polling): the SDK must resume on its own with
// GET + Last-Event-ID and still get the result. Run against the conformance fixture, whose
// test_reconnection tool does exactly that.
// Usage: node sdk-resume.mjs <server executable> [server args...]
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { startHttpServer } from './http-server.mjs';

const [command, ...args] = process.argv.slice(2);
if (!command) { console.error('usage: node sdk-resume.mjs <server> [args...]'); process.exit(2); }

let passed = 0, failed = 0;
function check(name, ok, detail = '') {
  if (ok) { passed++; console.log(`ok   ${name}`); }
  else { failed++; console.log(`FAIL ${name} ${detail}`); }
}

const { child, url } = await startHttpServer(command, args);
try {
  const resumptions = [];
  const watchingFetch = async (input, init) => {
    const headers = new Headers(init?.headers);
    if ((init?.method ?? 'GET') === 'GET' && headers.has('last-event-id')) resumptions.push(headers.get('last-event-id'));
    return fetch(input, init);
  };
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    fetch: watchingFetch,
    reconnectionOptions: { initialReconnectionDelay: 100, maxReconnectionDelay: 1000, reconnectionDelayGrowFactor: 1.5, maxRetries: 3 },
  });
  const errors = [];
  const client = new Client({ name: 'sdk-resume-e2e', version: '1.0.0' });
  client.onerror = (e) => errors.push(String(e?.message ?? e));
  await client.connect(transport);
  const result = await client.callTool({ name: 'test_reconnection', arguments: {} }, undefined, { timeout: 10000 });
  check('the tool result arrives although its stream was closed mid-call',
        result.content?.[0]?.text === 'Reconnection test completed successfully', JSON.stringify(result));
  check(`the SDK resumed with Last-Event-ID (${resumptions.join(', ')})`, resumptions.length >= 1);
  const listed = await client.listTools();
  check('the session goes on afterwards', Array.isArray(listed.tools) && listed.tools.length > 0);
  check('no transport errors', errors.length === 0, errors.join('; '));
  await client.close();
} catch (e) {
  check('session', false, String(e?.stack ?? e));
} finally {
  child.kill('SIGTERM');
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
