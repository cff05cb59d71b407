import type { Messages } from './messages/index.js';

/**
 * One small line in the demo's browser preview saying where the secrets are (the demo's own
 * keychain, or memory only). The preview bridge sets window.mamoriPreview; the Electron preload
 * does not, so the app shows nothing here.
 */
export function PreviewNote({ m }: { m: Messages }) {
  const preview = window.mamoriPreview;
  if (preview === undefined) return null;
  return (
    <p className="preview-note" data-testid="preview-note">
      {preview.keychain === 'memory' ? m.previewMemoryOnly : m.previewDemoKeychain}
    </p>
  );
}
