/**
 * Electron entry: single instance, refuse debugging switches, build the electron-free main
 * context, register every channel of the contract through the one gate, open the window.
 */
import { app, clipboard, dialog, ipcMain } from 'electron';
import { fileURLToPath } from 'node:url';
import { createGate, isAppUrl } from '../node/ipc-gate.js';
import { createMainContext } from '../node/main-context.js';
import { REQUEST_CHANNELS } from '../shared/contract.js';
import { hardenApp, hardenSession, refusedSwitch, rendererFileUrl } from './security.js';
import { createMainWindow } from './window.js';

/** Used until the user or MAMORI_SERVICE_URL names another token service. */
const DEFAULT_SERVICE_URL = 'http://127.0.0.1:8787';

const paths = {
  preload: fileURLToPath(new URL('../../preload/preload.cjs', import.meta.url)),
  indexHtml: fileURLToPath(new URL('../../renderer/index.html', import.meta.url)),
};

const refused = refusedSwitch(process.argv);
if (refused) {
  console.error(`Mamori does not start with ${refused}: it would let another program read your security codes.`);
  app.exit(2);
} else if (!app.requestSingleInstanceLock()) {
  // Another Mamori is running; it shows its window (see 'second-instance') and this one leaves.
  app.quit();
} else {
  hardenApp();
  start().catch((error: unknown) => {
    // Nothing the window could show: say it once and leave rather than hang without a window.
    dialog.showErrorBox('Mamori could not start', error instanceof Error ? error.message : String(error));
    app.exit(1);
  });
}

async function start(): Promise<void> {
  await app.whenReady();
  hardenSession();
  const { handlers } = await createMainContext({
    userDataDir: app.getPath('userData'),
    defaultServiceUrl: process.env.MAMORI_SERVICE_URL ?? DEFAULT_SERVICE_URL,
    clipboard: { writeText: (text) => clipboard.writeText(text) },
    systemLocale: () => app.getPreferredSystemLanguages()[0] ?? app.getLocale(),
  });
  // Only the top document of our own renderer file may call main.
  const pageUrl = rendererFileUrl(paths.indexHtml);
  const gate = createGate(handlers, (senderUrl) => isAppUrl(senderUrl, pageUrl));
  for (const channel of REQUEST_CHANNELS) {
    ipcMain.handle(channel, (event, payload: unknown) => {
      const frame = event.senderFrame;
      // Subframes never call main: only the top document's URL goes to the sender check.
      return gate.invoke(channel, frame && frame.parent === null ? frame.url : undefined, payload);
    });
  }

  let win = createMainWindow(paths);
  app.on('second-instance', () => {
    if (win.isDestroyed()) win = createMainWindow(paths);
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  });
  app.on('window-all-closed', () => app.quit());
}
