/**
 * A private Secret Service: its own session bus (dbus-daemon) and gnome-keyring-daemon under a
 * throwaway HOME, so that nothing started here ever reaches the developer's real keyring. The
 * tests use one per test file (they may lock it without disturbing others); the demo's browser
 * preview uses one as its "demo keychain". Both daemons are ours; stop() ends them by process id.
 *
 * Where the keyring file lives is the caller's choice: by default inside the throwaway HOME (gone
 * at stop), or in `dataHome`, which stop() leaves in place so that the next start unlocks the
 * same secrets again (the demo keeps its credentials between runs this way).
 *
 * It lives in the desktop layer, not in the preview host, because it stands in for the layer's
 * own keychain (vault.ts) wherever a real one must not be touched: the desktop, CLI and harness
 * tests use it as much as the preview does. Like everything in stand-in/, it is never packed into
 * the app (build/electron-builder.yml).
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The password of the tests' keyrings (a throwaway keyring: the password protects nothing). */
export const KEYRING_PASSWORD = 'mamori-test';
const LOGIN_COLLECTION = '/org/freedesktop/secrets/collection/login';

export interface PrivateKeychainOptions {
  /** true: create (or open) the login keyring unlocked with `password`; false: no login keyring at all. */
  unlocked: boolean;
  /** Default KEYRING_PASSWORD. A kept keyring (`dataHome`) opens only with the password it was made with. */
  password?: string;
  /** Keep the keyring files here ($XDG_DATA_HOME/keyrings) instead of in the throwaway HOME. */
  dataHome?: string;
}

export interface PrivateKeychain {
  /** Value for DBUS_SESSION_BUS_ADDRESS. */
  readonly busAddress: string;
  /** The throwaway HOME (also XDG_RUNTIME_DIR, where the daemon keeps its control socket). */
  readonly home: string;
  /** Where the keyring files are: `dataHome`, or a folder inside `home`. */
  readonly dataHome: string;
  /** The two daemons' process ids, for diagnostics and for tests that check nothing is left behind. */
  readonly pids: { readonly bus: number; readonly keyring: number };
  /** Whether the login collection is locked (a kept keyring given the wrong password stays locked). */
  isLocked(): Promise<boolean>;
  /** Lock the login collection, as the screen locker or the user would. */
  lock(): Promise<void>;
  /**
   * Point this process's keyring calls at this keychain; returns a function that restores.
   * @napi-rs/keyring keeps its first bus connection for the life of the process, so a process
   * can use() one keychain only; reach others from a child process.
   */
  use(): () => void;
  /** Ends both daemons (by id) and removes the throwaway HOME; a `dataHome` stays. */
  stop(): Promise<void>;
}

async function has(command: string): Promise<boolean> {
  try {
    await run('sh', ['-c', `command -v ${command}`]);
    return true;
  } catch {
    return false;
  }
}

/** Why the private keychain cannot start here, or null when it can. */
export async function missingKeychainTools(): Promise<string | null> {
  for (const tool of ['dbus-daemon', 'dbus-send', 'gnome-keyring-daemon']) {
    if (!(await has(tool))) return `${tool} is not installed (apt-get install dbus gnome-keyring)`;
  }
  return null;
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    if (child.stdout === null) return reject(new Error('no stdout'));
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => {
      lines.close();
      resolve(line.trim());
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code} before printing its address`)));
    child.once('error', reject);
  });
}

function runDaemon(args: string[], env: NodeJS.ProcessEnv, input: string): Promise<void> {
  const child = spawn('gnome-keyring-daemon', args, { env, stdio: [input === '' ? 'ignore' : 'pipe', 'ignore', 'ignore'] });
  // A daemon that exits before reading its stdin must fail this start, not crash the caller.
  child.stdin?.on('error', () => undefined);
  child.stdin?.end(input);
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`gnome-keyring-daemon ${args[0]} exited with ${code}`))));
    child.once('error', reject);
  });
}

async function dbusCall(env: NodeJS.ProcessEnv, args: string[]): Promise<string> {
  const { stdout } = await run('dbus-send', ['--session', '--print-reply', ...args], { env });
  return stdout;
}

function stopProcess(pid: number): void {
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    // already gone
  }
}

/** Start a private bus and keyring (see PrivateKeychainOptions). */
export async function startPrivateKeychain(options: PrivateKeychainOptions): Promise<PrivateKeychain> {
  const home = await mkdtemp(join(tmpdir(), 'mamori-keychain-'));
  const dataHome = options.dataHome ?? join(home, '.local/share');
  await mkdir(dataHome, { recursive: true, mode: 0o700 });
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, XDG_DATA_HOME: dataHome, XDG_RUNTIME_DIR: home };
  // Never the caller's own session bus: that is where the real keyring lives.
  delete env.DBUS_SESSION_BUS_ADDRESS;
  // No display: an unlock prompt must fail at once rather than pop up on a developer's screen.
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  const bus = spawn('dbus-daemon', ['--session', '--nofork', '--print-address=1'], { env, stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    const busAddress = await firstLine(bus);
    return await startKeyring({ busAddress, busEnv: { ...env, DBUS_SESSION_BUS_ADDRESS: busAddress }, home, dataHome, bus, options });
  } catch (error) {
    // The keyring daemon exits with its bus.
    bus.kill('SIGTERM');
    await rm(home, { recursive: true, force: true });
    throw error;
  }
}

interface KeyringStart {
  busAddress: string;
  busEnv: NodeJS.ProcessEnv;
  home: string;
  dataHome: string;
  bus: ChildProcess;
  options: PrivateKeychainOptions;
}

async function startKeyring({ busAddress, busEnv, home, dataHome, bus, options }: KeyringStart): Promise<PrivateKeychain> {
  // Without --foreground the daemon forks and the first process exits. After --unlock the
  // daemon may not own its bus name yet; a following --start talks to it over its control
  // socket and returns once the secrets component is up, which is the readiness signal.
  // The same holds for a first --start: only the second call is a reliable readiness signal.
  if (options.unlocked) await runDaemon(['--unlock', '--components=secrets'], busEnv, `${options.password ?? KEYRING_PASSWORD}\n`);
  else await runDaemon(['--start', '--components=secrets'], busEnv, '');
  await runDaemon(['--start', '--components=secrets'], busEnv, '');
  const pidReply = await dbusCall(busEnv, [
    '--dest=org.freedesktop.DBus',
    '/org/freedesktop/DBus',
    'org.freedesktop.DBus.GetConnectionUnixProcessID',
    'string:org.freedesktop.secrets',
  ]);
  const keyringPid = Number(/uint32 (\d+)/.exec(pidReply)?.[1]);

  return {
    busAddress,
    home,
    dataHome,
    pids: { bus: bus.pid ?? -1, keyring: keyringPid },
    async isLocked() {
      const reply = await dbusCall(busEnv, [
        '--dest=org.freedesktop.secrets',
        LOGIN_COLLECTION,
        'org.freedesktop.DBus.Properties.Get',
        'string:org.freedesktop.Secret.Collection',
        'string:Locked',
      ]);
      return /boolean true/.test(reply);
    },
    async lock() {
      await dbusCall(busEnv, [
        '--dest=org.freedesktop.secrets',
        '/org/freedesktop/secrets',
        'org.freedesktop.Secret.Service.Lock',
        `array:objpath:${LOGIN_COLLECTION}`,
      ]);
    },
    use() {
      const previous = process.env.DBUS_SESSION_BUS_ADDRESS;
      process.env.DBUS_SESSION_BUS_ADDRESS = busAddress;
      return () => {
        if (previous === undefined) delete process.env.DBUS_SESSION_BUS_ADDRESS;
        else process.env.DBUS_SESSION_BUS_ADDRESS = previous;
      };
    },
    async stop() {
      stopProcess(keyringPid);
      const busGone = new Promise<void>((resolve) => {
        if (bus.exitCode !== null || bus.signalCode !== null) resolve();
        else bus.once('exit', () => resolve());
      });
      bus.kill('SIGTERM');
      await busGone;
      await rm(home, { recursive: true, force: true });
    },
  };
}
