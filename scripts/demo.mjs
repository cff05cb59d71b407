#!/usr/bin/env node
// `npm run demo`: the whole story on one machine. Builds, then starts on 127.0.0.1 the token
// service (embedded SQLite in <dir>/service), the demo bank (<dir>/bank) with a relying-party key
// of its own, and the desktop app pointed at that service: the Electron app where its binary is
// installed, else the same window as a browser preview (electron/preview/) with a demo keychain
// of its own. Then it prints the story as numbered steps and, once everything listens, `Ready.`
// Ctrl+C (or SIGTERM, or the terminal closing) stops everything; the data folder stays.
//
//   --preview    the browser preview even where Electron is installed
//   --no-build   use the existing build
//   --no-app     only the token service and the bank
//
// Configuration (declared here once):
//   MAMORI_DEMO_DIR           data folder            default .data/demo
//   MAMORI_DEMO_SERVICE_PORT  token service port     default 8787
//   MAMORI_DEMO_BANK_PORT     demo bank port         default 8788
//   MAMORI_DEMO_WINDOW_PORT   browser preview port   default 8789   (0 = any free port, for each)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { findElectron } from './find-electron.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const dataDir = process.env.MAMORI_DEMO_DIR || join(root, '.data', 'demo');

/** One line, exit 1: what went wrong in words, never a stack trace. */
function fail(line) {
  console.error(line);
  process.exit(1);
}

function port(part, variable, fallback) {
  const text = process.env[variable] ?? String(fallback);
  const value = Number(text);
  if (!/^\d+$/.test(text) || value > 65535) fail(`${variable}=${text} is not a port number (0-65535).`);
  return { part, variable, value, fallback };
}
const ports = {
  service: port('the token service', 'MAMORI_DEMO_SERVICE_PORT', 8787),
  bank: port('the demo bank', 'MAMORI_DEMO_BANK_PORT', 8788),
  window: port('the browser preview', 'MAMORI_DEMO_WINDOW_PORT', 8789),
};

const portInUse = ({ variable, value, fallback }) =>
  `Port ${value} is already in use: set ${variable} to a free port (e.g. ${variable}=${fallback + 10000} npm run demo).`;

/** Whether 127.0.0.1:port can be listened on now (checked before anything starts, so a busy port leaves nothing half-started). */
function isFree(value) {
  if (value === 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(value, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

// Which window: Electron where installed, else (or with --preview) the browser preview.
const electron = findElectron();
const mode = args.includes('--no-app') ? 'none' : args.includes('--preview') || 'missing' in electron ? 'preview' : 'electron';

for (const wanted of mode === 'preview' ? [ports.service, ports.bank, ports.window] : [ports.service, ports.bank]) {
  if (!(await isFree(wanted.value))) fail(portInUse(wanted));
}

if (!args.includes('--no-build')) {
  console.log('ビルドしています… / Building… (npm run build)');
  const built = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, encoding: 'utf8' });
  if (built.status !== 0) {
    process.stderr.write(`${built.stdout ?? ''}${built.stderr ?? ''}`);
    fail('The build failed; see above.');
  }
}

/** What to stop, in order (the window first, the token service last). */
const stops = [];
const load = (path) => import(pathToFileURL(join(root, path)).href);
const { startService } = await load('dist/service/src/start-service.js');
const { startBank } = await load('dist/service/bank/start-bank.js');
const { launchPreview, PortInUseError } = await load('dist/electron/preview/launch-preview.js');

/** Starts one part; on failure stops what already runs and says why in one line (a port taken meanwhile as above). */
async function starting(which, start) {
  try {
    return await start();
  } catch (error) {
    for (const each of stops) await each().catch(() => undefined);
    if (error?.code === 'EADDRINUSE' || error instanceof PortInUseError) fail(portInUse(which));
    fail(`The demo could not start ${which.part}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

mkdirSync(join(dataDir, 'service'), { recursive: true, mode: 0o700 });
mkdirSync(join(dataDir, 'bank'), { recursive: true, mode: 0o700 });
const service = await starting(ports.service, () => startService({ dataDir: join(dataDir, 'service'), port: ports.service.value, logger: false }));
stops.push(() => service.close());

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
const bank = await starting(ports.bank, () => startBank({ dataDir: join(dataDir, 'bank'), serviceUrl: service.url, apiKey, port: ports.bank.value }));
stops.unshift(() => bank.close());

let preview = null;
let app = null;
if (mode === 'preview') {
  preview = await starting(ports.window, () =>
    launchPreview({
      appDir: join(dataDir, 'app'),
      memoryAppDir: join(dataDir, 'app-memory'),
      serviceUrl: service.url,
      port: ports.window.value,
      rendererDir: join(root, 'dist/renderer'),
      bridgeFile: join(root, 'dist/preview/bridge.js'),
    }),
  );
  stops.unshift(() => preview.stop());
} else if (mode === 'electron') {
  app = spawn(electron.path, [root], { stdio: 'inherit', env: { ...process.env, MAMORI_SERVICE_URL: service.url } });
  stops.unshift(async () => void app.kill());
}

let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const each of stops) await each().catch(() => undefined);
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => void stop());
// `npm run` does not pass SIGTERM on to its script: when whatever started the demo is gone, stop too.
const parent = process.ppid;
setInterval(() => process.ppid !== parent && void stop(), 1_000).unref();
preview?.exited.then((code) => {
  if (stopping) return;
  console.error(`The browser preview stopped unexpectedly (exit ${code}); stopping the demo.`);
  void stop(1);
});
app?.on('exit', () => {
  if (!stopping) console.log('The Mamori window was closed; the token service and the bank keep running (Ctrl+C stops them).');
});

// The story. Japanese first, short English after; the lines the tests read are "  Window: ",
// "  Bank: ", "  契約者ID: ... / パスワード: ..." and the last one, "Ready.".
const suggested = bank.accounts.find((a) => !a.hasToken) ?? bank.accounts[0];
const others = bank.accounts.filter((a) => a !== suggested);
const shown = (path) => (relative(root, path).startsWith('..') ? path : relative(root, path));
const windowLines =
  mode === 'preview'
    ? [
        `  Window: ${preview.url}`,
        '  ブラウザーで開いてください (このデモの実行中だけ有効) / open it in your browser (valid while this demo runs)',
        preview.keychain === 'demo'
          ? `  プレビュー: デモ用キーチェーン / preview: demo keychain (kept in ${shown(preview.keyringDir)})`
          : `  プレビュー: シークレットはメモリのみ・終了で消えます / preview: secrets in memory only, lost when the demo stops. 理由 / why: ${preview.fallbackReason}`,
        ...(preview.keptAside ? [`  前回のキーチェーンは開けなかったため移しました / the earlier demo keychain would not open; kept at ${shown(preview.keptAside)}`] : []),
      ]
    : mode === 'electron'
      ? ['  Window: Mamori のウィンドウ (Electron) / the Mamori window (Electron)']
      : ['  Window: 起動していません (--no-app) / not started (--no-app)'];
const accountLines =
  suggested === undefined
    ? ['  デモ口座がありません / no demo accounts (the bank data folder was changed by hand?)']
    : [
        `  契約者ID: ${suggested.contractId} / パスワード: ${suggested.password}   (${suggested.name})`,
        ...(suggested.hasToken
          ? [
              preview?.keychain === 'memory'
                ? `  どの口座も登録済みです。やり直すには rm -rf ${shown(dataDir)} / every account has a token; to start over: rm -rf ${shown(dataDir)}`
                : '  登録済みです: 5. から / already registered: start at step 5',
            ]
          : []),
      ];

console.log(`
Mamori デモ / Mamori demo   (データ / data: ${shown(dataDir)})

1. Mamori のウィンドウを開く / Open the Mamori window
${windowLines.join('\n')}

2. 銀行のログインページを開く / Open the bank's login page
  Bank: ${bank.url}/login

3. デモ口座 / Demo account
${accountLines.join('\n')}

4. 利用登録 / Register the token
  「ワンタイムパスワードの利用登録はこちら」→ 契約者ID とパスワード →「次へ」
  トークンID にウィンドウのクレデンシャルID をコピー、ワンタイムパスワードに今のコードを入力 →「登録」
  Copy the window's credential ID into トークンID, type the current code, press 登録.

5. ログイン / Log in
  契約者ID とパスワード →「ログイン」→ ワンタイムパスワードにウィンドウのコード →「ログイン」
  コードは 1 回かぎり: 登録に使ったコードが変わってから / each code works once: wait for the next one.

6. 利用停止 / Stop the token
  「ワンタイムパスワードの利用停止はこちら」→ 契約者ID とパスワード → コードを入力 →「停止」
  Stop the token at the bank with a code.

銀行の運用担当者向け (ストーリーには不要) / For the bank's operator (not needed for the story)
  Token service: ${service.url}   (API: ${service.url}/v1/openapi.json)
  Relying-party key: ${apiKey}
  ほかのデモ口座 / other demo accounts: ${others.map((a) => `${a.contractId} / ${a.password} (${a.name})`).join(', ') || '-'}

終了: Ctrl+C / Ctrl+C stops the demo.
Ready.`);
