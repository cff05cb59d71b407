/**
 * Renderer costs, measured on the built app in Debian's Chromium with the real bridge, the real
 * main-side handlers and the real token service (run inside scripts/with-keychain.sh):
 * - idle cost: script time per second over 30 s of real time (Chrome DevTools Performance
 *   metrics, ScriptDuration), with the main view showing and ticking; target <= 5 ms/s;
 * - time from page load to the first code on screen; target <= 200 ms;
 * - both again with 20 credentials (one keychain read each per state request);
 * - renderer JS size, gzip; target <= 100 kB.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { formatMigrationLink } from '../core/otpauth-migration.js';
import { benchAccount } from './bench-accounts.js';
import { createKeyringVault } from '../desktop/vault.js';
import { createGate, isAppUrl } from '../desktop/ipc/ipc-gate.js';
import { createMainContext } from '../desktop/main-context.js';
import { serveFolder } from '../e2e/harness/static-server.js';
import { startService } from '../service/src/start-service.js';

const root = new URL('..', import.meta.url).pathname;
const IDLE_SECONDS = Number(process.env.MAMORI_BENCH_IDLE_SECONDS ?? 30);

async function jsSizeGzip(): Promise<number> {
  const dir = join(root, 'dist/renderer/assets');
  let total = 0;
  for (const name of await readdir(dir)) if (name.endsWith('.js')) total += gzipSync(await readFile(join(dir, name)), { level: 9 }).length;
  return total;
}

const serviceDir = await mkdtemp(join(tmpdir(), 'mamori-bench-service-'));
const userDataDir = await mkdtemp(join(tmpdir(), 'mamori-bench-user-'));
const service = await startService({ dataDir: serviceDir, port: 0 });
const server = await serveFolder(join(root, 'dist/renderer'));
const { handlers } = await createMainContext({
  userDataDir,
  defaultServiceUrl: service.url,
  clipboard: { writeText: () => {}, readText: () => '', clear: () => {} },
  readClipboardImage: async () => null,
  dialogs: { openImage: async () => null, openBackup: async () => null, saveBackup: async () => null },
  systemLocale: () => 'en',
});
const gate = createGate(handlers, (url) => isAppUrl(url, server.origin));
const provisioned = await handlers['credential:provision']({});
if (!provisioned.ok || provisioned.value.kind !== 'ready') throw new Error(`provisioning failed: ${JSON.stringify(provisioned)}`);

const addedIds: string[] = [];
const browser = await chromium.launch({
  executablePath: process.env.MAMORI_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 380, height: 470 } });
  await page.exposeBinding('__mamoriInvoke', (source, channel: string, payload: unknown) => gate.invoke(channel, source.frame.url(), payload));
  await page.addInitScript({ path: join(root, 'dist/harness/bridge.js') });

  /** First code (median of 5 loads) and idle script cost over `idleSeconds`, for what the window shows now. */
  async function measure(idleSeconds: number) {
    // First code: from navigation start to the code element holding six digits, timed in the page.
    const loads: number[] = [];
    for (let i = 0; i < 5; i++) {
      await page.goto(`${server.origin}/index.html`);
      await page.locator('[data-testid="code"]').filter({ hasText: /\d{3} \d{3}/ }).waitFor();
      loads.push(
        // A string, not a function: tsx's name helpers do not exist in the page.
        await page.evaluate<number>(`(() => {
          const entry = performance.getEntriesByType('navigation')[0];
          const seen = performance.getEntriesByName('mamori:first-code')[0];
          return (seen ? seen.startTime : performance.now()) - entry.startTime;
        })()`),
      );
    }
    loads.sort((a, b) => a - b);
    const script0 = await metric('ScriptDuration');
    const task0 = await metric('TaskDuration');
    const t0 = performance.now();
    await page.waitForTimeout(idleSeconds * 1000); // measuring real idle time is the point here
    const seconds = (performance.now() - t0) / 1000;
    return {
      loads,
      median: loads[Math.floor(loads.length / 2)]!,
      seconds,
      scriptMsPerSecond: ((await metric('ScriptDuration')) - script0) * 1000 / seconds,
      taskMsPerSecond: ((await metric('TaskDuration')) - task0) * 1000 / seconds,
    };
  }

  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const metric = async (name: string) => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return metrics.find((m) => m.name === name)?.value ?? 0;
  };

  // The main view as a customer leaves it open, ticking once a second.
  const one = await measure(IDLE_SECONDS);
  const { median, loads, seconds, scriptMsPerSecond, taskMsPerSecond } = one;

  // Hidden window (minimized or behind others): the ticker stops, so nothing should run at all.
  await page.evaluate(`(() => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    document.dispatchEvent(new Event('visibilitychange'));
  })()`);
  const hiddenScript0 = await metric('ScriptDuration');
  const h0 = performance.now();
  await page.waitForTimeout(10_000);
  const hiddenMsPerSecond = ((await metric('ScriptDuration')) - hiddenScript0) * 1000 / ((performance.now() - h0) / 1000);
  const size = await jsSizeGzip();

  // A power user's window: the bank's credential and 19 more accounts from one export link.
  const accounts = Array.from({ length: 19 }, (_, i) => benchAccount(i));
  const added = await handlers['credential:add']({ link: formatMigrationLink(accounts) });
  if (!added.ok || added.value.added.length !== 19) throw new Error(`adding 19 accounts failed: ${JSON.stringify(added)}`);
  addedIds.push(...added.value.added);
  const many = await measure(Math.max(5, Math.round(IDLE_SECONDS / 2)));
  console.log(`renderer idle (1 credential, ${seconds.toFixed(0)} s): ${scriptMsPerSecond.toFixed(2)} ms script/s, ${taskMsPerSecond.toFixed(2)} ms main-thread tasks/s (target <= 5 ms script/s) ${scriptMsPerSecond <= 5 ? 'OK' : 'ABOVE TARGET'}`);
  console.log(`renderer hidden (10 s): ${hiddenMsPerSecond.toFixed(3)} ms script/s (expected ~0: the ticker stops)`);
  console.log(`first code after load: median ${median.toFixed(0)} ms of 5 loads (min ${loads[0]!.toFixed(0)}, max ${loads[4]!.toFixed(0)}) (target <= 200 ms) ${median <= 200 ? 'OK' : 'ABOVE TARGET'}`);
  console.log(`renderer idle (20 credentials, ${many.seconds.toFixed(0)} s): ${many.scriptMsPerSecond.toFixed(2)} ms script/s (target <= 5 ms script/s) ${many.scriptMsPerSecond <= 5 ? 'OK' : 'ABOVE TARGET'}`);
  console.log(`first code after load, 20 credentials: median ${many.median.toFixed(0)} ms (min ${many.loads[0]!.toFixed(0)}, max ${many.loads[4]!.toFixed(0)}) (target <= 200 ms) ${many.median <= 200 ? 'OK' : 'ABOVE TARGET'}`);
  console.log(`renderer JS: ${(size / 1024).toFixed(1)} kB gzip (target <= 100 kB) ${size <= 100 * 1024 ? 'OK' : 'ABOVE TARGET'}`);
} finally {
  await browser.close();
  for (const id of [provisioned.value.selectedId, ...addedIds]) await createKeyringVault().delete(id).catch(() => false);
  await server.close();
  await service.close();
  await rm(serviceDir, { recursive: true, force: true });
  await rm(userDataDir, { recursive: true, force: true });
}
