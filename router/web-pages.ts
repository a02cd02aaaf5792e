/**
 * The browser pages the router serves from dist/web/ (built by scripts/build-web.mjs from web/):
 * the offline explorer at /explorer/, the sharing portal at /portal/ and the bundled assets at /assets/. Everything a page needs
 * comes from here; the Content-Security-Policy lets a page load nothing from any other origin
 * (the government intranet has no internet, and a page that could load from elsewhere could also
 * send data elsewhere).
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

/** Monaco runs its language services in workers, and GraphiQL and Monaco set inline styles. */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json; charset=utf-8',
};

/** The pages, by the first segment of their path. */
const PAGES = new Set(['explorer', 'portal']);
/** A bundled asset's name: Vite's `<name>-<hash>.<ext>`, nothing that could climb out of the folder. */
const ASSET_NAME = /^[A-Za-z0-9_.-]+$/;

export function webRoot(): string {
  const root = __dirname.split(sep).includes('dist') ? resolve(__dirname, '..', '..') : resolve(__dirname, '..');
  return join(root, 'dist', 'web');
}

function securityHeaders(res: ServerResponse): void {
  res.setHeader('content-security-policy', PAGE_CSP);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
}

function notFound(res: ServerResponse, what: string): void {
  res.statusCode = 404;
  res.setHeader('content-type', 'text/plain; charset=utf-8');
  res.end(`Not found: ${what}`);
}

/**
 * Answers a GET/HEAD for a page or an asset and returns true, or returns false when the path is
 * not one of ours. `endpoint` is the GraphQL path the page should call.
 */
export function serveWebPage(req: IncomingMessage, res: ServerResponse, pathname: string, endpoint: string, root = webRoot()): boolean {
  const segments = pathname.split('/').filter(Boolean);
  const first = segments[0];
  if (!first || (!PAGES.has(first) && first !== 'assets')) return false;
  // A page is one file: anything below it is not ours, whatever the method (so a path that exists
  // only in development, such as the portal's /portal/dev/sign-in, is a plain 404 in production).
  if (PAGES.has(first) && segments.length > 1) {
    securityHeaders(res);
    notFound(res, pathname);
    return true;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.statusCode = 405;
    res.setHeader('allow', 'GET, HEAD');
    res.end();
    return true;
  }
  securityHeaders(res);
  if (PAGES.has(first)) {
    if (pathname === `/${first}`) {
      res.statusCode = 308;
      res.setHeader('location', `/${first}/`);
      res.end();
      return true;
    }
    const index = join(root, first, 'index.html');
    if (segments.length > 1 || !existsSync(index)) {
      notFound(res, existsSync(index) ? pathname : `${pathname} (the pages are not built: npm run build)`);
      return true;
    }
    // The endpoint is handed to the page in a meta tag, so the page works whatever path the
    // router serves GraphQL on.
    const safe = endpoint.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
    const html = readFileSync(index, 'utf8').replace('</head>', `<meta name="graphql-endpoint" content="${safe}" />\n</head>`);
    res.statusCode = 200;
    res.setHeader('content-type', CONTENT_TYPES['.html']);
    res.setHeader('cache-control', 'no-cache');
    res.setHeader('content-length', Buffer.byteLength(html));
    res.end(req.method === 'HEAD' ? undefined : html);
    return true;
  }
  const name = segments.slice(1).join('/');
  const file = join(root, 'assets', name);
  if (segments.length !== 2 || !ASSET_NAME.test(name) || !existsSync(file) || !statSync(file).isFile()) {
    notFound(res, pathname);
    return true;
  }
  res.statusCode = 200;
  res.setHeader('content-type', CONTENT_TYPES[extname(name)] ?? 'application/octet-stream');
  // Names carry a content hash: a changed file is a new name.
  res.setHeader('cache-control', 'public, max-age=31536000, immutable');
  res.setHeader('content-length', statSync(file).size);
  if (req.method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
  return true;
}
