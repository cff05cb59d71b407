/**
 * The Chromium every browser test runs in (Playwright's harness and Vitest's browser project):
 * MAMORI_CHROMIUM, else Debian's chromium, else Playwright's own browser where one is installed.
 */
import { existsSync } from 'node:fs';

export function chromiumPath(): string | undefined {
  const candidates = [process.env.MAMORI_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((path): path is string => path !== undefined && path !== '' && existsSync(path));
}

/** Quiet and offline: no sandbox (root in CI), no GPU, no background traffic. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
