/**
 * Electron entry: refuse debugging switches, keep a single instance, build the electron-free main
 * context (desktop/), then set up each part of the glue, each in its own file. The glue follows
 * the settings through the desktop layer's preferences feed, never through the renderer's state.
 */
import { app, dialog } from 'electron';
import { readDesktopConfig } from '../../desktop/config.js';
import { createMainContext } from '../../desktop/main-context.js';
import type { EventChannel } from '../shared/contract.js';
import { APP_FILES } from './app-files.js';
import { hardenApp, hardenSession, refusedSwitch } from './security.js';
import { setupClipboard } from './setup-clipboard.js';
import { setupClockRefresh } from './setup-clock-refresh.js';
import { setupDialogs } from './setup-dialogs.js';
import { setupExternalLinks } from './setup-external-links.js';
import { setupIpc } from './setup-ipc.js';
import { setupLoginItem } from './setup-login-item.js';
import { setupQuit } from './setup-quit.js';
import { setupTray } from './setup-tray.js';
import { setupWindow, type AppWindow } from './setup-window.js';

/** The app's configuration, read once (desktop/config.ts: the CLI reads the same variables). */
const config = readDesktopConfig(process.env);
const STATE_CHANGED: EventChannel = 'state:changed';

// Before the single-instance lock, which lives in this folder: the CLI reads the same one.
app.setPath('userData', config.dataDir);
const externalLinks = setupExternalLinks(config.serviceUrl);

const refused = refusedSwitch(process.argv);
if (refused) {
  console.error(`Mamori does not start with ${refused}: it would let another program read your security codes.`);
  app.exit(2);
} else if (!app.requestSingleInstanceLock()) {
  // Another Mamori is running; it shows its window (see 'second-instance') and this one leaves.
  app.quit();
} else {
  hardenApp(externalLinks.allowed);
  start().catch((error: unknown) => {
    // Nothing the window could show: say it once and leave rather than hang without a window.
    dialog.showErrorBox('Mamori could not start', error instanceof Error ? error.message : String(error));
    app.exit(1);
  });
}

async function start(): Promise<void> {
  await app.whenReady();
  hardenSession();

  let mainWindow: AppWindow | null = null;
  const { handlers, deps, clipboardGuard, preferences } = await createMainContext({
    userDataDir: app.getPath('userData'),
    defaultServiceUrl: config.serviceUrl,
    ...setupClipboard(),
    dialogs: setupDialogs(() => mainWindow?.current() ?? null),
    // Like MAMORI_SERVICE_URL: lets a test or a staging setup point VIP provisioning elsewhere.
    vipUrl: config.vipUrl,
    keychainService: config.keychainService,
    systemLocale: () => app.getPreferredSystemLanguages()[0] ?? app.getLocale(),
  });
  setupIpc(handlers, APP_FILES.indexHtml);

  const initial = await preferences.read();
  externalLinks.follow(preferences, initial.serviceUrl);
  setupLoginItem(config, preferences, initial);
  const win = setupWindow(APP_FILES, deps.store, preferences, initial);
  mainWindow = win;

  /** Tells the window that something changed outside it (a copy from the tray, a new clock offset). */
  async function pushState(): Promise<void> {
    if (win.current() === null) return;
    const state = await handlers['state:get']({});
    if (state.ok) win.send(STATE_CHANGED, state.value);
  }

  const tray = setupTray(APP_FILES.trayIcon, preferences, initial, {
    copyCode: () => {
      void handlers['code:copy']({}).then(() => pushState());
    },
    showWindow: () => win.show(),
    quit: () => app.quit(),
  });
  setupClockRefresh(deps.clock, config.serviceUrl, pushState);
  setupQuit(clipboardGuard, tray);
}
