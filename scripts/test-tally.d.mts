// Types for test-tally.mjs (a plain script, so that `npm test` runs before anything is compiled).
export interface Tally {
  passed: number;
  failed: number;
  skipped: number;
  /** Why each failure outside a failed test was counted. */
  problems: string[];
}
export interface RunOptions {
  env?: Record<string, string | undefined>;
  quiet?: boolean;
  label?: string;
}
export const root: string;
export function emptyTally(): Tally;
export function addTally(a: Tally, b: Tally): Tally;
export function failure(problem: string): Tally;
export function run(command: string, args: string[], options?: RunOptions): Promise<number | null>;
export function tallyVitest(reportFile: string, status: number | null, runner?: string): Tally;
export function runVitest(label: string, args: string[], options: Omit<RunOptions, 'label'> & { reportFile: string }): Promise<Tally>;
export function tallyPlaywright(reportFile: string, status: number | null, runner?: string): Tally;
export function runPlaywright(label: string, args: string[], options: Omit<RunOptions, 'label'> & { reportFile: string; wrapper?: string[] }): Promise<Tally>;
export function summaryLine(tally: Tally): string;
export function exitCodeOf(tally: Tally): number;
