// How `npm test` runs a runner and counts its results. One rule throughout: whatever a runner
// reports, or fails to report, can only add failures. A runner that exits non-zero without
// naming a failure, writes no report, hits an unhandled error, throws in a hook or skips tests
// it never ran, is counted as failed; a skip counts as a skip only where the test chose it.
// Used by test-all.mjs and by test-tally.test.ts, which plants failures and checks the line.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const VITEST_REPORTER = join(root, 'scripts/vitest-tally-reporter.mjs');

/** @typedef {{ passed: number, failed: number, skipped: number, problems: string[] }} Tally */

/** @returns {Tally} */
export const emptyTally = () => ({ passed: 0, failed: 0, skipped: 0, problems: [] });

/** Adds `b` into `a`. */
export function addTally(a, b) {
  a.passed += b.passed;
  a.failed += b.failed;
  a.skipped += b.skipped;
  a.problems.push(...b.problems);
  return a;
}

/** One failure, with the reason printed before the summary. */
export function failure(problem) {
  return { passed: 0, failed: 1, skipped: 0, problems: [problem] };
}

/**
 * Runs a command; resolves with its exit status (null when killed by a signal). `env` values
 * replace the inherited ones; an undefined value removes the variable. `quiet` keeps its output
 * out of this process's (for the planted runs of the tally's own test).
 */
export function run(command, args, { env = {}, quiet = false, label } = {}) {
  if (label && !quiet) console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
  const merged = { ...process.env, ...env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete merged[k];
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: quiet ? 'ignore' : 'inherit', cwd: root, env: merged });
    child.on('error', () => resolve(null));
    child.on('exit', (code) => resolve(code));
  });
}

/** A runner that exited non-zero must fail the line even when its report names no failure. */
function checkExit(tally, status, runner) {
  if (status !== 0 && tally.failed === 0) {
    tally.failed += 1;
    tally.problems.push(`${runner} exited with ${status === null ? 'a signal' : `status ${status}`} but reported no failed test (counted as one failure).`);
  }
  return tally;
}

/** Counts the file written by vitest-tally-reporter.mjs. */
export function tallyVitest(reportFile, status, runner = 'vitest') {
  if (!existsSync(reportFile)) return checkExit(failure(`${runner} wrote no report (${reportFile}).`), status, runner);
  const r = JSON.parse(readFileSync(reportFile, 'utf8'));
  const tally = emptyTally();
  tally.passed = r.passed;
  tally.skipped = r.skipped;
  tally.failed = r.failed.length + r.notRun.length + r.errors.length + r.unhandled.length;
  for (const name of r.notRun) tally.problems.push(`${runner}: did not run (a hook failed): ${name}`);
  for (const { where, message } of r.errors) tally.problems.push(`${runner}: error in ${where}: ${message}`);
  for (const message of r.unhandled) tally.problems.push(`${runner}: unhandled error: ${message}`);
  if (r.reason === 'interrupted' && tally.failed === 0) {
    tally.failed += 1;
    tally.problems.push(`${runner} was interrupted.`);
  }
  return checkExit(tally, status, runner);
}

/** Vitest with its console reporter and the tally reporter; `args` after `vitest run`. */
export async function runVitest(label, args, { env = {}, quiet = false, reportFile }) {
  rmSync(reportFile, { force: true });
  const status = await run('npx', ['vitest', 'run', '--reporter=default', `--reporter=${VITEST_REPORTER}`, ...args], {
    env: { ...env, MAMORI_VITEST_TALLY: reportFile },
    quiet,
    label,
  });
  return tallyVitest(reportFile, status, `vitest (${label})`);
}

/** A Playwright test that was skipped by test.skip()/fixme() carries that annotation. */
const chosenSkip = (test) =>
  [...(test.annotations ?? []), ...(test.results ?? []).flatMap((r) => r.annotations ?? [])].some((a) => a.type === 'skip' || a.type === 'fixme');

/** Counts Playwright's JSON report, test by test (its stats lump "did not run" in with skipped). */
export function tallyPlaywright(reportFile, status, runner = 'playwright') {
  if (!existsSync(reportFile)) return checkExit(failure(`${runner} wrote no report (${reportFile}).`), status, runner);
  const report = JSON.parse(readFileSync(reportFile, 'utf8'));
  const tally = emptyTally();
  const visit = (suite, path) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        const name = `${path} > ${spec.title}${test.projectName ? ` [${test.projectName}]` : ''}`;
        if (test.status === 'expected' || test.status === 'flaky') tally.passed++;
        else if (test.status === 'skipped' && chosenSkip(test)) tally.skipped++;
        else {
          tally.failed++;
          tally.problems.push(`${runner}: ${test.status === 'skipped' ? 'did not run' : 'failed'}: ${name}`);
        }
      }
    }
    for (const child of suite.suites ?? []) visit(child, child.title ? `${path} > ${child.title}` : path);
  };
  for (const suite of report.suites ?? []) visit(suite, suite.title ?? suite.file ?? '');
  // Errors outside any test: a spec file that does not load, a global setup that throws.
  for (const error of report.errors ?? []) {
    tally.failed++;
    tally.problems.push(`${runner}: error outside a test: ${String(error.message ?? error).split('\n')[0]}`);
  }
  return checkExit(tally, status, runner);
}

/** `npx playwright test` with the JSON reporter writing `reportFile`; `args` after `playwright test`. */
export async function runPlaywright(label, args, { env = {}, quiet = false, reportFile, wrapper = [] }) {
  rmSync(reportFile, { force: true });
  const [command, ...rest] = [...wrapper, 'npx', 'playwright', 'test', ...args];
  const status = await run(command, rest, { env: { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: reportFile }, quiet, label });
  return tallyPlaywright(reportFile, status, `playwright (${label})`);
}

/** The last line CI reads: `N passed, N failed` and `, N skipped` when any were. */
export function summaryLine(tally) {
  return `${tally.passed} passed, ${tally.failed} failed` + (tally.skipped ? `, ${tally.skipped} skipped` : '');
}

/** Non-zero unless something passed and nothing failed. */
export function exitCodeOf(tally) {
  return tally.failed === 0 && tally.passed > 0 ? 0 : 1;
}
