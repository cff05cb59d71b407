/**
 * `npm run demo` as a person starts it, for the specs: a child process in a process group of its
 * own (as a terminal would run it), whose printed story is the ONLY source of the window's URL,
 * the bank's address and the demo account. Every port is 0 (any free port) and the data folder is
 * a fresh temp folder, so runs never clash with anyone's demo; that folder's path, in every
 * process's environment, also finds every process of the run (electron/preview/test-support/processes.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { noProcessesWithEnv } from '../../electron/preview/test-support/processes.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface DemoStory {
  /** Everything printed up to and including "Ready.". */
  output: string;
  /** The browser preview's address with its token; null when the demo started Electron (or no app). */
  windowUrl: string | null;
  bankLoginUrl: string;
  account: { contractId: string; password: string };
}

/** Reads the story the way a test (or a person) would: by its labelled lines. */
export function parseStory(output: string): DemoStory {
  const windowUrl = /^ {2}Window: (http:\/\/127\.0\.0\.1:\d+\/[A-Za-z0-9_-]+\/)$/m.exec(output)?.[1] ?? null;
  const bankLoginUrl = /^ {2}Bank: (http:\/\/127\.0\.0\.1:\d+\/login)$/m.exec(output)?.[1];
  const account = /^ {2}契約者ID: (\d+) \/ パスワード: (\S+)/m.exec(output);
  if (bankLoginUrl === undefined || account?.[1] === undefined || account[2] === undefined) {
    throw new Error(`The demo's output lacks the bank or the account:\n${output}`);
  }
  return { output, windowUrl, bankLoginUrl, account: { contractId: account[1], password: account[2] } };
}

export interface RunningDemo extends DemoStory {
  /** The npm process. */
  child: ChildProcess;
  /** The demo's data folder: also the marker that finds its processes (MAMORI_DEMO_DIR). */
  dataDir: string;
  /** Resolves with npm's exit code or signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves once no process of this run is left (fails after the timeout with their list). */
  allGone(timeoutMs?: number): Promise<void>;
  /** Ctrl+C as a terminal sends it (to the whole process group), then waits until everything is gone and removes the data. */
  stop(): Promise<void>;
}

export interface StartDemoOptions {
  /** Arguments after `--` (and `--no-build` unless `build`); default ['--preview']. */
  args?: string[];
  /** Run the demo's own build first, as `npm run demo` does for a person (default: use the last build). */
  build?: boolean;
  /** Added to (or, with undefined, removed from) the inherited environment. */
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
}

export async function startDemo({ args: extraArgs = ['--preview'], build = false, env = {}, timeoutMs = build ? 240_000 : 60_000 }: StartDemoOptions = {}): Promise<RunningDemo> {
  for (const built of build ? [] : ['dist/preview/bridge.js', 'dist/renderer/index.html', 'dist/electron/preview/launch-preview.js']) {
    if (!existsSync(join(root, built))) throw new Error(`${built} is missing: build first (npm run build).`);
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'mamori-demo-'));
  const child = spawn('npm', ['run', '--silent', 'demo', '--', ...(build ? [] : ['--no-build']), ...extraArgs], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, MAMORI_DEMO_DIR: dataDir, MAMORI_DEMO_SERVICE_PORT: '0', MAMORI_DEMO_BANK_PORT: '0', MAMORI_DEMO_WINDOW_PORT: '0', ...env },
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let output = '';
  let errors = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (errors += chunk));
  const ready = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`No "Ready." within ${timeoutMs} ms:\n${output}\n${errors}`)), timeoutMs);
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      if (/^Ready\.$/m.test(output)) {
        clearTimeout(timer);
        resolve(output);
      }
    });
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`The demo exited (${code}) before "Ready.":\n${output}\n${errors}`));
    });
  });
  const allGone = (ms = 15_000) => noProcessesWithEnv('MAMORI_DEMO_DIR', dataDir, ms);
  return {
    ...parseStory(ready),
    child,
    dataDir,
    exited,
    allGone,
    async stop() {
      // To the group even when npm itself has exited: what it started may still be running.
      if (child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGINT');
        } catch {
          // the group is gone already
        }
      }
      await allGone();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
