/**
 * Symantec VIP provisioning (opt-in) against a local stand-in that speaks the VIP protocol on
 * the harness's clock: the credential it issues reaches the screen with codes that match
 * oathtool for the secret it encrypted; a refusal or a clock running ahead is explained and
 * stores nothing.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { base32Encode } from '../../core/base32.js';
import { groupCode } from '../../core/code.js';
import type { Locator } from '@playwright/test';
import { openOtherWays } from './accounts.js';
import { expect, oathtool, readyState, test, type Harness } from './fixtures.js';

/**
 * The VIP choice among the setup screen's other ways (these apps' token service is down, so the
 * first start ends there, with nothing provisioned); returns the other ways' region.
 */
async function openVip(app: Harness): Promise<Locator> {
  const { page } = app;
  const ways = await openOtherWays(page);
  await ways.getByText('Get a Symantec VIP credential', { exact: true }).click();
  await expect(ways.getByText('it was worked out by reverse engineering, and Symantec may refuse Mamori at any time')).toBeVisible();
  return ways;
}

async function storedCredentials(app: Harness): Promise<unknown[]> {
  const text = await readFile(join(app.userDataDir, 'settings.json'), 'utf8').catch(() => '{}');
  const settings: { credentials?: unknown[] } = JSON.parse(text);
  return settings.credentials ?? [];
}

test('a Symantec VIP credential: model choice, then an SYDC credential whose codes are oathtool’s', async ({ mamori }) => {
  const app = await mamori.open({ vip: {}, serviceDown: true });
  const { page } = app;
  const vip = app.vip;
  if (vip === undefined) throw new Error('the harness started no VIP stand-in');
  await openVip(app);

  // Four models, SYDC by default, each explained; the button names the chosen one.
  const models = page.getByRole('group', { name: 'Token model' });
  await expect(models.getByRole('radio')).toHaveCount(4);
  await expect(models.getByRole('radio', { name: /SYDC/ })).toBeChecked();
  await expect(models.getByRole('radio', { name: /SYDC/ })).toHaveAccessibleDescription(/VIP Access for desktop computers/);
  await expect(models.getByRole('radio', { name: /VSST/ })).toHaveAccessibleDescription(/deprecated/);
  await models.getByRole('radio', { name: /VSMT/ }).check();
  await expect(page.getByRole('button', { name: 'Get a VSMT credential from Symantec' })).toBeVisible();
  await models.getByRole('radio', { name: /SYDC/ }).check();
  await page.screenshot({ path: 'test-results/screenshot-vip.png', fullPage: true });

  await page.getByRole('button', { name: 'Get a SYDC credential from Symantec' }).click();
  const id = page.getByTestId('credential-id');
  await expect(id).toHaveText(/^SYDC\d{8}$/);
  expect(vip.issued).toHaveLength(1);
  const issued = vip.issued[0];
  if (issued === undefined) throw new Error('nothing issued');
  expect(issued.model).toBe('SYDC');
  await expect(id).toHaveText(issued.credentialId);
  // The code on screen is the TOTP of the secret the server encrypted; the keychain holds that secret.
  const secret = base32Encode(issued.secret);
  await expect(page.getByTestId('code')).toHaveText(groupCode(oathtool(secret, app.now())));
  expect(await app.secretOf(issued.credentialId)).toBe(secret);
  const state = readyState(await app.state());
  expect(state.credentials[0]?.credential).toMatchObject({ credentialId: issued.credentialId, source: 'vip', issuer: 'Symantec VIP', digits: 6, period: 30 });
  await app.advance(30_000);
  await expect(page.getByTestId('code')).toHaveText(groupCode(oathtool(secret, app.now())));
});

test('Symantec refuses (4E0D): a clear message, nothing stored; then it works with the next try', async ({ mamori }) => {
  const app = await mamori.open({ vip: {}, serviceDown: true });
  const { page } = app;
  app.vip?.setBehaviour({ kind: 'status', reasonCode: '4E0D', statusMessage: 'Unsupported token model' });
  const ways = await openVip(app);
  await page.getByRole('button', { name: 'Get a SYDC credential from Symantec' }).click();
  // Symantec's refusal, below its button (the token service's own alert stays above).
  const alert = ways.getByRole('alert');
  await expect(alert).toContainText('Symantec refused to issue a credential');
  await expect(alert).toContainText('Nothing was stored');
  await expect(alert).toContainText('4E0D');
  await expect(alert).toContainText('choose another token model');
  await page.screenshot({ path: 'test-results/screenshot-vip-refused.png', fullPage: true });
  expect((await app.state()).kind).toBe('setup');
  expect(await storedCredentials(app)).toEqual([]);
  expect(app.vip?.issued).toEqual([]);

  app.vip?.setBehaviour('success');
  await page.getByRole('button', { name: 'Get a SYDC credential from Symantec' }).click();
  await expect(page.getByTestId('credential-id')).toHaveText(/^SYDC\d{8}$/);
});

test('a PC clock ahead of Symantec’s: explained, nothing stored', async ({ mamori }) => {
  const app = await mamori.open({ vip: { skewMs: -10_000 }, serviceDown: true });
  const { page } = app;
  const ways = await openVip(app);
  await page.getByRole('button', { name: 'Get a SYDC credential from Symantec' }).click();
  await expect(ways.getByRole('alert')).toContainText("This computer's clock is ahead of the provisioning server's");
  await expect(ways.getByRole('alert')).toContainText('about 10 seconds ahead');
  expect(await storedCredentials(app)).toEqual([]);
  // The server had issued one; Mamori did not keep it.
  expect(app.vip?.issued).toHaveLength(1);
  expect(await app.hasSecret(app.vip?.issued[0]?.credentialId ?? '')).toBe(false);
});
