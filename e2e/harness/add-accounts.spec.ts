/**
 * Adding accounts from QR codes (an image file chosen in main's file dialog, an image on the
 * clipboard) and showing a credential as a QR code again, through the real handlers: the images
 * are real PNGs made with the `qrcode` library, and what the window shows is decoded with jsQR.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { groupCode } from '../../core/code.js';
import { formatOtpauth, parseOtpauth } from '../../core/otpauth.js';
import { formatMigrationLink } from '../../core/otpauth-migration.js';
import { blankPng, decodeQr, openOtherWays, qrPng, row, testAccount } from './accounts.js';
import { expect, oathtool, readyState, test, docsPath } from './fixtures.js';

test('the add screen: from a QR image file, from the clipboard; a closed dialog says nothing, a picture without a code is explained', async ({ mamori }) => {
  // The token service is down: the setup screen, whose other ways take the first account.
  const app = await mamori.open({ serviceDown: true });
  const { page } = app;
  const github = testAccount('GitHub', 'alice');
  const pngPath = join(app.userDataDir, 'github-qr.png');
  await writeFile(pngPath, await qrPng(formatOtpauth(github)));
  await expect(page.getByRole('alert')).toContainText("Can't reach the token service");
  const ways = await openOtherWays(page);

  // The user closes the file dialog: nothing happens, nothing is said.
  const openImage = ways.getByRole('button', { name: 'Open QR code image…' });
  app.dialogs.nextOpenImage = null;
  await openImage.click();
  await expect.poll(() => app.dialogs.shown).toEqual(['openImage']);
  await expect(openImage).toBeEnabled();
  // The one alert is still the token service's: the closed dialog added none.
  await expect(page.getByRole('alert')).toHaveCount(1);
  await expect(page.getByRole('alert')).toHaveAttribute('data-error', 'service_unreachable');
  await expect(ways.getByRole('alert')).toHaveCount(0);
  await expect(page.getByTestId('add-result')).toHaveCount(0);
  expect((await app.state()).kind).toBe('setup');

  // A QR code image file.
  app.dialogs.nextOpenImage = pngPath;
  await openImage.click();
  await expect(page.getByTestId('account')).toHaveText('GitHub: alice');
  await expect(page.getByTestId('code')).toHaveText(groupCode(oathtool(github.base32, app.now())));
  await expect(page.getByTestId('add-result')).toHaveText(/Added 1 account\./);

  // The Add screen, from the main view: focus on its title.
  await page.getByRole('button', { name: 'Add account' }).click();
  await expect(page.getByRole('heading', { name: 'Add an account' })).toBeFocused();
  await page.screenshot({ path: docsPath('app-add.png'), fullPage: true });

  // Nothing on the clipboard, then a picture without a QR code: each explained, nothing added.
  const paste = page.getByRole('button', { name: 'Paste QR code from clipboard' });
  await paste.click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('No QR code could be read');
  await expect(alert).toContainText('holds no image');
  app.systemClipboard.image = blankPng();
  await paste.click();
  await expect(alert).toContainText('No QR code could be read');
  await expect(alert).not.toContainText('holds no image');
  expect(readyState(await app.state()).credentials).toHaveLength(1);

  // A Google Authenticator export code on the clipboard (a screenshot of it): both accounts come in.
  const aws = testAccount('AWS', 'alice@example.com');
  const gitlab = testAccount('GitLab', 'alice');
  app.systemClipboard.image = await qrPng(formatMigrationLink([aws, gitlab]));
  await paste.click();
  await expect(page.getByTestId('add-result')).toHaveText(/Added 2 accounts\./);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByTestId('credential-row')).toHaveCount(3);
  for (const account of [github, aws, gitlab]) {
    await expect(row(page, account.issuer).getByTestId('row-code')).toHaveText(groupCode(oathtool(account.base32, app.now())));
  }
});

test('the add screen in Japanese, with the token service and VIP choices', async ({ mamori }) => {
  const app = await mamori.open({ systemLocale: 'ja' });
  const { page } = app;
  // From the main view of the credential the window got by itself.
  await expect(page.getByTestId('credential-id')).toBeVisible();
  await page.getByRole('button', { name: 'アカウントを追加' }).click();
  await expect(page.getByRole('heading', { name: 'アカウントを追加' })).toBeFocused();
  await expect(page.getByRole('button', { name: /からクレデンシャルを取得/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'QRコードの画像を開く…' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'クリップボードの QRコードを貼り付け' })).toBeVisible();
  await page.getByText('Symantec VIP のクレデンシャルを取得').click();
  await expect(page.getByText('リバースエンジニアリングによって解明されたもの')).toBeVisible();
  await expect(page.getByRole('radio', { name: /SYDC/ })).toBeChecked();
  await page.screenshot({ path: 'test-results/screenshot-add-ja.png', fullPage: true });
  app.systemClipboard.image = null;
  await page.getByRole('button', { name: 'クリップボードの QRコードを貼り付け' }).click();
  await expect(page.getByRole('alert')).toContainText('QRコードを読み取れませんでした');
});

test('show as QR code: asks first, then a QR code that decodes to the same secret, gone once closed', async ({ mamori }) => {
  const app = await mamori.open();
  const { page } = app;
  const github = testAccount('GitHub', 'alice');
  // Added beside the credential the window got by itself.
  await expect(page.getByTestId('credential-id')).toBeVisible();
  await page.getByRole('button', { name: 'Add account' }).click();
  await page.getByRole('textbox', { name: 'Setup key or otpauth:// link' }).fill(formatOtpauth(github));
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByTestId('account')).toHaveText('GitHub: alice');

  const show = page.getByRole('button', { name: 'Show as QR code' });
  await show.click();
  const dialog = page.getByRole('dialog', { name: 'Show GitHub (alice) as a QR code?' });
  await expect(dialog).toContainText('anyone who sees them can make your codes');
  await expect(dialog).toContainText('Do not take a screenshot');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await expect(page.getByTestId('reveal-qr')).toHaveCount(0);
  // Escape closes without showing anything; focus returns to the button.
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(show).toBeFocused();

  await show.click();
  await dialog.getByRole('button', { name: 'Show the QR code' }).click();
  const shown = page.getByRole('dialog', { name: 'GitHub (alice)' });
  const qr = shown.getByTestId('reveal-qr');
  await expect(qr.locator('svg')).toBeVisible();
  await expect(shown.getByRole('button', { name: 'Close' })).toBeFocused();
  await expect(shown).toContainText('Do not take a screenshot');
  // What a phone would read from the screen: the same account and secret.
  const decoded = decodeQr(await qr.screenshot());
  expect(decoded).not.toBeNull();
  const parsed = parseOtpauth(decoded ?? '');
  if (!parsed.ok) throw new Error(`the QR code holds no account: ${parsed.message}`);
  expect(parsed.account).toMatchObject({ issuer: 'GitHub', label: 'alice', digits: 6, period: 30 });
  expect(Buffer.from(parsed.account.secret).equals(Buffer.from(github.secret))).toBe(true);
  await expect(shown.getByTestId('reveal-link')).toHaveValue(decoded ?? '');
  await page.screenshot({ path: 'test-results/screenshot-reveal.png' });

  await shown.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  // Nothing of it is left in the page.
  expect(await page.content()).not.toContain(github.base32);
  await expect(show).toBeFocused();
});
