#!/usr/bin/env node
// `npm run demo`: the whole story on one machine. Builds, then starts on 127.0.0.1 the token
// service (embedded SQLite in .data/demo/service), the demo bank (.data/demo/bank) with a
// relying-party key of its own, and the desktop app pointed at that service where the Electron
// binary exists. Ctrl+C stops everything; the data folder stays for the next run.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = process.env.MAMORI_DEMO_DIR ?? join(root, '.data', 'demo');
const servicePort = Number(process.env.MAMORI_DEMO_SERVICE_PORT ?? 8787);
const bankPort = Number(process.env.MAMORI_DEMO_BANK_PORT ?? 8788);

if (!process.argv.includes('--no-build')) {
  const built = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) {
    console.error('The build failed; see above.');
    process.exit(1);
  }
}

const load = (path) => import(pathToFileURL(join(root, path)).href);
const { startService } = await load('dist/service/src/start-service.js');
const { startBank } = await load('dist/service/bank/start-bank.js');

mkdirSync(join(dataDir, 'service'), { recursive: true, mode: 0o700 });
mkdirSync(join(dataDir, 'bank'), { recursive: true, mode: 0o700 });

const service = await startService({ dataDir: join(dataDir, 'service'), port: servicePort, logger: false });

// The bank's relying-party key is created once and kept (0600) beside the bank's data, as an
// operator would keep it in the bank's own secret store.
const keyFile = join(dataDir, 'bank', 'relying-party.key');
let apiKey = existsSync(keyFile) ? readFileSync(keyFile, 'utf8').trim() : null;
// A kept key the service no longer knows (its data folder was deleted) would make every OTP
// step fail: ask the service once, and make a new key when it answers 401.
if (apiKey !== null) {
  const probe = await fetch(`${service.url}/v1/unlock`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ userId: 'demo-key-check' }),
  });
  if (probe.status === 401) apiKey = null;
}
if (apiKey === null) {
  ({ apiKey } = await service.createRelyingParty('Demo Shinkin Bank'));
  writeFileSync(keyFile, apiKey + '\n', { mode: 0o600 });
}
const bank = await startBank({ dataDir: join(dataDir, 'bank'), serviceUrl: service.url, apiKey, port: bankPort });

console.log(`
Mamori demo is running (data in ${dataDir})

  Token service : ${service.url}   (API: ${service.url}/v1/openapi.json)
  Demo bank     : ${bank.url}   (Japanese; add ?lang=en for English)
  Bank's relying-party key: ${apiKey}

Demo accounts (契約者ID / ログインパスワード):
${bank.accounts.map((a) => `  ${a.contractId} / ${a.password}   ${a.name}`).join('\n')}

Desktop app: MAMORI_SERVICE_URL=${service.url} npm start
`);

// Start the app where an Electron binary is installed; say so in one line where it is not.
let electronPath = null;
try {
  const pathFile = join(root, 'node_modules', 'electron', 'path.txt');
  if (existsSync(pathFile)) {
    const candidate = join(root, 'node_modules', 'electron', 'dist', readFileSync(pathFile, 'utf8').trim());
    if (existsSync(candidate)) electronPath = candidate;
  }
} catch {
  electronPath = null;
}
let app = null;
if (electronPath && !process.argv.includes('--no-app')) {
  app = spawn(electronPath, [root], { stdio: 'inherit', env: { ...process.env, MAMORI_SERVICE_URL: service.url } });
  console.log('Desktop app started, pointed at the demo token service.');
} else {
  console.log('Desktop app: the Electron binary is not installed on this machine, so only the token service and the bank are running (see README "Honest limits").');
}

const stop = async () => {
  app?.kill();
  await bank.close();
  await service.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
