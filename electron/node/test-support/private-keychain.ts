/**
 * Test support: a private Secret Service for one test file: its own session bus (dbus-daemon)
 * and gnome-keyring-daemon with a throwaway HOME, so tests never touch the developer's real
 * keyring and may lock their keychain without disturbing test files running in parallel.
 * Both daemons are ours; stop() ends them by process id.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const KEYRING_PASSWORD = 'mamori-test';
const LOGIN_COLLECTION = '/org/freedesktop/secrets/collection/login';

export interface PrivateKeychain {
  /** Value for DBUS_SESSION_BUS_ADDRESS. */
  readonly busAddress: string;
  readonly home: string;
  /** Lock the login collection, as the screen locker or the user would. */
  lock(): Promise<void>;
  /**
   * Point this process's keyring calls at this keychain; returns a function that restores.
   * @napi-rs/keyring keeps its first bus connection for the life of the process, so a test
   * file (one process under vitest's forks pool) can use() one keychain only; reach others
   * from a child process (child-node.ts).
   */
  use(): () => void;
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
  // A daemon that exits before reading its stdin must fail this start, not crash the test process.
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

/**
 * Start a private bus and keyring. `unlocked: true` creates the login keyring unlocked with
 * KEYRING_PASSWORD (what CI's wrapper does); false starts the daemon with no login keyring at all.
 */
export async function startPrivateKeychain(options: { unlocked: boolean }): Promise<PrivateKeychain> {
  const home = await mkdtemp(join(tmpdir(), 'mamori-keychain-'));
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, XDG_DATA_HOME: join(home, '.local/share'), XDG_RUNTIME_DIR: home };
  delete env.DBUS_SESSION_BUS_ADDRESS;
  // No display: an unlock prompt must fail at once rather than pop up on a developer's screen.
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  const bus = spawn('dbus-daemon', ['--session', '--nofork', '--print-address=1'], { env, stdio: ['ignore', 'pipe', 'ignore'] });
  const busAddress = await firstLine(bus);
  const busEnv = { ...env, DBUS_SESSION_BUS_ADDRESS: busAddress };
  try {
    return await startKeyring(busAddress, busEnv, home, bus, options.unlocked);
  } catch (error) {
    // The keyring daemon exits with its bus.
    bus.kill('SIGTERM');
    await rm(home, { recursive: true, force: true });
    throw error;
  }
}

async function startKeyring(busAddress: string, busEnv: NodeJS.ProcessEnv, home: string, bus: ChildProcess, unlocked: boolean): Promise<PrivateKeychain> {

  // Without --foreground the daemon forks and the first process exits. After --unlock the
  // daemon may not own its bus name yet; a following --start talks to it over its control
  // socket and returns once the secrets component is up, which is the readiness signal.
  // The same holds for a first --start: only the second call is a reliable readiness signal.
  if (unlocked) await runDaemon(['--unlock', '--components=secrets'], busEnv, `${KEYRING_PASSWORD}\n`);
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
      if (Number.isInteger(keyringPid) && keyringPid > 0) {
        try {
          process.kill(keyringPid, 'SIGTERM');
        } catch {
          // already gone
        }
      }
      bus.kill('SIGTERM');
      await rm(home, { recursive: true, force: true });
    },
  };
}
