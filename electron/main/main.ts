/**
 * Electron entry: refuse debugging switches, single instance, build the electron-free main
 * context, register every channel of the contract through the one gate, open the window and the
 * tray, and apply the desktop preferences (close to tray, start at login, always on top).
 */
import { app, clipboard, ClipboardItem, dialog, ipcMain, screen } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserWindow } from 'electron';
import type { SystemClipboard } from '../../desktop/clipboard-guard.js';
import type { DialogPort } from '../../desktop/ipc/handlers.js';
import { setLinuxAutostart } from '../../desktop/autostart.js';
import { allowedExternalOrigins } from '../../desktop/external-links.js';
import { createGate, isAppUrl } from '../../desktop/ipc/ipc-gate.js';
import { createMainContext } from '../../desktop/main-context.js';
import { readDesktopConfig } from '../../desktop/config.js';
import { restorableBounds, saveWindowBounds } from '../../desktop/window-state.js';
import { DEFAULT_PREFERENCES, REQUEST_CHANNELS, type AppState, type EventChannel, type Preferences } from '../shared/contract.js';
import { hardenApp, hardenSession, refusedSwitch, rendererFileUrl } from './security.js';
import { createTray, type MamoriTray } from './tray.js';
import { createMainWindow, MIN_WINDOW_SIZE } from './window.js';

/** The app's configuration, read once (desktop/config.ts: the CLI reads the same variables). */
const config = readDesktopConfig(process.env);
const STATE_CHANGED: EventChannel = 'state:changed';

const asset = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const paths = {
  preload: asset('../../preload/preload.cjs'),
  indexHtml: asset('../../renderer/index.html'),
  // Packed into the app (see the files list in build/electron-builder.yml).
  icon: asset('../../../build/icons/256x256.png'),
  trayIcon: asset(process.platform === 'win32' ? '../../../build/icons/16x16.png' : '../../../build/icons/32x32.png'),
};

/** The system clipboard for the clipboard guard: text and its concealment formats in one atomic write. */
const systemClipboard: SystemClipboard = {
  writeText: (text, rawFormats) => {
    const items: Record<string, string | Blob> = { 'text/plain': text };
    for (const [name, bytes] of Object.entries(rawFormats)) {
      items[`electron application/osclipboard;format="${name}"`] = new Blob([bytes.slice()]);
    }
    return clipboard.write([new ClipboardItem(items)]);
  },
  readText: () => clipboard.readText(),
  clear: () => clipboard.clear(),
};

/** The clipboard's image as PNG bytes (Chromium offers every clipboard image as image/png), or null. */
async function readClipboardImage(): Promise<Uint8Array | null> {
  for (const item of await clipboard.read()) {
    if (item.types.includes('image/png')) return new Uint8Array(await (await item.getType('image/png')).arrayBuffer());
  }
  return null;
}

/** How often the glue checks whether the clock offset is due for re-measuring (it is re-measured every 6 h). */
const CLOCK_CHECK_MS = 10 * 60 * 1000;

/** The service site links may open in the system browser; follows the settings (set in start()). */
let externalOrigins: readonly string[] = allowedExternalOrigins(config.serviceUrl);

// Before the single-instance lock, which lives in this folder: the CLI reads the same one.
app.setPath('userData', config.dataDir);

const refused = refusedSwitch(process.argv);
if (refused) {
  console.error(`Mamori does not start with ${refused}: it would let another program read your security codes.`);
  app.exit(2);
} else if (!app.requestSingleInstanceLock()) {
  // Another Mamori is running; it shows its window (see 'second-instance') and this one leaves.
  app.quit();
} else {
  hardenApp(() => externalOrigins);
  start().catch((error: unknown) => {
    // Nothing the window could show: say it once and leave rather than hang without a window.
    dialog.showErrorBox('Mamori could not start', error instanceof Error ? error.message : String(error));
    app.exit(1);
  });
}

/** Start at login: Electron's login items on macOS and Windows, an XDG autostart entry on Linux. */
async function applyStartAtLogin(enabled: boolean): Promise<void> {
  if (process.platform === 'linux') {
    // From an AppImage, start the AppImage file (the mounted executable path changes each run).
    const command = config.appImage !== undefined ? [config.appImage] : app.isPackaged ? [process.execPath] : [process.execPath, app.getAppPath()];
    await setLinuxAutostart(enabled, { configHome: config.configHome, command });
  } else {
    app.setLoginItemSettings({ openAtLogin: enabled });
  }
}

async function start(): Promise<void> {
  await app.whenReady();
  hardenSession();

  let win: BrowserWindow | null = null;
  let tray: MamoriTray | null = null;
  let preferences: Preferences = { ...DEFAULT_PREFERENCES };
  let quitting = false;

  function applyState(state: AppState): void {
    const previous = preferences;
    preferences = state.preferences;
    externalOrigins = allowedExternalOrigins(state.serviceUrl);
    tray?.setLanguage(state.language);
    if (win && !win.isDestroyed()) win.setAlwaysOnTop(preferences.alwaysOnTop);
    if (previous.startAtLogin !== preferences.startAtLogin) {
      void applyStartAtLogin(preferences.startAtLogin).catch((error: unknown) => console.error('Could not change start at login:', error));
    }
  }

  /** File dialogs attached to the window, so they stay in front of it. */
  const dialogs: DialogPort = {
    async openImage() {
      const options = { properties: ['openFile' as const], filters: [{ name: 'QR code image', extensions: ['png', 'jpg', 'jpeg'] }] };
      const answer = win && !win.isDestroyed() ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return answer.canceled ? null : (answer.filePaths[0] ?? null);
    },
    async openBackup() {
      const options = { properties: ['openFile' as const], filters: [{ name: 'Mamori backup', extensions: ['mamori'] }] };
      const answer = win && !win.isDestroyed() ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return answer.canceled ? null : (answer.filePaths[0] ?? null);
    },
    async saveBackup(defaultName) {
      const options = { defaultPath: join(app.getPath('documents'), defaultName), filters: [{ name: 'Mamori backup', extensions: ['mamori'] }] };
      const answer = win && !win.isDestroyed() ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return answer.canceled || !answer.filePath ? null : answer.filePath;
    },
  };

  const { handlers, deps, clipboardGuard } = await createMainContext({
    userDataDir: app.getPath('userData'),
    defaultServiceUrl: config.serviceUrl,
    clipboard: systemClipboard,
    readClipboardImage,
    dialogs,
    // Like MAMORI_SERVICE_URL: lets a test or a staging setup point VIP provisioning elsewhere.
    vipUrl: config.vipUrl,
    keychainService: config.keychainService,
    systemLocale: () => app.getPreferredSystemLanguages()[0] ?? app.getLocale(),
    onSettingsChanged: applyState,
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

  const initial = await handlers['state:get']({});
  const saved = await deps.store.read().catch(() => null);
  if (initial.ok) {
    preferences = initial.value.preferences;
    externalOrigins = allowedExternalOrigins(initial.value.serviceUrl);
  }
  // The login item follows the setting also when the OS list was edited behind our back.
  if (preferences.startAtLogin) void applyStartAtLogin(true).catch(() => undefined);

  /** Tells the window that something changed outside it (tray copy, settings). */
  async function pushState(): Promise<void> {
    if (!win || win.isDestroyed()) return;
    const state = await handlers['state:get']({});
    if (state.ok && !win.isDestroyed()) win.webContents.send(STATE_CHANGED, state.value);
  }

  function openWindow(bounds = saved?.preferences.windowBounds): BrowserWindow {
    const workAreas = screen.getAllDisplays().map((display) => display.workArea);
    const created = createMainWindow(paths, { bounds: restorableBounds(bounds, workAreas, MIN_WINDOW_SIZE), alwaysOnTop: preferences.alwaysOnTop });
    created.on('close', (event) => {
      // Remember where the window was, whether it hides to the tray or closes for good.
      if (!created.isMinimized()) void saveWindowBounds(deps.store, created.getNormalBounds()).catch(() => undefined);
      if (!quitting && preferences.closeToTray) {
        event.preventDefault();
        created.hide();
      }
    });
    return created;
  }

  function showWindow(): void {
    if (!win || win.isDestroyed()) win = openWindow();
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  }

  win = openWindow();
  tray = createTray(paths.trayIcon, initial.ok ? initial.value.language : 'en', {
    copyCode: () => {
      void handlers['code:copy']({}).then(() => pushState());
    },
    showWindow,
    quit: () => app.quit(),
  });

  // Re-measure the clock offset when it is due (every 6 h); the window hears about a new offset.
  const clockTimer = setInterval(() => {
    void deps.clock.refreshIfDue(config.serviceUrl).then((measured) => (measured ? pushState() : undefined));
  }, CLOCK_CHECK_MS);
  void deps.clock.refreshIfDue(config.serviceUrl).then((measured) => (measured ? pushState() : undefined));

  app.on('second-instance', showWindow);
  app.on('before-quit', () => {
    quitting = true;
    clearInterval(clockTimer);
  });
  // Leave no code behind: clear the clipboard at quit if it still holds our copy (and clearing is on).
  let clipboardChecked = false;
  app.on('will-quit', (event) => {
    if (clipboardChecked) return;
    event.preventDefault();
    void clipboardGuard
      .clearIfOurs()
      .catch(() => undefined)
      .finally(() => {
        clipboardChecked = true;
        tray?.destroy();
        app.quit();
      });
  });
  app.on('window-all-closed', () => app.quit());
}
