/**
 * The story as anyone walks it without Electron: `npm run demo` in a child process, and only what
 * it prints: the window's address (with its token) opened in Debian's Chromium, the bank's login
 * page and the suggested demo account. Real time, real processes (the preview host, its demo
 * keychain, the token service, the bank): every wait is on what a screen shows, never a sleep.
 * The demo builds first, as it does for a person: playwright.config.ts runs this project after
 * the others, so the rebuild of dist/ never pulls files from under a running spec.
 */
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { ja as bankText } from '../../service/bank/messages-ja.js';
import { findElectron } from '../../scripts/find-electron.mjs';
import { startDemo, type RunningDemo } from './demo-process.js';

test.describe.configure({ mode: 'serial' });

let demo: RunningDemo;
/** The address the demo printed for the window (with its token). */
let windowUrl: string;
let context: BrowserContext;
let appWindow: Page;
const problems: string[] = [];

/** The window's code as a customer reads it: grouped as shown, `092 521`. */
async function readCode(): Promise<string> {
  const shown = appWindow.getByRole('region', { name: 'セキュリティコード' }).getByTestId('code');
  await expect(shown).toHaveText(/^\d{3} \d{3}$/);
  return (await shown.textContent()) ?? '';
}

/** Each code is accepted once: wait (on the screen) until the window shows the next one. */
async function nextCode(used: string): Promise<string> {
  const shown = appWindow.getByRole('region', { name: 'セキュリティコード' }).getByTestId('code');
  await expect(shown).not.toHaveText(used, { timeout: 35_000 });
  return readCode();
}

const pageClipboard = () => appWindow.evaluate(() => navigator.clipboard.readText());

test.beforeAll(async ({ browser }) => {
  // `npm run demo` with no option: where Electron is missing (here) that is the preview; where it
  // is installed, the story is walked in the browser preview, which --preview forces.
  demo = await startDemo({ build: true, args: 'path' in findElectron() ? ['--preview'] : [] });
  if (demo.windowUrl === null) throw new Error(`The demo printed no window address:\n${demo.output}`);
  windowUrl = demo.windowUrl;
  context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 380, height: 470 } });
  // The person's browser lets the page use the clipboard (Chromium asks them; here it is granted up front).
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(windowUrl).origin });
  appWindow = await context.newPage();
  appWindow.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  appWindow.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
});

test.afterAll(async () => {
  await context?.close();
  await demo?.stop();
});

test('prints the story: numbered steps, the window with its token, one account, the operator key apart, Ready.', () => {
  const lines = demo.output.split('\n');
  const step = (n: number) => lines.findIndex((line) => line.startsWith(`${n}. `));
  const steps = [1, 2, 3, 4, 5, 6].map(step);
  expect(steps.every((index) => index >= 0)).toBe(true);
  expect([...steps].sort((a, b) => a - b)).toEqual(steps);
  expect(lines[steps[0] ?? 0]).toBe('1. Mamori のウィンドウを開く / Open the Mamori window');
  expect(windowUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[A-Za-z0-9_-]{43}\/$/);
  expect(demo.output).toContain('プレビュー: デモ用キーチェーン / preview: demo keychain');
  // The relying-party key only under the operator's heading, after the story.
  const operator = lines.findIndex((line) => line.startsWith('銀行の運用担当者向け (ストーリーには不要)'));
  const key = lines.findIndex((line) => line.startsWith('  Relying-party key: '));
  expect(operator).toBeGreaterThan(steps[5] ?? Infinity);
  expect(key).toBeGreaterThan(operator);
  expect(lines.filter((line) => line.trim() !== '').at(-1)).toBe('Ready.');
});

test('the window shows a credential ID, a grouped code and the countdown; copy puts them on the clipboard', async () => {
  await appWindow.goto(windowUrl);
  const shownId = appWindow.getByTestId('credential-id');
  // First start: the window gets a credential from the demo token service by itself, no click.
  await expect(shownId).toHaveText(/^MAMO\d{8}$/);
  await readCode();
  await expect(appWindow.getByTestId('seconds-left')).toHaveText(/^([1-9]|[12]\d|30)$/);
  await expect(appWindow.getByTestId('preview-note')).toHaveText('プレビュー: デモ用キーチェーン');
  await appWindow.screenshot({ path: 'test-results/preview/appWindow.png' });

  await appWindow.getByRole('button', { name: 'クレデンシャルIDをコピー' }).click();
  await expect(appWindow.getByTestId('live')).toHaveText('クレデンシャルIDをコピーしました');
  await expect.poll(pageClipboard).toBe(await shownId.textContent());

  const before = await readCode();
  await appWindow.getByRole('button', { name: 'セキュリティコードをコピー' }).click();
  await expect(appWindow.getByTestId('live')).toHaveText('セキュリティコードをコピーしました');
  const after = await readCode();
  expect([before, after].map((code) => code.replace(' ', ''))).toContain(await pageClipboard());
  expect(problems).toEqual([]);
});

test("main's clipboard delay clears the copy in the browser, where the page may read the clipboard", async () => {
  const setDelay = (seconds: number) => appWindow.evaluate((s) => window.mamori.updateSettings({ clipboardClearSeconds: s }), seconds);
  expect(await setDelay(2)).toMatchObject({ ok: true });
  try {
    await appWindow.getByRole('button', { name: 'クレデンシャルIDをコピー' }).click();
    // The write lands when the click's answer arrives; then, 2 s later, the clear.
    await expect.poll(pageClipboard).toMatch(/^MAMO\d{8}$/);
    await expect.poll(pageClipboard, { timeout: 6_000 }).toBe('');
  } finally {
    await setDelay(30);
  }
});

test('the story at the bank with the window: register the token, log in with a code, stop it', async () => {
  test.setTimeout(120_000);
  const bank = await context.newPage();
  const button = (name: string) => bank.getByRole('button', { name, exact: true });
  const codeField = bank.getByLabel(bankText.oneTimePassword, { exact: true });
  const { contractId, password } = demo.account;
  try {
    // 4. 利用登録: the credential ID through the window's copy button, the code as the window shows it.
    await bank.goto(demo.bankLoginUrl);
    await bank.getByRole('link', { name: bankText.registerLink }).click();
    await bank.getByLabel(bankText.contractId, { exact: true }).fill(contractId);
    await bank.getByLabel(bankText.password, { exact: true }).fill(password);
    await button(bankText.nextButton).click();
    await appWindow.getByRole('button', { name: 'クレデンシャルIDをコピー' }).click();
    // Pasted with Ctrl+V into トークンID once the copy has landed on the clipboard (the last test left it empty).
    await expect.poll(pageClipboard).toMatch(/^MAMO\d{8}$/);
    const tokenId = bank.getByLabel(bankText.tokenId, { exact: true });
    await tokenId.focus();
    await bank.keyboard.press('ControlOrMeta+v');
    await expect(tokenId).toHaveValue((await appWindow.getByTestId('credential-id').textContent()) ?? '');
    // Typed key by key as the window shows it, the space included.
    const registered = await readCode();
    await codeField.pressSequentially(registered);
    await button(bankText.registerButton).click();
    await expect(bank.getByRole('status')).toHaveText(bankText.registerDone);

    // 5. ログイン: contract ID and password, then the window's next code.
    await button(bankText.backToLoginButton).click();
    await bank.getByLabel(bankText.contractIdLong, { exact: true }).fill(contractId);
    await bank.getByLabel(bankText.password, { exact: true }).fill(password);
    await button(bankText.loginButton).click();
    await expect(bank.getByRole('heading', { level: 2, name: bankText.loginOtpSection })).toBeVisible();
    const loginCode = await nextCode(registered);
    await codeField.pressSequentially(loginCode);
    await button(bankText.loginButton).click();
    await expect(button(bankText.logoutButton)).toBeVisible();
    await button(bankText.logoutButton).click();

    // 6. 利用停止: from the login page's link, with yet another code.
    await bank.getByRole('link', { name: bankText.stopLink }).click();
    await bank.getByLabel(bankText.contractId, { exact: true }).fill(contractId);
    await bank.getByLabel(bankText.password, { exact: true }).fill(password);
    await button(bankText.nextButton).click();
    await codeField.pressSequentially(await nextCode(loginCode));
    await button(bankText.stopButton).click();
    await expect(bank.getByRole('status')).toHaveText(bankText.stopDone);
  } finally {
    await bank.close();
  }
  expect(problems).toEqual([]);
});

test('SIGTERM to `npm run demo` stops every process of the demo, the preview and its keychain daemons', async () => {
  // npm does not pass SIGTERM on to its script; the demo notices its parent is gone and stops all it started.
  process.kill(demo.child.pid ?? 0, 'SIGTERM');
  await demo.exited;
  await demo.allGone(15_000);
  // The page was told the preview stopped: no reconnect attempts, no errors.
  expect(problems).toEqual([]);
});
