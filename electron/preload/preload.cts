/**
 * Electron glue for the preload: the only preload file that touches `electron`. It exposes the
 * task-level bridge under `window.mamori` and never `ipcRenderer` itself. Sandboxed preloads
 * cannot load local files, so vite.preload.config.ts bundles this and bridge.ts into one CJS file.
 */
// verbatimModuleSyntax forbids ESM `import` in a .cts file, so values come in through require.
const { contextBridge, ipcRenderer } = require('electron') as typeof import('electron');
const { createMamoriApi } = require('./bridge.js') as typeof import('./bridge.js');

contextBridge.exposeInMainWorld(
  'mamori',
  createMamoriApi({
    invoke: (channel, payload) => ipcRenderer.invoke(channel, payload),
    on: (channel, listener) => {
      // Only the payload crosses: the renderer never sees the IpcRendererEvent (it holds `sender`).
      const wrapped = (_event: Electron.IpcRendererEvent, payload: unknown) => listener(payload);
      ipcRenderer.on(channel, wrapped);
      return () => {
        ipcRenderer.removeListener(channel, wrapped);
      };
    },
  }),
);
