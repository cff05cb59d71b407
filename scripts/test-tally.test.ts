/**
 * The summary line CI trusts, tested against real runs of vitest and Playwright over planted
 * files (scripts/planted/): a throwing beforeAll, a throwing afterAll, an unhandled rejection, a
 * module that fails to load and a failing Playwright spec must each end in "N failed" (N >= 1)
 * with a non-zero exit, through the same functions `npm test` uses; the controls (a pass and a
 * chosen skip) must not.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { emptyTally, exitCodeOf, root, runPlaywright, runVitest, summaryLine, tallyPlaywright, tallyVitest } from './test-tally.mjs';

const work = mkdtempSync(join(tmpdir(), 'mamori-tally-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The line and exit code `npm test` would give if this runner's result were the whole run. */
function verdict(tally: ReturnType<typeof emptyTally>) {
  return { line: summaryLine(tally), exit: exitCodeOf(tally), problems: tally.problems };
}

const planted = join(root, 'scripts/planted');
async function vitestOn(file: string) {
  return verdict(
    await runVitest(`planted ${file}`, ['--config', `${planted}/vitest.config.ts`, '--root', planted, file], {
      quiet: true,
      reportFile: join(work, `${file}.json`),
    }),
  );
}
async function playwrightOn(file: string) {
  return verdict(
    await runPlaywright(`planted ${file}`, ['--config', `${planted}/playwright.config.ts`, file], {
      quiet: true,
      reportFile: join(work, `${file}.json`),
    }),
  );
}

describe('vitest runs', () => {
  it('a pass and a chosen skip: 1 passed, 0 failed, 1 skipped, exit 0', async () => {
    expect(await vitestOn('control.planted')).toEqual({ line: '1 passed, 0 failed, 1 skipped', exit: 0, problems: [] });
  });

  it('a throwing beforeAll: its tests did not run and count as failed, not skipped', async () => {
    const { line, exit, problems } = await vitestOn('before-all-throws.planted');
    // 1 passed outside; 2 never ran; 1 hook error.
    expect(line).toBe('1 passed, 3 failed');
    expect(exit).toBe(1);
    expect(problems.join('\n')).toContain('planted: the world did not start');
  });

  it('a throwing afterAll after passing tests is a failure', async () => {
    const { line, exit, problems } = await vitestOn('after-all-throws.planted');
    expect(line).toBe('1 passed, 1 failed');
    expect(exit).toBe(1);
    expect(problems.join('\n')).toContain('planted: cleanup failed');
  });

  it('an unhandled rejection in a passing test is a failure', async () => {
    const { line, exit, problems } = await vitestOn('unhandled-rejection.planted');
    expect(line).toBe('1 passed, 1 failed');
    expect(exit).toBe(1);
    expect(problems.join('\n')).toContain('planted: unhandled rejection');
  });

  it('a module that fails to load is a failure', async () => {
    const { line, exit } = await vitestOn('fails-to-load.planted');
    expect(line).toBe('0 passed, 1 failed');
    expect(exit).toBe(1);
  });
});

describe('Playwright runs', () => {
  it('a pass and a chosen skip: 1 passed, 0 failed, 1 skipped, exit 0', async () => {
    expect(await playwrightOn('control.planted-spec.ts')).toEqual({ line: '1 passed, 0 failed, 1 skipped', exit: 0, problems: [] });
  });

  it('a failing spec is a failure', async () => {
    const { line, exit } = await playwrightOn('failing.planted-spec.ts');
    expect(line).toBe('1 passed, 1 failed');
    expect(exit).toBe(1);
  });

  it('a throwing beforeAll: the test it failed in and the one that never ran are both failures', async () => {
    const { line, exit, problems } = await playwrightOn('before-all-throws.planted-spec.ts');
    expect(line).toBe('0 passed, 2 failed');
    expect(exit).toBe(1);
    expect(problems.join('\n')).toContain('did not run');
  });
});

describe('what a runner fails to say', () => {
  it('no report at all is a failure, whatever the exit status', () => {
    for (const status of [0, 1, null]) {
      expect(exitCodeOf(tallyVitest(join(work, 'missing.json'), status))).toBe(1);
      expect(exitCodeOf(tallyPlaywright(join(work, 'missing.json'), status))).toBe(1);
    }
  });

  it('a non-zero exit with a clean report is one failure', () => {
    const report = join(work, 'clean.json');
    writeFileSync(report, JSON.stringify({ passed: 3, skipped: 0, failed: [], notRun: [], errors: [], unhandled: [], reason: 'passed' }));
    expect(summaryLine(tallyVitest(report, 0))).toBe('3 passed, 0 failed');
    expect(summaryLine(tallyVitest(report, 1))).toBe('3 passed, 1 failed');
    expect(summaryLine(tallyVitest(report, null))).toBe('3 passed, 1 failed');
  });

  it('nothing passed is not a success', () => {
    expect(exitCodeOf(emptyTally())).toBe(1);
  });
});
