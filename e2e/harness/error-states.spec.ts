/**
 * Bad input and broken surroundings: each gives a clear message in the window and loses
 * nothing that was stored.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './fixtures.js';
import { closedPort } from './static-server.js';

test('service unreachable: words a customer understands, then retry with the right address', async ({ mamori }) => {
  const deadUrl = `http://127.0.0.1:${await closedPort()}`;
  const app = await mamori.open({ serviceUrl: deadUrl });
  const { page } = app;

  // The window tried by itself at its first start, against the dead address.
  const alert = page.getByRole('alert');
  await expect(alert).toContainText("Can't reach the token service");
  await expect(alert).toContainText('Check your internet connection');
  const retry = page.getByRole('button', { name: 'Try again' });
  await expect(retry).toBeEnabled();
  await expect(retry).toBeFocused();
  expect(app.requests('credential:provision')).toBe(1);

  // Retry against the same dead address: still a clear error, nothing else happens.
  await retry.click();
  await expect.poll(() => app.requests('credential:provision')).toBe(2);
  await expect(alert).toContainText("Can't reach the token service");
  await expect(page.getByTestId('credential-id')).toHaveCount(0);

  // The customer fixes the address; the retry then gets a credential.
  await page.getByText('Token service address').click();
  await page.getByRole('textbox', { name: 'Token service address' }).fill(app.serviceUrl);
  await page.getByRole('button', { name: 'Save address' }).click();
  await expect.poll(async () => (await app.state()).serviceUrl).toBe(app.serviceUrl);
  await retry.click();
  await expect(page.getByTestId('credential-id')).toHaveText(/^[A-Z]{4}\d{8}$/);
  expect(app.issued).toHaveLength(1);
});

test('corrupt settings file: kept aside and shown with its path; start fresh works', async ({ mamori }) => {
  const garbage = '{"version": 1, "credentials": [ this is not json';
  const app = await mamori.open({
    prepareUserData: (dir) => writeFile(join(dir, 'settings.json'), garbage),
  });
  const { page } = app;

  await expect(page.getByRole('alert')).toContainText("Mamori's settings could not be read");
  const kept = page.locator('code.path');
  await expect(kept).toContainText(app.userDataDir);
  const keptAt = (await kept.textContent()) ?? '';
  // Nothing was deleted: the unreadable bytes are where the window says.
  expect(await readFile(keptAt, 'utf8')).toBe(garbage);
  await page.screenshot({ path: 'test-results/screenshot-settings-corrupt.png' });

  await page.getByRole('button', { name: 'Start fresh' }).click();
  await expect(page.getByRole('heading', { name: 'Set up Mamori' })).toBeVisible();
  // Only a start decides to provision by itself: after "Start fresh" the customer chooses.
  await expect(page.getByRole('button', { name: `Get a credential from ${new URL(app.serviceUrl).host}` })).toBeVisible();
  expect(app.requests('credential:provision')).toBe(0);
  expect(await readdir(app.userDataDir)).toContain(keptAt.split('/').at(-1));
});

test('no keychain: a clear, actionable error and no plaintext fallback', async ({ mamori }) => {
  const app = await mamori.open({ keychain: 'none' });
  const { page } = app;
  // The first start's own attempt finds no keychain.
  const alert = page.getByRole('alert');
  await expect(alert).toContainText("Mamori can't reach your computer's keychain");
  await expect(alert).toContainText('GNOME Keyring');
  await expect(page.getByTestId('credential-id')).toHaveCount(0);
  // Nothing was written in place of the keychain: no credential in the settings file.
  const settings = await readFile(join(app.userDataDir, 'settings.json'), 'utf8').catch(() => '{}');
  expect(JSON.parse(settings).credentials ?? []).toEqual([]);
  // Retrying without a keychain stays a clear error.
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(alert).toContainText("Mamori can't reach your computer's keychain");
  await page.screenshot({ path: 'test-results/screenshot-no-keychain.png' });
});

test('keychain entry gone after setup: the window says the secret is missing and lets the user delete it', async ({ mamori }) => {
  const app = await mamori.open();
  const { page } = app;
  const id = page.getByTestId('credential-id');
  await expect(id).toHaveText(/^[A-Z]{4}\d{8}$/);
  const { createKeyringVault } = await import('../../desktop/vault.js');
  await createKeyringVault().delete((await id.textContent()) ?? '');

  await page.reload();
  await expect(page.getByRole('alert')).toContainText('The secret for this credential is missing');
  await expect(page.getByRole('alert')).toContainText('Restore it from a backup');
  // No code and no copy button for it; deleting it is still possible.
  await expect(page.getByTestId('code')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Copy security code' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByTestId('delete-dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('heading', { name: 'Set up Mamori' })).toBeVisible();
});

test('a page from another origin is refused by the gate', async ({ mamori }) => {
  const app = await mamori.open();
  const { page } = app;
  await expect(page.getByTestId('credential-id')).toBeVisible();
  // Same bridge and binding, but the document is not ours (a different host name for the same server).
  const foreign = page.url().replace('127.0.0.1', 'localhost');
  await page.goto(foreign);
  const answer = await page.evaluate(() => window.mamori.getState());
  expect(answer).toEqual({ ok: false, error: { code: 'forbidden_sender' } });
  await expect(page.getByRole('alert')).toContainText('This window is not allowed to talk to Mamori');
});
