/**
 * Several credentials: the bank's credential from the token service plus accounts from a Google
 * Authenticator export, each row's code checked against Debian's oathtool at the injected time;
 * selecting, renaming, reordering and deleting, with main's state and the keychain checked.
 */
import { groupCode } from '../../core/code.js';
import { formatMigrationLink } from '../../core/otpauth-migration.js';
import { openOtherWays, row, rowTitles, testAccount } from './accounts.js';
import { expect, oathtool, readyState, STEP_START, test, type Harness, docsPath } from './fixtures.js';

/** Adds the accounts of a link through the window's own form: the setup screen's other ways, or the Add screen from the main view. */
async function addLink(app: Harness, link: string, from: 'setup' | 'main'): Promise<void> {
  const { page } = app;
  if (from === 'main') await page.getByRole('button', { name: 'Add account' }).click();
  else await openOtherWays(page);
  await page.getByRole('textbox', { name: 'Setup key or otpauth:// link' }).fill(link);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
}

test('the bank credential and three exported accounts: a list whose codes are oathtool’s, one shared countdown', async ({ mamori }) => {
  const app = await mamori.open({ at: STEP_START + 7_000 });
  const { page } = app;
  // The bank's credential, got by the window itself at its first start.
  await expect(page.getByTestId('credential-id')).toHaveText(/^[A-Z]{4}\d{8}$/);
  const bankId = (await page.getByTestId('credential-id').textContent()) ?? '';
  const bankSecret = await app.secretOf(bankId);

  const github = testAccount('GitHub', 'alice');
  const aws = testAccount('AWS', 'alice@example.com');
  const example = testAccount('Example', 'alice');
  await addLink(app, formatMigrationLink([github, aws, example]), 'main');

  const result = page.getByTestId('add-result');
  await expect(result).toContainText('Added 3 accounts.');
  await expect(page.getByRole('status')).toHaveText('Added 3 accounts.');
  const rows = page.getByTestId('credential-row');
  await expect(rows).toHaveCount(4);
  expect(await rowTitles(page)).toEqual(['127.0.0.1', 'GitHub', 'AWS', 'Example']);
  await expect(row(page, '127.0.0.1', bankId)).toHaveCount(1);
  // Each row: its issuer under the name, and the code oathtool computes for its secret now.
  for (const account of [github, aws, example]) {
    await expect(row(page, account.issuer, account.label).getByTestId('row-code')).toHaveText(groupCode(oathtool(account.base32, app.now())));
  }
  await expect(row(page, '127.0.0.1').getByTestId('row-code')).toHaveText(groupCode(oathtool(bankSecret, app.now())));
  // The last one added is selected and shown large.
  await expect(page.getByTestId('account')).toHaveText('Example: alice');
  await expect(page.getByTestId('code')).toHaveText(groupCode(oathtool(example.base32, app.now())));
  await expect(row(page, 'Example').getByRole('button', { name: /^Example alice/ })).toHaveAttribute('aria-current', 'true');

  // One countdown for all 30 s codes: the big ring; no row repeats it.
  await expect(page.getByRole('timer')).toHaveCount(1);
  await expect(page.getByTestId('seconds-left')).toHaveText('23');
  await expect(page.getByTestId('row-seconds')).toHaveCount(0);

  // Each row copies its own code; Ctrl+C still copies the selected one.
  await row(page, 'AWS').getByRole('button', { name: 'Copy the code for AWS (alice@example.com)' }).click();
  await expect.poll(() => app.clipboard.at(-1)).toBe(oathtool(aws.base32, app.now()));
  await expect(page.getByRole('status')).toHaveText('Security code copied');
  await page.locator('body').click();
  await page.keyboard.press('ControlOrMeta+c');
  await expect.poll(() => app.clipboard.length).toBe(2);
  expect(app.clipboard.at(-1)).toBe(oathtool(example.base32, app.now()));

  // The screenshot for the README: the bank's credential selected, the others listed.
  await page.getByRole('button', { name: 'OK' }).click();
  await row(page, '127.0.0.1').getByTestId('row-title').click();
  await expect(page.getByTestId('credential-id')).toHaveText(bankId);
  await expect(page.getByTestId('code')).toHaveText(groupCode(oathtool(bankSecret, app.now())));
  await page.screenshot({ path: docsPath('app-several-credentials.png'), fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'test-results/app-several-credentials-dark.png', fullPage: true });
  await page.emulateMedia({ colorScheme: 'light' });

  // A 60 s account counts its own seconds in its row; while it is selected, the list says when the 30 s codes change.
  const slow = testAccount('Slow Bank', 'otp', { digits: 8, period: 60 });
  await addLink(app, `otpauth://totp/Slow%20Bank:otp?secret=${slow.base32}&issuer=Slow%20Bank&digits=8&period=60`, 'main');
  await expect(rows).toHaveCount(5);
  const slowRow = row(page, 'Slow Bank');
  await expect(slowRow.getByTestId('row-code')).toHaveText(groupCode(oathtool(slow.base32, app.now(), { digits: 8, period: 60 })));
  await expect(slowRow.getByTestId('row-seconds')).toHaveText('53s');
  await expect(page.getByTestId('row-seconds')).toHaveCount(1);
  await expect(page.getByTestId('seconds-left')).toHaveText('53');
  await expect(page.getByTestId('shared-seconds')).toHaveText('30-second codes change in 23 s');

  // The 30 s codes change at the step end; the 60 s code does not.
  const slowCode = groupCode(oathtool(slow.base32, app.now(), { digits: 8, period: 60 }));
  await app.advance(23_000);
  for (const account of [github, aws, example]) {
    await expect(row(page, account.issuer).getByTestId('row-code')).toHaveText(groupCode(oathtool(account.base32, app.now())));
  }
  await expect(row(page, '127.0.0.1').getByTestId('row-code')).toHaveText(groupCode(oathtool(bankSecret, app.now())));
  await expect(slowRow.getByTestId('row-code')).toHaveText(slowCode);
  await expect(slowRow.getByTestId('row-seconds')).toHaveText('30s');
  await expect(page.getByTestId('shared-seconds')).toHaveText('30-second codes change in 30 s');
});

test('select, rename, reorder and delete, by mouse and keyboard, kept by main and the keychain', async ({ mamori }) => {
  // The token service is down: the first start ends on the setup screen.
  const app = await mamori.open({ serviceDown: true });
  const { page } = app;
  const github = testAccount('GitHub', 'alice');
  const aws = testAccount('AWS', 'root');
  const example = testAccount('Example', 'bob');
  // From the setup screen's other ways: the export link is the first thing added.
  await addLink(app, formatMigrationLink([github, aws, example]), 'setup');
  await expect(page.getByTestId('credential-row')).toHaveCount(3);
  const ids = readyState(await app.state()).credentials.map((card) => card.credential.credentialId);
  const [githubId = '', awsId = '', exampleId = ''] = ids;

  // Select with the mouse, then with the keyboard (Enter on the row's button).
  await row(page, 'GitHub').getByTestId('row-title').click();
  await expect(page.getByTestId('account')).toHaveText('GitHub: alice');
  await expect(page.getByTestId('code')).toHaveText(groupCode(oathtool(github.base32, app.now())));
  expect(readyState(await app.state()).selectedId).toBe(githubId);
  await row(page, 'AWS').getByRole('button', { name: /^AWS root/ }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('account')).toHaveText('AWS: root');
  await expect(row(page, 'AWS').getByRole('button', { name: /^AWS root/ })).toHaveAttribute('aria-current', 'true');
  await expect.poll(async () => readyState(await app.state()).selectedId).toBe(awsId);

  // Rename inline: Escape cancels, Enter saves.
  await page.getByRole('button', { name: 'Rename' }).click();
  const name = page.getByRole('textbox', { name: 'Name' });
  await expect(name).toBeFocused();
  await expect(name).toHaveValue('root');
  await name.fill('something else');
  await name.press('Escape');
  await expect(page.getByTestId('account')).toHaveText('AWS: root');
  await expect(page.getByRole('button', { name: 'Rename' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(name).toBeFocused();
  await name.fill('production');
  await name.press('Enter');
  await expect(page.getByTestId('account')).toHaveText('AWS: production');
  await expect(row(page, 'AWS', 'production')).toHaveCount(1);
  await expect(page.getByRole('status')).toHaveText('Renamed to production');
  expect(readyState(await app.state()).credentials.find((card) => card.credential.credentialId === awsId)?.credential.label).toBe('production');

  // Reorder with the arrow buttons; focus stays on the moved row's arrow.
  expect(await rowTitles(page)).toEqual(['GitHub', 'AWS', 'Example']);
  await expect(row(page, 'GitHub').getByRole('button', { name: 'Move GitHub (alice) up' })).toBeDisabled();
  const down = row(page, 'GitHub').getByRole('button', { name: 'Move GitHub (alice) down' });
  await down.click();
  await expect.poll(() => rowTitles(page)).toEqual(['AWS', 'GitHub', 'Example']);
  await expect(down).toBeFocused();
  await expect(page.getByRole('status')).toHaveText('GitHub (alice) is now 2 of 3');
  await page.keyboard.press('Enter'); // the keyboard moves it again, to the end
  await expect.poll(() => rowTitles(page)).toEqual(['AWS', 'Example', 'GitHub']);
  // At the end "down" is disabled, so focus went to "up".
  await expect(down).toBeDisabled();
  await expect(row(page, 'GitHub').getByRole('button', { name: 'Move GitHub (alice) up' })).toBeFocused();
  expect(readyState(await app.state()).credentials.map((card) => card.credential.credentialId)).toEqual([awsId, exampleId, githubId]);
  // Kept by main: a reload shows the same order.
  await page.reload();
  await expect.poll(() => rowTitles(page)).toEqual(['AWS', 'Example', 'GitHub']);

  // Delete asks first, naming the credential and what is lost; Escape and Cancel change nothing.
  await row(page, 'Example').getByTestId('row-title').click();
  await expect(page.getByTestId('account')).toHaveText('Example: bob');
  await page.getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete Example (bob)?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('deletes its secret from this computer’s keychain too');
  await expect(dialog).toContainText('that login may stop working');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Delete' })).toBeFocused();
  await page.getByRole('button', { name: 'Delete' }).click();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('credential-row')).toHaveCount(3);
  expect(await app.hasSecret(exampleId)).toBe(true);

  await page.getByRole('button', { name: 'Delete' }).click();
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('status')).toHaveText('Deleted Example (bob)');
  expect(await rowTitles(page)).toEqual(['AWS', 'GitHub']);
  expect(await app.hasSecret(exampleId)).toBe(false);
  expect(readyState(await app.state()).credentials.map((card) => card.credential.credentialId)).toEqual([awsId, githubId]);

  // Down to one credential: the list goes away and the window is the plain token again.
  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByTestId('credential-row')).toHaveCount(0);
  await expect(page.getByTestId('code')).toBeVisible();
  expect(await app.hasSecret(awsId) || (await app.hasSecret(githubId))).toBe(true);
  expect(readyState(await app.state()).credentials).toHaveLength(1);
});

test('the list in Japanese', async ({ mamori }) => {
  const app = await mamori.open({ systemLocale: 'ja', serviceDown: true });
  const { page } = app;
  await openOtherWays(page);
  await page.getByRole('textbox', { name: 'セットアップキーまたは otpauth:// リンク' }).fill(formatMigrationLink([testAccount('GitHub', 'alice'), testAccount('AWS', 'root')]));
  await page.getByRole('button', { name: '追加', exact: true }).click();
  await expect(page.getByTestId('add-result')).toContainText('2件のアカウントを追加しました。');
  await expect(page.getByRole('heading', { name: 'クレデンシャル一覧' })).toBeVisible();
  await expect(row(page, 'GitHub').getByRole('button', { name: 'GitHub (alice) のコードをコピー' })).toBeVisible();
  await page.getByRole('button', { name: '削除' }).click();
  const dialog = page.getByRole('dialog', { name: 'AWS (root) を削除しますか？' });
  await expect(dialog).toContainText('キーチェーンにある秘密情報も削除します');
  await expect(dialog).toContainText('ログインができなくなるおそれがあります');
  await page.screenshot({ path: 'test-results/screenshot-delete-ja.png' });
  await dialog.getByRole('button', { name: 'キャンセル' }).click();
  await expect(dialog).toHaveCount(0);
});
