import type { MamoriApi } from '../../electron/preload/bridge.js';
import type { PreviewInfo } from '../../electron/preview/preview-info.js';

declare global {
  interface Window {
    /** Installed by the preload (contextBridge); its type is the preload's own return type. */
    readonly mamori: MamoriApi;
    /** Only in the demo's browser preview, set by its bridge (electron/preview/browser/bridge-entry.ts). */
    readonly mamoriPreview?: PreviewInfo;
  }
}
