#!/usr/bin/env node
// `npm run bench`: every benchmark, each printing its figures and its ratio against a target.
// Speed and memory targets are checked here, never in timed tests. Builds first (the renderer
// benchmark measures the built renderer); the renderer part runs inside a throwaway keychain.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.slice(2);
const benches = [
  { name: 'core', title: 'Core TOTP against raw node:crypto', command: [process.execPath, '--import', 'tsx', 'bench/core-totp.ts'] },
  { name: 'service', title: 'Token service validations (SQLite; PostgreSQL with 1 and 2 instances) against a bare Fastify route', command: [process.execPath, '--import', 'tsx', 'bench/service-bench.ts'] },
  { name: 'app', title: 'App main side: state with 1 and 20 credentials, backup key derivation, QR code reading', command: ['scripts/with-keychain.sh', process.execPath, '--import', 'tsx', 'bench/app-main.ts'] },
  { name: 'renderer', title: 'Renderer idle cost, first code, bundle size', command: ['scripts/with-keychain.sh', process.execPath, '--import', 'tsx', 'bench/renderer.ts'] },
];

const built = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
if (built.status !== 0) process.exit(1);

let failed = 0;
for (const bench of benches) {
  if (only.length > 0 && !only.includes(bench.name)) continue;
  console.log(`\n== ${bench.title}`);
  const [command, ...args] = bench.command;
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
