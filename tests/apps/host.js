// Host side of the MCP Apps browser test, run in the host page (tests/apps/host.html) after
// esbuild bundles it with the official @modelcontextprotocol/ext-apps AppBridge, so every message
// of the view is parsed and answered by the reference implementation. window.mountView() embeds
// one tool result the way a web host must: a sandbox proxy iframe on another origin, the HTML sent
// in ui/notifications/sandbox-resource-ready, tool-input and tool-result after the view's
// ui/notifications/initialized. The view's tools/call goes to window.hostCallTool, a function
// the Node test exposes (it performs the call on the real server). Everything the bridge sees is
// recorded in window.hostLog for the test to check.
import { AppBridge, PostMessageTransport } from '@modelcontextprotocol/ext-apps/app-bridge';

const log = (window.hostLog = { traffic: [], errors: [], sizes: [], calls: [], logs: [] });
let current = null; // { bridge, iframe, hostContext }

// Records each JSON-RPC message in both directions on the bridge's transport.
function recording(transport) {
  const send = transport.send.bind(transport);
  transport.send = (message, options) => { log.traffic.push({ dir: 'host->view', message }); return send(message, options); };
  let handler;
  Object.defineProperty(transport, 'onmessage', {
    configurable: true,
    get() { return handler; },
    set(fn) { handler = fn && ((message, extra) => { log.traffic.push({ dir: 'view->host', message }); return fn(message, extra); }); },
  });
  return transport;
}

// Tears down the view on screen, if any: ui/resource-teardown first, as the spec requires.
async function unmount() {
  if (!current) return null;
  const { bridge, iframe } = current;
  current = null;
  let answer;
  try { answer = await bridge.teardownResource({ reason: 'next test case' }); } catch (e) { answer = { error: String(e.message || e) }; }
  await bridge.close();
  iframe.remove();
  return answer;
}

// Shows `result` of the call `tool`(`args`) with the view's `html`. Resolves once the view is
// initialized and has been sent the input and the result.
window.mountView = async ({ sandboxUrl, html, tool, args, result, theme = 'light', caption }) => {
  const teardown = await unmount();
  log.sizes.length = 0; // the sizes this view reports
  document.getElementById('caption').textContent = caption || tool.name;
  const iframe = document.createElement('iframe');
  iframe.id = 'app';
  iframe.setAttribute('sandbox', 'allow-scripts allow-same-origin');
  iframe.setAttribute('title', tool.name);
  document.getElementById('turn').append(iframe);

  const hostContext = {
    toolInfo: { id: 1, tool },
    theme,
    displayMode: 'inline',
    availableDisplayModes: ['inline'],
    containerDimensions: { maxWidth: 860 },
    locale: 'en-GB',
    timeZone: 'UTC',
    platform: 'web',
    userAgent: 'halo-psa-mcp test host',
  };
  const bridge = new AppBridge(null, { name: 'halo-psa-mcp test host', version: '1.0.0' },
    { serverTools: {}, logging: {} }, { hostContext });
  bridge.onerror = (error) => log.errors.push(String(error && error.message || error));
  bridge.oncalltool = async (params) => {
    log.calls.push(params);
    return window.hostCallTool(params); // Node: the real server's CallToolResult, or a thrown error
  };
  bridge.onloggingmessage = (params) => log.logs.push(params);
  bridge.onsizechange = ({ height }) => {
    log.sizes.push(height);
    if (height !== undefined) iframe.style.height = `${height}px`;
  };
  const proxyReady = new Promise((resolve) => bridge.addEventListener('sandboxready', resolve));
  const initialized = new Promise((resolve) => { bridge.oninitialized = resolve; });

  // The transport talks to the proxy's window; the proxy relays to the view and back.
  iframe.src = sandboxUrl;
  await bridge.connect(recording(new PostMessageTransport(iframe.contentWindow, iframe.contentWindow)));
  current = { bridge, iframe, hostContext };
  await proxyReady;
  await bridge.sendSandboxResourceReady({ html });
  await initialized;
  await bridge.sendToolInput({ arguments: args });
  await bridge.sendToolResult(result);
  return {
    teardown,
    appCapabilities: bridge.getAppCapabilities(),
    appInfo: bridge.getAppVersion(),
  };
};

// setHostContext sends the view ui/notifications/host-context-changed with the fields that changed.
window.setTheme = (theme) => {
  current.hostContext = { ...current.hostContext, theme };
  current.bridge.setHostContext(current.hostContext);
};
window.pingView = () => current.bridge.request({ method: 'ping' });
window.cancelTool = (reason) => current.bridge.sendToolCancelled({ reason });
window.unmountView = unmount;
