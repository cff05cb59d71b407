/**
 * Test support: run a snippet of TypeScript-importing ESM in a fresh Node process (through tsx)
 * with a chosen environment. Used where a test needs a process of its own: @napi-rs/keyring
 * keeps its first session-bus connection for the life of a process, so "no bus" or "another
 * (locked) keychain" can only be observed from a new process.
 *
 * The snippet must print its result as JSON on the last line of stdout.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Absolute path of a module next to this folder's parent, for `await import(...)` in a snippet. */
export function modulePath(relativeToNodeDir: string): string {
  return fileURLToPath(new URL(`../${relativeToNodeDir}`, import.meta.url));
}

export async function runInChild(snippet: string, env: NodeJS.ProcessEnv): Promise<unknown> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', snippet], {
    env,
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    timeout: 30_000,
  });
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1] ?? 'null');
}

/** An environment with no session bus reachable (and no display for a prompt). */
export function noBusEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, XDG_RUNTIME_DIR: home };
  delete env.DBUS_SESSION_BUS_ADDRESS;
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  return env;
}

/** An environment whose keyring calls go to the given private bus. */
export function busEnv(busAddress: string, home: string): NodeJS.ProcessEnv {
  return { ...noBusEnv(home), DBUS_SESSION_BUS_ADDRESS: busAddress };
}
