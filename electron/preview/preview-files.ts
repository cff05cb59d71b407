/**
 * What the preview serves besides its API: the built renderer (dist/renderer) with its page
 * rewritten (preview-page.ts) and the preview bridge bundle (dist/preview/bridge.js). Everything is
 * read once at start into memory: a request can only name an entry of this table, never a path on
 * disk, so no URL can walk out of the folder.
 */
import { readdir, readFile } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import { BRIDGE_PATH, previewPage } from './preview-page.js';
import type { PreviewKeychain } from './preview-info.js';

export interface StaticFile {
  body: Buffer;
  type: string;
  /** The page's Content-Security-Policy header (the page only). */
  csp?: string;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** The built renderer is a few hundred kB; a folder far larger is not the renderer. */
const MAX_TOTAL_BYTES = 32 * 1024 * 1024;

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

/** Keys are paths below the token ("index.html", "assets/index-abc.js"); "" is the page too. */
export async function loadPreviewFiles(rendererDir: string, bridgeFile: string, keychain: PreviewKeychain): Promise<ReadonlyMap<string, StaticFile>> {
  const files = new Map<string, StaticFile>();
  let total = 0;
  for (const path of await filesUnder(rendererDir)) {
    const type = TYPES[extname(path)];
    if (type === undefined) continue; // source maps and the like: not needed by the page
    const body = await readFile(path);
    total += body.length;
    if (total > MAX_TOTAL_BYTES) throw new Error(`${rendererDir} holds more than ${MAX_TOTAL_BYTES} bytes: is it the built renderer?`);
    files.set(relative(rendererDir, path).split(sep).join('/'), { body, type });
  }
  const index = files.get('index.html');
  if (index === undefined) throw new Error(`${join(rendererDir, 'index.html')} is missing: build first (npm run build).`);
  const page = previewPage(index.body.toString('utf8'), keychain);
  const served: StaticFile = { body: Buffer.from(page.html, 'utf8'), type: TYPES['.html'] ?? 'text/html', csp: page.cspHeader };
  files.set('index.html', served);
  files.set('', served);
  files.set(BRIDGE_PATH, { body: await readFile(bridgeFile), type: TYPES['.js'] ?? 'text/javascript' });
  return files;
}
