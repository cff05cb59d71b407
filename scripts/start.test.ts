/**
 * `npm start` where the Electron binary is not installed: one line saying what is missing and
 * what to do, exit code 1, no stack trace and no build first. The binary's absence is made
 * certain with ELECTRON_OVERRIDE_DIST_PATH (honoured like the electron package's own index.js),
 * so this holds on machines that have the binary too.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
let empty: string;
beforeAll(async () => {
  empty = await mkdtemp(join(tmpdir(), 'mamori-no-electron-'));
});
afterAll(() => rm(empty, { recursive: true, force: true }));

function startScript(env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['scripts/start.mjs'], { cwd: root, env, timeout: 20_000 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : null, stdout, stderr });
    });
  });
}

describe('npm start without the Electron binary', () => {
  it('is the node script, not a bare `electron .`', async () => {
    const manifest = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(manifest.scripts.start).toBe('node scripts/start.mjs');
  });

  it('prints one line naming what is missing and what to do, and exits 1 before building', async () => {
    const started = Date.now();
    const run = await startScript({ ...process.env, ELECTRON_OVERRIDE_DIST_PATH: empty });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    const lines = run.stderr.split('\n').filter((line) => line.trim() !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/Electron binary is not installed/);
    expect(lines[0]).toContain(join(empty, 'electron'));
    expect(lines[0]).toContain('npm run demo');
    expect(lines[0]).toContain('npx install-electron');
    expect(lines[0]).not.toMatch(/\n\s+at |Error:/);
    // No build ran (a build takes many seconds and prints vite's output).
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
