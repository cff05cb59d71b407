// A vitest reporter that writes what really happened, for the summary line of `npm test`.
// Vitest's JSON report cannot tell a test that chose to skip from one that never ran because a
// beforeAll hook threw (both are "skipped"), and it leaves out unhandled errors; this reporter
// keeps both apart. Output: the JSON file named by MAMORI_VITEST_TALLY (see test-tally.mjs).
import { writeFileSync } from 'node:fs';

/** @param {{ errors(): { message?: string }[] }} task */
const messagesOf = (task) => task.errors().map((error) => String(error.message ?? error));

/** True when the suite or module holding this test reported an error of its own (a hook threw). */
function ancestorFailed(test) {
  for (let parent = test.parent; parent !== undefined; parent = parent.type === 'module' ? undefined : parent.parent) {
    if (parent.errors().length > 0) return true;
  }
  return false;
}

export default class TallyReporter {
  onTestRunEnd(testModules, unhandledErrors, reason) {
    const out = process.env.MAMORI_VITEST_TALLY;
    if (!out) return;
    const tally = { passed: 0, skipped: 0, failed: [], notRun: [], errors: [], unhandled: [], reason };
    for (const module of testModules) {
      for (const message of messagesOf(module)) tally.errors.push({ where: module.relativeModuleId, message });
      for (const suite of module.children.allSuites()) {
        for (const message of messagesOf(suite)) tally.errors.push({ where: `${module.relativeModuleId} > ${suite.fullName}`, message });
      }
      for (const test of module.children.allTests()) {
        const name = `${module.relativeModuleId} > ${test.fullName}`;
        const { state } = test.result();
        if (state === 'passed') tally.passed++;
        else if (state === 'failed') tally.failed.push(name);
        // A skip is a choice when the test was declared skipped (skip, skipIf, todo, only elsewhere)
        // or skipped itself (ctx.skip()) with nothing failing around it; otherwise it never ran.
        else if (state === 'skipped' && (test.options.mode !== 'run' || !ancestorFailed(test))) tally.skipped++;
        else tally.notRun.push(name);
      }
    }
    for (const error of unhandledErrors) tally.unhandled.push(String(error.message ?? error));
    writeFileSync(out, JSON.stringify(tally, null, 2));
  }
}
