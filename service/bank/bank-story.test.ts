/**
 * The seed's story against the real token service over real HTTP: log in without a token,
 * register one through the three screens, log in with one-time passwords (valid, replayed,
 * wrong, locked), stop it, and log in without one again. The service's clock is injected;
 * nothing waits for real time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfOf, type BankBrowser } from './test-support/bank-browser.js';
import { startBankWorld, type BankWorld, type Token } from './test-support/bank-world.js';

let world: BankWorld;
beforeAll(async () => {
  world = await startBankWorld();
});
afterAll(async () => {
  await world.close();
});

const customer = (i: number): { contractId: string; password: string; name: string } => {
  const account = world.bank.accounts[i];
  if (account === undefined) throw new Error(`no demo account ${i}`);
  return account;
};

async function logIn(browser: BankBrowser, i: number) {
  await browser.get('/login');
  const { contractId, password } = customer(i);
  return browser.post('/login', { contractId, password });
}

async function register(browser: BankBrowser, i: number, token: Token) {
  await browser.get('/register');
  const { contractId, password } = customer(i);
  await browser.post('/register', { contractId, password });
  return browser.post('/register/token', { tokenId: token.credentialId, code: token.code() });
}

describe('the customer story', () => {
  let browser: BankBrowser;
  let token: Token;
  /** What the registration form carried, for re-posting it. */
  let registration: Record<string, string> = {};

  beforeAll(async () => {
    browser = world.browser();
    token = await world.provision();
  });

  it('shows the login screen with the guide links', async () => {
    const page = await browser.get('/');
    expect(page.path).toBe('/login');
    expect(page.html).toContain('<label for="contractId">契約者ID(利用者番号)</label>');
    expect(page.html).toContain('<label for="password">ログインパスワード</label>');
    for (const link of ['ワンタイムパスワードのご案内', 'ワンタイムパスワードの利用登録はこちら', 'ワンタイムパスワードの利用停止はこちら'])
      expect(page.text).toContain(link);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.html).not.toContain('<script');
  });

  it('logs a customer without a token straight in to the account page', async () => {
    const page = await logIn(browser, 0);
    expect(page.path).toBe('/account');
    expect(page.text).toContain(customer(0).name);
    expect(page.text).toContain('残高');
    expect(page.text).toContain('1,234,567円');
    const out = await browser.post('/logout', {});
    expect(out.path).toBe('/login?done=logout');
    expect(out.text).toContain('ログアウトしました。');
    expect((await browser.get('/account')).path).toBe('/login');
  });

  it('registers the token through 利用者認証, 登録情報入力 and 処理結果', async () => {
    const auth = await browser.get('/register');
    expect(auth.text).toContain('ワンタイムパスワード利用登録');
    expect(auth.text).toContain('利用者認証 >> ワンタイムパスワード登録情報入力 >> 処理結果');
    expect(auth.html).toContain('<label for="contractId">契約者ID</label>');
    expect(auth.html).toContain('>次へ</button>');

    const { contractId, password } = customer(0);
    const input = await browser.post('/register', { contractId, password });
    expect(input.path).toBe('/register/token');
    expect(input.html).toContain('<label for="tokenId">トークンID</label>');
    expect(input.html).toContain('<label for="code">ワンタイムパスワード</label>');
    expect(input.html).toContain('>登録</button>');

    registration = { tokenId: token.credentialId, code: token.code(), _csrf: csrfOf(input.html) ?? '' };
    const result = await browser.post('/register/token', registration);
    expect(result.status).toBe(200);
    expect(result.path).toBe('/register/result');
    expect(result.text).toContain('利用者認証 >> ワンタイムパスワード登録情報入力 >> 処理結果');
    expect(result.text).toContain('ワンタイムパスワードの利用登録が完了しました。');
    expect(result.html).toContain('>ログイン画面に戻る</button>');
  });

  it('refuses a re-posted registration form with a clear page and keeps the token', async () => {
    const replay = await browser.post('/register/token', registration, { csrf: registration._csrf ?? '' });
    expect(replay.status).toBe(409);
    expect(replay.text).toContain('このお手続きはすでに完了しています。');
    // Reloading the result page is harmless (Post/Redirect/Get).
    expect((await browser.get('/register/result')).text).toContain('ワンタイムパスワードの利用登録が完了しました。');
  });

  it('now asks for the one-time password at login, and a valid code logs in', async () => {
    const otp = await logIn(browser, 0);
    expect(otp.path).toBe('/login/otp');
    expect(otp.html).toContain('<label for="code">ワンタイムパスワード</label>');
    // Without the code the account page stays shut.
    expect((await browser.get('/account')).path).toBe('/login');

    const again = await logIn(browser, 0);
    expect(again.path).toBe('/login/otp');
    world.clock.nextStep(); // registration consumed the previous step's code
    const account = await browser.post('/login/otp', { code: token.code() });
    expect(account.path).toBe('/account');
    expect(account.text).toContain('利用中');
    await browser.post('/logout', {});
  });

  it('refuses the code just used with the already-used message', async () => {
    const used = token.code();
    await logIn(browser, 0);
    const page = await browser.post('/login/otp', { code: used });
    expect(page.path).toBe('/login/otp');
    expect(page.text).toContain('このワンタイムパスワードはすでに使用されています。');
  });

  it('refuses a wrong code with the wrong-code message', async () => {
    const page = await browser.post('/login/otp', { code: token.wrongCode() });
    expect(page.text).toContain('ワンタイムパスワードが正しくありません。');
    // The next code still works: one mistake is not a lockout.
    world.clock.nextStep();
    expect((await browser.post('/login/otp', { code: token.code() })).path).toBe('/account');
    await browser.post('/logout', {});
  });

  it('stops the token through 利用者認証, ワンタイムパスワード入力 and 処理結果', async () => {
    const auth = await browser.get('/stop');
    expect(auth.text).toContain('ワンタイムパスワード利用停止');
    expect(auth.text).toContain('利用者認証 >> ワンタイムパスワード入力 >> 処理結果');
    const { contractId, password } = customer(0);
    const input = await browser.post('/stop', { contractId, password });
    expect(input.path).toBe('/stop/otp');
    expect(input.html).toContain('>停止</button>');
    world.clock.nextStep();
    const result = await browser.post('/stop/otp', { code: token.code() });
    expect(result.path).toBe('/stop/result');
    expect(result.text).toContain('ワンタイムパスワードの利用停止が完了しました。');
    expect(result.text).toContain('利用者認証 >> ワンタイムパスワード入力 >> 処理結果');
  });

  it('no longer asks for a one-time password after the stop', async () => {
    const page = await logIn(browser, 0);
    expect(page.path).toBe('/account');
    expect(page.text).toContain('未登録');
    await browser.post('/logout', {});
    // And there is nothing left to stop.
    await browser.get('/stop');
    const { contractId, password } = customer(0);
    expect((await browser.post('/stop', { contractId, password })).text).toContain('ワンタイムパスワードの利用登録はありません。');
  });

  it('can register a token again after stopping', async () => {
    const fresh = await world.provision();
    const result = await register(browser, 0, fresh);
    expect(result.text).toContain('ワンタイムパスワードの利用登録が完了しました。');
    expect((await logIn(browser, 0)).path).toBe('/login/otp');
  });
});

describe('lockout', () => {
  it('shows the locked message after 10 wrong codes, even for a correct code', async () => {
    const browser = world.browser();
    const token = await world.provision();
    expect((await register(browser, 1, token)).path).toBe('/register/result');
    world.clock.nextStep();
    await logIn(browser, 1);
    for (let i = 0; i < 10; i++) {
      const page = await browser.post('/login/otp', { code: token.wrongCode() });
      expect(page.text).toMatch(/ワンタイムパスワードが正しくありません。|ロックされています/);
    }
    const locked = await browser.post('/login/otp', { code: token.code() });
    expect(locked.path).toBe('/login/otp');
    expect(locked.text).toContain('ワンタイムパスワードはロックされています');
    expect(locked.text).toContain('お取引店までお問い合わせください');
    expect((await browser.get('/account')).path).toBe('/login');

    // Stopping needs a code too, so a locked token cannot be stopped either.
    await browser.get('/stop');
    await browser.post('/stop', { contractId: customer(1).contractId, password: customer(1).password });
    world.clock.nextStep();
    expect((await browser.post('/stop/otp', { code: token.code() })).text).toContain('ロックされています');
  });
});

describe('the lockout screen', () => {
  it('drops the code form and tells the customer to call the bank, who unlocks after checking identity, in Japanese and English', async () => {
    const browser = world.browser();
    const token = await world.provision();
    expect((await register(browser, 2, token)).path).toBe('/register/result');
    world.clock.nextStep();
    await logIn(browser, 2);
    for (let i = 0; i < 10; i++) await browser.post('/login/otp', { code: token.wrongCode() });
    const locked = await browser.post('/login/otp', { code: token.code() });
    expect(locked.path).toBe('/login/otp');
    // Nothing typed on this screen could be accepted, so it offers no code field at all.
    expect(locked.html).not.toContain('<input id="code"');
    expect(locked.html).not.toContain('action="/login/otp"');
    expect(locked.text).toContain('ワンタイムパスワードはロックされています');
    expect(locked.text).toContain('ヘルプデスクまたはお取引店までお問い合わせください');
    expect(locked.text).toContain('ご本人さまであることを確認');
    expect(locked.text).toContain('ロックを解除いたします');
    expect(locked.text).toMatch(/電話番号 0120-\d{3}-\d{3}/);
    expect(locked.text).toContain('受付時間 平日 9:00〜17:00');
    expect(locked.text).toContain('デモ用の架空の電話番号です');
    expect(locked.html).toContain('<form method="get" action="/login"');
    expect(locked.html).toContain('>ログイン画面に戻る</button>');

    const english = await browser.get('/login/otp?lang=en');
    expect(english.html).not.toContain('<input id="code"');
    expect(english.text).toContain('your one-time password is locked');
    expect(english.text).toContain('After confirming your identity, the bank will unlock it');
    expect(english.text).toMatch(/Phone 0120-\d{3}-\d{3}/);
    expect(english.text).toContain('Hours Weekdays 9:00');
    expect(english.html).toContain('>Back to login</button>');
    await browser.get('/login?lang=ja');

    // The stop procedure meets the same lock and says the same.
    await browser.get('/stop');
    await browser.post('/stop', { contractId: customer(2).contractId, password: customer(2).password });
    world.clock.nextStep();
    const stop = await browser.post('/stop/otp', { code: token.code() });
    expect(stop.path).toBe('/stop/otp');
    expect(stop.html).not.toContain('<input id="code"');
    expect(stop.text).toContain('ワンタイムパスワードはロックされています');
    expect(stop.text).toContain('ご本人さまであることを確認');
  });
});

describe('English', () => {
  it('switches with ?lang=en and remembers it in a cookie', async () => {
    const browser = world.browser();
    const page = await browser.get('/login?lang=en');
    expect(page.html).toContain('<html lang="en">');
    expect(page.html).toContain('<label for="contractId">Contract ID (user number)</label>');
    expect((await browser.get('/register')).text).toContain('Identification >> Token details >> Result');
    const wrong = await browser.post('/register', { contractId: '0000000000', password: 'nope' });
    expect(wrong.text).toContain('The contract ID or login password is not correct.');
    expect((await browser.get('/login?lang=ja')).html).toContain('<html lang="ja">');
  });
});
