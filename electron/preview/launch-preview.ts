/**
 * Starts the browser preview for `npm run demo`: the demo keychain (a private Secret Service,
 * desktop/stand-in/private-keychain.ts) and the preview host in a child process bound to it
 * (host-process.ts).
 *
 * Where the secrets of the demo keychain live, and why: the keyring files are kept in
 * `<appDir>/keyring`, beside the settings file in `appDir`, and unlocked again with the same
 * fixed password on the next run. The demo keeps the token service's and the bank's data between
 * runs, so a token registered at the bank must still show its codes next time; a keychain that
 * died with each run would leave the bank asking for codes nobody can produce. The password
 * protects nothing (it is in this file): these are demo secrets in a demo folder, and the real
 * keyring is never involved. A kept keyring that no longer opens is moved aside, never deleted.
 *
 * Where no Secret Service can start (dbus or gnome-keyring missing, or a daemon failing), and only
 * here, the secrets are kept in the host's memory instead, with a fresh `memoryAppDir` each run: a
 * settings file naming credentials whose secrets died with the last run would help nobody.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HostMessage, HostProcessOptions } from './host-process.js';
import type { PreviewKeychain } from './preview-info.js';
import { missingKeychainTools, startPrivateKeychain, type PrivateKeychain } from '../../desktop/stand-in/private-keychain.js';

/** The demo keyring's password: fixed, so that the next run opens the same keyring (see above). */
export const DEMO_KEYRING_PASSWORD = 'mamori-demo-keychain';
/** In memory mode the host gets a bus address where nothing listens: its keyring calls can only fail. */
const NO_BUS = 'unix:path=/nonexistent/mamori-preview-no-bus';

export interface LaunchPreviewOptions {
  /** Settings and the kept demo keyring (`.data/demo/app`). */
  appDir: string;
  /** Settings in memory mode, emptied at every start (`.data/demo/app-memory`). */
  memoryAppDir: string;
  serviceUrl: string;
  /** 0 = any free port. */
  port: number;
  rendererDir: string;
  bridgeFile: string;
  /** "auto": the demo keychain where it can start, else memory. "memory": skip the keychain. */
  keychain?: 'auto' | 'memory';
}

export interface RunningPreview {
  /** The address to open, with this run's capability token. */
  url: string;
  keychain: PreviewKeychain;
  /** Why the secrets are in memory only; null with the demo keychain. */
  fallbackReason: string | null;
  /** The demo keyring's folder; null in memory mode. */
  keyringDir: string | null;
  /** Where a kept keyring that would not open was moved; null when none was. */
  keptAside: string | null;
  /** The processes this preview runs, for diagnostics and for tests that check none is left behind. */
  pids: { host: number; bus: number | null; keyring: number | null };
  /** Resolves with the host's exit code if it exits on its own (it should not). */
  exited: Promise<number | null>;
  /** Stops the host (which clears the page's clipboard copy if still ours), then the keychain. */
  stop(): Promise<void>;
}

export class PortInUseError extends Error {
  readonly port: number;
  constructor(port: number) {
    super(`Port ${port} is already in use.`);
    this.name = 'PortInUseError';
    this.port = port;
  }
}

interface DemoKeychain {
  keychain: PrivateKeychain;
  keptAside: string | null;
}

/** The demo keychain, or why it cannot start. */
async function startDemoKeychain(keyringDir: string): Promise<DemoKeychain | { failed: string }> {
  const missing = await missingKeychainTools();
  if (missing !== null) return { failed: missing };
  const start = () => startPrivateKeychain({ unlocked: true, password: DEMO_KEYRING_PASSWORD, dataHome: keyringDir });
  let keychain: PrivateKeychain | null = null;
  try {
    let keptAside: string | null = null;
    keychain = await start();
    if (await keychain.isLocked()) {
      // Made with another password or damaged: keep it aside (as the settings store does) and start empty.
      await keychain.stop();
      keychain = null;
      keptAside = `${keyringDir}.unreadable-${Date.now()}`;
      await rename(keyringDir, keptAside);
      keychain = await start();
      if (await keychain.isLocked()) throw new Error('a new keyring stayed locked');
    }
    return { keychain, keptAside };
  } catch (error) {
    await keychain?.stop().catch(() => undefined);
    return { failed: `the Secret Service did not start (${error instanceof Error ? error.message : String(error)})` };
  }
}

/** The host entry beside this file: compiled JavaScript, or TypeScript through tsx when run from source (tests). */
function hostEntry(): { path: string; execArgv: string[] } {
  const self = fileURLToPath(import.meta.url);
  return self.endsWith('.ts')
    ? { path: join(self, '../host-process.ts'), execArgv: ['--import', 'tsx'] }
    : { path: join(self, '../host-process.js'), execArgv: [] };
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

/** Waits for the host's first word: its address, or why it could not start. */
function firstMessage(child: ChildProcess): Promise<HostMessage> {
  return new Promise((resolve, reject) => {
    child.once('message', (message: HostMessage) => resolve(message));
    child.once('exit', (code) => reject(new Error(`The preview host exited with ${code} before it was ready.`)));
    child.once('error', reject);
  });
}

export async function launchPreview(options: LaunchPreviewOptions): Promise<RunningPreview> {
  const keyringDir = join(options.appDir, 'keyring');
  const demo = options.keychain === 'memory' ? { failed: 'the memory vault was asked for' } : await startDemoKeychain(keyringDir);
  const keychain = 'keychain' in demo ? demo.keychain : null;
  const mode: PreviewKeychain = keychain === null ? 'memory' : 'demo';
  const userDataDir = mode === 'demo' ? options.appDir : options.memoryAppDir;
  if (mode === 'memory') await rm(options.memoryAppDir, { recursive: true, force: true });
  await mkdir(userDataDir, { recursive: true, mode: 0o700 });

  const env: NodeJS.ProcessEnv = { ...process.env, DBUS_SESSION_BUS_ADDRESS: keychain?.busAddress ?? NO_BUS };
  // No display: an unlock prompt must fail at once, never appear on someone's screen.
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  const hostOptions: HostProcessOptions = {
    userDataDir,
    serviceUrl: options.serviceUrl,
    port: options.port,
    keychain: mode,
    busAddress: keychain?.busAddress ?? null,
    rendererDir: options.rendererDir,
    bridgeFile: options.bridgeFile,
  };
  const entry = hostEntry();
  const child = fork(entry.path, [JSON.stringify(hostOptions)], { env, execArgv: entry.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = exitOf(child);

  async function stop(): Promise<void> {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      // The host clears and closes within a second or two; one that hangs is not waited for.
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    await keychain?.stop();
  }

  let first: HostMessage;
  try {
    first = await firstMessage(child);
  } catch (error) {
    await stop();
    throw error;
  }
  if (first.type === 'failed') {
    await stop();
    if (first.reason === 'port_in_use') throw new PortInUseError(options.port);
    throw new Error(`The preview host could not start: ${first.message}`);
  }
  return {
    url: first.url,
    keychain: mode,
    fallbackReason: 'failed' in demo ? demo.failed : null,
    keyringDir: keychain === null ? null : keyringDir,
    keptAside: 'keptAside' in demo ? demo.keptAside : null,
    pids: { host: child.pid ?? -1, bus: keychain?.pids.bus ?? null, keyring: keychain?.pids.keyring ?? null },
    exited,
    stop,
  };
}
