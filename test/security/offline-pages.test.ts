/**
 * Issue 14 — nothing loads from the internet, and no page is a side door. The router's browser
 * pages (the offline explorer, its assets) must reference only the router itself, be served with a
 * Content-Security-Policy that forbids other origins, and never serve a file outside the built
 * pages (path traversal). GET / must not depend on Apollo's CDN without a way back to the local
 * explorer. Each field's sharing class reaches every introspecting tool through its description.
 */
import { gql, routerUrl } from '../support/client';

const origin = () => new URL(routerUrl()).origin;
const get = (path: string, headers: Record<string, string> = {}) => fetch(`${origin()}${path}`, { headers, redirect: 'manual' });

/** Every URL a page or bundle asks the browser to load: src/href attributes, CSS url(), module imports and workers. */
function referencedUrls(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/\b(?:src|href)="([^"]+)"/g)) found.add(m[1]);
  for (const m of text.matchAll(/url\(\s*['"]?([^'")]+)['"]?\s*\)/g)) if (!m[1].startsWith('data:')) found.add(m[1]);
  // `new URL(name, import.meta.url)` (workers) resolves a bare name against the bundle's own URL.
  for (const m of text.matchAll(/new URL\(\s*["'`]([^"'`]+)["'`]\s*,\s*import\.meta\.url/g)) found.add(/^[A-Za-z0-9_-]/.test(m[1]) ? `./${m[1]}` : m[1]);
  // Module loads of a bundle name a built file (.js/.css); a bare './Name' is example text in a docs string.
  for (const m of text.matchAll(/\bimport\(\s*["']([^"']+\.(?:js|css))["']\s*\)/g)) found.add(m[1]);
  for (const m of text.matchAll(/\bfrom\s*["'](\.{1,2}\/[^"']+\.(?:js|css))["']/g)) found.add(m[1]);
  // Vite's preload map of a dynamic import's chunks and styles: "./name-hash.js", "./name-hash.css".
  for (const m of text.matchAll(/["'](\.\/[A-Za-z0-9_.-]+\.(?:js|css))["']/g)) found.add(m[1]);
  // Only literal paths: a template (`${…}`) in a bundle is code that builds a URL, not a load.
  // A bare name (`import("e")` in minified code) is a module specifier resolved by the bundler, not a load.
  return [...found].filter((u) => /^((https?:)?\/\/|\.{0,2}\/)[A-Za-z0-9_.:/-]*(\?[A-Za-z0-9_=&.-]*)?$/.test(u));
}

describe('the offline explorer', () => {
  it('is served with a policy that forbids every other origin, and its page names only local files', async () => {
    const res = await get('/explorer/');
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toMatch(/https?:/);
    const html = await res.text();
    expect(html).toContain('name="graphql-endpoint"');
    const urls = referencedUrls(html);
    expect(urls.length).toBeGreaterThan(1);
    for (const u of urls) expect(u).not.toMatch(/^(https?:)?\/\//);
  });

  it('loads every asset the page and its bundles reference from the router, none from elsewhere', async () => {
    const seen = new Set<string>();
    const queue = ['/explorer/'];
    while (queue.length) {
      const path = queue.shift()!;
      if (seen.has(path)) continue;
      seen.add(path);
      const res = await get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      const type = res.headers.get('content-type') ?? '';
      if (!/html|javascript|css/.test(type)) continue;
      const text = await res.text();
      for (const u of referencedUrls(text)) {
        // Links in licence comments and XML namespaces are text, not loads; loads are relative.
        if (/^(https?:)?\/\//.test(u)) continue;
        queue.push(new URL(u, `${origin()}${path}`).pathname);
      }
      if (type.includes('css')) expect(text).not.toMatch(/url\(\s*['"]?https?:/);
      if (type.includes('html')) expect(text).not.toMatch(/<(script|link)[^>]+(src|href)="(https?:)?\/\//);
    }
    // The page, its script and style, Monaco's editor and GraphQL workers and its icon font.
    expect([...seen].some((p) => /worker/.test(p))).toBe(true);
    expect([...seen].some((p) => p.endsWith('.ttf'))).toBe(true);
  });

  it('serves nothing outside the built pages', async () => {
    for (const path of [
      '/assets/..%2f..%2fpackage.json',
      '/assets/../package.json',
      '/assets/%2e%2e/router.yaml',
      '/explorer/../../package.json',
      '/explorer/x',
      '/assets/',
    ]) {
      const res = await get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
      expect(await res.text()).not.toContain('"dependencies"');
    }
  });

  it('GET / in a browser gets Sandbox only with a way back to the offline explorer', async () => {
    const res = await get('/', { accept: 'text/html' });
    if (res.status === 302) {
      expect(res.headers.get('location')).toBe('/explorer/');
      return;
    }
    expect(res.status).toBe(200);
    const html = await res.text();
    // Sandbox (development): its CDN script falls back to the explorer on error or when too slow.
    expect(html).toContain('onerror="offline()"');
    expect(html).toContain('"/explorer/"');
    expect(html).toMatch(/setTimeout\(offline, \d+\)/);
  });
});

describe('the portal', () => {
  it('is served under the same policy, and it and its bundles load nothing from another origin', async () => {
    const res = await get('/portal/');
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toMatch(/https?:/);
    const seen = new Set<string>();
    const queue = ['/portal/'];
    while (queue.length) {
      const path = queue.shift()!;
      if (seen.has(path)) continue;
      seen.add(path);
      const page = await get(path);
      expect({ path, status: page.status }).toEqual({ path, status: 200 });
      const type = page.headers.get('content-type') ?? '';
      if (!/html|javascript|css/.test(type)) continue;
      const text = await page.text();
      for (const u of referencedUrls(text)) if (!/^(https?:)?\/\//.test(u)) queue.push(new URL(u, `${origin()}${path}`).pathname);
      if (type.includes('html')) expect(text).not.toMatch(/<(script|link)[^>]+(src|href)="(https?:)?\/\//);
      // No web font from a CDN: the page names local system fonts only.
      expect(text).not.toMatch(/fonts\.(googleapis|gstatic)\.com|at\.alicdn\.com/);
    }
    expect([...seen].some((p) => /portal-[\w-]+\.js$/.test(p))).toBe(true);
  });
});

describe('sharing classes in the schema descriptions', () => {
  it('every introspecting tool sees a field’s class, level, default mask and provider', async () => {
    const r = await gql(`{ __type(name: "Person") { fields { name description } } }`);
    expect(r.errors).toBeUndefined();
    const fields = r.data.__type.fields as { name: string; description: string | null }[];
    const idNumber = fields.find((f) => f.name === 'idNumber')!;
    expect(idNumber.description).toMatch(/^【有条件共享 · 不予开放 · L\d · 默认脱敏：身份证号 · 提供：衡阳市公安局】/);
    // Every field of the type has its line, not only the one above.
    for (const f of fields) expect({ field: f.name, line: f.description?.split('\n')[0] }).toEqual({ field: f.name, line: expect.stringMatching(/^【.+】$/) });
  });
});
