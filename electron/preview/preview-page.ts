/**
 * The page the preview serves: the built renderer's own index.html with three changes, and only
 * these:
 * - its Content-Security-Policy gains `connect-src 'self'` (it has `'none'`): the preview bridge
 *   talks to the host over fetch and EventSource, to this origin only; every other directive is
 *   the app's own;
 * - a meta element tells the bridge which keychain the preview uses (see preview-info.ts);
 * - a classic script tag loads the preview bridge, which runs before the app's module script
 *   (module scripts are deferred) and installs `window.mamori`, as the Electron preload does.
 */
import { PREVIEW_KEYCHAIN_META, type PreviewKeychain } from './preview-info.js';

/** Where the bridge bundle is served, relative to the page. */
export const BRIDGE_PATH = 'preview-bridge.js';

export interface PreviewPage {
  html: string;
  /** The policy of the page's meta element plus frame-ancestors, which only a header can carry. */
  cspHeader: string;
}

const CSP_META = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"\s*\/?>/gi;
const MODULE_SCRIPT = /<script\s+type="module"/i;

/** The app's policy with `connect-src` set to the page's own origin; throws if the policy is not where it should be. */
export function widenConnectSrc(policy: string): string {
  const directives = policy.split(';').map((part) => part.trim()).filter((part) => part !== '');
  const index = directives.findIndex((directive) => directive.split(/\s+/)[0] === 'connect-src');
  if (index < 0) throw new Error("The renderer's CSP has no connect-src directive to widen.");
  directives[index] = "connect-src 'self'";
  return directives.join('; ');
}

export function previewPage(indexHtml: string, keychain: PreviewKeychain): PreviewPage {
  const metas = [...indexHtml.matchAll(CSP_META)];
  // Exactly one policy: a second meta would be enforced too, and a missing one would leave the page open.
  if (metas.length !== 1 || metas[0] === undefined) throw new Error(`The renderer's index.html has ${metas.length} CSP meta elements, expected 1.`);
  const [meta, policy = ''] = metas[0];
  const widened = widenConnectSrc(policy);
  if (!MODULE_SCRIPT.test(indexHtml)) throw new Error("The renderer's index.html has no module script to load the bridge before.");
  const html = indexHtml
    .replace(meta, `<meta http-equiv="Content-Security-Policy" content="${widened}" />`)
    .replace(
      MODULE_SCRIPT,
      (script) => `<meta name="${PREVIEW_KEYCHAIN_META}" content="${keychain}" />\n    <script src="./${BRIDGE_PATH}"></script>\n    ${script}`,
    );
  return { html, cspHeader: `${widened}; frame-ancestors 'none'` };
}
