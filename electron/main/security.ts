/**
 * Every security setting of the app in one place (system.md §3), each with its reason.
 * Nothing here reads the environment: a setting cannot be turned off by how the app is started.
 *
 * The whole list, including what is decided elsewhere:
 * - debugging switches refused at start (refusedSwitch, called first thing in main.ts);
 * - renderer: sandbox, context isolation, no Node, web security, no webview, no spellcheck
 *   service, devtools only in development builds (webPreferences);
 * - content protection on the window (window.ts calls protectContent);
 * - navigation, new windows, webviews, downloads, permission requests and every network request
 *   from the page refused; allowlisted links opened in the system browser (guardWebContents,
 *   hardenSession);
 * - strict CSP: renderer/index.html's meta tag (`default-src 'none'`, no inline script or eval);
 *   the page is a file:// load, which has no response headers to carry a CSP header, and the
 *   session cancels every http(s) request, so the meta tag is the one place it can live;
 * - IPC: one gate checks the sender and parses every payload (desktop/ipc/ipc-gate.ts);
 * - Electron fuses at packaging (build/electron-builder.yml, `electronFuses`): RunAsNode off,
 *   NODE_OPTIONS off, --inspect off, cookie encryption on, asar integrity on, app only from asar.
 */
import { app, session, shell, type BrowserWindow, type WebContents, type WebPreferences } from 'electron';
import { pathToFileURL } from 'node:url';
import { isAllowedExternalUrl } from '../../desktop/external-links.js';

/** Switches that would let another process drive or read the app; refused before anything starts. */
const DEBUG_SWITCHES = ['--remote-debugging-port', '--remote-debugging-pipe', '--inspect', '--inspect-brk', '--inspect-port', '--js-flags'];

/**
 * The first refused switch on the command line, if any. `process.argv` is what a person typed;
 * Chromium's own switch list is checked only in packaged builds, because Playwright's Electron
 * launcher adds (and strips from argv) these switches to drive a development build, and
 * packaged builds are also closed to the inspector by the NodeCliInspect fuse.
 */
export function refusedSwitch(argv: readonly string[]): string | undefined {
  for (const arg of argv) {
    const name = arg.split('=')[0] ?? arg;
    if (DEBUG_SWITCHES.includes(name)) return name;
  }
  if (!app.isPackaged) return undefined;
  for (const name of DEBUG_SWITCHES) {
    if (app.commandLine.hasSwitch(name.slice(2))) return name;
  }
  return undefined;
}

export function webPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true, // page scripts never share a JS world with the preload
    sandbox: true, // the renderer runs in Chromium's OS sandbox with no Node
    nodeIntegration: false, // no require/process in the page
    nodeIntegrationInSubFrames: false, // nor in any frame
    webSecurity: true, // same-origin policy stays on
    allowRunningInsecureContent: false,
    webviewTag: false, // no <webview> to embed other content
    navigateOnDragDrop: false, // a dropped file or link must not replace our page
    spellcheck: false, // typed setup keys must not go to a spelling service
    devTools: !app.isPackaged, // no devtools in packaged builds
  };
}

/** The only page the window may show: our built renderer, loaded from disk. */
export function rendererFileUrl(indexHtmlPath: string): string {
  return pathToFileURL(indexHtmlPath).href;
}

/** The origins the system browser may be asked to open (setup-external-links.ts: the token service's site). */
export type ExternalOrigins = () => readonly string[];

/** Hands an allowlisted link to the system browser; anything else is dropped without a word. */
function openIfAllowed(url: string, allowed: ExternalOrigins): void {
  // The system browser, not our window: a page there has none of our privileges.
  if (isAllowedExternalUrl(url, allowed())) void shell.openExternal(url).catch(() => undefined);
}

/** Guards for every web contents, including any the app did not mean to create. */
export function guardWebContents(contents: WebContents, allowed: ExternalOrigins): void {
  // No new windows: window.open and target=_blank never open one of ours; allowlisted links go to the browser.
  contents.setWindowOpenHandler(({ url }) => {
    openIfAllowed(url, allowed);
    return { action: 'deny' };
  });
  // No navigation away from the loaded file (links, drag-drop, location changes, redirects).
  contents.on('will-navigate', (event) => {
    event.preventDefault();
    openIfAllowed(event.url, allowed);
  });
  contents.on('will-frame-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  // No <webview>, even if a future page tried to add one.
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Keeps codes out of screenshots and screen sharing where the OS supports it (Windows, macOS). */
export function protectContent(win: BrowserWindow): void {
  win.setContentProtection(true);
}

/** App-wide settings; call once, before the app is ready. */
export function hardenApp(allowed: ExternalOrigins): void {
  // Every renderer is sandboxed, whatever its own webPreferences say.
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, allowed));
}

/** Session settings; call once the app is ready (sessions do not exist before). */
export function hardenSession(): void {
  const ses = session.defaultSession;
  // The app needs no camera, notifications, clipboard-read, geolocation...: refuse all of them.
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  // No downloads: nothing in the app should ever start one.
  ses.on('will-download', (event) => event.preventDefault());
  // The page loads only files; any http(s) request (a bug, or injected markup) is cancelled.
  ses.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] }, (_details, callback) =>
    callback({ cancel: true }),
  );
}
