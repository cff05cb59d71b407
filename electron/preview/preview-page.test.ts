import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BRIDGE_PATH, previewPage, widenConnectSrc } from './preview-page.js';

// The source page has the same head as the built one (vite only swaps the script's src).
const INDEX_HTML = readFileSync(new URL('../../renderer/index.html', import.meta.url), 'utf8');
const policyOf = (html: string) => /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html)?.[1] ?? '';
const directives = (policy: string) => new Map(policy.split(';').map((d) => d.trim()).filter(Boolean).map((d) => [d.split(/\s+/)[0], d]));

describe('previewPage', () => {
  it("keeps the app's CSP and widens only connect-src, to the page's own origin", () => {
    const before = directives(policyOf(INDEX_HTML));
    const after = directives(policyOf(previewPage(INDEX_HTML, 'demo').html));
    expect(before.get('connect-src')).toBe("connect-src 'none'");
    expect(after.get('connect-src')).toBe("connect-src 'self'");
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [name, directive] of before) if (name !== 'connect-src') expect(after.get(name)).toBe(directive);
    expect(after.get('script-src')).toBe("script-src 'self'");
  });

  it('sends the same policy as a header, with frame-ancestors, which a meta element cannot carry', () => {
    const page = previewPage(INDEX_HTML, 'demo');
    expect(page.cspHeader).toBe(`${policyOf(page.html)}; frame-ancestors 'none'`);
  });

  it('loads the bridge with a classic script before the module script, and names the keychain', () => {
    for (const keychain of ['demo', 'memory'] as const) {
      const { html } = previewPage(INDEX_HTML, keychain);
      const bridge = html.indexOf(`<script src="./${BRIDGE_PATH}"></script>`);
      expect(bridge).toBeGreaterThan(0);
      expect(bridge).toBeLessThan(html.indexOf('<script type="module"'));
      expect(html).toContain(`<meta name="mamori-preview-keychain" content="${keychain}" />`);
      expect(html).not.toMatch(/<script>(?!<)/); // nothing inline: the CSP would refuse it
    }
  });

  it('refuses a page whose policy is missing, doubled or has no connect-src (never serves it unguarded)', () => {
    const meta = /<meta\s+http-equiv="Content-Security-Policy"[^>]*>/;
    expect(() => previewPage(INDEX_HTML.replace(meta, ''), 'demo')).toThrow(/0 CSP meta/);
    const doubled = INDEX_HTML.replace(meta, (m) => m + m);
    expect(() => previewPage(doubled, 'demo')).toThrow(/2 CSP meta/);
    expect(() => widenConnectSrc("default-src 'none'")).toThrow(/no connect-src/);
  });
});
