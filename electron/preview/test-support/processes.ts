/**
 * Test support: which live processes carry an environment marker. Every process a launch starts
 * (the host, dbus-daemon, gnome-keyring-daemon, even once it has daemonised itself) inherits the
 * starter's environment, so a unique variable finds them all, whoever their parent is now.
 * Linux /proc only; zombies (exited, waiting to be reaped) do not count as running.
 */
import { readdirSync, readFileSync } from 'node:fs';

function isRunning(pid: string): boolean {
  try {
    // The state is the field after the command name, which is in parentheses and may hold spaces.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** Pids (other than this process) whose environment has name=value, with their command lines. */
export function processesWithEnv(name: string, value: string): { pid: number; command: string }[] {
  const wanted = `${name}=${value}`;
  const found: { pid: number; command: string }[] = [];
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    if (Number(pid) === process.pid) continue;
    try {
      const environ = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
      if (!environ.includes(wanted) || !isRunning(pid)) continue;
      found.push({ pid: Number(pid), command: readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim() });
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return found;
}

/** Resolves once no process carries the marker; fails with the list after `timeoutMs`. */
export async function noProcessesWithEnv(name: string, value: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const left = processesWithEnv(name, value);
    if (left.length === 0) return;
    if (Date.now() > deadline) throw new Error(`still running: ${left.map((p) => `${p.pid} ${p.command}`).join('; ')}`);
    // Exiting processes give no event to another process: look again shortly (a condition, not a fixed sleep).
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
