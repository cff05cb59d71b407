/**
 * What the desktop layer's own modules may import, read from their sources: Node's built-ins, npm
 * packages other than `electron`, core/, node-shared/, the IPC contract (electron/shared/) and each other. Never
 * `electron`, a host (electron/main, electron/preview), the CLI or the renderer. Its tsconfig keeps
 * DOM and Electron's types out; this test keeps the imports out, so that "the desktop layer never
 * imports electron" is checked rather than only written down. stand-in/ is not packed into the app,
 * so nothing else in the layer may import it either. And the layer reads no environment: each
 * program's entry point hands process.env to config.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');

/** The layer's own sources: tests and test support may reach further (a real token service, say). */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'test-support' ? [] : sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"]([^'"]+)['"]/g;

function importsOf(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(SPECIFIER)].map((match) => match[1]!);
}

/** Where an import leads, as a path from the repository root; bare specifiers stay as they are. */
function target(file: string, specifier: string): string {
  return specifier.startsWith('.') ? relative(root, resolve(dirname(file), specifier)).split('\\').join('/') : specifier;
}

function refusal(file: string, specifier: string): string | null {
  const to = target(file, specifier);
  if (!specifier.startsWith('.')) return to === 'electron' || to.startsWith('electron/') ? 'the electron package' : null;
  if (to.startsWith('desktop/stand-in/') && !relative(here, file).startsWith('stand-in')) return 'a stand-in the app does not ship';
  if (to.startsWith('desktop/') || to.startsWith('core/') || to.startsWith('node-shared/') || to.startsWith('electron/shared/')) return null;
  return 'a module outside the desktop layer, core/, node-shared/ and the contract';
}

describe('the desktop layer', () => {
  const files = sources(here);

  it('has sources to check', () => {
    expect(files.map((file) => relative(here, file))).toEqual(expect.arrayContaining(['main-context.ts', 'vault.ts', 'stand-in/memory-vault.ts']));
  });

  it('imports no electron, no host, no CLI and no renderer; only the preview and the tests reach its stand-ins', () => {
    const refused = files.flatMap((file) =>
      importsOf(file).flatMap((specifier) => {
        const why = refusal(file, specifier);
        return why === null ? [] : [`${relative(root, file)} imports ${specifier}: ${why}`];
      }),
    );
    expect(refused).toEqual([]);
  });

  it('reads no process.env: the programs hand it to config.ts (a stand-in only hands it on to the daemons it starts)', () => {
    const readers = files.filter((file) => /\bprocess\.env\b/.test(readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')));
    expect(readers.map((file) => relative(here, file).split('\\').join('/'))).toEqual(['stand-in/private-keychain.ts']);
  });

  it('would notice such an import', () => {
    const file = join(here, 'main-context.ts');
    expect(refusal(file, 'electron')).not.toBeNull();
    expect(refusal(file, '../electron/main/tray.js')).not.toBeNull();
    expect(refusal(file, '../cli/output.js')).not.toBeNull();
    expect(refusal(file, './stand-in/memory-vault.js')).not.toBeNull();
    expect(refusal(file, '../electron/shared/contract.js')).toBeNull();
    expect(refusal(file, '../core/totp.js')).toBeNull();
    expect(refusal(file, 'node:fs')).toBeNull();
  });
});
