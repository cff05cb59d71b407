/**
 * The walls between layers hold: for each one, a planted violation is linted with the real
 * eslint.config.js (ESLint's Node API, the file named where it would live, nothing written to
 * disk) and must be reported with the wall's reason; a clean file in the same place must pass.
 * The paths cover today's layout and the one being moved to (electron/node -> desktop/). One
 * test runs the eslint command itself, as `npm test` does, and needs a non-zero exit.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { root } from './test-tally.mjs';

const eslint = new ESLint({ cwd: root });

interface Found {
  rule: string | null;
  message: string;
}

/** What ESLint reports for `code` as if it were the file at `path` (relative to the repository). */
async function lint(path: string, code: string): Promise<Found[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, path), warnIgnored: true });
  return result!.messages.map((m) => ({ rule: m.ruleId, message: m.message }));
}

/** `code` at `path` breaks a wall: exactly one report of `rule`, whose message contains `why`. */
async function expectWall(path: string, code: string, why: string, rule = 'mamori/import-boundaries') {
  const found = (await lint(path, code)).filter((f) => f.rule === rule);
  expect(found, `${path}: ${code}`).toEqual([{ rule, message: expect.stringContaining(why) as unknown as string }]);
}

async function expectClean(path: string, code: string) {
  expect(await lint(path, code), path).toEqual([]);
}

describe('core/ is pure', () => {
  it.each([
    ["import { app } from 'electron';\nexport const a = app;", 'Electron belongs to electron/main'],
    ["import { readFileSync } from 'node:fs';\nexport const r = readFileSync;", 'no Node built-ins'],
    ["import { join } from 'path';\nexport const j = join;", 'no Node built-ins'],
    ["import { openVault } from '../electron/node/vault.js';\nexport const v = openVault;", 'the bottom layer'],
    ["import { openVault } from '../desktop/vault.js';\nexport const v = openVault;", 'the bottom layer'],
    ["import type { Messages } from '../renderer/src/messages/en.js';\nexport type M = Messages;", 'the bottom layer'],
    ["export { sealSecret } from '../service/src/secret-box.js';", 'the bottom layer'],
    ["export const load = () => import('../cli/main.js');", 'the bottom layer'],
  ])('reports %s', async (code, why) => {
    await expectWall('core/planted.ts', code, why);
  });

  it('resolves paths from a nested folder too', async () => {
    await expectWall('core/sub/planted.ts', "import { x } from '../../electron/shared/contract.js';\nexport const y = x;", 'the bottom layer');
  });

  it('reports DOM and Node globals, the clock and Math.random', async () => {
    await expectWall('core/planted.ts', 'export const lang = () => document.documentElement.lang;', 'no DOM or host globals', 'no-restricted-globals');
    await expectWall('core/planted.ts', "export const saved = () => localStorage.getItem('k');", 'no DOM or host globals', 'no-restricted-globals');
    await expectWall('core/planted.ts', 'export const env = () => process.env;', 'no Node globals', 'no-restricted-globals');
    await expectWall('core/planted.ts', 'export const now = () => Date.now();', 'take `nowMs` as a parameter', 'no-restricted-properties');
    await expectWall('core/planted.ts', 'export const roll = () => Math.random();', 'random bytes as a parameter', 'no-restricted-properties');
  });

  it('passes a clean file, and a test beside the code may use Node', async () => {
    await expectClean(
      'core/planted.ts',
      "import { XMLParser } from 'fast-xml-parser';\nimport { base32Decode } from './base32.js';\nexport const parse = (nowMs: number) => [new XMLParser(), base32Decode, nowMs];\n",
    );
    await expectClean('core/planted.test.ts', "import { createHash } from 'node:crypto';\nexport const h = createHash('sha1');\n");
  });
});

describe('node-shared/ imports only core/ and never Electron', () => {
  it.each([
    ["import { app } from 'electron';\nexport const a = app;", 'plain Node, never Electron'],
    ["import { openVault } from '../desktop/vault.js';\nexport const v = openVault;", 'imports only core/'],
    ["export { startService } from '../service/src/start-service.js';", 'imports only core/'],
  ])('reports %s', async (code, why) => {
    await expectWall('node-shared/planted.ts', code, why);
  });
  it('passes Node built-ins and core/', async () => {
    await expectClean('node-shared/planted.ts', "import { createHmac } from 'node:crypto';\nimport type { HmacPort } from '../core/totp.js';\nexport const h: [typeof createHmac, HmacPort | null] = [createHmac, null];\n");
  });
});

describe('the desktop layer never imports electron or the renderer (electron/node today, desktop/ next)', () => {
  const cases = [
    ['electron/node/planted.ts', '../../'],
    ['desktop/planted.ts', '../'],
  ] as const;

  it.each(cases)('%s', async (path, up) => {
    await expectWall(path, "import { clipboard } from 'electron';\nexport const c = clipboard;", 'runs in plain Node');
    await expectWall(path, "const { app } = require('electron');\nexport const a = app;", 'runs in plain Node');
    await expectWall(path, `import { App } from '${up}renderer/src/App.js';\nexport const a = App;`, 'never imports the renderer');
    await expectWall(path, `import { createWindow } from '${up}electron/main/window.js';\nexport const w = createWindow;`, 'never imports a host');
    await expectWall(path, `import { startService } from '${up}service/src/start-service.js';\nexport const s = startService;`, 'over HTTP only');
    await expectWall(path, 'export const title = () => document.title;', 'there is no window or DOM here', 'no-restricted-globals');
    await expectClean(
      path,
      `import { readFile } from 'node:fs/promises';\nimport { base32Decode } from '${up}core/base32.js';\nimport type { AppState } from '${up}electron/shared/contract.js';\nexport const f = (s: AppState) => [readFile, base32Decode, s];\n`,
    );
  });
});

describe('the renderer reaches main only through the bridge', () => {
  const path = 'renderer/src/Planted.tsx';
  it.each([
    ["import { ipcRenderer } from 'electron';", 'sandboxed web page'],
    ["import { readFile } from 'node:fs';", 'sandboxed web page'],
    ["import { openVault } from '../../electron/node/vault.js';", 'only through window.mamori'],
    ["import { openVault } from '../../desktop/vault.js';", 'only through window.mamori'],
    ["import { createWindow } from '../../electron/main/window.js';", 'only through window.mamori'],
    ["import { startPreview } from '../../electron/preview/preview-host.js';", 'only through window.mamori'],
    ["import { createMamoriApi } from '../../electron/preload/bridge.js';", 'only through window.mamori'],
    ["import type { MamoriApi } from '../../electron/preload/bridge.js';", 'only through window.mamori'],
    ["import { startService } from '../../service/src/start-service.js';", 'only through window.mamori'],
    ["import { main } from '../../cli/main.js';", 'only through window.mamori'],
  ])('reports %s', async (line, why) => {
    await expectWall(path, `${line}\nexport const planted = 1;\n`, why);
  });

  it('passes the contract, core/ and its own modules', async () => {
    await expectClean(
      path,
      [
        "import { useState } from 'react';",
        "import { groupCode } from '../../core/code.js';",
        "import type { AppState } from '../../electron/shared/contract.js';",
        "import { messagesFor } from './messages/index.js';",
        'export function Planted(props: { state: AppState }) {',
        "  const [shown] = useState(groupCode('123456'));",
        '  return <p lang={messagesFor(props.state.language).lang}>{shown}</p>;',
        '}',
        '',
      ].join('\n'),
    );
  });

  it("global.d.ts takes the window's type from the bridges, as types only", async () => {
    await expectClean('renderer/src/global.d.ts', "import type { MamoriApi } from '../../electron/preload/bridge.js';\nexport type A = MamoriApi;\n");
    await expectWall('renderer/src/global.d.ts', "import { createMamoriApi } from '../../electron/preload/bridge.js';\nexport const c = createMamoriApi;\n", 'only types from the bridges');
  });

  it('the rules of hooks and jsx-a11y run on its components', async () => {
    const hooks = await lint('renderer/src/Planted.tsx', "import { useState } from 'react';\nexport function P(p: { on: boolean }) {\n  if (p.on) useState(0);\n  return null;\n}\n");
    expect(hooks.map((f) => f.rule)).toContain('react-hooks/rules-of-hooks');
    const a11y = await lint('renderer/src/Planted.tsx', 'export function P() {\n  return <img src="x.png" />;\n}\n');
    expect(a11y.map((f) => f.rule)).toEqual(['jsx-a11y/alt-text']);
  });
});

describe('the preload', () => {
  it('preload.cts requires only electron and the bridge', async () => {
    await expectWall('electron/preload/preload.cts', "const { openVault } = require('../node/vault.js') as { openVault: unknown };\nexport = openVault;\n", 'only exposes bridge.ts');
    await expectWall('electron/preload/preload.cts', "const fs = require('node:fs') as unknown;\nexport = fs;\n", 'no Node modules');
    await expectClean(
      'electron/preload/preload.cts',
      "const { contextBridge } = require('electron') as typeof import('electron');\nconst { createMamoriApi } = require('./bridge.js') as typeof import('./bridge.js');\nexport = [contextBridge, createMamoriApi];\n",
    );
  });

  it('bridge.ts imports only the contract', async () => {
    const path = 'electron/preload/bridge.ts';
    await expectWall(path, "import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;\n", 'only preload.cts touches electron');
    await expectWall(path, "import { openVault } from '../node/vault.js';\nexport const v = openVault;\n", 'imports only the IPC contract');
    await expectClean(path, "import { z } from 'zod';\nimport { requests } from '../shared/contract.js';\nexport const r = [z, requests];\n");
  });
});

describe('the token service and the demo bank', () => {
  it('the bank never imports the service: it talks to it over HTTP', async () => {
    await expectWall('service/bank/planted.ts', "import { startService } from '../src/start-service.js';\nexport const s = startService;\n", 'over HTTP only');
    await expectWall('service/bank/routes/planted.ts', "import type { Storage } from '../../src/storage/storage.js';\nexport type S = Storage;\n", 'over HTTP only');
    await expectClean('service/bank/planted.ts', "import { luhnCheckDigit } from '../../core/credential-id.js';\nexport const l = luhnCheckDigit;\n");
  });

  it("the bank's tests and test-support may start a real service in-process", async () => {
    await expectClean('service/bank/test-support/planted.ts', "import { startService } from '../../src/start-service.js';\nexport const s = startService;\n");
    await expectClean('service/bank/planted.test.ts', "import { startService } from '../src/start-service.js';\nexport const s = startService;\n");
  });

  it.each([
    ['service/src/planted.ts', '../'],
    ['service/src/domain/planted.ts', '../../'],
  ])('%s never imports the bank, the app or the CLI', async (path, up) => {
    await expectWall(path, `import { startBank } from '${up}bank/start-bank.js';\nexport const b = startBank;\n`, 'never depends on the demo bank');
    await expectWall(path, `import { openVault } from '${up}../electron/node/vault.js';\nexport const v = openVault;\n`, 'its own program');
    await expectWall(path, `import { openVault } from '${up}../desktop/vault.js';\nexport const v = openVault;\n`, 'its own program');
    await expectWall(path, `import { main } from '${up}../cli/main.js';\nexport const m = main;\n`, 'its own program');
    await expectClean(path, `import { readFile } from 'node:fs/promises';\nimport { totp } from '${up}../core/totp.js';\nexport const t = [readFile, totp];\n`);
  });
});

describe('the CLI', () => {
  it.each([
    ["import { app } from 'electron';", 'runs in plain Node'],
    ["import { createWindow } from '../electron/main/window.js';", 'front-end beside'],
    ["import { createMamoriApi } from '../electron/preload/bridge.js';", 'front-end beside'],
    ["import { App } from '../renderer/src/App.js';", 'front-end beside'],
  ])('reports %s', async (line, why) => {
    await expectWall('cli/commands/planted.ts', line.replace("'../", "'../../") + '\nexport const planted = 1;\n', why);
  });

  it('uses the desktop layer (today and after the move) and core/', async () => {
    await expectClean(
      'cli/commands/planted.ts',
      "import { openVault } from '../../electron/node/vault.js';\nimport { openBook } from '../../desktop/credential-book.js';\nimport { totp } from '../../core/totp.js';\nexport const c = [openVault, openBook, totp];\n",
    );
  });
});

describe('the eslint command as npm test runs it', () => {
  it('exits non-zero on a planted violation and names the file and the rule', () => {
    const run = spawnSync(process.execPath, [join(root, 'node_modules/eslint/bin/eslint.js'), '--stdin', '--stdin-filename', 'core/planted-violation.ts'], {
      cwd: root,
      input: "import { app } from 'electron';\nexport const a = app;\n",
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('planted-violation.ts');
    expect(run.stdout).toContain('mamori/import-boundaries');
  });

  it('exits 0 on a clean file', () => {
    const run = spawnSync(process.execPath, [join(root, 'node_modules/eslint/bin/eslint.js'), '--stdin', '--stdin-filename', 'core/planted-clean.ts'], {
      cwd: root,
      input: "import { base32Decode } from './base32.js';\nexport const d = base32Decode;\n",
      encoding: 'utf8',
    });
    expect(run.stdout + run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
