import type { MamoriApi } from '../../electron/preload/bridge.js';

declare global {
  interface Window {
    /** Installed by the preload (contextBridge); its type is the preload's own return type. */
    readonly mamori: MamoriApi;
  }
}
