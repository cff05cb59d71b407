/**
 * The handler table end to end in Node: the real keychain (a private gnome-keyring), the real
 * settings file and the real token service over HTTP on 127.0.0.1. Codes are checked against
 * Debian's oathtool for the secret read back from the keychain.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AsyncEntry, findCredentialsAsync } from '@napi-rs/keyring';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../../service/src/start-service.js';
import type { AppState, Result } from '../shared/contract.js';
import { OFFSET_WARNING_MS } from './clock-offset.js';
import type { Handlers, MainDeps } from './handlers.js';
import { createMainContext } from './main-context.js';
import { modulePath, noBusEnv, runInChild } from './test-support/child-node.js';
import { missingKeychainTools, startPrivateKeychain, type PrivateKeychain } from './test-support/private-keychain.js';
import { makeReadOnly } from './test-support/read-only-dir.js';

const run = promisify(execFile);
const missing = await missingKeychainTools();
if (missing !== null) console.warn(`Skipping handler tests that need a keychain: ${missing}`);

/** The token service's clock; the PC's clock is 45 s behind it. */
const SERVER_NOW = Date.UTC(2026, 5, 1, 12, 0, 10, 500);
const LOCAL_NOW = SERVER_NOW - 45_000;

async function oathtool(base32: string, atMs: number, extra: string[] = []): Promise<string> {
  const { stdout } = await run('oathtool', [...extra, '-b', base32, `--now=@${Math.floor(atMs / 1000)}`]);
  return stdout.trim();
}

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value;
}

function ready(state: AppState): Extract<AppState, { kind: 'ready' }> {
  if (state.kind !== 'ready') throw new Error(`expected ready, got ${JSON.stringify(state)}`);
  return state;
}

describe.skipIf(missing !== null)('handlers with the real keychain, settings file and token service', () => {
  let keychain: PrivateKeychain;
  let restore: () => void;
  let service: RunningService;
  let deadUrl: string;
  let userDataDir: string;
  let keychainService: string;
  let clipboard: string[];
  /** What the system clipboard holds now ('' once cleared). */
  let onClipboard: string;
  /** Clipboard-clear timers the guard set: they run only when a test runs them. */
  let timers: { callback: () => void; delayMs: number }[];
  let localNow: number;
  let handlers: Handlers;
  let deps: MainDeps;
  let n = 0;

  beforeAll(async () => {
    keychain = await startPrivateKeychain({ unlocked: true });
    restore = keychain.use();
    service = await startService({ dataDir: await mkdtemp(join(tmpdir(), 'mamori-service-')), port: 0, now: () => SERVER_NOW });
    const dead = await startService({ dataDir: await mkdtemp(join(tmpdir(), 'mamori-service-')), port: 0 });
    deadUrl = dead.url;
    await dead.close();
  });
  afterAll(async () => {
    await service?.close();
    restore?.();
    await keychain?.stop();
  });

  async function context(serviceUrl = service.url): Promise<void> {
    userDataDir = await mkdtemp(join(tmpdir(), 'mamori-userdata-'));
    keychainService = `Mamori-test-${++n}`;
    clipboard = [];
    onClipboard = '';
    timers = [];
    localNow = LOCAL_NOW;
    ({ handlers, deps } = await createMainContext({
      userDataDir,
      defaultServiceUrl: serviceUrl,
      clipboard: {
        writeText: (text) => {
          clipboard.push(text);
          onClipboard = text;
        },
        readText: () => onClipboard,
        clear: () => {
          onClipboard = '';
        },
      },
      scheduler: { schedule: (callback, delayMs) => timers.push({ callback, delayMs }), cancel: () => undefined },
      systemLocale: () => 'ja-JP',
      now: () => localNow,
      platform: 'linux',
      keychainService,
    }));
  }
  const entries = () => findCredentialsAsync(keychainService);
  const secretInKeychain = async (id: string) => (await new AsyncEntry(keychainService, id, { linux: { store: 'secret-service' } }).getPassword()) ?? '';

  beforeEach(async () => {
    await context();
  });

  it('starts in setup, in the OS language, with the default service URL', async () => {
    expect(value(await handlers['state:get']({}))).toEqual({
      kind: 'setup',
      language: 'ja',
      languagePreference: 'system',
      serviceUrl: service.url,
      preferences: { closeToTray: false, startAtLogin: false, alwaysOnTop: false, clipboardClearSeconds: 30 },
    });
  });

  it('provisions: secret in the keychain, metadata in settings, code equal to oathtool on the corrected clock', async () => {
    const state = ready(value(await handlers['credential:provision']({})));
    const id = state.credential.credentialId;
    expect(id).toMatch(/^MAMO\d{8}$/);
    expect(state.credential).toMatchObject({ source: 'service', digits: 6, period: 30, issuer: '127.0.0.1' });

    // The clock: the PC is 45 s behind the service; codes are computed on service time.
    expect(state.clock).toEqual({ offsetMs: 45_000, measuredAt: LOCAL_NOW, warning: 45_000 > OFFSET_WARNING_MS });
    const secret = await secretInKeychain(id);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(state.code.code).toBe(await oathtool(secret, SERVER_NOW, ['--totp']));
    expect(state.code.stepEndsAt).toBe(Date.UTC(2026, 5, 1, 12, 0, 30));
    expect(state.code.nextCode).toBe(await oathtool(secret, state.code.stepEndsAt, ['--totp']));

    // Settings hold metadata only: no secret anywhere in the file.
    const file = await readFile(join(userDataDir, 'settings.json'), 'utf8');
    expect(file).toContain(id);
    expect(file).not.toContain(secret);
    expect(JSON.parse(file).clock).toEqual({ offsetMs: 45_000, measuredAt: LOCAL_NOW });

    // Later: the code follows the injected clock.
    localNow += 95_000;
    const later = ready(value(await handlers['state:get']({})));
    expect(later.code.code).toBe(await oathtool(secret, SERVER_NOW + 95_000, ['--totp']));

    // A second credential is refused, and nothing more is stored.
    expect(await handlers['credential:provision']({})).toEqual({ ok: false, error: { code: 'already_have_credential' } });
    expect(await entries()).toHaveLength(1);
  });

  it('copies the code and the credential ID through the clipboard port', async () => {
    expect(await handlers['code:copy']({})).toEqual({ ok: false, error: { code: 'no_credential' } });
    const state = ready(value(await handlers['credential:provision']({})));
    expect(value(await handlers['code:copy']({}))).toEqual({ copied: 'code' });
    expect(value(await handlers['credential-id:copy']({}))).toEqual({ copied: 'credential-id' });
    expect(clipboard).toEqual([state.code.code, state.credential.credentialId]);
  });

  it('two provisions at once give one credential', async () => {
    const results = await Promise.all([handlers['credential:provision']({}), handlers['credential:provision']({})]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)[0]).toEqual({ ok: false, error: { code: 'already_have_credential' } });
    expect(await entries()).toHaveLength(1);
  });

  it('a dead service gives service_unreachable and stores nothing', async () => {
    await context(deadUrl);
    const result = await handlers['credential:provision']({});
    expect(result.ok === false && result.error.code).toBe('service_unreachable');
    expect(await entries()).toEqual([]);
    expect(await readdir(userDataDir)).toEqual([]);
  });

  it('uses the service URL from the settings over the default', async () => {
    await context(deadUrl);
    expect(value(await handlers['settings:update']({ serviceUrl: service.url })).serviceUrl).toBe(service.url);
    expect(ready(value(await handlers['credential:provision']({}))).credential.issuer).toBe('127.0.0.1');
  });

  it('when the metadata cannot be written, the keychain entry is removed again', async () => {
    const undo = await makeReadOnly(userDataDir);
    if (undo === null) return expect.fail('cannot make a folder read-only here (need chattr as root)');
    try {
      const result = await handlers['credential:provision']({});
      expect(result).toEqual({ ok: false, error: { code: 'internal', detail: expect.stringMatching(/could not save the settings file \((EPERM|EACCES)\)/i) } });
    } finally {
      await undo();
    }
    expect(await entries()).toEqual([]);
    expect(value(await handlers['state:get']({})).kind).toBe('setup');
  });

  it('a keychain entry deleted behind our back gives the secret_missing state', async () => {
    const state = ready(value(await handlers['credential:provision']({})));
    await deps.vault.delete(state.credential.credentialId);
    const after = value(await handlers['state:get']({}));
    expect(after).toMatchObject({ kind: 'error', error: { code: 'secret_missing' } });
    expect(await handlers['code:copy']({})).toEqual({ ok: false, error: { code: 'secret_missing' } });
    expect(clipboard).toEqual([]);
  });

  it('adds an otpauth link (SHA256, 8 digits, 60 s) with codes equal to oathtool', async () => {
    const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
    const link = `otpauth://totp/Example%20Bank:alice?secret=${secret}&issuer=Example%20Bank&algorithm=SHA256&digits=8&period=60`;
    const state = ready(value(await handlers['credential:add']({ link })));
    expect(state.credential).toMatchObject({ label: 'alice', issuer: 'Example Bank', digits: 8, period: 60, source: 'manual', expiresAt: null });
    expect(state.code.code).toBe(await oathtool(secret, LOCAL_NOW, ['--totp=sha256', '-d', '8', '-s', '60']));
    expect(await secretInKeychain(state.credential.credentialId)).toBe(secret);
  });

  it('adds a bare setup key as typed by a person, labelled "Account" by default', async () => {
    const state = ready(value(await handlers['credential:add']({ link: 'jbsw y3dp ehpk 3pxp' })));
    expect(state.credential).toMatchObject({ label: 'Account', issuer: '', digits: 6, period: 30 });
    expect(state.code.code).toBe(await oathtool('JBSWY3DPEHPK3PXP', LOCAL_NOW, ['--totp']));
  });

  it('refuses bad links and keys with the reason in detail, storing nothing', async () => {
    const cases: Array<[string, RegExp]> = [
      ['otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP&counter=1', /HOTP/],
      ['otpauth://totp/x?secret=JBSW!', /base32/],
      ['otpauth://totp/x', /no secret/],
      ['https://example.com/', /otpauth/],
      ['JBSWY3DP', /too short/],
      ['ABCDEFG0', /base32/],
      ['MZXW6', /too short/],
    ];
    for (const [link, reason] of cases) {
      const result = await handlers['credential:add']({ link });
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('invalid_link');
        expect(result.error.detail).toMatch(reason);
      }
    }
    expect(await entries()).toEqual([]);
    expect(await readdir(userDataDir)).toEqual([]);
  });

  it('updates language and service URL; refuses a URL that is not http(s)', async () => {
    const result = await handlers['settings:update']({ serviceUrl: 'ftp://token.example' });
    expect(result.ok === false && result.error.code).toBe('service_url_invalid');
    const state = value(await handlers['settings:update']({ language: 'en', serviceUrl: 'https://token.example/base' }));
    expect(state).toMatchObject({ language: 'en', languagePreference: 'en', serviceUrl: 'https://token.example/base' });
  });

  it('updates each desktop preference alone, keeps the others, saves them and tells the glue', async () => {
    const told: AppState[] = [];
    deps.onSettingsChanged = (state) => told.push(state);
    const first = value(await handlers['settings:update']({ closeToTray: true, clipboardClearSeconds: 0 }));
    expect(first.preferences).toEqual({ closeToTray: true, startAtLogin: false, alwaysOnTop: false, clipboardClearSeconds: 0 });
    const second = value(await handlers['settings:update']({ alwaysOnTop: true, startAtLogin: true }));
    expect(second.preferences).toEqual({ closeToTray: true, startAtLogin: true, alwaysOnTop: true, clipboardClearSeconds: 0 });
    expect(told.map((state) => state.preferences)).toEqual([first.preferences, second.preferences]);
    const file = JSON.parse(await readFile(join(userDataDir, 'settings.json'), 'utf8'));
    expect(file.preferences).toEqual(second.preferences);
    // Out of range values never reach the handler: the gate's schema refuses them (ipc-gate.test.ts).
  });

  it('a copied code is cleared after the configured delay (real guard, injected timer)', async () => {
    const state = ready(value(await handlers['credential:provision']({})));
    expect(value(await handlers['code:copy']({}))).toEqual({ copied: 'code' });
    expect(timers.map((t) => t.delayMs)).toEqual([30_000]); // the default
    value(await handlers['settings:update']({ clipboardClearSeconds: 45 }));
    expect(value(await handlers['credential-id:copy']({}))).toEqual({ copied: 'credential-id' });
    expect(timers.at(-1)?.delayMs).toBe(45_000);
    expect(onClipboard).toBe(state.credential.credentialId);
    timers.at(-1)?.callback();
    await expect.poll(() => onClipboard).toBe('');
    // Clearing off: no timer at all.
    value(await handlers['settings:update']({ clipboardClearSeconds: 0 }));
    await handlers['code:copy']({});
    expect(timers).toHaveLength(2);
  });

  it('a corrupt settings file gives the settings_corrupt state; start fresh goes back to setup, the copy stays', async () => {
    await writeFile(join(userDataDir, 'settings.json'), '{"version":1,');
    const state = value(await handlers['state:get']({}));
    if (state.kind !== 'error') throw new Error('expected the error state');
    expect(state.error.code).toBe('settings_corrupt');
    const keptAt = state.error.keptAt ?? '';
    expect(await readFile(keptAt, 'utf8')).toBe('{"version":1,');
    // Nothing that writes settings may run over the kept state.
    expect(await handlers['credential:provision']({})).toEqual({ ok: false, error: { code: 'settings_corrupt', keptAt } });
    expect(await handlers['settings:update']({ language: 'en' })).toEqual({ ok: false, error: { code: 'settings_corrupt', keptAt } });
    expect(value(await handlers['settings:start-fresh']({})).kind).toBe('setup');
    expect(await readFile(keptAt, 'utf8')).toBe('{"version":1,');
  });

  it('with no session bus: keychain_unavailable and no metadata written (in a fresh process)', async () => {
    const home = await mkdtemp(join(tmpdir(), 'mamori-nobus-'));
    const dir = await mkdtemp(join(tmpdir(), 'mamori-userdata-'));
    const result = await runInChild(
      `const { createMainContext } = await import(${JSON.stringify(modulePath('main-context.ts'))});
       const { handlers } = await createMainContext({ userDataDir: ${JSON.stringify(dir)}, defaultServiceUrl: ${JSON.stringify(service.url)},
         clipboard: { writeText() {}, readText: () => '', clear() {} }, systemLocale: () => 'en-US' });
       console.log(JSON.stringify(await handlers['credential:provision']({})));`,
      noBusEnv(home),
    );
    expect(result).toEqual({ ok: false, error: { code: 'keychain_unavailable' } });
    expect(await readdir(dir)).toEqual([]);
    await rm(home, { recursive: true, force: true });
  });

  // Last: it locks this file's keychain for good.
  it('a locked keychain gives the keychain_locked state and refuses to copy', async () => {
    ready(value(await handlers['credential:provision']({})));
    await keychain.lock();
    expect(value(await handlers['state:get']({}))).toMatchObject({ kind: 'error', error: { code: 'keychain_locked' } });
    expect(await handlers['code:copy']({})).toEqual({ ok: false, error: { code: 'keychain_locked' } });
    expect(clipboard).toEqual([]);
  });
});
