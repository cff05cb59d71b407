/**
 * The settings screen, clipboard hygiene and the idle ticker, through the real bridge, gate,
 * handlers and settings file. Clipboard-clear timers run on the harness's injected clock.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { groupCode } from '../../core/code.js';
import { expect, oathtool, STEP_START, test, type Harness } from './fixtures.js';

/** The credential the window gets by itself on its first start. */
async function firstCredential(app: Harness): Promise<string> {
  const id = app.page.getByTestId('credential-id');
  await expect(id).toHaveText(/^[A-Z]{4}\d{8}$/);
  return (await id.textContent()) ?? '';
}

test('the settings screen: defaults, every change saved by main, kept across a reload', async ({ mamori }) => {
  const app = await mamori.open();
  const { page } = app;
  await firstCredential(app);

  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  const closeToTray = page.getByRole('checkbox', { name: /Close to the tray/ });
  const startAtLogin = page.getByRole('checkbox', { name: /Start at login/ });
  const alwaysOnTop = page.getByRole('checkbox', { name: /Always on top/ });
  const clearDelay = page.getByRole('combobox', { name: 'Clear the clipboard' });
  // Defaults: everything off, clearing after 30 s.
  await expect(closeToTray).not.toBeChecked();
  await expect(startAtLogin).not.toBeChecked();
  await expect(alwaysOnTop).not.toBeChecked();
  await expect(clearDelay).toHaveValue('30');
  await expect(closeToTray).toHaveAccessibleDescription(/keeps Mamori in the tray/);
  // The token service's site is the one external link, opened by main in the system browser.
  await expect(page.getByTestId('service-link')).toHaveAttribute('href', app.serviceUrl);
  await page.screenshot({ path: 'test-results/screenshot-settings.png' });

  await closeToTray.click(); // click, not check(): the box changes once main has saved it
  await expect(closeToTray).toBeChecked();
  await alwaysOnTop.click();
  await expect(alwaysOnTop).toBeChecked();
  await clearDelay.selectOption('60');
  await expect(clearDelay).toHaveValue('60');
  expect((await app.state()).preferences).toEqual({ closeToTray: true, startAtLogin: false, alwaysOnTop: true, clipboardClearSeconds: 60 });
  const file = JSON.parse(await readFile(join(app.userDataDir, 'settings.json'), 'utf8'));
  expect(file.preferences).toMatchObject({ closeToTray: true, startAtLogin: false, alwaysOnTop: true, clipboardClearSeconds: 60 });

  // A reload starts from what main kept.
  await page.reload();
  await expect(page.getByTestId('credential-id')).toBeVisible();
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(closeToTray).toBeChecked();
  await expect(startAtLogin).not.toBeChecked();
  await expect(alwaysOnTop).toBeChecked();
  await expect(clearDelay).toHaveValue('60');

  await alwaysOnTop.click();
  await expect(alwaysOnTop).not.toBeChecked();
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await expect(page.getByTestId('code')).toBeVisible();
  expect((await app.state()).preferences.alwaysOnTop).toBe(false);
});

test('the settings screen in Japanese', async ({ mamori }) => {
  const app = await mamori.open({ systemLocale: 'ja' });
  const { page } = app;
  await firstCredential(app);
  await page.getByRole('button', { name: '設定' }).click();
  await expect(page.getByRole('heading', { name: '設定' })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: /閉じるときはトレイに格納/ })).not.toBeChecked();
  await expect(page.getByRole('checkbox', { name: /ログイン時に起動/ })).not.toBeChecked();
  await expect(page.getByRole('checkbox', { name: /常に手前に表示/ })).not.toBeChecked();
  const clearDelay = page.getByRole('combobox', { name: 'クリップボードの消去' });
  await expect(clearDelay.locator('option:checked')).toHaveText('30秒後');
  await clearDelay.selectOption({ label: '消去しない' });
  await expect(clearDelay).toHaveValue('0');
  expect((await app.state()).preferences.clipboardClearSeconds).toBe(0);
  await page.getByRole('button', { name: '戻る' }).click();
  await expect(page.getByRole('heading', { name: 'セキュリティコード' })).toBeVisible();
});

test('a copied code is concealed, cleared after 30 s, and a value copied since is left alone', async ({ mamori }) => {
  const app = await mamori.open({ at: STEP_START + 1_000 });
  const { page } = app;
  const credentialId = await firstCredential(app);
  const secret = await app.secretOf(credentialId);
  const clip = app.systemClipboard;

  await page.getByRole('button', { name: 'Copy security code' }).click();
  await expect.poll(() => clip.current).toBe(oathtool(secret, app.now()));
  // Written with the Linux clipboard managers' "secret" hint, in the same write.
  expect(clip.lastFormats).toEqual(['x-kde-passwordManagerHint']);
  await app.advance(29_000);
  expect(clip.current).toBe(oathtool(secret, STEP_START + 1_000));
  await app.advance(1_000);
  expect(clip.current).toBe('');

  // The user copies something else after our copy: it stays.
  await page.getByRole('button', { name: 'Copy credential ID' }).click();
  await expect.poll(() => clip.current).toBe(credentialId);
  clip.current = 'a note the user copied';
  await app.advance(30_000);
  expect(clip.current).toBe('a note the user copied');
});

test('with clearing off, a copy stays on the clipboard', async ({ mamori }) => {
  const app = await mamori.open();
  const { page } = app;
  const credentialId = await firstCredential(app);
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('combobox', { name: 'Clear the clipboard' }).selectOption({ label: 'Never' });
  await expect.poll(async () => (await app.state()).preferences.clipboardClearSeconds).toBe(0);
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await page.getByRole('button', { name: 'Copy credential ID' }).click();
  await expect.poll(() => app.systemClipboard.current).toBe(credentialId);
  await app.advance(10 * 60_000);
  expect(app.systemClipboard.current).toBe(credentialId);
});

test('the shared ticker stops while the window is hidden and catches up at once when shown', async ({ mamori }) => {
  const app = await mamori.open({ at: STEP_START + 7_000 });
  const { page } = app;
  const credentialId = await firstCredential(app);
  const secret = await app.secretOf(credentialId);
  const seconds = page.getByTestId('seconds-left');
  await expect(seconds).toHaveText('23');

  // Count renders of the countdown: every tick that reaches React changes this text node.
  await page.evaluate(() => {
    const target = document.querySelector('[data-testid="seconds-left"]');
    const w = window as unknown as { __mutations: number };
    w.__mutations = 0;
    if (target) new MutationObserver((records) => (w.__mutations += records.length)).observe(target, { childList: true, characterData: true, subtree: true });
  });
  const mutations = () => page.evaluate(() => (window as unknown as { __mutations: number }).__mutations);
  const setHidden = (hidden: boolean) =>
    page.evaluate((value) => {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => value });
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (value ? 'hidden' : 'visible') });
      document.dispatchEvent(new Event('visibilitychange'));
    }, hidden);

  await app.advance(2_000);
  await expect(seconds).toHaveText('21');
  expect(await mutations()).toBeGreaterThan(0);

  await setHidden(true);
  const before = await mutations();
  await app.advance(10_000); // ten seconds of fake time: the ticker would tick ten times
  expect(await mutations()).toBe(before);
  await expect(seconds).toHaveText('21');

  // Shown again: the right second at once, no waiting for the next tick.
  await setHidden(false);
  await expect(seconds).toHaveText('11');
  await expect(page.getByTestId('code')).toHaveText(groupCode(oathtool(secret, app.now())));
});
