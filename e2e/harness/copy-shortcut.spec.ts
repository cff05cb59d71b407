/**
 * The Ctrl/Cmd+C rule of the main window: from anywhere it copies the code, but it leaves
 * copying to the browser while the user has text selected, is typing in a field, or has a
 * dialog open. "Leaves it to the browser" is observed twice: the keydown is not claimed
 * (defaultPrevented stays false, so the browser's own copy runs), and main writes nothing.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';

// A port nobody listens on: the window gets no credential from a token service, only the one below.
const NO_SERVICE = 'http://127.0.0.1:9';
const LINK = 'otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&issuer=Example';

type Watched = { claimed: boolean[] };

/** Records, for each Ctrl+C that reaches the window, whether the app claimed it. */
async function watchShortcut(page: Page): Promise<void> {
  await page.evaluate(() => {
    const watched = window as unknown as Watched;
    watched.claimed = [];
    // Added after the app's own listener on the same target, so it sees the app's decision.
    window.addEventListener('keydown', (event) => {
      if (event.key.toLowerCase() === 'c' && (event.ctrlKey || event.metaKey)) watched.claimed.push(event.defaultPrevented);
    });
  });
}
const claims = (page: Page) => page.evaluate(() => (window as unknown as Watched).claimed);

test('Ctrl+C copies the code, except while text is selected, a field is edited or a dialog is open', async ({ mamori }) => {
  const app = await mamori.open({ serviceUrl: NO_SERVICE });
  const { page } = app;
  // Through the page's own bridge, as the add panel does; then the window as a person finds it.
  const added = await page.evaluate((link) => window.mamori.addFromLink(link), LINK);
  expect(added.ok).toBe(true);
  await page.reload();
  await expect(page.getByTestId('code')).toBeVisible();
  await watchShortcut(page);

  // Nothing selected, nothing focused: the shortcut copies the code.
  await page.locator('body').click();
  await page.keyboard.press('ControlOrMeta+c');
  await expect.poll(() => app.clipboard.length).toBe(1);
  expect(app.clipboard[0]).toMatch(/^\d{6}$/);
  expect(await claims(page)).toEqual([true]);

  // Text selected (the account's name): the browser copies the selection.
  await page.getByTestId('account').selectText();
  await page.keyboard.press('ControlOrMeta+c');
  expect(await claims(page)).toEqual([true, false]);

  // Typing in a field (the inline rename): the field's own copy.
  await page.getByRole('button', { name: 'Rename' }).click();
  const field = page.getByRole('textbox');
  await expect(field).toBeFocused();
  await page.keyboard.press('ControlOrMeta+c');
  expect(await claims(page)).toEqual([true, false, false]);
  await page.keyboard.press('Escape');

  // A dialog open (delete asks first): not the code behind it.
  await page.getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('ControlOrMeta+c');
  expect(await claims(page)).toEqual([true, false, false, false]);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  // And back to the plain window: it copies again. Main wrote exactly twice, both codes.
  await page.locator('body').click();
  await page.keyboard.press('ControlOrMeta+c');
  expect(await claims(page)).toEqual([true, false, false, false, true]);
  await expect.poll(() => app.clipboard.length).toBe(2);
  expect(app.clipboard[1]).toMatch(/^\d{6}$/);
});
