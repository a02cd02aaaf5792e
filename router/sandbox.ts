/**
 * The page a browser gets on GET of the supergraph path: Apollo Sandbox embedded and pointed at
 * this router (the same embed Apollo Server's landing page and Apollo Router's `sandbox` use).
 * Sandbox loads from Apollo's CDN, so it needs internet access: when its script cannot be loaded
 * (the intranet has none) or does not start within a few seconds, the page goes to the offline
 * explorer instead (issue 14). Off with NODE_ENV=production (router/config.ts).
 */
import type { IncomingMessage } from 'node:http';
import type { RouterConfig } from './config';

const SANDBOX_SCRIPT = 'https://embeddable-sandbox.cdn.apollographql.com/_latest/embeddable-sandbox.umd.production.min.js';

/** JSON is valid JavaScript; escaping `<` keeps a hostile Host header from closing the script. */
const jsString = (s: string) => JSON.stringify(s).replace(/</g, '\\u003c');

/** How long the CDN may take before the page gives up on it. */
const CDN_PATIENCE_MS = 6000;

export function sandboxPage(endpoint: string, explorerPath: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Hengyang data sharing — Apollo Sandbox</title>
<style>html, body, #embeddableSandbox { height: 100%; width: 100%; margin: 0; }</style>
</head>
<body>
<div id="embeddableSandbox"></div>
<script>
  var offline = function () { window.location.replace(${jsString(explorerPath)}); };
  var patience = setTimeout(offline, ${CDN_PATIENCE_MS});
  var start = function () {
    clearTimeout(patience);
    if (!window.EmbeddedSandbox) return offline();
    new window.EmbeddedSandbox({
      target: '#embeddableSandbox',
      initialEndpoint: ${jsString(endpoint)},
      includeCookies: false,
    });
  };
</script>
<script src="${SANDBOX_SCRIPT}" onload="start()" onerror="offline()"></script>
</body>
</html>
`;
}

/** Apollo Router's `homepage` points people at Studio; ours says where the API is. */
export function homePage(endpoint: string, explorerPath: string): string {
  const safe = endpoint.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const explorer = explorerPath.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Hengyang data sharing router</title></head>
<body><p>GraphQL endpoint: <code>${safe}</code>. POST GraphQL requests here, or explore the schema in the
<a href="${explorer}">offline explorer</a>.</p></body></html>
`;
}

/** Where this router is reachable as the browser sees it (its Host header), for Sandbox's endpoint.
 *  A Host that is not a plain host[:port] falls back to the configured listen address. */
export function publicEndpoint(req: IncomingMessage, config: RouterConfig): string {
  const host = req.headers.host && /^[A-Za-z0-9.\-:[\]]+$/.test(req.headers.host) ? req.headers.host : `${config.listen.host}:${config.listen.port}`;
  const proto = req.headers['x-forwarded-proto'] === 'https' ? 'https' : 'http';
  return `${proto}://${host}${config.path}`;
}
