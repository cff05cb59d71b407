/**
 * Passwords and setup keys typed at a terminal: standard input is a real pseudo-terminal
 * (util-linux `script`), the CLI turns echo off, and what the terminal shows never contains
 * what was typed.
 */
import { execFile } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { accountsFrom, manualCredentials } from '../desktop/account-input.js';
import { createCredentialBook } from '../desktop/credential-book.js';
import { createSettingsStore, SETTINGS_FILE } from '../desktop/settings-store.js';
import { missingKeychainTools } from '../desktop/stand-in/private-keychain.js';
import { skipForMissingTool } from '../scripts/test-support/missing-tool.js';
import { createKeyringVault } from '../desktop/vault.js';
import { keychainAccounts, runInTerminal, useCliKeychain, type CliPlace } from './test-support/cli-process.js';

const hasScript = await promisify(execFile)('script', ['--version']).then(
  () => true,
  () => false,
);
const skipKeychain = skipForMissingTool((await missingKeychainTools()) ?? (hasScript ? null : 'util-linux script is not installed'), 'CLI terminal tests');

const KEY = 'JBSWY3DPEHPK3PXP';
const PASSWORD = 'typed at the terminal';

describe.skipIf(skipKeychain)('mamori at a terminal', () => {
  const cli = useCliKeychain();

  /** A place holding one credential, set up in this process as the app would. */
  async function place(withCredential: boolean): Promise<CliPlace> {
    const p = await cli.place();
    if (withCredential) {
      const book = createCredentialBook({ vault: createKeyringVault({ service: p.service }), store: createSettingsStore(join(p.home, SETTINGS_FILE)), now: Date.now });
      await book.add(manualCredentials(accountsFrom(KEY, 'Bank').accounts, Date.now()));
    }
    return p;
  }

  it('export asks for the password twice with echo off; the backup opens with it', async () => {
    const p = await place(true);
    const file = join(p.home, 'backup.mamori');
    const result = await runInTerminal(['export', file], p.env, [
      { prompt: 'Backup password: ', type: `${PASSWORD}\r` },
      { prompt: 'The same password again: ', type: `${PASSWORD}\r` },
    ]);
    expect(result.output).not.toContain('typed');
    expect(result.output).toContain(`Saved 1 credential to ${file}.`);
    expect(result.code).toBe(0);
    const to = await place(false);
    expect(await to.run(['import', file], `${PASSWORD}\n`)).toMatchObject({ code: 0, stdout: `Imported 1 credential from ${file}.\n` });
  });

  it('backspace edits the hidden password', async () => {
    const p = await place(true);
    const file = join(p.home, 'backup.mamori');
    const typo = `${PASSWORD}X\u007f\r`;
    const result = await runInTerminal(['export', file], p.env, [
      { prompt: 'Backup password: ', type: typo },
      { prompt: 'again: ', type: `${PASSWORD}\r` },
    ]);
    expect(result.code).toBe(0);
    const to = await place(false);
    expect((await to.run(['import', file], `${PASSWORD}\n`)).code).toBe(0);
  });

  it('two different passwords: exit 1, nothing written', async () => {
    const p = await place(true);
    const file = join(p.home, 'backup.mamori');
    const result = await runInTerminal(['export', file], p.env, [
      { prompt: 'Backup password: ', type: `${PASSWORD}\r` },
      { prompt: 'again: ', type: 'something else entirely\r' },
    ]);
    expect(result.output).toContain('mamori: the two passwords differ; nothing was written');
    expect(result.code).toBe(1);
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('Ctrl-C at the prompt stops with exit 130 and writes nothing', async () => {
    const p = await place(true);
    const file = join(p.home, 'backup.mamori');
    const result = await runInTerminal(['export', file], p.env, [{ prompt: 'Backup password: ', type: 'half\u0003' }]);
    expect(result.code).toBe(130);
    expect(result.output).not.toContain('half');
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('"add -" takes the setup key with echo off', async () => {
    const p = await place(false);
    const result = await runInTerminal(['add', '-', '--label', 'Typed'], p.env, [{ prompt: 'Setup link or key: ', type: `${KEY}\r` }]);
    expect(result.output).not.toContain(KEY);
    expect(result.output).toMatch(/Added Typed as manual-[0-9a-f]{12}\./);
    expect(result.code).toBe(0);
    expect(await keychainAccounts(p.service)).toHaveLength(1);
    expect(JSON.parse(await readFile(join(p.home, SETTINGS_FILE), 'utf8'))).toMatchObject({ credentials: [{ label: 'Typed' }] });
  });
});
