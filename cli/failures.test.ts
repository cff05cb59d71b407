/**
 * What `mamori` says when the world is not as it should be: no keychain, a locked keychain, a
 * missing secret, a corrupt settings file, an unexpected error. Always exit 1 and one line on
 * standard error, never a stack trace, and nothing half-done.
 */
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSettingsStore, SETTINGS_FILE, type StoredCredential } from '../desktop/settings-store.js';
import { missingKeychainTools, startPrivateKeychain, type PrivateKeychain } from '../desktop/stand-in/private-keychain.js';
import { skipForMissingTool } from '../scripts/test-support/missing-tool.js';
import { startVipFixtureServer, type VipFixtureServer } from '../desktop/test-support/vip-fixture-server.js';
import { clearKeychain, keychainAccounts, newPlace, type CliPlace, type CliResult } from './test-support/cli-process.js';

const skipKeychain = skipForMissingTool(await missingKeychainTools(), 'CLI keychain failure tests');

const NOWHERE = 'unix:path=/nonexistent/mamori-bus';

const META: StoredCredential = {
  credentialId: 'MAMO12345674',
  label: 'MAMO12345674',
  issuer: 'token.example',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  createdAt: '2026-06-01T12:00:00.000Z',
  expiresAt: '2029-06-01T12:00:00.000Z',
  source: 'service',
};

/** Settings naming a credential, written as the app writes them (the keychain is not touched). */
async function withCredential(p: CliPlace): Promise<void> {
  await createSettingsStore(join(p.home, SETTINGS_FILE)).update((s) => ({ ...s, credentials: [META] }));
}

function expectOneLineFailure(result: CliResult, message: RegExp): void {
  expect(result.stdout).toBe('');
  expect(result.stderr).toMatch(message);
  expect(result.stderr.endsWith('\n')).toBe(true);
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.code).toBe(1);
}

describe('with no keychain reachable (the session bus address points nowhere)', () => {
  let vip: VipFixtureServer;
  beforeAll(async () => {
    vip = await startVipFixtureServer();
  });
  afterAll(async () => {
    await vip?.close();
  });

  it('code fails with a clear message; list still works (it needs no secret)', async () => {
    const p = await newPlace(NOWHERE);
    await withCredential(p);
    expectOneLineFailure(
      await p.run(['code']),
      /^mamori: no keychain is available: .*; Mamori keeps secrets only in the system keychain \(Secret Service, macOS Keychain or Windows Credential Manager\); on Debian or Ubuntu: sudo apt-get install gnome-keyring dbus, then run mamori in a desktop session\n$/,
    );
    const list = await p.run(['list', '--json']);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toMatchObject({ selectedId: META.credentialId });
  });

  it('add stores nothing, not even the metadata', async () => {
    const p = await newPlace(NOWHERE);
    expectOneLineFailure(await p.run(['add', 'JBSWY3DPEHPK3PXP']), /^mamori: no keychain is available: /);
    expect(await readdir(p.home)).toEqual([]);
  });

  it('provision fails before asking for a credential, so none is issued for nothing', async () => {
    const p = await newPlace(NOWHERE, { MAMORI_VIP_URL: vip.url });
    expectOneLineFailure(await p.run(['provision', '--vip', 'SYDC']), /^mamori: no keychain is available: /);
    expect(vip.requests).toEqual([]);
  });
});

describe.skipIf(skipKeychain)('with a locked keychain', () => {
  let keychain: PrivateKeychain;
  beforeAll(async () => {
    keychain = await startPrivateKeychain({ unlocked: true });
  });
  afterAll(async () => {
    await keychain?.stop();
  });

  it('code and export say the keychain is locked and how to go on', async () => {
    const p = await newPlace(keychain.busAddress);
    expect((await p.run(['add', 'JBSWY3DPEHPK3PXP', '--label', 'Bank'])).code).toBe(0);
    expect((await p.run(['code'])).code).toBe(0);
    // As a screen locker would; no display here, so the unlock prompt cannot show and counts as dismissed.
    await keychain.lock();
    expectOneLineFailure(await p.run(['code']), /^mamori: the keychain is locked: .*; unlock it \(for example by logging in again or in your keyring app\) and retry\n$/);
    const file = join(p.home, 'backup.mamori');
    expectOneLineFailure(await p.run(['export', file], 'a long enough password\n'), /^mamori: the keychain is locked: /);
    expect(await readdir(p.home)).toEqual([SETTINGS_FILE]);
  });
});

describe.skipIf(skipKeychain)('with a keychain that lacks the secret', () => {
  let keychain: PrivateKeychain;
  let restore: () => void;
  let p: CliPlace;
  beforeAll(async () => {
    keychain = await startPrivateKeychain({ unlocked: true });
    restore = keychain.use();
  });
  afterAll(async () => {
    if (p !== undefined) await clearKeychain(p.service);
    restore?.();
    await keychain?.stop();
  });

  it('code names the credential whose secret is missing', async () => {
    p = await newPlace(keychain.busAddress);
    await withCredential(p);
    expect(await keychainAccounts(p.service)).toEqual([]);
    expectOneLineFailure(
      await p.run(['code', 'MAMO12345674']),
      /^mamori: the keychain has no secret for MAMO12345674; the entry was removed, or MAMORI_KEYCHAIN_SERVICE names another keychain service\n$/,
    );
  });
});

describe('with a corrupt settings file', () => {
  it('fails naming where the unreadable file was kept, with its bytes untouched, and keeps saying so', async () => {
    const p = await newPlace(NOWHERE);
    await writeFile(join(p.home, SETTINGS_FILE), '{"version": 1, "credentials": [');
    const first = await p.run(['list']);
    expectOneLineFailure(first, /^mamori: the settings file could not be read \(it is not valid JSON\); it was kept at .*; nothing was changed/);
    const keptAt = /it was kept at (.*?); nothing was changed/.exec(first.stderr)![1]!;
    expect(keptAt.startsWith(join(p.home, `${SETTINGS_FILE}.corrupt-`))).toBe(true);
    expect(await readFile(keptAt, 'utf8')).toBe('{"version": 1, "credentials": [');
    expect(await readdir(p.home)).toEqual([keptAt.slice(p.home.length + 1)]);

    // Adding is refused too (before the keychain is touched), and the kept copy is named again.
    const add = await p.run(['add', 'JBSWY3DPEHPK3PXP']);
    expectOneLineFailure(add, /^mamori: the settings file could not be read/);
    expect(add.stderr).toContain(keptAt);
    expect(await readdir(p.home)).toEqual([keptAt.slice(p.home.length + 1)]);
  });
});

describe('an unexpected error', () => {
  it('is one line naming the error, exit 1, no stack trace', async () => {
    const notAFolder = join(await mkdtemp(join(tmpdir(), 'mamori-cli-')), 'file');
    await writeFile(notAFolder, 'not a folder');
    const p = await newPlace(NOWHERE, { MAMORI_HOME: notAFolder });
    expectOneLineFailure(await p.run(['list']), /^mamori: unexpected error \(Error: ENOTDIR: not a directory, .*\)\n$/);
  });
});
