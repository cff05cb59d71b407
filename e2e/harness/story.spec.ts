/**
 * The seed's whole story (../shared/seed/bank-guide-ja.txt), end to end, in one browser: the
 * desktop app in the harness (real bridge, handlers, keychain and token service) and the demo
 * bank in a second page of the same browser context, the bank talking to that same token service
 * over HTTP with its own relying-party key. Time is injected: `advance` moves the one clock that
 * the app's main side, the page and the token service share (the bank keeps no OTP clock), so
 * nothing here waits for real time. Every step waits on what the screens show.
 *
 * Screenshots of every bank screen (and of the app at registration time) go to docs/bank/
 * (with MAMORI_UPDATE_DOCS=1; see docsPath).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { groupCode } from '../../core/code.js';
import { ja as bankText } from '../../service/bank/messages-ja.js';
import { startBank } from '../../service/bank/start-bank.js';
import { expect, oathtool, STEP_START, test, docsPath } from './fixtures.js';

const SHOTS = docsPath('bank');
const STEP_MS = 30_000;

test('the seed story: get a token, register it at the bank, log in with codes, lockout, unlock, stop', async ({ mamori }) => {
  test.setTimeout(90_000);
  const app = await mamori.open({ at: STEP_START + 7_000, systemLocale: 'ja' });
  const appPage = app.page;

  // The bank, started against the harness's token service with a relying-party key of its own.
  const party = await app.service.createRelyingParty('まもり信用金庫');
  const bankDir = await mkdtemp(join(tmpdir(), 'mamori-bank-'));
  const runningBank = await startBank({ dataDir: bankDir, serviceUrl: app.serviceUrl, apiKey: party.apiKey, port: 0 });
  const bank = await appPage.context().newPage();
  const bankProblems: string[] = [];
  bank.on('pageerror', (error) => bankProblems.push(`page error: ${error.message}`));
  bank.on('console', (message) => {
    if (message.type() === 'error') bankProblems.push(`console error: ${message.text()}`);
  });
  try {
    await bank.setViewportSize({ width: 900, height: 760 });
    const customer = runningBank.accounts[0];
    if (customer === undefined) throw new Error('the bank seeded no demo account');
    const shot = (name: string, page: Page = bank) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });

    // ── 1. The app starts with no credential and gets one from the token service by itself. ──
    const shownId = appPage.getByTestId('credential-id');
    await expect(shownId).toHaveText(/^[A-Z]{4}\d{8}$/);
    expect(app.issued).toHaveLength(1);

    // ── 2. The credential ID through the app's copy button; the code as the window shows it. ──
    await appPage.getByRole('button', { name: 'クレデンシャルIDをコピー' }).click();
    await expect(appPage.getByTestId('live')).toHaveText('クレデンシャルIDをコピーしました');
    await expect.poll(() => app.clipboard.length).toBe(1);
    const tokenId = app.clipboard[0] ?? '';
    await expect(shownId).toHaveText(tokenId);
    // Only to know when the window shows the current step's code, and to pick codes that are surely wrong.
    const secret = await app.secretOf(tokenId);
    const codeOf = (atMs: number) => oathtool(secret, atMs);
    /** What a customer reads off the window: the grouped code, space removed. */
    const readAppCode = async (): Promise<string> => {
      const shown = appPage.getByRole('region', { name: 'セキュリティコード' }).getByTestId('code');
      await expect(shown).toHaveText(groupCode(codeOf(app.now())));
      return ((await shown.textContent()) ?? '').replace(/\s/g, '');
    };
    const nextStep = async () => {
      await app.advance(STEP_MS);
      return readAppCode();
    };
    const registrationCode = await readAppCode();
    expect(registrationCode).toMatch(/^\d{6}$/);
    await shot('00-app', appPage);

    // Bank screen helpers.
    const title = (name: string) => bank.getByRole('heading', { level: 1, name, exact: true });
    const button = (name: string) => bank.getByRole('button', { name, exact: true });
    const alert = bank.getByRole('alert');
    const steps = bank.getByRole('navigation', { name: 'お手続きの流れ' });
    const codeField = bank.getByLabel(bankText.oneTimePassword, { exact: true });
    const signIn = async () => {
      await expect(title(bankText.loginTitle)).toBeVisible();
      await bank.getByLabel(bankText.contractIdLong, { exact: true }).fill(customer.contractId);
      await bank.getByLabel(bankText.password, { exact: true }).fill(customer.password);
      await button(bankText.loginButton).click();
    };
    const expectOtpStep = async () => {
      await expect(bank.getByRole('heading', { level: 2, name: bankText.loginOtpSection })).toBeVisible();
      await expect(bank.getByText(bankText.loginOtpInstruction)).toBeVisible();
      await expect(codeField).toBeVisible();
    };
    /** Posts a code that the bank refuses; waits for the NEW page (its code field is empty again) and its message. */
    const refusedCode = async (code: string, message: string) => {
      await codeField.fill(code);
      await button(bankText.loginButton).click();
      await expect(codeField).toHaveValue('');
      await expect(alert).toHaveText(message);
      await expect(codeField).toHaveAttribute('aria-invalid', 'true');
    };
    const expectAccountPage = async () => {
      await expect(title(bankText.accountTitle)).toBeVisible();
      await expect(bank.getByText(bankText.welcome(customer.name))).toBeVisible();
      expect(new URL(bank.url()).pathname).toBe('/account');
    };
    const logOut = async () => {
      await button(bankText.logoutButton).click();
      await expect(bank.getByRole('status')).toHaveText(bankText.loggedOut);
    };

    // ── 3. Registration: ログイン → 利用者認証 → 登録情報入力 → 処理結果. ──
    await bank.goto(`${runningBank.url}/login`);
    await expect(title(bankText.loginTitle)).toBeVisible();
    await expect(bank.getByRole('link', { name: bankText.otpGuideLink })).toBeVisible();
    await shot('01-login');
    await bank.getByRole('link', { name: bankText.registerLink }).click();

    await expect(title(bankText.registerTitle)).toBeVisible();
    await expect(steps).toHaveText('利用者認証 >> ワンタイムパスワード登録情報入力 >> 処理結果');
    await expect(steps.locator('[aria-current="step"]')).toHaveText('利用者認証');
    await bank.getByLabel(bankText.contractId, { exact: true }).fill(customer.contractId);
    await bank.getByLabel(bankText.password, { exact: true }).fill(customer.password);
    await shot('02-register-auth');
    await button(bankText.nextButton).click();

    await expect(steps.locator('[aria-current="step"]')).toHaveText('ワンタイムパスワード登録情報入力');
    await expect(bank.getByText(bankText.registerTokenInstruction)).toBeVisible();
    await bank.getByLabel(bankText.tokenId, { exact: true }).fill(tokenId);
    await codeField.fill(registrationCode);
    await shot('03-register-input');
    await button(bankText.registerButton).click();

    await expect(steps.locator('[aria-current="step"]')).toHaveText('処理結果');
    await expect(steps).toHaveText('利用者認証 >> ワンタイムパスワード登録情報入力 >> 処理結果');
    await expect(bank.getByRole('status')).toHaveText('ワンタイムパスワードの利用登録が完了しました。');
    await shot('04-register-result');
    await button(bankText.backToLoginButton).click();

    // ── 4. Login now asks for the one-time password; the app's next code opens the account. ──
    await signIn();
    await expectOtpStep();
    await shot('05-login-otp');
    // The registration code's step is used up: the customer waits for the next code.
    const loginCode = await nextStep();
    expect(loginCode).not.toBe(registrationCode);
    await codeField.fill(loginCode);
    await button(bankText.loginButton).click();
    await expectAccountPage();
    await expect(bank.getByText(bankText.otpInUse, { exact: true })).toBeVisible();
    await shot('06-account');
    await logOut();

    // The code just used, again (same step, same screen): "already used".
    await signIn();
    await expectOtpStep();
    await refusedCode(loginCode, 'このワンタイムパスワードはすでに使用されています。トークンに次のワンタイムパスワードが表示されてから、新しいワンタイムパスワードを入力してください。');
    await shot('07-otp-refused-replayed');

    // ── 5. A wrong code is refused; after 10 consecutive failures even a correct code is. ──
    // "Wrong" for sure: none of the codes of the steps around now (the service accepts T-1..T+1).
    const nearby = new Set([-2, -1, 0, 1, 2].map((k) => codeOf(app.now() + k * STEP_MS)));
    const wrongCodes = Array.from({ length: 10 }, (_, i) => {
      let candidate = i * 111_111;
      while (nearby.has(String(candidate).padStart(6, '0'))) candidate = (candidate + 1) % 1_000_000;
      return String(candidate).padStart(6, '0');
    });
    const [firstWrong, ...moreWrong] = wrongCodes;
    await refusedCode(firstWrong ?? '', 'ワンタイムパスワードが正しくありません。トークンに表示されている最新のワンタイムパスワードを入力してください。');
    for (const wrong of moreWrong) await refusedCode(wrong, bankText.reject.invalid_code);
    // The customer waits for a fresh, correct code from the app: it is refused, the token is
    // locked, and the screen drops the code form for what to do instead: call the bank.
    const lockedCode = await nextStep();
    await codeField.fill(lockedCode);
    await button(bankText.loginButton).click();
    await expect(alert).toHaveText(
      'ワンタイムパスワードの入力誤りが規定回数を超えたため、ワンタイムパスワードはロックされています。ロック中は、正しいワンタイムパスワードを入力しても、ログインおよび利用停止のお手続きはできません。',
    );
    await expect(codeField).toHaveCount(0);
    await expect(bank.getByRole('heading', { level: 2, name: bankText.lockedSection })).toBeVisible();
    await expect(bank.getByText(bankText.lockedWhatToDo)).toBeVisible();
    await expect(bank.getByText(bankText.helpDeskPhone)).toBeVisible();
    await shot('08-otp-locked');

    // ── 6. Unlock, then stop: 利用者認証 → ワンタイムパスワード入力 → 処理結果. ──
    // The bank has no unlock screen: the customer calls the bank as the lockout screen says, and
    // after checking who is calling, the bank's operator unlocks the token through the token
    // service's relying-party API with the bank's key. This fetch plays that operator.
    const unlock = await fetch(`${app.serviceUrl}/v1/unlock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${party.apiKey}` },
      body: JSON.stringify({ userId: customer.contractId }),
    });
    expect(unlock.status).toBe(200);
    expect(await unlock.json()).toEqual({ result: 'unlocked' });

    await button(bankText.backToLoginButton).click();
    await expect(title(bankText.loginTitle)).toBeVisible();
    await bank.getByRole('link', { name: bankText.stopLink }).click();
    await expect(title(bankText.stopTitle)).toBeVisible();
    await expect(steps).toHaveText('利用者認証 >> ワンタイムパスワード入力 >> 処理結果');
    await expect(steps.locator('[aria-current="step"]')).toHaveText('利用者認証');
    await bank.getByLabel(bankText.contractId, { exact: true }).fill(customer.contractId);
    await bank.getByLabel(bankText.password, { exact: true }).fill(customer.password);
    await shot('09-stop-auth');
    await button(bankText.nextButton).click();

    await expect(steps.locator('[aria-current="step"]')).toHaveText('ワンタイムパスワード入力');
    await expect(bank.getByText(bankText.stopOtpInstruction)).toBeVisible();
    const stopCode = await nextStep();
    await codeField.fill(stopCode);
    await shot('10-stop-input');
    await button(bankText.stopButton).click();

    await expect(steps.locator('[aria-current="step"]')).toHaveText('処理結果');
    await expect(bank.getByRole('status')).toHaveText('ワンタイムパスワードの利用停止が完了しました。');
    await shot('11-stop-result');
    await button(bankText.backToLoginButton).click();

    // The next login goes straight to the account page: no one-time password asked.
    await signIn();
    await expectAccountPage();
    await expect(bank.getByText(bankText.otpNotRegistered, { exact: true })).toBeVisible();
    await expect(codeField).toHaveCount(0);

    // The app never left the clipboard to anything but the one copy the customer made.
    expect(app.clipboard).toEqual([tokenId]);
    expect(bankProblems, 'errors in the bank page').toEqual([]);
  } finally {
    await bank.close();
    await runningBank.close();
    await rm(bankDir, { recursive: true, force: true });
  }
});
