import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defaultClientConditions, defineConfig } from 'vite';

// The console is served by the API at /ui/ (same origin, no CORS) from
// dist/web; every asset name carries its content hash, so the API may let
// browsers cache them for good and index.html never.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/ui/',
  plugins: [svelte()],
  // `#client` (package.json "imports") resolves to the TypeScript source of libs/client, as for tsc.
  resolve: { conditions: ['source', ...defaultClientConditions] },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // Under a CSP without 'unsafe-inline' nothing may be inlined: no data: URLs for assets.
    assetsInlineLimit: 0,
    reportCompressedSize: false,
  },
});
