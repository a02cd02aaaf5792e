// The browser pages the router serves (issue 14), bundled at build time so that nothing loads from
// the internet at run time: every script, style, worker and font is a file under dist/web/.
// `base: './'` keeps asset URLs relative, so a page works under whatever path the router mounts it.
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('.'),
  base: './',
  logLevel: 'warn',
  build: {
    outDir: here('../dist/web'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 8000,
    rollupOptions: {
      input: { explorer: here('explorer/index.html'), portal: here('portal/index.html') },
      // React libraries mark modules "use client" for server components; a browser bundle has none.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
});
