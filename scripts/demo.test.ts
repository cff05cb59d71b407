/**
 * `npm run demo` failing clearly: a demo port already in use, or a port variable that is not a
 * port, gives one line naming the port and the variable to change, exit code 1, no stack trace.
 * The check comes before anything starts, so nothing is left half-started. (The story itself is
 * walked in e2e/preview/demo.spec.ts.)
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo } from '../e2e/preview/demo-process.js';
import { processesWithEnv } from '../electron/preview/test-support/processes.js';

const root = fileURLToPath(new URL('..', import.meta.url));
let dataDir: string;
let busy: Server;
let busyPort: number;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'mamori-demo-fail-'));
  busy = createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  busyPort = (busy.address() as { port: number }).port;
});
afterAll(async () => {
  busy.close();
  await rm(dataDir, { recursive: true, force: true });
});

function demo(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['scripts/demo.mjs', '--no-build', '--preview'],
      // Every port free (0) unless the test says otherwise.
      { cwd: root, timeout: 30_000, env: { ...process.env, MAMORI_DEMO_DIR: dataDir, MAMORI_DEMO_SERVICE_PORT: '0', MAMORI_DEMO_BANK_PORT: '0', MAMORI_DEMO_WINDOW_PORT: '0', ...env } },
      (error, stdout, stderr) => resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : null, stdout, stderr }),
    );
  });
}

const linesOf = (text: string) => text.split('\n').filter((line) => line.trim() !== '');

describe('npm run demo with a port already in use', () => {
  for (const variable of ['MAMORI_DEMO_SERVICE_PORT', 'MAMORI_DEMO_BANK_PORT', 'MAMORI_DEMO_WINDOW_PORT']) {
    it(`says so in one line naming the port and ${variable}, and exits 1`, async () => {
      const run = await demo({ [variable]: String(busyPort) });
      expect(run.code).toBe(1);
      expect(linesOf(run.stdout)).toEqual([]);
      const lines = linesOf(run.stderr);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`^Port ${busyPort} is already in use: set ${variable} to a free port \\(e\\.g\\. ${variable}=\\d+ npm run demo\\)\\.$`));
    });
  }
});

describe('npm run demo with a port variable that is not a port', () => {
  it('names the variable in one line and exits 1', async () => {
    const run = await demo({ MAMORI_DEMO_BANK_PORT: 'eighty' });
    expect(run.code).toBe(1);
    expect(linesOf(run.stderr)).toEqual(['MAMORI_DEMO_BANK_PORT=eighty is not a port number (0-65535).']);
  });
});

describe('npm run demo, running (needs the build: npm run build)', () => {
  it('stops everything it started on Ctrl+C (SIGINT to its process group, as a terminal sends it)', async () => {
    const demo = await startDemo();
    const running = processesWithEnv('MAMORI_DEMO_DIR', demo.dataDir).map((p) => p.command);
    // npm, the demo, the preview host and the demo keychain's two daemons.
    for (const part of [/scripts\/demo\.mjs/, /host-process\.js/, /^dbus-daemon/, /^gnome-keyring-daemon/]) expect(running.some((c) => part.test(c)), String(part)).toBe(true);
    // stop() sends SIGINT to the group and fails unless every one of them is gone within 15 s.
    await demo.stop();
    expect(processesWithEnv('MAMORI_DEMO_DIR', demo.dataDir)).toEqual([]);
  });

  it('where no Secret Service can start, keeps secrets in memory only and says so in the output and the page', async () => {
    // A PATH with node, npm and a shell, but no dbus-daemon or gnome-keyring-daemon.
    const bin = join(dataDir, 'bin');
    await mkdir(bin, { recursive: true });
    for (const [name, target] of [['node', process.execPath], ['sh', '/bin/sh'], ['npm', join(dirname(process.execPath), 'npm')]] as const) await symlink(target, join(bin, name));
    const demo = await startDemo({ env: { PATH: bin } });
    try {
      expect(demo.output).toMatch(/^ {2}プレビュー: シークレットはメモリのみ・終了で消えます \/ preview: secrets in memory only, lost when the demo stops\. 理由 \/ why: dbus-daemon is not installed/m);
      const page = await fetch(demo.windowUrl ?? 'http://127.0.0.1:9/missing');
      expect(await page.text()).toContain('<meta name="mamori-preview-keychain" content="memory" />');
    } finally {
      await demo.stop();
    }
  });
});

describe('npm run demo where Electron is installed (a stand-in binary through ELECTRON_OVERRIDE_DIST_PATH)', () => {
  /** An "Electron" that notes what it was started with and then waits, as the app would. */
  async function fakeElectron(): Promise<{ dist: string; noted: string }> {
    const dist = join(dataDir, `electron-${Date.now()}`);
    await mkdir(dist, { recursive: true });
    const noted = join(dist, 'started-with.txt');
    await writeFile(join(dist, 'electron'), `#!/bin/sh\necho "$MAMORI_SERVICE_URL $*" > '${noted}'\nexec sleep 300\n`);
    await chmod(join(dist, 'electron'), 0o755);
    return { dist, noted };
  }

  it('starts the Electron app pointed at the demo token service, and no preview', async () => {
    const electron = await fakeElectron();
    const demo = await startDemo({ args: [], env: { ELECTRON_OVERRIDE_DIST_PATH: electron.dist } });
    try {
      expect(demo.output).toMatch(/^ {2}Window: Mamori のウィンドウ \(Electron\) \/ the Mamori window \(Electron\)$/m);
      const serviceUrl = /^ {2}Token service: (\S+)/m.exec(demo.output)?.[1];
      await expect.poll(() => existsSync(electron.noted)).toBe(true);
      expect((await readFile(electron.noted, 'utf8')).trim()).toBe(`${serviceUrl} ${root.replace(/\/$/, '')}`);
      expect(processesWithEnv('MAMORI_DEMO_DIR', demo.dataDir).map((p) => p.command).filter((c) => /host-process|dbus-daemon/.test(c))).toEqual([]);
    } finally {
      await demo.stop();
    }
  });

  it('with --preview, opens the browser preview instead and leaves Electron alone', async () => {
    const electron = await fakeElectron();
    const demo = await startDemo({ args: ['--preview'], env: { ELECTRON_OVERRIDE_DIST_PATH: electron.dist } });
    try {
      expect(demo.windowUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
      expect(existsSync(electron.noted)).toBe(false);
    } finally {
      await demo.stop();
    }
  });
});
