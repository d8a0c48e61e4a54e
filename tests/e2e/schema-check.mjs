// Validates every message a server wrote against the official MCP JSON Schema of the protocol
// version in use (tests/schemas/mcp-schema-<version>.json, copied from the specification repository
// so that a clean clone is self-contained), by message kind and by the most specific definition
// the schema has: results against the result type of the request they answer, errors against the
// definition of their code where one exists (ParseError, UnsupportedProtocolVersionError... in
// 2026-07-28) and JSONRPCErrorResponse always, notifications and server requests against the
// definition of their method, batch arrays member by member. Anything it cannot place (a result
// for a request it never saw, a method without a definition) is a failure, not a pass; so is
// having checked nothing (ok()).
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

export const LEGACY_VERSIONS = ['2025-11-25', '2025-06-18', '2025-03-26', '2024-11-05'];
export const MODERN_VERSION = '2026-07-28';

/// The schema file that governs a protocol version: every legacy revision is checked against the
/// newest legacy schema (see tests/schemas/README.md); null for a version we know nothing about.
export function schemaVersionFor(version) {
  if (version === MODERN_VERSION) return MODERN_VERSION;
  if (LEGACY_VERSIONS.includes(version)) return '2025-11-25';
  return null;
}

const RESULT_TYPE = {
  initialize: 'InitializeResult',
  ping: 'EmptyResult',
  'tools/list': 'ListToolsResult',
  'tools/call': 'CallToolResult',
  'server/discover': 'DiscoverResult',
  'logging/setLevel': 'EmptyResult',
  'prompts/list': 'ListPromptsResult',
  'prompts/get': 'GetPromptResult',
  'resources/list': 'ListResourcesResult',
  'resources/templates/list': 'ListResourceTemplatesResult',
  'resources/read': 'ReadResourceResult',
  'resources/subscribe': 'EmptyResult',
  'resources/unsubscribe': 'EmptyResult',
  'completion/complete': 'CompleteResult',
};

const NOTIFICATION_TYPE = {
  'notifications/progress': 'ProgressNotification',
  'notifications/message': 'LoggingMessageNotification',
  'notifications/cancelled': 'CancelledNotification',
  'notifications/tools/list_changed': 'ToolListChangedNotification',
  'notifications/prompts/list_changed': 'PromptListChangedNotification',
  'notifications/resources/list_changed': 'ResourceListChangedNotification',
  'notifications/resources/updated': 'ResourceUpdatedNotification',
};

const SERVER_REQUEST_TYPE = {
  ping: 'PingRequest',
  'sampling/createMessage': 'CreateMessageRequest',
  'elicitation/create': 'ElicitRequest',
  'roots/list': 'ListRootsRequest',
};

const ERROR_TYPE = {
  [-32700]: 'ParseError',
  [-32600]: 'InvalidRequestError',
  [-32601]: 'MethodNotFoundError',
  [-32602]: 'InvalidParamsError',
  [-32603]: 'InternalError',
  [-32020]: 'HeaderMismatchError',
  [-32021]: 'MissingRequiredClientCapabilityError',
  [-32022]: 'UnsupportedProtocolVersionError',
};

// One compiled schema per file, shared by every checker (compiling one costs ~100 ms).
const compiled = new Map();
function compiledSchema(schemaVersion) {
  if (!compiled.has(schemaVersion)) {
    const file = join(findReference(), `mcp-schema-${schemaVersion}.json`);
    const schema = JSON.parse(readFileSync(file, 'utf8'));
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema(schema, 'mcp');
    compiled.set(schemaVersion, { ajv, defs: schema.$defs });
  }
  return compiled.get(schemaVersion);
}

export class SchemaChecker {
  /// `version` is a protocol version (any legacy revision, or 2026-07-28).
  constructor(version) {
    const schemaVersion = schemaVersionFor(version);
    if (!schemaVersion) throw new Error(`no MCP schema for protocol version ${version}`);
    this.version = version;
    ({ ajv: this.ajv, defs: this.defs } = compiledSchema(schemaVersion));
    this.pending = new Map();  // request id -> method (requests the client sent)
    this.checked = 0;
    this.failures = [];
    this.byKind = { result: 0, error: 0, specificError: 0, notification: 0, request: 0, batch: 0, nullId: 0 };
  }
  validator(name) {
    if (!this.defs[name]) return null;
    return this.ajv.getSchema(`mcp#/$defs/${name}`);
  }
  noteRequest(msg) {
    if (Array.isArray(msg)) { for (const m of msg) this.noteRequest(m); return; }
    if (msg && msg.method && msg.id !== undefined) this.pending.set(JSON.stringify(msg.id), msg.method);
  }
  fail(what, errors, msg) {
    this.failures.push(`[${this.version}] ${what}: ${errors ? JSON.stringify(errors.slice(0, 3)) : ''} in ${JSON.stringify(msg).slice(0, 300)}`);
  }
  /// Validates `msg` against definition `name`; a definition the schema lacks is a failure.
  against(name, value, what, msg) {
    const v = this.validator(name);
    if (!v) return this.fail(`${what}: the schema has no definition ${name}`, null, msg);
    if (!v(value)) this.fail(`${name} (${what})`, v.errors, msg);
  }
  /// A transport reported something it could not digest (the SDK's own validation).
  transportError(error) {
    this.failures.push(`[${this.version}] transport error: ${String(error?.message ?? error).slice(0, 300)}`);
  }
  ok() { return this.checked > 0 && this.failures.length === 0; }
  summary() {
    const k = this.byKind;
    return `${this.checked} messages: ${k.result} results, ${k.error} errors (${k.specificError} by their code's own definition), `
      + `${k.notification} notifications, ${k.request} server requests, ${k.batch} batches`
      + (k.nullId ? `, ${k.nullId} error(s) with JSON-RPC null id` : '');
  }
  check(msg) {
    if (Array.isArray(msg)) {
      this.byKind.batch++;
      if (msg.length === 0) { this.checked++; return this.fail('empty batch array', null, msg); }
      for (const member of msg) this.check(member);
      return;
    }
    this.checked++;
    // JSON-RPC 2.0 (and docs/mcp.md) answer an unparsable or id-less invalid request with
    // "id": null; the MCP schema declares the id optional rather than nullable. Checked with the
    // null removed, and counted in the summary so it is never silent.
    if (msg && typeof msg === 'object' && msg.id === null && msg.error !== undefined) {
      this.byKind.nullId++;
      const { id, ...rest } = msg;
      msg = rest;
    }
    const envelope = this.validator('JSONRPCMessage');
    if (!envelope(msg)) return this.fail('JSONRPCMessage', envelope.errors, msg);
    if (msg.method !== undefined) {
      const table = msg.id === undefined ? NOTIFICATION_TYPE : SERVER_REQUEST_TYPE;
      this.byKind[msg.id === undefined ? 'notification' : 'request']++;
      const name = table[msg.method];
      if (!name) return this.fail(`no definition known for server ${msg.id === undefined ? 'notification' : 'request'} ${msg.method}`, null, msg);
      return this.against(name, msg, msg.method, msg);
    }
    if (msg.error !== undefined) {
      this.byKind.error++;
      this.against('JSONRPCErrorResponse', msg, 'error response', msg);
      const name = ERROR_TYPE[msg.error.code];
      const def = name && this.defs[name];
      if (!def) return;  // this schema has no specific definition for the code: the generic one it is
      this.byKind.specificError++;
      // Some definitions describe the whole response (UnsupportedProtocolVersionError), others
      // only its error object (ParseError).
      const whole = def.properties && def.properties.jsonrpc;
      return this.against(name, whole ? msg : msg.error, `error ${msg.error.code}`, msg);
    }
    this.byKind.result++;
    const method = this.pending.get(JSON.stringify(msg.id));
    if (!method) return this.fail(`result for id ${JSON.stringify(msg.id)}, which no request the client sent had`, null, msg);
    const name = msg.result?.resultType === 'input_required' && this.defs.InputRequiredResult
      ? 'InputRequiredResult' : RESULT_TYPE[method];
    if (!name) return this.fail(`no result definition known for ${method}`, null, msg);
    this.against(name, msg.result, `answer to ${method}`, msg);
  }
}
