/**
 * What the browser preview tells the window about itself, so that the person sees where the
 * secrets are: the demo's own throwaway keychain, or (where no Secret Service can start) only the
 * preview host's memory. The host writes it into the page as a meta element; the preview bridge
 * exposes it as `window.mamoriPreview`. In the Electron app that global does not exist.
 */
export type PreviewKeychain = 'demo' | 'memory';

export interface PreviewInfo {
  readonly keychain: PreviewKeychain;
}

/** The meta element's name in the served page. */
export const PREVIEW_KEYCHAIN_META = 'mamori-preview-keychain';

export function isPreviewKeychain(value: unknown): value is PreviewKeychain {
  return value === 'demo' || value === 'memory';
}
