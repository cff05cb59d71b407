/**
 * add, list, code, select, rename and delete as real processes against a real Secret Service
 * (a private gnome-keyring), codes checked against Debian's oathtool at the same moment, and
 * the app's handler table (in this process) and the CLI seeing the same credentials.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { base32Encode } from '../core/base32.js';
import { formatMigrationLink } from '../core/otpauth-migration.js';
import type { OtpauthAccount } from '../core/otpauth.js';
import type { AppState, Result } from '../electron/shared/contract.js';
import { createMainContext } from '../desktop/main-context.js';
import { mamoriDataDir } from '../desktop/paths.js';
import { missingKeychainTools } from '../desktop/stand-in/private-keychain.js';
import { skipForMissingTool } from '../scripts/test-support/missing-tool.js';
import { bracketedByOathtool, keychainAccounts, useCliKeychain } from './test-support/cli-process.js';

const skipKeychain = skipForMissingTool(await missingKeychainTools(), 'CLI credential tests');

const KEY = 'JBSWY3DPEHPK3PXP'; // 10 bytes, the classic example key
const LINK = `otpauth://totp/Example:alice@example.com?secret=${KEY}&issuer=Example`;

interface CredentialJson {
  credentialId: string;
  label: string;
  issuer: string;
  algorithm: string;
  digits: number;
  period: number;
  source: string;
  createdAt: string;
  expiresAt: string | null;
  selected: boolean;
}
interface ListJson {
  selectedId: string | null;
  credentials: CredentialJson[];
}
interface CodeJson {
  credentialId: string;
  code: string;
  nextCode: string;
  secondsLeft: number;
  validUntil: string;
  digits: number;
  period: number;
}

function bytes(seed: number, length = 20): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (i * 31 + seed) & 0xff);
}

describe.skipIf(skipKeychain)('mamori against a real keychain', () => {
  const { place, json } = useCliKeychain();

  it('adds an otpauth link; "code --json" is the code oathtool gives for the same moment', async () => {
    const p = await place();
    const added = await p.run(['add', LINK]);
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/^Added Example \(alice@example\.com\) as manual-[0-9a-f]{12}\.\n$/);
    // The link (and so the secret) is never echoed.
    expect(added.stdout + added.stderr).not.toContain(KEY);

    const { code, accepted } = await bracketedByOathtool(KEY, async () => (await json<CodeJson>(p, ['code'])).code);
    expect(accepted).toContain(code);

    const full = await json<CodeJson>(p, ['code']);
    expect(full.secondsLeft).toBeGreaterThanOrEqual(1);
    expect(full.secondsLeft).toBeLessThanOrEqual(30);
    expect(full.nextCode).toMatch(/^\d{6}$/);
    expect(Date.parse(full.validUntil) % 30_000).toBe(0);
    expect(full).toMatchObject({ digits: 6, period: 30 });
    expect(await keychainAccounts(p.service)).toEqual([full.credentialId]);
  });

  it('prints the code alone on stdout and the seconds left on stderr', async () => {
    const p = await place();
    expect((await p.run(['add', KEY, '--label', 'Bank'])).code).toBe(0);
    const { code, accepted } = await bracketedByOathtool(KEY, async () => {
      const result = await p.run(['code']);
      expect(result.code).toBe(0);
      expect(result.stderr).toMatch(/^([1-9]|[12]\d|30) s left · Bank\n$/);
      return result.stdout;
    });
    expect(code).toMatch(/^\d{6}\n$/);
    expect(accepted).toContain(code.trim());
  });

  it('adds the three accounts of an export link; list --json shows each with its parameters, codes match oathtool', async () => {
    const p = await place();
    const accounts: OtpauthAccount[] = [
      { secret: bytes(1), issuer: 'GitHub', label: 'alice', algorithm: 'SHA1', digits: 6, period: 30 },
      { secret: bytes(2, 32), issuer: 'AWS', label: 'root@example.com', algorithm: 'SHA256', digits: 8, period: 30 },
      { secret: bytes(3, 64), issuer: '', label: 'plain', algorithm: 'SHA512', digits: 6, period: 30 },
    ];
    const link = formatMigrationLink(accounts);
    const added = await p.run(['add', link, '--json']);
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ added: [{ issuer: 'GitHub' }, { issuer: 'AWS' }, { label: 'plain' }], skipped: [] });

    const list = await json<ListJson>(p, ['list']);
    expect(list.credentials.map(({ issuer, label, algorithm, digits, period, source, expiresAt }) => ({ issuer, label, algorithm, digits, period, source, expiresAt }))).toEqual([
      { issuer: 'GitHub', label: 'alice', algorithm: 'SHA1', digits: 6, period: 30, source: 'manual', expiresAt: null },
      { issuer: 'AWS', label: 'root@example.com', algorithm: 'SHA256', digits: 8, period: 30, source: 'manual', expiresAt: null },
      { issuer: '', label: 'plain', algorithm: 'SHA512', digits: 6, period: 30, source: 'manual', expiresAt: null },
    ]);
    // The last added is selected, as in the app.
    expect(list.selectedId).toBe(list.credentials[2]!.credentialId);
    expect(list.credentials.map((c) => c.selected)).toEqual([false, false, true]);

    const aws = list.credentials[1]!;
    const { code, accepted } = await bracketedByOathtool(
      base32Encode(accounts[1]!.secret),
      async () => (await json<CodeJson>(p, ['code', aws.credentialId])).code,
      { algorithm: 'SHA256', digits: 8 },
    );
    expect(code).toMatch(/^\d{8}$/);
    expect(accepted).toContain(code);

    const human = await p.run(['list']);
    expect(human.code).toBe(0);
    const lines = human.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^\s+ID\s+ISSUER\s+LABEL\s+SOURCE\s+CODES\s+EXPIRES$/);
    expect(lines[2]).toMatch(/^ {3}manual-\w+\s+AWS\s+root@example\.com\s+manual\s+SHA256, 8 digits, 30 s\s+never$/);
    expect(lines[3]).toMatch(/^\* {2}manual-\w+\s+-\s+plain\s+manual\s+SHA512, 6 digits, 30 s\s+never$/);
  });

  it('adds what it can of an export link and names each account it skipped, with why', async () => {
    const p = await place();
    const link = formatMigrationLink([
      { secret: bytes(4), issuer: 'Good', label: 'a', algorithm: 'SHA1', digits: 6, period: 30 },
      { secret: bytes(5, 5), issuer: 'Short', label: 'b', algorithm: 'SHA1', digits: 6, period: 30 },
    ]);
    const human = await p.run(['add', link]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^Added Good \(a\) as manual-[0-9a-f]{12}\.\n$/);
    expect(human.stderr).toBe('Skipped Short (b): its secret is too short (5 bytes; at least 10).\n');
    const json = await p.run(['add', link, '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({
      added: [{ issuer: 'Good', label: 'a', selected: true }],
      skipped: [{ label: 'Short (b)', kind: 'invalid', reason: 'Its secret is too short (5 bytes; at least 10).' }],
    });
  });

  it('reads the link from standard input with "-", so it stays out of the shell history', async () => {
    const p = await place();
    const result = await p.run(['add', '-', '--label', '日本の銀行'], `${KEY}\n`);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Added 日本の銀行 as manual-/);
    expect((await json<ListJson>(p, ['list'])).credentials[0]).toMatchObject({ label: '日本の銀行', issuer: '' });
  });

  it('refuses a link it cannot use, saying why, without echoing it; nothing is stored', async () => {
    const p = await place();
    const hotp = `otpauth://hotp/Example:alice?secret=${KEY}&counter=1`;
    const result = await p.run(['add', hotp]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^mamori: not a setup link or key Mamori can use: .*\n$/);
    expect(result.stderr).not.toContain(KEY);
    expect(await keychainAccounts(p.service)).toEqual([]);
    expect((await json<ListJson>(p, ['list'])).credentials).toEqual([]);
  });

  it('names credentials by exact ID, else by a unique label or issuer ignoring case; ambiguous or unknown lists the candidates', async () => {
    const p = await place();
    for (const [label, issuer] of [
      ['alice', 'GitHub'],
      ['bob', 'GitHub'],
      ['carol', 'Bank'],
    ] as const)
      expect((await p.run(['add', `otpauth://totp/${issuer}:${label}?secret=${KEY}&issuer=${issuer}`])).code).toBe(0);
    const ids = (await json<ListJson>(p, ['list'])).credentials.map((c) => c.credentialId);

    expect((await json<CodeJson>(p, ['code', ids[1]!])).credentialId).toBe(ids[1]);
    expect((await json<CodeJson>(p, ['code', 'ALICE'])).credentialId).toBe(ids[0]);
    expect((await json<CodeJson>(p, ['code', 'bank'])).credentialId).toBe(ids[2]);
    expect((await json<CodeJson>(p, ['code', 'github (bob)'])).credentialId).toBe(ids[1]);

    const ambiguous = await p.run(['code', 'github']);
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stdout).toBe('');
    expect(ambiguous.stderr).toBe(`mamori: "github" matches 2 credentials: ${ids[0]} (GitHub (alice)), ${ids[1]} (GitHub (bob)); name one by its ID\n`);

    const unknown = await p.run(['code', 'MAMO00000000']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe(
      `mamori: no credential matches "MAMO00000000"; there are: ${ids[0]} (GitHub (alice)), ${ids[1]} (GitHub (bob)), ${ids[2]} (Bank (carol))\n`,
    );
  });

  it('select, rename and delete change what code, list and the keychain show', async () => {
    const p = await place();
    expect((await p.run(['add', KEY, '--label', 'first'])).code).toBe(0);
    expect((await p.run(['add', KEY, '--label', 'second'])).code).toBe(0);
    const [first, second] = (await json<ListJson>(p, ['list'])).credentials;
    expect(second!.selected).toBe(true);

    expect(await p.run(['select', 'first'])).toMatchObject({ code: 0, stdout: 'Selected first.\n' });
    expect((await json<CodeJson>(p, ['code'])).credentialId).toBe(first!.credentialId);

    expect(await p.run(['rename', first!.credentialId, '  Work VPN '])).toMatchObject({ code: 0, stdout: `Renamed ${first!.credentialId} to Work VPN.\n` });
    expect((await json<ListJson>(p, ['list'])).credentials[0]).toMatchObject({ credentialId: first!.credentialId, label: 'Work VPN', selected: true });

    const deleted = await p.run(['delete', 'work vpn', '--yes']);
    expect(deleted).toMatchObject({ code: 0, stdout: `Deleted Work VPN (${first!.credentialId}) and its secret.\n` });
    expect(await keychainAccounts(p.service)).toEqual([second!.credentialId]);
    const after = await json<ListJson>(p, ['list']);
    expect(after).toEqual({ selectedId: second!.credentialId, credentials: [{ ...second!, selected: true }] });
  });

  it('with no credential: list says so, code fails with a hint', async () => {
    const p = await place();
    expect(await p.run(['list'])).toEqual({ code: 0, stdout: 'No credentials yet. Add one with "mamori add" or "mamori provision".\n', stderr: '' });
    expect(await json<ListJson>(p, ['list'])).toEqual({ selectedId: null, credentials: [] });
    expect(await p.run(['code'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'mamori: there is no credential yet; add one with "mamori add" or "mamori provision"\n',
    });
  });

  it('the app and the CLI see the same credentials: one settings file, one keychain service', async () => {
    const p = await place();
    // The app's main process, as electron/main/main.ts builds it: user data in mamoriDataDir().
    const userDataDir = mamoriDataDir({ MAMORI_HOME: p.home });
    const { handlers } = await createMainContext({
      userDataDir,
      defaultServiceUrl: 'http://127.0.0.1:9',
      keychainService: p.service,
      clipboard: { writeText: () => undefined, readText: () => '', clear: () => undefined },
      readClipboardImage: async () => null,
      dialogs: { openImage: async () => null, openBackup: async () => null, saveBackup: async () => null },
      systemLocale: () => 'en-US',
    });
    const ok = <T>(result: Result<T>): T => {
      if (!result.ok) throw new Error(JSON.stringify(result.error));
      return result.value;
    };
    const cards = (state: AppState) => (state.kind === 'ready' ? state.credentials : []);

    // Added in the app, seen by the CLI, with the code the app shows.
    const appKey = base32Encode(bytes(7));
    const outcome = ok(await handlers['credential:add']({ link: `otpauth://totp/Shop:dave?secret=${appKey}&issuer=Shop` }));
    const appId = outcome.added[0]!;
    const list = await json<ListJson>(p, ['list']);
    expect(list.credentials).toEqual([expect.objectContaining({ credentialId: appId, issuer: 'Shop', label: 'dave', selected: true })]);
    const { code, accepted } = await bracketedByOathtool(appKey, async () => (await json<CodeJson>(p, ['code', appId])).code);
    expect(accepted).toContain(code);

    // Added by the CLI, seen by the app (which reads the settings file afresh on each request).
    expect((await p.run(['add', LINK])).code).toBe(0);
    const state = ok(await handlers['state:get']({}));
    expect(state.kind).toBe('ready');
    const names = cards(state).map((c) => `${c.credential.issuer}:${c.credential.label}`);
    expect(names).toEqual(['Shop:dave', 'Example:alice@example.com']);
    const cliId = cards(state)[1]!.credential.credentialId;
    expect(state.kind === 'ready' && state.selectedId).toBe(cliId);
    const fromCli = await json<CodeJson>(p, ['code', cliId]);
    const again = cards(ok(await handlers['state:get']({})))[1]!.code?.code;
    // Same secret, same clock: the CLI's code, or its next one if a step boundary fell in between.
    expect([fromCli.code, fromCli.nextCode]).toContain(again);

    const settings = JSON.parse(await readFile(join(userDataDir, 'settings.json'), 'utf8')) as { credentials: unknown[] };
    expect(settings.credentials).toHaveLength(2);
    expect(JSON.stringify(settings)).not.toContain(appKey);
  });
});
