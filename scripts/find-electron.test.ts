import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findElectron } from './find-electron.mjs';

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'mamori-electron-dist-'));
});
afterAll(() => rm(folder, { recursive: true, force: true }));

describe('findElectron', () => {
  it('follows ELECTRON_OVERRIDE_DIST_PATH as the electron package does: missing there is missing', () => {
    expect(findElectron({ ELECTRON_OVERRIDE_DIST_PATH: folder })).toEqual({ missing: `${join(folder, 'electron')} does not exist (ELECTRON_OVERRIDE_DIST_PATH)` });
  });

  it('finds a binary where the override points', async () => {
    const binary = join(folder, 'electron');
    await writeFile(binary, '#!/bin/sh\n');
    await chmod(binary, 0o755);
    expect(findElectron({ ELECTRON_OVERRIDE_DIST_PATH: folder })).toEqual({ path: binary });
  });

  it('never downloads: without an override it only reads what the package holds', () => {
    const found = findElectron({});
    expect('path' in found || 'missing' in found).toBe(true);
  });
});
