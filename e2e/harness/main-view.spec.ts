/**
 * The main view, the countdown and copying, through the real bridge, gate, handlers, keychain and
 * token service; each test starts from the credential the window got by itself on its first start
 * (first-start.spec.ts tests that start). Time is injected and moved only by the test.
 */
import { groupCode } from '../../core/code.js';
import { expect, oathtool, STEP_START, test } from './fixtures.js';

const CREDENTIAL_ID = /^[A-Z]{4}\d{8}$/;

test("a PC clock that is off: the offset is measured, the codes corrected and the user told", async ({ mamori }) => {
  const skew = 95_000; // the service's clock is 95 s ahead of this PC's
  const app = await mamori.open({ at: STEP_START + 7_000, serviceSkewMs: skew });
  const { page } = app;
  const id = page.getByTestId('credential-id');
  await expect(id).toHaveText(CREDENTIAL_ID);
  const secret = await app.secretOf((await id.textContent()) ?? '');
  await expect(page.getByTestId('clock-warning')).toContainText("Your computer's clock is 95 s off");
  // Codes and countdown follow the service's time: 7 s + 95 s = 12 s into a step, 18 s left.
  await expect(page.getByTestId('code')).toHaveText(groupCode(oathtool(secret, app.now() + skew)));
  await expect(page.getByTestId('seconds-left')).toHaveText('18');
  await app.advance(18_000);
  await expect(page.getByTestId('code')).toHaveText(groupCode(oathtool(secret, app.now() + skew)));
  await expect(page.getByTestId('seconds-left')).toHaveText('30');
});

test('the countdown follows the clock, warns near the end and the code changes at the step end', async ({ mamori }) => {
  const app = await mamori.open({ at: STEP_START + 7_000 });
  const { page } = app;
  const id = page.getByTestId('credential-id');
  await expect(id).toHaveText(CREDENTIAL_ID);
  const secret = await app.secretOf((await id.textContent()) ?? '');
  const seconds = page.getByTestId('seconds-left');
  const code = page.getByTestId('code');

  await expect(seconds).toHaveText('23');
  await app.advance(1_000);
  await expect(seconds).toHaveText('22');
  await app.advance(3_500); // mid-second: still derived from stepEndsAt, not counted
  await expect(seconds).toHaveText('19');
  await app.advance(13_500); // STEP_START + 25 s
  await expect(seconds).toHaveText('5');
  await expect(page.getByText('This code is about to change.')).toBeVisible();
  const next = oathtool(secret, STEP_START + 30_000);
  await expect(page.getByTestId('next-code')).toHaveText(groupCode(next));
  await expect(code).toHaveText(groupCode(oathtool(secret, STEP_START + 25_000)));
  await page.screenshot({ path: 'test-results/screenshot-main-ending.png' });

  await app.advance(5_000); // the step ends
  await expect(code).toHaveText(groupCode(next));
  await expect(seconds).toHaveText('30');
  await expect(page.getByText('This code is about to change.')).toHaveCount(0);
  await app.advance(31_000); // and the one after, now from freshly fetched state
  await expect(code).toHaveText(groupCode(oathtool(secret, STEP_START + 61_000)));
  await expect(seconds).toHaveText('29');
});

test('copy buttons and Ctrl+C put the right values on the clipboard and say so politely', async ({ mamori }) => {
  const app = await mamori.open();
  const { page } = app;
  const id = page.getByTestId('credential-id');
  await expect(id).toHaveText(CREDENTIAL_ID);
  const credentialId = (await id.textContent()) ?? '';
  const secret = await app.secretOf(credentialId);
  const live = page.getByRole('status');
  await expect(live).toHaveAttribute('aria-live', 'polite');

  await page.getByRole('button', { name: 'Copy credential ID' }).click();
  await expect.poll(() => app.clipboard.at(-1)).toBe(credentialId);
  await expect(live).toHaveText('Credential ID copied');

  await page.getByRole('button', { name: 'Copy security code' }).click();
  await expect.poll(() => app.clipboard.at(-1)).toBe(oathtool(secret, app.now()));
  await expect(live).toHaveText('Security code copied');

  // The keyboard shortcut, from anywhere in the window.
  await app.advance(30_000);
  await expect(page.getByTestId('code')).toHaveText(groupCode(oathtool(secret, app.now())));
  await page.locator('body').click();
  await page.keyboard.press('ControlOrMeta+c');
  await expect.poll(() => app.clipboard.length).toBe(3);
  expect(app.clipboard.at(-1)).toBe(oathtool(secret, app.now()));
  // The live region is not a ticker: the countdown moving does not change it.
  await expect(live).toHaveText(/^Security code copied\s*$/);
  await app.advance(1_000);
  await expect(live).toHaveText(/^Security code copied\s*$/);
});

test('an otpauth:// link is added and shows its own codes; a bad link is explained', async ({ mamori }) => {
  const app = await mamori.open();
  const { page } = app;
  // Beside the credential the window got by itself, from the Add screen.
  await expect(page.getByTestId('credential-id')).toHaveText(CREDENTIAL_ID);
  await page.getByRole('button', { name: 'Add account' }).click();
  const linkBox = page.getByRole('textbox', { name: 'Setup key or otpauth:// link' });

  await linkBox.fill('otpauth://totp/Example:alice?secret=not-base32!&issuer=Example');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('This setup key or link cannot be used');

  const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
  await linkBox.fill(`otpauth://totp/Example:alice@example.com?secret=${secret}&issuer=Example&digits=8&period=60`);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByTestId('account')).toHaveText(/alice@example\.com/);
  await expect(page.getByTestId('code')).toHaveText(groupCode(oathtool(secret, app.now(), { digits: 8, period: 60 })));
  // 7 s into a 60 s step.
  await expect(page.getByTestId('seconds-left')).toHaveText('53');
});

test('Japanese follows the OS locale and the window switches to English and back', async ({ mamori }) => {
  const app = await mamori.open({ systemLocale: 'ja' });
  const { page } = app;
  // The credential the window got by itself, in Japanese.
  await expect(page.getByRole('heading', { name: 'セキュリティコード' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await expect(page.getByRole('timer')).toHaveAccessibleName('残り23秒');
  await page.screenshot({ path: 'test-results/screenshot-main-ja.png' });

  // An error: title and advice in Japanese, main's technical detail marked as English.
  await page.getByRole('button', { name: 'アカウントを追加' }).click();
  await page.getByRole('textbox', { name: 'セットアップキーまたは otpauth:// リンク' }).fill('JBSWY3DP');
  await page.getByRole('button', { name: '追加', exact: true }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('このセットアップキーまたはリンクは使えません');
  await expect(alert.locator('.detail')).toHaveText(/^詳細（英語）：The setup key is too short/);
  await expect(alert.locator('.detail')).toHaveAttribute('lang', 'en');
  await page.getByRole('button', { name: '戻る' }).click();
  await expect(page.getByRole('heading', { name: 'セキュリティコード' })).toBeVisible();

  await page.getByRole('combobox', { name: '表示言語' }).selectOption('en');
  await expect(page.getByRole('heading', { name: 'Security Code' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  // The choice is kept by main, not just by the page.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Security Code' })).toBeVisible();

  await page.getByRole('combobox', { name: 'Language' }).selectOption('system');
  await expect(page.getByRole('heading', { name: 'セキュリティコード' })).toBeVisible();
});
