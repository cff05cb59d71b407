/**
 * Accessibility of the demo bank: axe-core with the WCAG 2.0, 2.1 and 2.2 A/AA rules on every
 * screen a customer can reach, in Japanese and in English, walked in Chromium as a person walks
 * it (the real token service and bank on 127.0.0.1, codes at the service's injected clock).
 * A serious or critical violation of a WCAG rule fails; the others, and axe's best practices,
 * are printed. axe's `region` rule (all content inside landmarks, a best practice rated
 * moderate) is held too: a screen reader user moving by landmarks must not miss the demo notice.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import type { Lang, Messages } from '../../service/bank/messages.js';
import { en } from '../../service/bank/messages-en.js';
import { ja } from '../../service/bank/messages-ja.js';
import { startBankWorld } from '../../service/bank/test-support/bank-world.js';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const BLOCKING_IMPACTS = new Set(['serious', 'critical']);
const HELD_RULES = new Set(['region']);

type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>;

interface Finding {
  readonly screen: string;
  readonly rule: string;
  readonly impact: string;
  readonly help: string;
  readonly targets: readonly string[];
  /** A WCAG rule rated serious or critical, or a rule held all the same. */
  readonly blocking: boolean;
}

function findingsOf(screen: string, results: AxeResults): Finding[] {
  return results.violations.map((v) => ({
    screen,
    rule: v.id,
    impact: v.impact ?? 'unknown',
    help: v.help,
    targets: v.nodes.map((n) => n.target.join(' ')),
    blocking: HELD_RULES.has(v.id) || (BLOCKING_IMPACTS.has(v.impact ?? '') && v.tags.some((tag) => WCAG_TAGS.includes(tag))),
  }));
}

const MESSAGES: Readonly<Record<Lang, Messages>> = { ja, en };

for (const lang of ['ja', 'en'] as const) {
  test(`every bank screen in ${lang === 'ja' ? 'Japanese' : 'English'}: no serious or critical WCAG 2.2 AA violation, nothing outside a landmark`, async ({ page }) => {
    test.setTimeout(120_000);
    const m = MESSAGES[lang];
    const world = await startBankWorld();
    const findings: Finding[] = [];
    /** What axe could not decide alone (printed for a person to check). */
    const review = new Set<string>();
    const scanned: string[] = [];
    try {
      await page.setViewportSize({ width: 1000, height: 800 });
      const url = world.bank.url;
      const account = world.bank.accounts[0];
      if (account === undefined) throw new Error('the bank seeded no demo account');
      const { contractId, password } = account;

      const scan = async (screen: string): Promise<void> => {
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        // Each screen as scanned, beside the test's other output, for a person to look at.
        await page.screenshot({ path: test.info().outputPath(`${String(scanned.length + 1).padStart(2, '0')}-${screen.toLowerCase().replace(/[^a-z]+/g, '-')}.png`), fullPage: true });
        const results = await new AxeBuilder({ page }).withTags([...WCAG_TAGS, 'best-practice']).analyze();
        findings.push(...findingsOf(screen, results));
        for (const item of results.incomplete) review.add(`${item.id} (${item.help})`);
        scanned.push(screen);
      };
      const press = async (name: string): Promise<void> => {
        await page.getByRole('button', { name, exact: true }).click();
        await page.waitForLoadState('load');
      };
      const fill = async (label: string, value: string): Promise<void> => page.getByLabel(label, { exact: true }).fill(value);
      const expectAlert = async (text: string): Promise<void> => expect(page.getByRole('alert')).toContainText(text);
      const logIn = async (pass = password): Promise<void> => {
        await page.goto(`${url}/login`);
        await fill(m.contractIdLong, contractId);
        await fill(m.password, pass);
        await press(m.loginButton);
      };
      const identify = async (path: '/register' | '/stop'): Promise<void> => {
        await page.goto(`${url}${path}`);
        await fill(m.contractId, contractId);
        await fill(m.password, password);
        await press(m.nextButton);
      };
      const sendCode = async (code: string, button: string): Promise<void> => {
        await fill(m.oneTimePassword, code);
        await press(button);
      };

      await page.goto(`${url}/login?lang=${lang}`);
      await scan('login');
      await logIn('wrong-password');
      await expectAlert(m.badPassword);
      await scan('login: wrong password');
      await page.goto(`${url}/guide`);
      await scan('guide');
      await page.goto(`${url}/no/such/page`);
      await scan('error: not found');
      await page.goto(`${url}/register/token`);
      await scan('error: flow expired');

      // 利用登録: 利用者認証 >> 登録情報入力 (refused twice) >> 処理結果.
      const token = await world.provision();
      await page.goto(`${url}/register`);
      await scan('register: identification');
      await identify('/register');
      await scan('register: token input');
      await fill(m.tokenId, 'MAMO1234');
      await sendCode(token.code(), m.registerButton);
      await expectAlert(m.credentialIdProblem('length', 8));
      await scan('register: bad token ID');
      await fill(m.tokenId, token.credentialId);
      await sendCode(token.wrongCode(), m.registerButton);
      await expectAlert(m.reject.invalid_code);
      await scan('register: wrong code');
      await fill(m.tokenId, token.credentialId);
      await sendCode(token.code(), m.registerButton);
      await expect(page.getByRole('status')).toHaveText(m.registerDone);
      await scan('register: result');
      world.clock.nextStep();

      // ログイン with the token: wrong code, account, logout, the used code again.
      await logIn();
      await scan('login: one-time password');
      await sendCode(token.wrongCode(), m.loginButton);
      await expectAlert(m.reject.invalid_code);
      await scan('login: wrong code');
      const used = token.code();
      await sendCode(used, m.loginButton);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(m.accountTitle);
      await scan('account');
      await press(m.logoutButton);
      await expect(page.getByRole('status')).toHaveText(m.loggedOut);
      await scan('login: logged out');
      await logIn();
      await sendCode(used, m.loginButton);
      await expectAlert(m.reject.replayed);
      await scan('login: replayed code');
      world.clock.nextStep();

      // 利用停止: 利用者認証 >> ワンタイムパスワード入力 >> 処理結果.
      await page.goto(`${url}/stop`);
      await scan('stop: identification');
      await identify('/stop');
      await scan('stop: one-time password');
      await sendCode(token.wrongCode(), m.stopButton);
      await expectAlert(m.reject.invalid_code);
      await scan('stop: wrong code');
      await sendCode(token.code(), m.stopButton);
      await expect(page.getByRole('status')).toHaveText(m.stopDone);
      await scan('stop: result');
      world.clock.nextStep();

      // A new token, then 10 wrong codes: the lockout, at login and at stop.
      const second = await world.provision();
      await identify('/register');
      await fill(m.tokenId, second.credentialId);
      await sendCode(second.code(), m.registerButton);
      await expect(page.getByRole('status')).toHaveText(m.registerDone);
      world.clock.nextStep();
      await logIn();
      for (let i = 0; i < 10; i++) await sendCode(second.wrongCode(), m.loginButton);
      if ((await page.getByLabel(m.oneTimePassword, { exact: true }).count()) > 0) await sendCode(second.code(), m.loginButton);
      await expect(page.getByRole('alert')).toBeVisible();
      await scan('login: locked');
      await identify('/stop');
      world.clock.nextStep();
      await sendCode(second.code(), m.stopButton);
      await expect(page.getByRole('alert')).toBeVisible();
      await scan('stop: locked');
    } finally {
      await world.close();
    }

    const blocking = findings.filter((f) => f.blocking);
    const rest = findings.filter((f) => !f.blocking);
    const describe = (f: Finding): string => `${f.screen}: ${f.rule} (${f.impact}) ${f.help} at ${f.targets.join(', ')}`;
    console.log(`axe (${lang}): ${scanned.length} screens, ${blocking.length} blocking, ${rest.length} other violations`);
    for (const f of rest) console.log(`  other: ${describe(f)}`);
    for (const item of review) console.log(`  to review by eye: ${item}`);
    expect(blocking.map(describe), 'serious or critical violations, or content outside landmarks').toEqual([]);
    expect(scanned).toHaveLength(21);
  });
}
