/**
 * The first start, as VIP Access does it: with a token service configured and no credential, the
 * window provisions by itself, with a polite progress line; only a failure shows the setup screen
 * (the error, a focused retry, the service address and one "other ways" control), and that first
 * view fits the 380×470 window in both languages. Checked against what the token service issued
 * and main kept, not only against the screen.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { groupCode } from '../../core/code.js';
import { expect, oathtool, readyState, STEP_START, test, docsPath, type Harness } from './fixtures.js';

const CREDENTIAL_ID = /^[A-Z]{4}\d{8}$/;
const PROGRESS = { en: 'Getting your credential from the token service…', ja: 'トークンサービスからクレデンシャルを取得しています…' };

/** The credential IDs in main's settings file, in order. */
async function storedIds(app: Harness): Promise<string[]> {
  const text = await readFile(join(app.userDataDir, 'settings.json'), 'utf8').catch(() => '{}');
  const settings: { credentials?: { credentialId: string }[] } = JSON.parse(text);
  return (settings.credentials ?? []).map((credential) => credential.credentialId);
}

/** The page fits the window: no vertical or horizontal scrolling. */
async function expectNoScrolling(page: Page): Promise<void> {
  expect(page.viewportSize()).toEqual({ width: 380, height: 470 });
  const size = await page.evaluate(() => {
    const scrolling = document.scrollingElement ?? document.documentElement;
    return { scrollHeight: scrolling.scrollHeight, scrollWidth: scrolling.scrollWidth, innerHeight, innerWidth };
  });
  expect(size.scrollHeight, 'page height').toBeLessThanOrEqual(size.innerHeight);
  expect(size.scrollWidth, 'page width').toBeLessThanOrEqual(size.innerWidth);
}

test('first start with a live service: the credential appears without a click; the service issued exactly one', async ({ mamori }) => {
  const app = await mamori.open({ at: STEP_START + 7_000 });
  const { page } = app;

  const id = page.getByTestId('credential-id');
  await expect(id).toHaveText(CREDENTIAL_ID);
  // One credential, the same everywhere: issued by the service, kept by main, shown in the window.
  expect(app.issued).toHaveLength(1);
  const credentialId = app.issued[0] ?? '';
  await expect(id).toHaveText(credentialId);
  expect(await storedIds(app)).toEqual([credentialId]);
  const state = readyState(await app.state());
  expect(state.credentials.map((card) => card.credential.credentialId)).toEqual([credentialId]);
  expect(state.credentials[0]?.credential.source).toBe('service');
  expect(app.requests('credential:provision')).toBe(1);
  // One credential: the window is the plain token, with no list; the progress line is empty again.
  await expect(page.getByTestId('credential-row')).toHaveCount(0);
  await expect(page.getByTestId('progress')).toHaveText('');

  // The code on screen is the one oathtool computes from the secret the vault reads back.
  const secret = await app.secretOf(credentialId);
  await expect(page.getByTestId('code')).toHaveText(groupCode(oathtool(secret, app.now())));
  // 7 s into a 30 s step: 23 s left.
  await expect(page.getByTestId('seconds-left')).toHaveText('23');
  await expect(page.getByRole('timer')).toHaveAccessibleName('23 seconds left');
  await expect(page.getByTestId('clock-warning')).toHaveCount(0);
  await page.screenshot({ path: docsPath('screenshot-main.png') });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'test-results/screenshot-main-dark.png' });

  // Time passing on the main view asks the service for nothing more.
  await app.advance(61_000);
  await expect(page.getByTestId('code')).toHaveText(groupCode(oathtool(secret, app.now())));
  expect(app.requests('credential:provision')).toBe(1);
  expect(app.issued).toEqual([credentialId]);
});

test('service down: a progress line, then the error and a focused retry; once the service is up, the retry gets the credential', async ({ mamori }) => {
  const app = await mamori.open({ serviceDown: true, hold: ['credential:provision'] });
  const { page } = app;

  // While the request is on its way: the polite progress line and nothing to act on yet.
  const progress = page.getByTestId('progress');
  await expect(progress).toHaveText(PROGRESS.en);
  await expect(progress).toHaveAttribute('aria-live', 'polite');
  expect(app.requests('credential:provision')).toBe(1);
  await expect(page.getByRole('heading', { name: 'Set up Mamori' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Try again|Get a credential/ })).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);

  app.release('credential:provision');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText("Can't reach the token service");
  await expect(alert).toContainText('Check your internet connection');
  await expect(page.getByRole('heading', { name: 'Set up Mamori' })).toBeVisible();
  const retry = page.getByRole('button', { name: 'Try again' });
  await expect(retry).toBeFocused();
  await expect(progress).toHaveText('');
  // The other ways wait, folded, behind one control.
  await expect(page.getByRole('button', { name: 'Other ways to add a credential' })).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByRole('textbox', { name: 'Setup key or otpauth:// link' })).toBeHidden();

  // A failed attempt does not repeat by itself, however long the window stays open.
  await app.advance(120_000);
  await expect(retry).toBeFocused();
  expect(app.requests('credential:provision')).toBe(1);
  expect(app.issued).toEqual([]);
  expect((await app.state()).kind).toBe('setup');

  // Retry from the keyboard while the service is still down: the same words again, the focus kept.
  await page.keyboard.press('Enter');
  await expect.poll(() => app.requests('credential:provision')).toBe(2);
  await expect(alert).toContainText("Can't reach the token service");
  await expect(retry).toBeFocused();

  // The service comes up; the retry gets the credential.
  await app.startService();
  await page.keyboard.press('Enter');
  const id = page.getByTestId('credential-id');
  await expect(id).toHaveText(CREDENTIAL_ID);
  expect(app.issued).toHaveLength(1);
  await expect(id).toHaveText(app.issued[0] ?? '');
  expect(await storedIds(app)).toEqual(app.issued);
  expect(app.requests('credential:provision')).toBe(3);
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('the other ways, folded under one control, open from the keyboard and add a setup key', async ({ mamori }) => {
  const app = await mamori.open({ serviceDown: true });
  const { page } = app;
  await expect(page.getByRole('button', { name: 'Try again' })).toBeFocused();

  // Tab from the retry: the service address, then the one control for every other way.
  await page.keyboard.press('Tab');
  await expect(page.getByText('Token service address', { exact: true })).toBeFocused();
  await page.keyboard.press('Tab');
  const toggle = page.getByRole('button', { name: 'Other ways to add a credential' });
  await expect(toggle).toBeFocused();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  const ways = page.getByRole('region', { name: 'Other ways to add a credential' });
  await expect(ways).toBeHidden();
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(toggle).toBeFocused();
  await expect(ways).toBeVisible();
  await expect(toggle).toHaveAttribute('aria-controls', (await ways.getAttribute('id')) ?? '');
  // Everything that was folded: a setup key or link, a QR image, the clipboard, Symantec VIP, a backup.
  await expect(ways.getByRole('textbox', { name: 'Setup key or otpauth:// link' })).toBeVisible();
  await expect(ways.getByRole('button', { name: 'Open QR code image…' })).toBeVisible();
  await expect(ways.getByRole('button', { name: 'Paste QR code from clipboard' })).toBeVisible();
  await expect(ways.getByText('Get a Symantec VIP credential', { exact: true })).toBeVisible();
  await expect(ways.getByRole('button', { name: 'Restore from a backup' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshot-first-start-other-ways.png', fullPage: true });
  // Space folds it again, and opens it once more.
  await page.keyboard.press('Space');
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(ways).toBeHidden();
  await page.keyboard.press('Space');
  await expect(ways).toBeVisible();

  // A bare setup key with a name.
  const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
  await ways.getByRole('textbox', { name: 'Setup key or otpauth:// link' }).fill(secret);
  await ways.getByRole('textbox', { name: 'Name (optional, for a setup key)' }).fill('Work mail');
  await ways.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByTestId('account')).toHaveText(/Work mail/);
  await expect(page.getByTestId('code')).toHaveText(groupCode(oathtool(secret, app.now())));
  await expect(page.getByTestId('add-result')).toHaveText(/Added 1 account\./);
  const state = readyState(await app.state());
  expect(state.credentials.map((card) => card.credential.source)).toEqual(['manual']);
  expect(await app.secretOf(state.selectedId)).toBe(secret);
  // Adding another way asked the token service for nothing.
  expect(app.requests('credential:provision')).toBe(1);
  expect(app.issued).toEqual([]);
});

for (const language of ['en', 'ja'] as const) {
  test(`the first screen fits 380×470 without scrolling, in progress and after a failure (${language})`, async ({ mamori }) => {
    const app = await mamori.open({ systemLocale: language, serviceDown: true, hold: ['credential:provision'] });
    const { page } = app;
    await expect(page.locator('html')).toHaveAttribute('lang', language);

    await expect(page.getByTestId('progress')).toHaveText(PROGRESS[language]);
    await expectNoScrolling(page);
    await page.screenshot({ path: `test-results/screenshot-first-start-progress-${language}.png` });

    app.release('credential:provision');
    const retry = page.getByRole('button', { name: language === 'en' ? 'Try again' : 'もう一度試す' });
    await expect(retry).toBeFocused();
    await expect(page.getByRole('alert')).toContainText(language === 'en' ? "Can't reach the token service" : 'トークンサービスに接続できません');
    await expect(page.getByRole('button', { name: language === 'en' ? 'Other ways to add a credential' : 'その他の追加方法' })).toBeVisible();
    await expectNoScrolling(page);
    await page.screenshot({ path: language === 'en' ? docsPath('screenshot-setup.png') : 'test-results/screenshot-setup-ja.png' });
    await page.emulateMedia({ colorScheme: 'dark' });
    await expectNoScrolling(page);
    await page.screenshot({ path: `test-results/screenshot-setup-${language}-dark.png` });
  });
}

test('a reload and a second start with a credential do not provision again', async ({ mamori }) => {
  const app = await mamori.open();
  const { page } = app;
  const id = page.getByTestId('credential-id');
  await expect(id).toHaveText(CREDENTIAL_ID);
  const credentialId = app.issued[0] ?? '';

  await page.reload();
  await expect(id).toHaveText(credentialId);
  expect(app.requests('credential:provision')).toBe(1);
  expect(app.issued).toEqual([credentialId]);

  // A second start: another window on the same settings file and keychain.
  const settings = await readFile(join(app.userDataDir, 'settings.json'), 'utf8');
  const second = await mamori.open({ prepareUserData: (dir) => writeFile(join(dir, 'settings.json'), settings) });
  await expect(second.page.getByTestId('credential-id')).toHaveText(credentialId);
  await expect(second.page.getByTestId('code')).toHaveText(groupCode(oathtool(await app.secretOf(credentialId), second.now())));
  expect(second.requests('credential:provision')).toBe(0);
  expect(second.issued).toEqual([]);
});

test('a reload while the first attempt is still on its way: still exactly one credential', async ({ mamori }) => {
  const app = await mamori.open({ hold: ['credential:provision'] });
  const { page } = app;
  await expect(page.getByTestId('progress')).toHaveText(PROGRESS.en);
  // The reloaded window finds no credential yet and asks too; main must not add a second one.
  await page.reload();
  await expect.poll(() => app.requests('credential:provision')).toBe(2);
  app.release('credential:provision');
  await expect(page.getByTestId('credential-id')).toHaveText(CREDENTIAL_ID);
  expect(app.issued).toHaveLength(1);
  expect(await storedIds(app)).toEqual(app.issued);
  await expect(page.getByTestId('credential-id')).toHaveText(app.issued[0] ?? '');
});

test('no token service configured: the setup screen at once, nothing asked, every way open', async ({ mamori }) => {
  const app = await mamori.open({ serviceUrl: '' });
  const { page } = app;
  await expect(page.getByRole('heading', { name: 'Set up Mamori' })).toBeVisible();
  await expect(page.getByText('No token service is set.', { exact: false })).toBeVisible();
  await expect(page.getByTestId('progress')).toHaveText('');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Get a credential|Try again/ })).toHaveCount(0);
  // With no service, the address and the other ways are all there is: both unfolded.
  await expect(page.getByRole('textbox', { name: 'Token service address' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Other ways to add a credential' })).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByRole('textbox', { name: 'Setup key or otpauth:// link' })).toBeVisible();
  expect(app.requests('credential:provision')).toBe(0);

  // Naming the service gives the one button; a click gets the credential.
  await page.getByRole('textbox', { name: 'Token service address' }).fill(app.serviceUrl);
  await page.getByRole('button', { name: 'Save address' }).click();
  await page.getByRole('button', { name: `Get a credential from ${new URL(app.serviceUrl).host}` }).click();
  await expect(page.getByTestId('credential-id')).toHaveText(CREDENTIAL_ID);
  expect(app.issued).toHaveLength(1);
  expect(app.requests('credential:provision')).toBe(1);
});
