#!/usr/bin/env node
// The one test command (`npm test`): build, then every runner, then one summary line computed
// from the runners' machine-readable reports. The token service's suite runs twice: on SQLite
// within the main vitest pass, and again on PostgreSQL when MAMORI_TEST_DATABASE_URL names a
// database (`.ci/run` starts a throwaway cluster and sets it); without it that pass is skipped,
// and the log says so just before the summary. Runs inside a throwaway real keychain (Secret
// Service via gnome-keyring in its own D-Bus session) so that the developer's keyring is
// never touched and CI gets the same keychain as a desktop.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const reports = join(root, 'reports');

if (!process.env.MAMORI_IN_TEST_KEYCHAIN) {
  // Re-run this script inside the keychain wrapper; it sets MAMORI_IN_TEST_KEYCHAIN.
  const wrapped = spawnSync(join(root, 'scripts/with-keychain.sh'), [process.execPath, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: 'inherit',
    cwd: root,
    env: { ...process.env, MAMORI_IN_TEST_KEYCHAIN: '1' },
  });
  if (wrapped.error) {
    console.error(`Could not start the test keychain: ${wrapped.error.message}`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
  process.exit(wrapped.status ?? 1);
}

rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

/** `env` values replace the inherited ones; an undefined value removes the variable. */
function run(label, command, args, env = {}) {
  console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
  const merged = { ...process.env, ...env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete merged[k];
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, env: merged });
  return result.status === 0;
}

const totals = { passed: 0, failed: 0, skipped: 0 };
const notes = [];

/** Add a vitest JSON report to the totals; a missing report is one failure. */
function countVitest(report) {
  if (!existsSync(report)) {
    totals.failed += 1;
    console.error(`vitest wrote no report (${report}).`);
    return;
  }
  const v = JSON.parse(readFileSync(report, 'utf8'));
  totals.passed += v.numPassedTests;
  totals.failed += v.numFailedTests;
  totals.skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
  // A suite that fails to load has no tests but is still a failure.
  const brokenSuites = (v.testResults ?? []).filter((r) => r.status === 'failed' && (r.assertionResults ?? []).length === 0).length;
  totals.failed += brokenSuites;
  return v;
}

const pgUrl = process.env.MAMORI_TEST_DATABASE_URL?.trim() || undefined;

// A build that fails is a failure of the whole suite, counted once.
if (!run('build', 'npm', ['run', '--silent', 'build'])) {
  totals.failed += 1;
  console.error('The build failed; tests were not run.');
} else {
  // Tests, test support, benchmarks and scripts are outside the build's projects: check them too,
  // so a test that no longer matches the code's types fails here rather than passing by accident.
  if (!run('type-check tests, benchmarks and scripts', 'npx', ['tsc', '-p', 'tsconfig.tests.json'])) {
    totals.failed += 1;
    console.error('The tests do not type-check (counted as one failure).');
  }
  const vitestReport = join(reports, 'vitest.json');
  // This pass is the SQLite one for the token service, whatever the environment says.
  run('unit and integration, token service on SQLite (vitest)', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`], {
    MAMORI_TEST_DATABASE_URL: undefined,
  });
  countVitest(vitestReport);

  if (pgUrl) {
    const pgReport = join(reports, 'vitest-pg.json');
    run('token service suite again on PostgreSQL (vitest)', 'npx', ['vitest', 'run', 'service/src', '--reporter=default', '--reporter=json', `--outputFile.json=${pgReport}`], {
      MAMORI_TEST_DATABASE_URL: pgUrl,
    });
    const v = countVitest(pgReport);
    if (v) notes.push(`PostgreSQL pass (service/src): ${v.numPassedTests} passed, ${v.numFailedTests} failed, ${(v.numPendingTests ?? 0) + (v.numTodoTests ?? 0)} skipped.`);
  } else {
    notes.push('PostgreSQL pass: NOT RUN (MAMORI_TEST_DATABASE_URL is not set; .ci/run sets it). The token service was tested on SQLite only.');
  }

  const playwrightReport = join(reports, 'playwright.json');
  // The keychain wrapper removes DISPLAY (an unlock prompt must never reach a screen), but
  // Electron on Linux needs an X display to open a window: give its specs a virtual one where
  // xvfb-run is installed. Chromium for the harness runs headless and needs none.
  const xvfb = process.platform === 'linux' && spawnSync('sh', ['-c', 'command -v xvfb-run'], { stdio: 'ignore' }).status === 0;
  const playwright = xvfb ? ['xvfb-run', ['-a', 'npx', 'playwright', 'test']] : ['npx', ['playwright', 'test']];
  run('browser harness and Electron specs (playwright)', playwright[0], playwright[1], { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport });
  if (existsSync(playwrightReport)) {
    const p = JSON.parse(readFileSync(playwrightReport, 'utf8'));
    totals.passed += (p.stats?.expected ?? 0) + (p.stats?.flaky ?? 0);
    totals.failed += p.stats?.unexpected ?? 0;
    totals.skipped += p.stats?.skipped ?? 0;
    totals.failed += (p.errors ?? []).length;
  } else {
    totals.failed += 1;
    console.error('playwright wrote no report.');
  }
}

for (const note of notes) console.log(note);
const summary = `${totals.passed} passed, ${totals.failed} failed` + (totals.skipped ? `, ${totals.skipped} skipped` : '');
console.log(summary);
process.exit(totals.failed === 0 && totals.passed > 0 ? 0 : 1);
