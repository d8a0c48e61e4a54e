// Starts an MCP server executable with --transport http on a free loopback port, for the e2e
// scripts that drive it with SDK clients over Streamable HTTP.
import { spawn } from 'node:child_process';

/// Resolves with { child, url } once the server logs its address; rejects after 10 s or when
/// the server exits first. The caller kills the child.
export function startHttpServer(command, args = [], env = process.env) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args, '--transport', 'http', '--port', '0', '--log-level', 'info'],
                        { stdio: ['ignore', 'ignore', 'pipe'], env });
    let log = '';
    const timer = setTimeout(() => { child.kill(); reject(new Error(`server did not start: ${log}`)); }, 10000);
    child.stderr.on('data', (chunk) => {
      log += chunk;
      const m = /serving MCP on (http:\/\/127\.0\.0\.1:\d+\/mcp)/.exec(log);
      if (m) { clearTimeout(timer); resolve({ child, url: m[1] }); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited (${code}): ${log}`)); });
  });
}
