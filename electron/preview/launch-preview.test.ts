/**
 * The launcher with real processes: the preview host in its own Node process, on the demo
 * keychain (a real dbus-daemon and gnome-keyring-daemon) or, where those cannot start, on the
 * memory vault; a real token service. Requests go over real HTTP as the page sends them. After
 * each launch the test checks by environment marker that no process of it is left running.
 */
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppState, Result } from '../shared/contract.js';
import { startService, type RunningService } from '../../service/src/start-service.js';
import type { HostMessage, HostProcessOptions } from './host-process.js';
import { launchPreview, PortInUseError, type LaunchPreviewOptions, type RunningPreview } from './launch-preview.js';
import { INVOKE_PATH } from './loopback-protocol.js';
import { missingKeychainTools, startPrivateKeychain } from '../../desktop/stand-in/private-keychain.js';
import { noProcessesWithEnv, processesWithEnv } from './test-support/processes.js';
import { invokeAs, send } from './test-support/raw-http.js';
import { rendererFixture } from './test-support/renderer-fixture.js';

const missing = await missingKeychainTools();
if (missing !== null) console.warn(`Skipping demo keychain tests: ${missing}`);

const MARKER = 'MAMORI_LAUNCH_TEST';
const build = rendererFixture();
let service: RunningService;
let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'mamori-launch-'));
  service = await startService({ dataDir: join(folder, 'service'), port: 0 });
});
/** Every launch, so that a failing test still leaves no process behind (stop() may run twice). */
const launched: RunningPreview[] = [];
afterAll(async () => {
  for (const preview of launched) await preview.stop();
  await service?.close();
  await rm(folder, { recursive: true, force: true });
  build.remove();
});

/** Launches with a fresh marker in the environment, so every process of this launch can be found. */
async function launch(name: string, options: Partial<LaunchPreviewOptions> = {}): Promise<{ preview: RunningPreview; marker: string }> {
  const marker = `${name}-${process.pid}-${Date.now()}`;
  process.env[MARKER] = marker;
  try {
    const preview = await launchPreview({
      appDir: join(folder, name, 'app'),
      memoryAppDir: join(folder, name, 'app-memory'),
      serviceUrl: service.url,
      port: 0,
      ...build,
      ...options,
    });
    launched.push(preview);
    return { preview, marker };
  } finally {
    delete process.env[MARKER];
  }
}

async function call(preview: RunningPreview, channel: string, payload: unknown = {}): Promise<Result<AppState>> {
  const url = new URL(preview.url);
  const response = await invokeAs(Number(url.port), url.pathname + INVOKE_PATH, { channel, payload });
  expect(response.status).toBe(200);
  return (response.json() as { result: Result<AppState> }).result;
}

function readyOf(result: Result<AppState>): Extract<AppState, { kind: 'ready' }> {
  if (!result.ok || result.value.kind !== 'ready') throw new Error(`expected a ready state, got ${JSON.stringify(result)}`);
  return result.value;
}

describe.skipIf(missing !== null)('launchPreview on the demo keychain', () => {
  it('runs the host on a private Secret Service; the secrets outlive the run in <appDir>/keyring', async () => {
    const first = await launch('kept');
    expect(first.preview.keychain).toBe('demo');
    expect(first.preview.fallbackReason).toBeNull();
    expect(first.preview.keyringDir).toBe(join(folder, 'kept', 'app', 'keyring'));
    // The host, dbus-daemon and the keyring daemon run (a start helper may still be on its way out).
    expect(processesWithEnv(MARKER, first.marker).map((p) => p.pid)).toEqual(
      expect.arrayContaining([first.preview.pids.host, first.preview.pids.bus, first.preview.pids.keyring]),
    );
    const page = await send(Number(new URL(first.preview.url).port), { path: new URL(first.preview.url).pathname });
    expect(page.text).toContain('content="demo"');
    const provisioned = readyOf(await call(first.preview, 'credential:provision'));
    const id = provisioned.selectedId;
    await first.preview.stop();
    await noProcessesWithEnv(MARKER, first.marker);
    expect(existsSync(join(folder, 'kept', 'app', 'keyring', 'keyrings', 'login.keyring'))).toBe(true);

    const second = await launch('kept');
    const again = readyOf(await call(second.preview, 'state:get'));
    expect(again.selectedId).toBe(id);
    // The code is there: the secret came back from the kept keyring.
    expect(again.credentials[0]?.code?.code).toMatch(/^\d{6}$/);
    await second.preview.stop();
    await noProcessesWithEnv(MARKER, second.marker);
  });

  it('moves a kept keyring that will not open aside and starts with an empty one', async () => {
    const keyringDir = join(folder, 'aside', 'app', 'keyring');
    const foreign = await startPrivateKeychain({ unlocked: true, password: 'some other password', dataHome: keyringDir });
    await foreign.stop();
    const { preview, marker } = await launch('aside');
    expect(preview.keychain).toBe('demo');
    expect(preview.keptAside).toMatch(/keyring\.unreadable-\d+$/);
    expect(existsSync(join(preview.keptAside ?? '', 'keyrings', 'login.keyring'))).toBe(true);
    expect(await call(preview, 'credential:provision')).toMatchObject({ ok: true, value: { kind: 'ready' } });
    await preview.stop();
    await noProcessesWithEnv(MARKER, marker);
  });

  it('reports a port in use as PortInUseError and leaves nothing running', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as AddressInfo).port;
    const marker = `busy-${Date.now()}`;
    process.env[MARKER] = marker;
    const attempt = launchPreview({ appDir: join(folder, 'busy', 'app'), memoryAppDir: join(folder, 'busy', 'm'), serviceUrl: service.url, port, ...build });
    delete process.env[MARKER];
    await expect(attempt).rejects.toEqual(new PortInUseError(port));
    await noProcessesWithEnv(MARKER, marker);
    busy.close();
  });
});

describe('launchPreview where no Secret Service can start', () => {
  let savedPath: string | undefined;
  beforeAll(async () => {
    // A PATH with a shell and nothing else: dbus-daemon and gnome-keyring-daemon are "not installed".
    const bin = join(folder, 'bare-bin');
    await mkdir(bin, { recursive: true });
    await symlink('/bin/sh', join(bin, 'sh'));
    savedPath = process.env.PATH;
    process.env.PATH = bin;
  });
  afterAll(() => {
    process.env.PATH = savedPath;
  });

  it('keeps secrets in memory only, says why, and starts each run with a fresh app folder', async () => {
    const first = await launch('memory');
    expect(first.preview.keychain).toBe('memory');
    expect(first.preview.fallbackReason).toMatch(/dbus-daemon is not installed/);
    expect(first.preview.keyringDir).toBeNull();
    expect(first.preview.pids.bus).toBeNull();
    const page = await send(Number(new URL(first.preview.url).port), { path: new URL(first.preview.url).pathname });
    expect(page.text).toContain('content="memory"');
    readyOf(await call(first.preview, 'credential:provision'));
    expect(existsSync(join(folder, 'memory', 'app-memory', 'settings.json'))).toBe(true);
    await first.preview.stop();
    await noProcessesWithEnv(MARKER, first.marker);

    const second = await launch('memory');
    // The secret died with the first run; so did the settings that named it: no dead credential to trip over.
    expect(await call(second.preview, 'state:get')).toMatchObject({ ok: true, value: { kind: 'setup' } });
    expect(existsSync(join(folder, 'memory', 'app'))).toBe(false);
    await second.preview.stop();
  });
});

describe('the host process', () => {
  const entry = fileURLToPath(new URL('./host-process.ts', import.meta.url));
  const options = (busAddress: string | null): HostProcessOptions => ({
    userDataDir: join(folder, 'direct'),
    serviceUrl: service.url,
    port: 0,
    keychain: 'demo',
    busAddress,
    ...build,
  });
  const start = (opts: HostProcessOptions, bus: string | undefined) => {
    const env: NodeJS.ProcessEnv = { ...process.env };
    if (bus === undefined) delete env.DBUS_SESSION_BUS_ADDRESS;
    else env.DBUS_SESSION_BUS_ADDRESS = bus;
    const child = fork(entry, [JSON.stringify(opts)], { env, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
    const first = new Promise<HostMessage>((resolve) => child.once('message', (m: HostMessage) => resolve(m)));
    const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    return { child, first, exit };
  };

  it('refuses the demo keychain on any bus but the one it was given (never the session bus of the person)', async () => {
    const wrongBus = start(options('unix:path=/tmp/mamori-demo-bus'), 'unix:path=/run/user/1000/bus');
    expect(await wrongBus.first).toMatchObject({ type: 'failed', reason: 'error', message: expect.stringMatching(/private session bus/) });
    expect(await wrongBus.exit).toBe(1);
    const noBus = start(options(null), undefined);
    expect(await noBus.first).toMatchObject({ type: 'failed', reason: 'error' });
    expect(await noBus.exit).toBe(1);
  });

  it('stops when its launcher goes away', async () => {
    const host = start({ ...options(null), keychain: 'memory' }, 'unix:path=/nonexistent/bus');
    expect(await host.first).toMatchObject({ type: 'ready' });
    host.child.disconnect();
    expect(await host.exit).toBe(0);
  });
});
