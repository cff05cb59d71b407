/**
 * `mamori export` and `mamori import` as real processes: a backup made in one place (data
 * folder + keychain service) restores the same codes in a fresh one; the password comes from
 * standard input or --password-file, never the command line; failures import nothing.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { accountsFrom, manualCredentials } from '../desktop/account-input.js';
import { createCredentialBook } from '../desktop/credential-book.js';
import { createSettingsStore, SETTINGS_FILE } from '../desktop/settings-store.js';
import { createKeyringVault } from '../desktop/vault.js';
import { missingKeychainTools } from '../desktop/stand-in/private-keychain.js';
import { skipForMissingTool } from '../scripts/test-support/missing-tool.js';
import { keychainAccounts, useCliKeychain, type CliPlace } from './test-support/cli-process.js';

const skipKeychain = skipForMissingTool(await missingKeychainTools(), 'CLI backup tests');

const KEY_A = 'JBSWY3DPEHPK3PXP';
const KEY_B = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const PASSWORD = 'correct horse battery';

interface CodeJson {
  credentialId: string;
  code: string;
  nextCode: string;
}
interface ListJson {
  selectedId: string | null;
  credentials: { credentialId: string; label: string; issuer: string; selected: boolean }[];
}

describe.skipIf(skipKeychain)('mamori export and import', () => {
  const { place, json } = useCliKeychain();

  /** A place with two credentials, the first one selected, set up in this process as the app would. */
  async function source(): Promise<{ p: CliPlace; ids: string[] }> {
    const p = await place();
    const book = createCredentialBook({
      vault: createKeyringVault({ service: p.service }),
      store: createSettingsStore(join(p.home, SETTINGS_FILE)),
      now: Date.now,
    });
    const accounts = [...accountsFrom(`otpauth://totp/Example:alice?secret=${KEY_A}&issuer=Example`).accounts, ...accountsFrom(KEY_B, 'Bank').accounts];
    const { added } = await book.add(manualCredentials(accounts, Date.now()), { select: false });
    return { p, ids: added.map((c) => c.credentialId) };
  }

  it('a backup restores the same credentials and codes in a fresh data folder and keychain service', async () => {
    const { p: from, ids } = await source();
    const file = join(from.home, 'backup.mamori');
    const exported = await from.run(['export', file], `${PASSWORD}\n`);
    expect(exported).toEqual({ code: 0, stdout: `Saved 2 credentials to ${file}. Keep the password apart from the file.\n`, stderr: '' });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const text = await readFile(file, 'utf8');
    expect(JSON.parse(text)).toMatchObject({ format: 'mamori-backup', version: 1 });
    for (const secret of [KEY_A, KEY_B, 'alice', 'Bank']) expect(text).not.toContain(secret);

    const to = await place();
    // The new place has its own credential and selection, which the import keeps.
    expect((await to.run(['add', KEY_A, '--label', 'Already here'])).code).toBe(0);
    const own = (await json<ListJson>(to, ['list'])).credentials[0]!.credentialId;
    const passwordFile = join(to.home, 'password.txt');
    await writeFile(passwordFile, `${PASSWORD}\r\nsecond line is ignored\n`);
    const imported = await to.run(['import', file, '--password-file', passwordFile]);
    expect(imported).toEqual({ code: 0, stdout: `Imported 2 credentials from ${file}.\n`, stderr: '' });

    const list = await json<ListJson>(to, ['list']);
    expect(list.selectedId).toBe(own);
    expect(list.credentials.map((c) => [c.credentialId, c.issuer, c.label])).toEqual([
      [own, '', 'Already here'],
      [ids[0], 'Example', 'alice'],
      [ids[1], '', 'Bank'],
    ]);
    expect(await keychainAccounts(to.service)).toEqual([own, ...ids].sort());
    for (const id of ids) {
      const a = await json<CodeJson>(from, ['code', id]);
      const b = await json<CodeJson>(to, ['code', id]);
      // Same secret: the same code, or the next one if a step boundary fell between the two runs.
      expect([a.code, a.nextCode]).toContain(b.code);
    }

    // Importing the same backup again changes nothing.
    const again = await to.run(['import', file, '--json'], `${PASSWORD}\n`);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual({
      added: [],
      skipped: [
        { label: 'Example (alice)', kind: 'duplicate', reason: 'Already in Mamori.' },
        { label: 'Bank', kind: 'duplicate', reason: 'Already in Mamori.' },
      ],
    });
    expect((await json<ListJson>(to, ['list'])).credentials).toHaveLength(3);
  });

  it('a wrong password: exit 1, "wrong password", nothing imported', async () => {
    const { p: from } = await source();
    const file = join(from.home, 'backup.mamori');
    expect((await from.run(['export', file, '--json'], `${PASSWORD}\n`)).stdout).toBe(`{\n  "file": "${file}",\n  "count": 2,\n  "missing": []\n}\n`);
    const to = await place();
    const result = await to.run(['import', file], 'not the password\n');
    expect(result).toEqual({ code: 1, stdout: '', stderr: 'mamori: wrong password for this backup; nothing was imported\n' });
    expect(await keychainAccounts(to.service)).toEqual([]);
    expect((await json<ListJson>(to, ['list'])).credentials).toEqual([]);
  });

  it('export never replaces an existing file without --force', async () => {
    const { p } = await source();
    const file = join(p.home, 'existing.mamori');
    await writeFile(file, 'keep me');
    const refused = await p.run(['export', file], `${PASSWORD}\n`);
    expect(refused).toEqual({ code: 1, stdout: '', stderr: `mamori: ${file} already exists; nothing was written (use --force to replace it)\n` });
    expect(await readFile(file, 'utf8')).toBe('keep me');

    const forced = await p.run(['export', file, '--force'], `${PASSWORD}\n`);
    expect(forced.code).toBe(0);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ format: 'mamori-backup' });
  });

  it('export refuses a short password and writes nothing; no password at all is a usage error', async () => {
    const { p } = await source();
    const file = join(p.home, 'weak.mamori');
    expect(await p.run(['export', file], 'short\n')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'mamori: the password must have at least 10 characters; nothing was written\n',
    });
    const none = await p.run(['export', file], '');
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^mamori: no password: .*--password-file FILE \(see "mamori export --help"\)\n$/);
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('import refuses a file that is not a backup before asking for a password', async () => {
    const p = await place();
    const file = join(p.home, 'notes.txt');
    await writeFile(file, 'just some notes\n');
    // No password on standard input: had it been asked for, this would be a usage error (exit 2).
    const result = await p.run(['import', file]);
    expect(result).toEqual({ code: 1, stdout: '', stderr: 'mamori: this is not a Mamori backup file (it is not JSON); nothing was imported\n' });
    const missingFile = await p.run(['import', join(p.home, 'nowhere.mamori')]);
    expect(missingFile).toEqual({ code: 1, stdout: '', stderr: `mamori: could not read ${join(p.home, 'nowhere.mamori')} (ENOENT: no such file)\n` });
  });

  it('export with no credential fails before asking for a password', async () => {
    const p = await place();
    expect(await p.run(['export', join(p.home, 'empty.mamori')])).toEqual({ code: 1, stdout: '', stderr: 'mamori: there is no credential to export\n' });
  });
});
