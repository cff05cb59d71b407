/**
 * Back and reload at the demo bank, in Chromium: after a refused login the page the browser
 * holds came from a GET (post/redirect/get), so reloading it or coming back to it never sends
 * the form again and never stops at "Confirm Form Resubmission" (ERR_CACHE_MISS, since every
 * bank page is no-store).
 */
import { expect, test } from '@playwright/test';
import { ja } from '../../service/bank/messages-ja.js';
import { startBankWorld } from '../../service/bank/test-support/bank-world.js';

test('after a refused login, reload shows the same page without posting again, and Back and Forward work', async ({ page }) => {
  const world = await startBankWorld();
  try {
    await page.setViewportSize({ width: 1000, height: 800 });
    const posts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST') posts.push(new URL(request.url()).pathname);
    });
    const account = world.bank.accounts[0];
    if (account === undefined) throw new Error('the bank seeded no demo account');
    const title = page.getByRole('heading', { level: 1 });

    await page.goto(`${world.bank.url}/login`);
    await page.getByLabel(ja.contractIdLong, { exact: true }).fill(account.contractId);
    await page.getByLabel(ja.password, { exact: true }).fill('wrong-password');
    await page.getByRole('button', { name: ja.loginButton, exact: true }).click();
    await expect(page.getByRole('alert')).toHaveText(ja.badPassword);
    await expect(page.getByLabel(ja.contractIdLong, { exact: true })).toHaveValue(account.contractId);
    expect(posts).toEqual(['/login']);

    // Reload: a GET of the same screen. The refusal was about the post, which is not sent again.
    const reloaded = await page.reload();
    expect(reloaded?.request().method()).toBe('GET');
    expect(reloaded?.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe('/login');
    await expect(title).toHaveText(ja.loginTitle);
    await expect(page.getByLabel(ja.password, { exact: true })).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
    expect(posts).toEqual(['/login']);

    // On to the registration link, then Back to the refused login's page and Forward again.
    await page.getByRole('link', { name: ja.registerLink }).click();
    await expect(title).toHaveText(ja.registerTitle);
    const back = await page.goBack();
    expect(back?.request().method()).toBe('GET');
    expect(back?.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe('/login');
    await expect(title).toHaveText(ja.loginTitle);
    await expect(page.getByRole('button', { name: ja.loginButton, exact: true })).toBeVisible();
    const forward = await page.goForward();
    expect(forward?.request().method()).toBe('GET');
    await expect(title).toHaveText(ja.registerTitle);
    expect(posts, 'nothing was posted again').toEqual(['/login']);
  } finally {
    await world.close();
  }
});
