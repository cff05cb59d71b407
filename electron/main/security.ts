/**
 * Every security setting of the window in one place (system.md §3), each with its reason.
 * Nothing here reads the environment: a setting cannot be turned off by how the app is started.
 */
import { app, session, type WebContents, type WebPreferences } from 'electron';
import { pathToFileURL } from 'node:url';

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

/** Guards for every web contents, including any the app did not mean to create. */
export function guardWebContents(contents: WebContents): void {
  // No new windows: a link with target=_blank or window.open does nothing.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  // No navigation away from the loaded file (links, drag-drop, location changes, redirects).
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-frame-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  // No <webview>, even if a future page tried to add one.
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** App-wide settings; call once, before the app is ready. */
export function hardenApp(): void {
  // Every renderer is sandboxed, whatever its own webPreferences say.
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));
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
