/** The one window: small and calm, loading only our built renderer with security.ts's settings. */
import { BrowserWindow } from 'electron';
import type { WindowBounds } from '../../desktop/settings-store.js';
import { protectContent, webPreferences } from './security.js';

export interface WindowPaths {
  preload: string;
  indexHtml: string;
  /** The window icon on Linux and Windows (macOS takes the app bundle's). */
  icon: string;
}

export interface WindowOptions {
  /** Where the window was last, if that place is still on a screen (window-state.ts decides). */
  bounds: WindowBounds | undefined;
  alwaysOnTop: boolean;
}

export const MIN_WINDOW_SIZE = { width: 320, height: 400 };

export function createMainWindow(paths: WindowPaths, options: WindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 380,
    height: 470,
    ...options.bounds,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    resizable: true,
    maximizable: false,
    fullscreenable: false,
    alwaysOnTop: options.alwaysOnTop,
    show: false,
    title: 'Mamori',
    icon: paths.icon,
    autoHideMenuBar: true,
    webPreferences: webPreferences(paths.preload),
  });
  protectContent(win);
  win.once('ready-to-show', () => win.show());
  void win.loadFile(paths.indexHtml);
  return win;
}
