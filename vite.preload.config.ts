/**
 * Builds the preload bridge twice from the same source:
 * - default mode: electron/preload/preload.cts -> dist/preload/preload.cjs, one CommonJS file
 *   (a sandboxed preload can require only `electron` and a few built-ins, never local files);
 * - `--mode harness`: e2e/harness/bridge-entry.ts -> dist/harness/bridge.js, a browser IIFE that
 *   installs the same `createMamoriApi` over Playwright bindings for the browser harness.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig(({ mode }) => {
  const harness = mode === 'harness';
  return {
    publicDir: false,
    build: {
      outDir: here(harness ? 'dist/harness' : 'dist/preload'),
      emptyOutDir: true,
      target: 'chrome130',
      minify: false,
      sourcemap: false,
      lib: harness
        ? { entry: here('e2e/harness/bridge-entry.ts'), formats: ['iife'], name: 'mamoriHarnessBridge', fileName: () => 'bridge.js' }
        : { entry: here('electron/preload/preload.cts'), formats: ['cjs'], fileName: () => 'preload.cjs' },
      rolldownOptions: { external: ['electron'] },
    },
  };
});
