/**
 * Builds the preload bridge three times from the same source (createMamoriApi in bridge.ts):
 * - default mode: electron/preload/preload.cts -> dist/preload/preload.cjs, one CommonJS file
 *   (a sandboxed preload can require only `electron` and a few built-ins, never local files);
 * - `--mode harness`: e2e/harness/bridge-entry.ts -> dist/harness/bridge.js, a browser IIFE that
 *   installs the same `createMamoriApi` over Playwright bindings for the browser harness;
 * - `--mode preview`: electron/preview/browser/bridge-entry.ts -> dist/preview/bridge.js, a browser
 *   IIFE over the loopback transport, for the demo's browser preview (`npm run demo`).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig, type LibraryOptions } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Where each mode's entry is and where its bundle goes. */
const targets: Record<string, { outDir: string; lib: LibraryOptions }> = {
  production: {
    outDir: 'dist/preload',
    lib: { entry: here('electron/preload/preload.cts'), formats: ['cjs'], fileName: () => 'preload.cjs' },
  },
  harness: {
    outDir: 'dist/harness',
    lib: { entry: here('e2e/harness/bridge-entry.ts'), formats: ['iife'], name: 'mamoriHarnessBridge', fileName: () => 'bridge.js' },
  },
  preview: {
    outDir: 'dist/preview',
    lib: { entry: here('electron/preview/browser/bridge-entry.ts'), formats: ['iife'], name: 'mamoriPreviewBridge', fileName: () => 'bridge.js' },
  },
};

export default defineConfig(({ mode }) => {
  const target = targets[mode];
  if (target === undefined) throw new Error(`vite.preload.config.ts: no build for mode "${mode}" (use ${Object.keys(targets).join(', ')}).`);
  return {
    publicDir: false,
    build: {
      outDir: here(target.outDir),
      emptyOutDir: true,
      target: 'chrome130',
      minify: false,
      sourcemap: false,
      lib: target.lib,
      rolldownOptions: { external: ['electron'] },
    },
  };
});
