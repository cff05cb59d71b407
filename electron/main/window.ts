/** The one window: small and calm, loading only our built renderer with security.ts's settings. */
import { BrowserWindow } from 'electron';
import { webPreferences } from './security.js';

export interface WindowPaths {
  preload: string;
  indexHtml: string;
}

export function createMainWindow(paths: WindowPaths): BrowserWindow {
  const win = new BrowserWindow({
    width: 380,
    height: 470,
    minWidth: 320,
    minHeight: 400,
    resizable: true,
    maximizable: false,
    fullscreenable: false,
    show: false,
    title: 'Mamori',
    autoHideMenuBar: true,
    webPreferences: webPreferences(paths.preload),
  });
  // Keep codes out of screenshots and screen sharing where the OS supports it.
  win.setContentProtection(true);
  win.once('ready-to-show', () => win.show());
  void win.loadFile(paths.indexHtml);
  return win;
}
