/**
 * Whether a test that needs an outside tool (a Secret Service, oathtool, secret-tool) may skip.
 * Off CI, a developer may lack the Debian package: skip and say which. In CI (CI set, as
 * .ci/run does) the machine is meant to have it, so a missing tool is a broken machine: the
 * tests run and fail rather than turning into quiet skips.
 */
export function skipForMissingTool(missing: string | null, what: string): boolean {
  if (missing === null) return false;
  if (process.env.CI) {
    console.error(`${what}: ${missing}. In CI this is a failure, not a skip.`);
    return false;
  }
  console.warn(`Skipping ${what}: ${missing}`);
  return true;
}
