/**
 * Leaving: the app quits when its last window closes for good, and leaves no code behind: at quit
 * the clipboard is cleared if it still holds our copy (and clearing is on), then the tray goes.
 */
import { app } from 'electron';
import type { ClipboardGuard } from '../../desktop/clipboard-guard.js';
import type { MamoriTray } from './tray.js';

export function setupQuit(clipboardGuard: ClipboardGuard, tray: MamoriTray): void {
  let clipboardChecked = false;
  app.on('will-quit', (event) => {
    if (clipboardChecked) return;
    event.preventDefault();
    void clipboardGuard
      .clearIfOurs()
      .catch(() => undefined)
      .finally(() => {
        clipboardChecked = true;
        tray.destroy();
        app.quit();
      });
  });
  app.on('window-all-closed', () => app.quit());
}
