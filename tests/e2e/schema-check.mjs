// Validates every message a server wrote against the official MCP JSON Schema of the protocol
// version in use (tests/schemas/mcp-schema-<version>.json, copied from the specification repository
// so that a clean clone is self-contained), by message kind: responses are checked against the
// result type of the request they answer.
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const here = dirname(fileURLToPath(import.meta.url));

function findReference() {
  const candidates = [process.env.MCP_SCHEMA_DIR, join(here, '../schemas')];
  for (const c of candidates) if (c && existsSync(join(c, 'mcp-schema-2025-11-25.json'))) return c;
  throw new Error('MCP schemas not found (set MCP_SCHEMA_DIR)');
}

const RESULT_TYPE = {
  initialize: 'InitializeResult',
  ping: 'EmptyResult',
  'tools/list': 'ListToolsResult',
  'tools/call': 'CallToolResult',
  'server/discover': 'DiscoverResult',
  'logging/setLevel': 'EmptyResult',
};

export class SchemaChecker {
  constructor(version) {
    const file = join(findReference(), `mcp-schema-${version === '2026-07-28' ? '2026-07-28' : '2025-11-25'}.json`);
    const schema = JSON.parse(readFileSync(file, 'utf8'));
    this.ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(this.ajv);
    this.ajv.addSchema(schema, 'mcp');
    this.defs = schema.$defs;
    this.pending = new Map();  // request id -> method (requests the client sent)
    this.checked = 0;
    this.failures = [];
  }
  validator(name) {
    if (!this.defs[name]) return null;
    return this.ajv.getSchema(`mcp#/$defs/${name}`);
  }
  noteRequest(msg) {
    if (msg && msg.method && msg.id !== undefined) this.pending.set(msg.id, msg.method);
  }
  check(msg) {
    this.checked++;
    const fail = (what, errors) => this.failures.push(`${what}: ${JSON.stringify(errors?.slice(0, 3))} in ${JSON.stringify(msg).slice(0, 300)}`);
    const envelope = this.validator('JSONRPCMessage');
    if (!envelope(msg)) return fail('JSONRPCMessage', envelope.errors);
    if (msg.method !== undefined) {
      const v = this.validator('ServerNotification') ?? this.validator('ServerRequest');
      if (msg.id === undefined && v && !v(msg)) fail(`notification ${msg.method}`, v.errors);
      return;
    }
    if (msg.error !== undefined) return;
    const method = this.pending.get(msg.id);
    const typeName = method && RESULT_TYPE[method];
    const v = typeName && this.validator(typeName);
    if (v && !v(msg.result)) fail(`${typeName} (answer to ${method})`, v.errors);
  }
}
