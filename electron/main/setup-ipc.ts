/** Every request channel of the contract, registered on ipcMain through the one gate. */
import { ipcMain } from 'electron';
import type { Handlers } from '../../desktop/ipc/handlers.js';
import { createGate, isAppUrl } from '../../desktop/ipc/ipc-gate.js';
import { REQUEST_CHANNELS } from '../shared/contract.js';
import { rendererFileUrl } from './security.js';

export function setupIpc(handlers: Handlers, indexHtml: string): void {
  // Only the top document of our own renderer file may call main.
  const pageUrl = rendererFileUrl(indexHtml);
  const gate = createGate(handlers, (senderUrl) => isAppUrl(senderUrl, pageUrl));
  for (const channel of REQUEST_CHANNELS) {
    ipcMain.handle(channel, (event, payload: unknown) => {
      const frame = event.senderFrame;
      // Subframes never call main: only the top document's URL goes to the sender check.
      return gate.invoke(channel, frame && frame.parent === null ? frame.url : undefined, payload);
    });
  }
}
