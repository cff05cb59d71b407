/**
 * The handler table end to end in Node: the real keychain (a private gnome-keyring), the real
 * settings file and the real token service over HTTP on 127.0.0.1. Codes are checked against
 * Debian's oathtool for the secret read back from the keychain.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, open, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { AsyncEntry, findCredentialsAsync } from '@napi-rs/keyring';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import QRCode from 'qrcode';
import { base32Decode, base32Encode } from '../../core/base32.js';
import { parseOtpauth } from '../../core/otpauth.js';
import { formatMigrationLink } from '../../core/otpauth-migration.js';
import { startService, type RunningService } from '../../service/src/start-service.js';
import { startVipFixtureServer } from '../test-support/vip-fixture-server.js';
import type { AppState, CodeView, CredentialCard, Result } from '../../electron/shared/contract.js';
import { OFFSET_WARNING_MS } from '../clock-offset.js';
import type { Handlers, MainDeps } from './handlers.js';
import { createMainContext } from '../main-context.js';
import type { HostPreferences } from '../preferences-feed.js';
import { modulePath, noBusEnv, runInChild } from '../test-support/child-node.js';
import { missingKeychainTools, startPrivateKeychain, type PrivateKeychain } from '../stand-in/private-keychain.js';
import { skipForMissingTool } from '../../scripts/test-support/missing-tool.js';
import { makeReadOnly } from '../test-support/read-only-dir.js';

const run = promisify(execFile);
const skipKeychain = skipForMissingTool(await missingKeychainTools(), 'handler tests that need a keychain');

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

type Ready = Extract<AppState, { kind: 'ready' }>;
type Card = { credential: CredentialCard['credential']; code: CodeView };

/**
 * The ready state with every code present (a missing secret fails the test here), plus
 * `credential` and `code` of the selected credential for short assertions.
 */
function ready(state: AppState): Omit<Ready, 'credentials'> & { credentials: Card[] } & Card {
  if (state.kind !== 'ready') throw new Error(`expected ready, got ${JSON.stringify(state)}`);
  const credentials = state.credentials.map(({ credential, code }) => {
    if (code === null) throw new Error(`no code for ${credential.credentialId}: its secret is missing`);
    return { credential, code };
  });
  const card = credentials.find((c) => c.credential.credentialId === state.selectedId);
  if (card === undefined) throw new Error('the selected credential is not in the list');
  return { ...state, credentials, ...card };
}

/**
 * The link with one more account appended, a counter-based (HOTP) one named "counter-app",
 * written byte by byte in protobuf wire format (repeated fields may simply be concatenated).
 */
function appendHotpEntry(link: string): string {
  const url = new URL(link);
  const payload = Buffer.from(url.searchParams.get('data') ?? '', 'base64');
  const name = Buffer.from('counter-app');
  const secret = Buffer.alloc(10, 7);
  const params = Buffer.concat([Buffer.from([0x0a, secret.length]), secret, Buffer.from([0x12, name.length]), name, Buffer.from([0x30, 0x01, 0x38, 0x05])]);
  const data = Buffer.concat([payload, Buffer.from([0x0a, params.length]), params]).toString('base64');
  return `otpauth-migration://offline?data=${encodeURIComponent(data)}`;
}

describe.skipIf(skipKeychain)('handlers with the real keychain, settings file and token service', () => {
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
  /** What the file dialogs answer next (null = the user cancelled), and how often they were shown. */
  let dialogAnswers: { openImage: string | null; openBackup: string | null; saveBackup: string | null };
  let dialogsShown: string[];
  /** The image on the clipboard (PNG bytes), or null. */
  let clipboardImage: Uint8Array | null;

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

  async function context(serviceUrl = service.url, vipUrl?: string): Promise<void> {
    userDataDir = await mkdtemp(join(tmpdir(), 'mamori-userdata-'));
    keychainService = `Mamori-test-${++n}`;
    clipboard = [];
    onClipboard = '';
    timers = [];
    localNow = LOCAL_NOW;
    dialogAnswers = { openImage: null, openBackup: null, saveBackup: null };
    dialogsShown = [];
    clipboardImage = null;
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
      readClipboardImage: async () => clipboardImage,
      dialogs: {
        openImage: async () => (dialogsShown.push('openImage'), dialogAnswers.openImage),
        openBackup: async () => (dialogsShown.push('openBackup'), dialogAnswers.openBackup),
        saveBackup: async (name) => (dialogsShown.push(`saveBackup:${name}`), dialogAnswers.saveBackup),
      },
      scheduler: { schedule: (callback, delayMs) => timers.push({ callback, delayMs }), cancel: () => undefined },
      systemLocale: () => 'ja-JP',
      now: () => localNow,
      platform: 'linux',
      keychainService,
      ...(vipUrl === undefined ? {} : { vipUrl }),
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

    // A second credential from the service is added after the first and becomes the selected one.
    const second = ready(value(await handlers['credential:provision']({})));
    expect(second.credentials.map((c) => c.credential.credentialId)).toEqual([id, second.selectedId]);
    expect(second.selectedId).not.toBe(id);
    expect(await entries()).toHaveLength(2);
  });

  it('copies the code and the credential ID through the clipboard port', async () => {
    expect(await handlers['code:copy']({})).toMatchObject({ ok: false, error: { code: 'no_credential' } });
    const state = ready(value(await handlers['credential:provision']({})));
    expect(value(await handlers['code:copy']({}))).toEqual({ copied: 'code' });
    expect(value(await handlers['credential-id:copy']({}))).toEqual({ copied: 'credential-id' });
    expect(clipboard).toEqual([state.code.code, state.credential.credentialId]);
  });

  it('two provisions at once run one after the other: two credentials, both complete', async () => {
    const results = await Promise.all([handlers['credential:provision']({}), handlers['credential:provision']({})]);
    const ids = results.map((r) => ready(value(r)).selectedId);
    expect(new Set(ids).size).toBe(2);
    const last = ready(value(await handlers['state:get']({})));
    expect(last.credentials.map((c) => c.credential.credentialId)).toEqual(ids);
    expect(await entries()).toHaveLength(2);
  });

  it('the first start’s attempt (onlyIfNone) never adds a second credential', async () => {
    // Two at once, as after a reload while the first attempt was still running: one credential.
    const results = await Promise.all([handlers['credential:provision']({ onlyIfNone: true }), handlers['credential:provision']({ onlyIfNone: true })]);
    const [first, second] = results.map((r) => ready(value(r)).selectedId);
    expect(second).toBe(first);
    expect(ready(value(await handlers['state:get']({}))).credentials).toHaveLength(1);
    expect(await entries()).toHaveLength(1);

    // With any credential present the service is not asked at all: a dead one makes no difference.
    await context(deadUrl);
    value(await handlers['credential:add']({ link: 'otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Example' }));
    const kept = ready(value(await handlers['credential:provision']({ onlyIfNone: true })));
    expect(kept.credentials.map((c) => c.credential.issuer)).toEqual(['Example']);
    // The same call without the flag does ask the service, and says it is unreachable.
    expect(await handlers['credential:provision']({})).toMatchObject({ ok: false, error: { code: 'service_unreachable' } });
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

  it('a keychain entry deleted behind our back: that credential has no code, the others still work, a backup restores it', async () => {
    const bank = ready(value(await handlers['credential:provision']({}))).selectedId;
    const bankSecret = await secretInKeychain(bank);
    const other = value(await handlers['credential:add']({ link: GITHUB })).added[0]!;
    const file = join(await mkdtemp(join(tmpdir(), 'mamori-backup-')), 'before.mamori');
    dialogAnswers.saveBackup = file;
    expect(value(await handlers['backup:export']({ password: 'correct horse battery' }))).toMatchObject({ saved: true, count: 2, missing: 0 });

    await deps.vault.delete(bank);
    const after = value(await handlers['state:get']({}));
    if (after.kind !== 'ready') throw new Error(`expected ready, got ${after.kind}`);
    expect(after.credentials.map((c) => [c.credential.credentialId, c.code === null])).toEqual([
      [bank, true],
      [other, false],
    ]);
    expect(after.credentials[1]?.code?.code).toBe(await oathtool(GITHUB, SERVER_NOW, ['--totp']));
    expect(await handlers['code:copy']({ credentialId: bank })).toEqual({ ok: false, error: { code: 'secret_missing' } });
    expect(clipboard).toEqual([]);

    // A backup now leaves it out and says so.
    dialogAnswers.saveBackup = join(dirname(file), 'after.mamori');
    expect(value(await handlers['backup:export']({ password: 'correct horse battery' }))).toMatchObject({ saved: true, count: 1, missing: 1 });

    // Restoring the earlier backup puts the secret back; the credential that was fine is skipped.
    dialogAnswers.openBackup = file;
    const restored = value(await handlers['backup:import']({ password: 'correct horse battery' }));
    expect(restored.added).toEqual([bank]);
    expect(restored.skipped.map((s) => s.kind)).toEqual(['duplicate']);
    expect(await secretInKeychain(bank)).toBe(bankSecret);
    expect(ready(restored.state).credentials).toHaveLength(2);
  });

  it('adds an otpauth link (SHA256, 8 digits, 60 s) with codes equal to oathtool', async () => {
    const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
    const link = `otpauth://totp/Example%20Bank:alice?secret=${secret}&issuer=Example%20Bank&algorithm=SHA256&digits=8&period=60`;
    const outcome = value(await handlers['credential:add']({ link }));
    expect(outcome).toMatchObject({ added: [expect.stringMatching(/^manual-/)], skipped: [], cancelled: false });
    const state = ready(outcome.state);
    expect(state.credential).toMatchObject({ label: 'alice', issuer: 'Example Bank', digits: 8, period: 60, source: 'manual', expiresAt: null });
    expect(state.code.code).toBe(await oathtool(secret, LOCAL_NOW, ['--totp=sha256', '-d', '8', '-s', '60']));
    expect(await secretInKeychain(state.credential.credentialId)).toBe(secret);
  });

  it('adds a bare setup key as typed by a person, labelled "Account" by default', async () => {
    const state = ready(value(await handlers['credential:add']({ link: 'jbsw y3dp ehpk 3pxp' })).state);
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
    const told: HostPreferences[] = [];
    deps.preferences.subscribe((preferences) => told.push(preferences));
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

  /** Three accounts in one Google Authenticator export link, plus one HOTP entry Mamori must skip. */
  const GITHUB = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
  const AWS = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
  const MAIL = 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U';
  function exportLink(): string {
    const account = (secret: string, issuer: string, label: string, algorithm: 'SHA1' | 'SHA256' = 'SHA1', digits: 6 | 8 = 6) =>
      ({ secret: base32Decode(secret), issuer, label, algorithm, digits, period: 30 }) as const;
    return formatMigrationLink([account(GITHUB, 'GitHub', 'alice'), account(AWS, 'AWS', 'alice@example.com', 'SHA256', 8), account(MAIL, 'Mail', 'alice')]);
  }

  it('several credentials: a service credential and an export link; select, rename, move, delete', async () => {
    const bank = ready(value(await handlers['credential:provision']({}))).selectedId;
    const outcome = value(await handlers['credential:add']({ link: exportLink() }));
    expect(outcome.added).toHaveLength(3);
    const state = ready(outcome.state);
    expect(state.credentials.map((c) => [c.credential.issuer, c.credential.label])).toEqual([
      ['127.0.0.1', bank],
      ['GitHub', 'alice'],
      ['AWS', 'alice@example.com'],
      ['Mail', 'alice'],
    ]);
    // The last added is selected; every row's code is right for its own parameters on the corrected clock.
    expect(state.selectedId).toBe(outcome.added[2]);
    const [, github, aws, mail] = state.credentials;
    expect(github?.code.code).toBe(await oathtool(GITHUB, SERVER_NOW, ['--totp']));
    expect(aws?.code.code).toBe(await oathtool(AWS, SERVER_NOW, ['--totp=sha256', '-d', '8']));
    expect(mail?.code.code).toBe(await oathtool(MAIL, SERVER_NOW, ['--totp']));

    const githubId = outcome.added[0]!;
    expect(ready(value(await handlers['credential:select']({ credentialId: githubId }))).credential.label).toBe('alice');
    expect(value(await handlers['code:copy']({}))).toEqual({ copied: 'code' });
    expect(clipboard.at(-1)).toBe(github?.code.code);
    expect(value(await handlers['code:copy']({ credentialId: outcome.added[1]! }))).toEqual({ copied: 'code' });
    expect(clipboard.at(-1)).toBe(aws?.code.code);

    const renamed = ready(value(await handlers['credential:rename']({ credentialId: githubId, label: 'work' })));
    expect(renamed.credential.label).toBe('work');
    const moved = ready(value(await handlers['credential:move']({ credentialId: githubId, toIndex: 0 })));
    expect(moved.credentials.map((c) => c.credential.credentialId)).toEqual([githubId, bank, outcome.added[1], outcome.added[2]]);
    // An index past the end puts it last.
    const last = ready(value(await handlers['credential:move']({ credentialId: githubId, toIndex: 999 })));
    expect(last.credentials.at(-1)?.credential.credentialId).toBe(githubId);

    // Deleting the selected one removes its keychain entry and selects the first.
    const afterDelete = ready(value(await handlers['credential:delete']({ credentialId: githubId, confirmed: true })));
    expect(afterDelete.credentials.map((c) => c.credential.credentialId)).toEqual([bank, outcome.added[1], outcome.added[2]]);
    expect(afterDelete.selectedId).toBe(bank);
    expect((await entries()).map((e) => e.account).sort()).toEqual([bank, outcome.added[1], outcome.added[2]].sort());

    // A credential that is gone is reported as such, by every channel that names one.
    for (const result of [
      await handlers['credential:select']({ credentialId: githubId }),
      await handlers['credential:rename']({ credentialId: githubId, label: 'x' }),
      await handlers['credential:delete']({ credentialId: githubId, confirmed: true }),
      await handlers['code:copy']({ credentialId: githubId }),
      await handlers['credential:reveal']({ credentialId: githubId, confirmed: true }),
    ]) {
      expect(result.ok === false && result.error.code).toBe('credential_not_found');
    }
    const file = JSON.parse(await readFile(join(userDataDir, 'settings.json'), 'utf8'));
    expect(file.credentials).toHaveLength(3);
  });

  it('an export link with entries Mamori cannot use adds the rest and names each skipped one', async () => {
    // HOTP is skipped by parseMigrationLink; the link below carries one TOTP and one HOTP account.
    const link = formatMigrationLink([{ secret: base32Decode(GITHUB), issuer: 'GitHub', label: 'alice', algorithm: 'SHA1', digits: 6, period: 30 }]);
    const withHotp = appendHotpEntry(link);
    const outcome = value(await handlers['credential:add']({ link: withHotp }));
    expect(outcome.added).toHaveLength(1);
    expect(outcome.skipped).toEqual([{ label: expect.stringContaining('counter-app'), kind: 'counter_based', reason: expect.stringMatching(/HOTP|counter/i) }]);
  });

  it('reveal gives an otpauth link that carries the same secret and a QR code of it', async () => {
    const outcome = value(await handlers['credential:add']({ link: exportLink() }));
    const revealed = value(await handlers['credential:reveal']({ credentialId: outcome.added[1]!, confirmed: true }));
    const parsed = parseOtpauth(revealed.link);
    if (!parsed.ok) throw new Error(parsed.message);
    expect(base32Encode(parsed.account.secret)).toBe(AWS);
    expect(parsed.account).toMatchObject({ issuer: 'AWS', label: 'alice@example.com', algorithm: 'SHA256', digits: 8, period: 30 });
    expect(revealed.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect(revealed.qrSvg).not.toContain(AWS);
  });

  it('adds from a QR code image file; a cancelled dialog does nothing; a non-image is refused clearly', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mamori-qr-'));
    const png = join(dir, 'qr.png');
    await writeFile(png, await QRCode.toBuffer(`otpauth://totp/Shop:bob?secret=${GITHUB}&issuer=Shop`));
    const cancelled = value(await handlers['credential:add-from-qr-file']({}));
    expect(cancelled).toMatchObject({ cancelled: true, added: [] });
    expect(cancelled.state.kind).toBe('setup');

    dialogAnswers.openImage = png;
    const added = ready(value(await handlers['credential:add-from-qr-file']({})).state);
    expect(added.credential).toMatchObject({ issuer: 'Shop', label: 'bob' });
    // No token service was asked for the time in this context: codes follow the local clock.
    expect(added.code.code).toBe(await oathtool(GITHUB, LOCAL_NOW, ['--totp']));

    const text = join(dir, 'notes.txt');
    await writeFile(text, 'not an image');
    dialogAnswers.openImage = text;
    const refused = await handlers['credential:add-from-qr-file']({});
    expect(refused.ok === false && refused.error.code).toBe('qr_unreadable');
    dialogAnswers.openImage = join(dir, 'gone.png');
    const gone = await handlers['credential:add-from-qr-file']({});
    expect(gone).toEqual({ ok: false, error: { code: 'qr_unreadable', detail: expect.stringContaining('ENOENT') } });
    // A folder, and a huge file (sparse: nothing is written), are refused before anything is read.
    dialogAnswers.openImage = dir;
    expect(await handlers['credential:add-from-qr-file']({})).toEqual({ ok: false, error: { code: 'qr_unreadable', detail: 'That is not a file.' } });
    const huge = join(dir, 'huge.png');
    const handle = await open(huge, 'w');
    await handle.truncate(3 * 1024 * 1024 * 1024);
    await handle.close();
    dialogAnswers.openImage = huge;
    expect(await handlers['credential:add-from-qr-file']({})).toEqual({ ok: false, error: { code: 'qr_unreadable', detail: 'The file is larger than 25 MB.' } });
    expect(await entries()).toHaveLength(1);
  });

  it('adds from an image on the clipboard, and says so when there is none', async () => {
    const empty = await handlers['credential:add-from-clipboard']({});
    expect(empty.ok === false && empty.error).toMatchObject({ code: 'qr_unreadable', detail: expect.stringMatching(/no image/) });
    clipboardImage = await QRCode.toBuffer(exportLink());
    expect(value(await handlers['credential:add-from-clipboard']({})).added).toHaveLength(3);
    expect(await entries()).toHaveLength(3);
  });

  it('backup: export, import on a "new PC" with the same codes; wrong password and a second import change nothing', async () => {
    const bank = ready(value(await handlers['credential:provision']({})));
    value(await handlers['credential:add']({ link: exportLink() }));
    const before = ready(value(await handlers['state:get']({})));

    // A short password is refused before any dialog is shown.
    expect(await handlers['backup:export']({ password: 'short' })).toMatchObject({ ok: false, error: { code: 'weak_password' } });
    expect(dialogsShown).toEqual([]);
    // Cancelled save dialog: nothing written.
    expect(value(await handlers['backup:export']({ password: 'correct horse battery' }))).toEqual({ saved: false, count: 0, missing: 0 });
    const file = join(await mkdtemp(join(tmpdir(), 'mamori-backup-')), 'mamori.mamori');
    dialogAnswers.saveBackup = file;
    expect(value(await handlers['backup:export']({ password: 'correct horse battery' }))).toEqual({ saved: true, count: 4, missing: 0 });
    expect(dialogsShown.at(-1)).toBe('saveBackup:mamori-backup-2026-06-01.mamori');
    const written = await readFile(file, 'utf8');
    for (const secret of [GITHUB, AWS, MAIL, await secretInKeychain(bank.selectedId)]) expect(written).not.toContain(secret);

    // The new PC: another settings folder and another keychain service.
    await context();
    dialogAnswers.openBackup = file;
    const wrong = await handlers['backup:import']({ password: 'correct horse battery!' });
    expect(wrong).toEqual({ ok: false, error: { code: 'backup_wrong_password' } });
    expect(await entries()).toEqual([]);
    expect(value(await handlers['state:get']({})).kind).toBe('setup');

    const imported = value(await handlers['backup:import']({ password: 'correct horse battery' }));
    expect(imported.added).toEqual(before.credentials.map((c) => c.credential.credentialId));
    const after = ready(imported.state);
    expect(after.credentials.map((c) => c.credential)).toEqual(before.credentials.map((c) => c.credential));
    // The clock offset belongs to the old PC and is not in the backup: codes follow this PC's clock.
    expect(after.credentials[1]?.code.code).toBe(await oathtool(GITHUB, LOCAL_NOW, ['--totp']));
    expect(after.credentials[2]?.code.code).toBe(await oathtool(AWS, LOCAL_NOW, ['--totp=sha256', '-d', '8']));
    expect(after.credentials[0]?.code.code).toBe(await oathtool(await secretInKeychain(bank.selectedId), LOCAL_NOW, ['--totp']));

    // Importing the same file again adds nothing and says why.
    const again = value(await handlers['backup:import']({ password: 'correct horse battery' }));
    expect(again.added).toEqual([]);
    expect(again.skipped).toHaveLength(4);
    expect(await entries()).toHaveLength(4);

    // A tampered file is refused as a whole.
    const tampered = join(await mkdtemp(join(tmpdir(), 'mamori-backup-')), 'tampered.mamori');
    const json = JSON.parse(written) as { ciphertext: string };
    const bytes = Buffer.from(json.ciphertext, 'base64');
    bytes[5] = (bytes[5] ?? 0) ^ 1;
    await writeFile(tampered, JSON.stringify({ ...json, ciphertext: bytes.toString('base64') }));
    await context();
    dialogAnswers.openBackup = tampered;
    const refused = await handlers['backup:import']({ password: 'correct horse battery' });
    expect(refused.ok === false && refused.error.code).toBe('backup_unreadable');
    expect(await entries()).toEqual([]);
  });

  it('Symantec VIP: provisions from the protocol server into the keychain; a refusal or a bad clock stores nothing', async () => {
    const vip = await startVipFixtureServer({ now: () => SERVER_NOW });
    try {
      await context(service.url, vip.url);
      const state = ready(value(await handlers['credential:provision-vip']({ model: 'SYDC' })));
      const issued = vip.issued[0]!;
      expect(state.credential).toMatchObject({ credentialId: issued.credentialId, issuer: 'Symantec VIP', source: 'vip', digits: 6, period: 30, expiresAt: issued.expiry });
      expect(state.credential.credentialId).toMatch(/^SYDC\d{8}$/);
      expect(await secretInKeychain(issued.credentialId)).toBe(base32Encode(issued.secret));
      // No token-service clock offset was measured for this context, so codes follow the local clock.
      expect(state.code.code).toBe(await oathtool(base32Encode(issued.secret), LOCAL_NOW, ['--totp']));

      // Refused by the operator: a clear error, nothing half-stored.
      vip.setBehaviour({ kind: 'status', reasonCode: '4E0D', statusMessage: 'Unsupported token model' });
      const refused = await handlers['credential:provision-vip']({ model: 'VSMT' });
      expect(refused).toEqual({ ok: false, error: { code: 'service_refused', detail: expect.stringContaining('4E0D') } });
      vip.setBehaviour('bad-padding');
      const bad = await handlers['credential:provision-vip']({ model: 'SYMC' });
      expect(bad.ok === false && bad.error.code).toBe('service_bad_answer');
      expect((await entries()).map((e) => e.account)).toEqual([issued.credentialId]);

      // This PC 10 s ahead of Symantec: refused before anything is stored.
      vip.setBehaviour('success');
      localNow = SERVER_NOW + 10_000;
      const ahead = await handlers['credential:provision-vip']({ model: 'SYDC' });
      expect(ahead.ok === false && ahead.error.code).toBe('clock_ahead');
      expect(await entries()).toHaveLength(1);
      expect(ready(value(await handlers['state:get']({}))).credentials).toHaveLength(1);
    } finally {
      await vip.close();
    }
  });

  it('with no session bus: keychain_unavailable and no metadata written (in a fresh process)', async () => {
    const home = await mkdtemp(join(tmpdir(), 'mamori-nobus-'));
    const dir = await mkdtemp(join(tmpdir(), 'mamori-userdata-'));
    const result = await runInChild(
      `const { createMainContext } = await import(${JSON.stringify(modulePath('main-context.ts'))});
       const { handlers } = await createMainContext({ userDataDir: ${JSON.stringify(dir)}, defaultServiceUrl: ${JSON.stringify(service.url)},
         clipboard: { writeText() {}, readText: () => '', clear() {} }, readClipboardImage: async () => null,
         dialogs: { openImage: async () => null, openBackup: async () => null, saveBackup: async () => null }, systemLocale: () => 'en-US' });
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
    // Two credentials, so that the state's one-search path for several secrets meets the lock too.
    value(await handlers['credential:add']({ link: GITHUB }));
    await keychain.lock();
    expect(value(await handlers['state:get']({}))).toMatchObject({ kind: 'error', error: { code: 'keychain_locked' } });
    expect(await handlers['code:copy']({})).toEqual({ ok: false, error: { code: 'keychain_locked' } });
    expect(clipboard).toEqual([]);
  });
});
