#!/usr/bin/env node
// `npm start`: build, then open the desktop app in Electron. Where the Electron binary is not
// installed (it cannot be downloaded on every machine), one line says what is missing and what
// to do instead, before any build: no stack trace, exit code 1.
//   --no-build   start the existing build
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectron } from './find-electron.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

const found = findElectron();
if ('missing' in found) {
  console.error(
    `Mamori cannot start: the Electron binary is not installed (${found.missing}). ` +
      'Run `npm run demo` to use the window in your browser; where downloads work, `npx install-electron` fetches Electron 45, then `npm start` again.',
  );
  process.exit(1);
}

if (!args.includes('--no-build')) {
  const built = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) {
    console.error('The build failed; see above.');
    process.exit(1);
  }
}

const app = spawn(found.path, [root], { cwd: root, stdio: 'inherit' });
// Ctrl+C reaches Electron too (same terminal); a SIGTERM sent to this script is passed on.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => app.kill(signal));
app.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
