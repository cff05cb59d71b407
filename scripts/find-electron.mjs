// Where the Electron binary is, or why there is none: read as the electron package's own index.js
// reads it (path.txt, dist/, ELECTRON_OVERRIDE_DIST_PATH), without its side effect: requiring
// `electron` from plain Node tries to download the binary on the spot, which fails offline.
// Used by `npm start`, `npm run demo` and the Electron specs (e2e/electron/find-electron.ts).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {{ path: string } | { missing: string }}
 */
export function findElectron(env = process.env) {
  let packageDir;
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { missing: 'the electron package is not installed' };
  }
  const pathFile = join(packageDir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const binary = join(override, executable ?? 'electron');
    return existsSync(binary) ? { path: binary } : { missing: `${binary} does not exist (ELECTRON_OVERRIDE_DIST_PATH)` };
  }
  if (executable === null) return { missing: 'node_modules/electron/path.txt is absent: it was never downloaded' };
  const binary = join(packageDir, 'dist', executable);
  return existsSync(binary) ? { path: binary } : { missing: `${binary} does not exist` };
}
