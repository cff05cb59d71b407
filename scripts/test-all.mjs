#!/usr/bin/env node
// The one test command (`npm test`): build, then every runner, then one summary line computed
// from the runners' machine-readable reports. The token service's suite runs twice: on SQLite
// within the main vitest pass, and again on PostgreSQL when MAMORI_TEST_DATABASE_URL names a
// database (`.ci/run` starts a throwaway cluster and sets it); without it that pass is skipped,
// and the log says so just before the summary. Runs inside a throwaway real keychain (Secret
// Service via gnome-keyring in its own D-Bus session) so that the developer's keyring is
// never touched and CI gets the same keychain as a desktop.
//
// How results are counted (test-tally.mjs): only what a runner really reports, and every way it
// can fail is a failure: a non-zero exit, a missing report, a hook or module error, an unhandled
// error, tests that never ran. In CI (CI set) a pass that must run and did not is a failure too.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addTally, emptyTally, exitCodeOf, failure, root, run, runPlaywright, runVitest, summaryLine } from './test-tally.mjs';

const reports = join(root, 'reports');

// The inner run writes its summary line here too, so the outer one can tell that it got that far.
const summaryFile = join(reports, 'summary.txt');

if (!process.env.MAMORI_IN_TEST_KEYCHAIN) {
  // Re-run this script inside the keychain wrapper; it sets MAMORI_IN_TEST_KEYCHAIN.
  rmSync(summaryFile, { force: true });
  const wrapped = spawnSync(join(root, 'scripts/with-keychain.sh'), [process.execPath, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: 'inherit',
    cwd: root,
    env: { ...process.env, MAMORI_IN_TEST_KEYCHAIN: '1' },
  });
  // The wrapper could not start the keychain, or the inner run died before its summary: the
  // line CI reads must still say that something failed.
  if (wrapped.error || !existsSync(summaryFile)) {
    console.error(`The tests did not finish: ${wrapped.error ? wrapped.error.message : `the keychain wrapper or the test run exited with ${wrapped.status ?? wrapped.signal} before a summary`}.`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
  process.exit(wrapped.status ?? 1);
}

rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const totals = emptyTally();
const notes = [];
const pgUrl = process.env.MAMORI_TEST_DATABASE_URL?.trim() || undefined;

// A build that fails is a failure of the whole suite, counted once.
if ((await run('npm', ['run', '--silent', 'build'], { label: 'build' })) !== 0) {
  addTally(totals, failure('The build failed; tests were not run.'));
} else {
  // Tests, test support, benchmarks and scripts are outside the build's projects: check them too,
  // so a test that no longer matches the code's types fails here rather than passing by accident.
  if ((await run('npx', ['tsc', '-p', 'tsconfig.tests.json'], { label: 'type-check tests, benchmarks and scripts' })) !== 0) {
    addTally(totals, failure('The tests do not type-check (counted as one failure).'));
  }
  // The walls between layers (core purity, the desktop layer without electron, the renderer only
  // through the bridge, the bank over HTTP), React's rules of hooks and accessibility: eslint.config.js.
  if ((await run('npx', ['eslint', '.'], { label: 'lint' })) !== 0) {
    addTally(totals, failure('ESLint reported problems, or could not run (counted as one failure; see `npm run lint`).'));
  }
  // This pass is the SQLite one for the token service, whatever the environment says.
  addTally(
    totals,
    await runVitest('unit and integration, token service on SQLite', [], {
      env: { MAMORI_TEST_DATABASE_URL: undefined },
      reportFile: join(reports, 'vitest.json'),
    }),
  );

  if (pgUrl) {
    const pg = await runVitest('token service suite again on PostgreSQL', ['service/src'], {
      env: { MAMORI_TEST_DATABASE_URL: pgUrl },
      reportFile: join(reports, 'vitest-pg.json'),
    });
    addTally(totals, pg);
    notes.push(`PostgreSQL pass (service/src): ${summaryLine(pg)}.`);
  } else if (process.env.CI) {
    // CI promises the PostgreSQL pass (.ci/run starts a cluster): its absence is a failure there.
    addTally(totals, failure('PostgreSQL pass: NOT RUN in CI (MAMORI_TEST_DATABASE_URL is not set).'));
  } else {
    notes.push('PostgreSQL pass: NOT RUN (MAMORI_TEST_DATABASE_URL is not set; .ci/run sets it). The token service was tested on SQLite only.');
  }

  // The keychain wrapper removes DISPLAY (an unlock prompt must never reach a screen), but
  // Electron on Linux needs an X display to open a window: give its specs a virtual one where
  // xvfb-run is installed. Chromium for the harness runs headless and needs none.
  const xvfb = process.platform === 'linux' && spawnSync('sh', ['-c', 'command -v xvfb-run'], { stdio: 'ignore' }).status === 0;
  addTally(
    totals,
    await runPlaywright('browser harness and Electron specs', [], {
      reportFile: join(reports, 'playwright.json'),
      wrapper: xvfb ? ['xvfb-run', '-a'] : [],
    }),
  );
}

for (const note of notes) console.log(note);
if (totals.problems.length > 0) {
  console.log(`\nCounted as failures (${totals.problems.length}):`);
  for (const problem of totals.problems.slice(0, 50)) console.log(`  - ${problem}`);
  if (totals.problems.length > 50) console.log(`  ... and ${totals.problems.length - 50} more`);
}
writeFileSync(summaryFile, summaryLine(totals) + '\n');
console.log(summaryLine(totals));
process.exit(exitCodeOf(totals));
