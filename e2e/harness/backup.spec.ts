/**
 * The encrypted backup: saved from one app, restored on "another PC" (a new user-data folder and
 * another keychain service name, in a second browser context) with the same codes; the password
 * rules, a wrong password and a file that is not a backup each explained, with nothing restored.
 */
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { groupCode } from '../../core/code.js';
import { formatMigrationLink } from '../../core/otpauth-migration.js';
import { openOtherWays, row, rowTitles, testAccount } from './accounts.js';
import { expect, oathtool, readyState, STEP_START, test, type Harness } from './fixtures.js';

const PASSWORD = 'correct horse battery staple';

async function openSettings(app: Harness) {
  await app.page.getByRole('button', { name: 'Settings' }).click();
  await expect(app.page.getByRole('heading', { name: 'Backup', exact: true })).toBeVisible();
}

test('save a backup, restore it on a new PC: same credentials, same codes; a second import adds nothing', async ({ mamori }) => {
  test.setTimeout(60_000);
  const first = await mamori.open({ at: STEP_START + 7_000 });
  const { page } = first;
  // The bank's credential, got by the window itself at its first start.
  await expect(page.getByTestId('credential-id')).toHaveText(/^[A-Z]{4}\d{8}$/);
  const github = testAccount('GitHub', 'alice');
  const aws = testAccount('AWS', 'root');
  await page.getByRole('button', { name: 'Add account' }).click();
  await page.getByRole('textbox', { name: 'Setup key or otpauth:// link' }).fill(formatMigrationLink([github, aws]));
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByTestId('credential-row')).toHaveCount(3);
  const before = readyState(await first.state());
  const secrets = new Map<string, string>();
  for (const card of before.credentials) secrets.set(card.credential.credentialId, await first.secretOf(card.credential.credentialId));

  await openSettings(first);
  const password = page.getByLabel('Backup password', { exact: true });
  const again = page.getByLabel('Same password again');
  const save = page.getByRole('button', { name: 'Save backup…' });
  await expect(password).toHaveAccessibleDescription(/At least 10 characters/);

  // Too short: main refuses before asking where to save.
  await password.fill('short');
  await again.fill('short');
  await save.click();
  await expect(page.getByRole('alert')).toContainText('This password is too short');
  await expect(page.getByRole('alert')).toContainText('at least 10 characters');
  expect(first.dialogs.shown).toEqual([]);
  // The fields are emptied after every try: the password is kept nowhere.
  await expect(password).toHaveValue('');
  await expect(again).toHaveValue('');

  // Two different passwords: said at once, main is not asked.
  await password.fill(PASSWORD);
  await again.fill(`${PASSWORD}!`);
  await save.click();
  await expect(page.getByRole('alert')).toHaveText('The two passwords are not the same. Type them again.');
  expect(first.dialogs.shown).toEqual([]);

  // The user closes the save dialog: nothing saved, nothing said.
  await password.fill(PASSWORD);
  await again.fill(PASSWORD);
  first.dialogs.nextSaveBackup = null;
  await save.click();
  await expect.poll(() => first.dialogs.shown).toEqual(['saveBackup mamori-backup-2026-01-15.mamori']);
  await expect(save).toBeEnabled();
  await expect(page.getByTestId('export-result')).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);

  const file = join(first.userDataDir, 'my-backup.mamori');
  first.dialogs.nextSaveBackup = file;
  await password.fill(PASSWORD);
  await again.fill(PASSWORD);
  await save.click();
  await expect(page.getByTestId('export-result')).toHaveText('Saved a backup of 3 credentials.');
  await expect(page.getByRole('status')).toHaveText('Saved a backup of 3 credentials.');
  await expect(password).toHaveValue('');
  // The file holds no secret in the clear.
  const saved = await readFile(file, 'utf8');
  for (const secret of [...secrets.values()]) expect(saved).not.toContain(secret);
  await page.screenshot({ path: 'test-results/screenshot-backup.png', fullPage: true });

  // ── Another PC: a new user-data folder and another keychain; its token service is down, so
  // the first start ends on the setup screen, where the other ways offer the restore. ──
  const second = await mamori.open({ at: STEP_START + 7_000, keychainService: `Mamori-restore-${randomBytes(4).toString('hex')}`, serviceDown: true });
  const restored = second.page;
  await expect(restored.getByRole('heading', { name: 'Set up Mamori' })).toBeVisible();
  await (await openOtherWays(restored)).getByRole('button', { name: 'Restore from a backup' }).click();
  const importPassword = restored.getByLabel('Password of the backup');
  await expect(importPassword).toBeFocused();
  const open = restored.getByRole('button', { name: 'Open backup…' });
  second.dialogs.nextOpenBackup = file;

  // A wrong password: explained; nothing restored, not even in the keychain.
  await importPassword.fill('not the password at all');
  await open.click();
  await expect(restored.getByRole('alert')).toContainText('The password does not open this backup');
  await expect(restored.getByRole('alert')).toContainText('Nothing was restored');
  await expect(importPassword).toHaveValue('');
  expect((await second.state()).kind).toBe('setup');
  for (const id of secrets.keys()) expect(await second.hasSecret(id)).toBe(false);

  await importPassword.fill(PASSWORD);
  await open.click();
  await expect(restored.getByTestId('add-result')).toHaveText('Restored 3 credentials.');
  await restored.getByRole('button', { name: 'Back', exact: true }).click();
  await expect(restored.getByTestId('credential-row')).toHaveCount(3);
  expect(await rowTitles(restored)).toEqual(['127.0.0.1', 'GitHub', 'AWS']);
  // Same IDs, same secrets in the new keychain, same codes as oathtool computes from the first PC's secrets.
  const after = readyState(await second.state());
  expect(after.credentials.map((card) => card.credential)).toEqual(before.credentials.map((card) => card.credential));
  for (const [id, secret] of secrets) expect(await second.secretOf(id)).toBe(secret);
  await expect(row(restored, 'GitHub').getByTestId('row-code')).toHaveText(groupCode(oathtool(github.base32, second.now())));
  await expect(row(restored, 'AWS').getByTestId('row-code')).toHaveText(groupCode(oathtool(aws.base32, second.now())));
  const bankId = before.credentials[0]?.credential.credentialId ?? '';
  await expect(row(restored, '127.0.0.1').getByTestId('row-code')).toHaveText(groupCode(oathtool(secrets.get(bankId) ?? '', second.now())));

  // The same backup again: every entry is already there, each one said so.
  await openSettings(second);
  await importPassword.fill(PASSWORD);
  await open.click();
  const result = restored.getByTestId('add-result');
  await expect(result).toContainText('Nothing was added.');
  await expect(result).toContainText('3 entries were not added:');
  await expect(result.getByTestId('skipped')).toHaveCount(3);
  await expect(result.getByTestId('skipped').first()).toContainText('already in Mamori');
  expect(readyState(await second.state()).credentials).toHaveLength(3);
});

test('restoring a file that is not a backup, or closing the dialog, restores nothing', async ({ mamori }) => {
  const app = await mamori.open({ systemLocale: 'ja', serviceDown: true });
  const { page } = app;
  await (await openOtherWays(page)).getByRole('button', { name: 'バックアップから復元' }).click();
  const importPassword = page.getByLabel('バックアップのパスワード');
  await expect(importPassword).toBeFocused();

  app.dialogs.nextOpenBackup = null;
  await importPassword.fill(PASSWORD);
  await page.getByRole('button', { name: 'バックアップを開く…' }).click();
  await expect.poll(() => app.dialogs.shown).toEqual(['openBackup']);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByTestId('add-result')).toHaveCount(0);

  const notABackup = join(app.userDataDir, 'notes.mamori');
  await writeFile(notABackup, 'just some notes, not a backup');
  app.dialogs.nextOpenBackup = notABackup;
  await importPassword.fill(PASSWORD);
  await page.getByRole('button', { name: 'バックアップを開く…' }).click();
  await expect(page.getByRole('alert')).toContainText('このファイルからは復元できません');
  await expect(page.getByRole('alert')).toContainText('何も復元していません');
  expect((await app.state()).kind).toBe('setup');
  await page.screenshot({ path: 'test-results/screenshot-backup-ja.png', fullPage: true });
});
