import type { MamoriApi } from '../electron/preload/bridge.js';

declare global {
  interface Window {
    /** What the page sees: installed by the preload in Electron, by dist/harness/bridge.js in the harness. */
    readonly mamori: MamoriApi;
  }
}
