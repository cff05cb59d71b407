/** The main context's file dialogs, on Electron's dialog; attached to the window, so they stay in front of it. */
import { app, dialog, type BrowserWindow, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import { join } from 'node:path';
import type { DialogPort } from '../../desktop/ipc/handlers.js';

const BACKUP_FILES = [{ name: 'Mamori backup', extensions: ['mamori'] }];

/** `parent`: the window while it is open (the dialogs are created before it is). */
export function setupDialogs(parent: () => BrowserWindow | null): DialogPort {
  async function open(options: OpenDialogOptions): Promise<string | null> {
    const win = parent();
    const answer = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    return answer.canceled ? null : (answer.filePaths[0] ?? null);
  }

  return {
    openImage: () => open({ properties: ['openFile'], filters: [{ name: 'QR code image', extensions: ['png', 'jpg', 'jpeg'] }] }),
    openBackup: () => open({ properties: ['openFile'], filters: BACKUP_FILES }),
    async saveBackup(defaultName) {
      const options: SaveDialogOptions = { defaultPath: join(app.getPath('documents'), defaultName), filters: BACKUP_FILES };
      const win = parent();
      const answer = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return answer.canceled || !answer.filePath ? null : answer.filePath;
    },
  };
}
