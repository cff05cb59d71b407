/**
 * The renderer: renderer/index.html -> dist/renderer. `base: './'` because Electron loads it with
 * loadFile (file://) and the harness serves it from a path; no inline scripts or styles are
 * emitted, so the strict CSP in index.html holds for the built output.
 */
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('renderer', import.meta.url)),
  base: './',
  plugins: [react()],
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome130',
    // An inlined data: module-preload polyfill or asset would need a looser CSP.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
});
