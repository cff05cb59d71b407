/**
 * Everything a careless or hostile client can send: wrong passwords, missing or foreign CSRF
 * tokens, tampered fields and cookies, malformed token IDs and codes, replayed posts, odd
 * bodies, unknown routes, and a token service that is down. Each gets a clear Japanese page
 * (never a stack trace) and leaves the customer's state as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfOf, type BankBrowser, type Page } from './test-support/bank-browser.js';
import { startBankWorld, type BankWorld } from './test-support/bank-world.js';

/** The world of the describe block being run: each block gets fresh accounts and a fresh service. */
let current: BankWorld | null = null;
const world = (): BankWorld => {
  if (current === null) throw new Error('no bank world');
  return current;
};
function freshWorldPerBlock(): void {
  beforeAll(async () => {
    current = await startBankWorld();
  });
  afterAll(async () => {
    await current?.close();
    current = null;
  });
}

const customer = (i: number): { contractId: string; password: string } => {
  const account = world().bank.accounts[i];
  if (account === undefined) throw new Error(`no demo account ${i}`);
  return account;
};

/** A clear page: our HTML with the message, and nothing of a Node error. */
function expectClearPage(page: Page, status: number, message: string): void {
  expect(page.status).toBe(status);
  expect(page.headers.get('content-type')).toContain('text/html');
  expect(page.text).toContain(message);
  expect(page.html).toContain('<html lang="ja">');
  expect(page.html).not.toMatch(/\bat \S+\.(ts|js):\d+|FST_ERR|"statusCode"|Error:/);
}

async function toRegisterTokenStep(browser: BankBrowser, i: number): Promise<Page> {
  await browser.get('/register');
  const page = await browser.post('/register', customer(i));
  expect(page.path).toBe('/register/token');
  return page;
}

describe('bad passwords', () => {
  freshWorldPerBlock();

  it('says the same for an unknown contract ID as for a wrong password', async () => {
    const browser = world().browser();
    await browser.get('/login');
    const known = await browser.post('/login', { contractId: customer(0).contractId, password: 'wrong-password' });
    await browser.get('/login');
    const unknown = await browser.post('/login', { contractId: '9999999999', password: 'wrong-password' });
    expect(known.status).toBe(unknown.status);
    expect(known.text).toContain('契約者IDまたはログインパスワードが正しくありません。');
    const normalize = (page: Page, id: string) => page.html.replace(id, 'ID').replace(/name="_csrf" value="[^"]*"/, '');
    expect(normalize(known, customer(0).contractId)).toBe(normalize(unknown, '9999999999'));
    // The registration and stop screens answer the same way.
    for (const path of ['/register', '/stop']) {
      await browser.get(path);
      expect((await browser.post(path, { contractId: '9999999999', password: 'x' })).text).toContain(
        '契約者IDまたはログインパスワードが正しくありません。',
      );
    }
  });

  it('asks for both fields when one is empty', async () => {
    const browser = world().browser();
    await browser.get('/login');
    expect((await browser.post('/login', { contractId: customer(0).contractId })).text).toContain('契約者IDとログインパスワードを入力してください。');
  });

  it('escapes what was typed when showing it again', async () => {
    const browser = world().browser();
    await browser.get('/login');
    const page = await browser.post('/login', { contractId: '"><b>x</b>', password: 'p' });
    expect(page.html).toContain('value="&quot;&gt;&lt;b&gt;x&lt;/b&gt;"');
    expect(page.html).not.toContain('<b>x</b>');
  });
});

describe('CSRF', () => {
  freshWorldPerBlock();

  it('refuses a post without a token with a clear 403 page', async () => {
    const browser = world().browser();
    await browser.get('/login');
    expectClearPage(await browser.post('/login', customer(0), { csrf: false }), 403, 'この画面は有効期限が切れたか、正しくない手順で送信された');
  });

  it('refuses a wrong token, and one from another session', async () => {
    const browser = world().browser();
    await browser.get('/login');
    expectClearPage(await browser.post('/login', customer(0), { csrf: 'x'.repeat(43) }), 403, 'この画面は有効期限が切れた');
    const other = world().browser();
    const otherToken = csrfOf((await other.get('/login')).html) ?? '';
    expectClearPage(await browser.post('/login', customer(0), { csrf: otherToken }), 403, 'この画面は有効期限が切れた');
  });

  it('refuses a forged session cookie (its signature does not match)', async () => {
    const browser = world().browser();
    await browser.get('/login');
    const [name, value] = [...browser.cookies].find(([k]) => k === 'mamori_bank_session') ?? ['', ''];
    const [sid = ''] = value.split('.');
    browser.cookies.set(name, `${sid}.${'A'.repeat(43)}`);
    expectClearPage(await browser.post('/login', customer(0)), 403, 'この画面は有効期限が切れた');
  });

  it('sets the session cookie HttpOnly and SameSite=Strict', async () => {
    const response = await fetch(`${world().bank.url}/login`);
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('mamori_bank_session='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
  });
});

describe('flow state', () => {
  freshWorldPerBlock();

  it('cannot post the token form without passing 利用者認証', async () => {
    const browser = world().browser();
    await browser.get('/login');
    const token = await world().provision();
    const page = await browser.post('/register/token', { tokenId: token.credentialId, code: token.code() });
    expectClearPage(page, 409, 'お手続きの有効期限が切れたか、画面の順序が正しくありません。');
    expectClearPage(await browser.get('/register/token'), 409, '画面の順序が正しくありません');
    expectClearPage(await browser.get('/stop/otp'), 409, '画面の順序が正しくありません');
    expectClearPage(await browser.get('/login/otp'), 409, '画面の順序が正しくありません');
    // And the token was never registered: someone else can still register it.
    const other = world().browser();
    await toRegisterTokenStep(other, 2);
    expect((await other.post('/register/token', { tokenId: token.credentialId, code: token.code() })).path).toBe('/register/result');
  });

  it('ignores a tampered contract ID field: the server-side flow says whose token it is', async () => {
    const browser = world().browser();
    await toRegisterTokenStep(browser, 0);
    const token = await world().provision();
    const result = await browser.post('/register/token', { tokenId: token.credentialId, code: token.code(), contractId: customer(1).contractId, userId: customer(1).contractId });
    expect(result.path).toBe('/register/result');
    const victim = world().browser();
    await victim.get('/login');
    expect((await victim.post('/login', customer(1))).path).toBe('/account');
    const owner = world().browser();
    await owner.get('/login');
    expect((await owner.post('/login', customer(0))).path).toBe('/login/otp');
  });

  it('refuses a repeated field as a malformed form', async () => {
    const browser = world().browser();
    await browser.get('/login');
    const csrf = browser.csrf ?? '';
    const body = `_csrf=${csrf}&contractId=1&contractId=2&password=x`;
    expectClearPage(await browser.post('/login', {}, { rawBody: body }), 400, 'ご入力内容を受け付けることができませんでした。');
  });

  it('does not let an old session cookie back in after logout', async () => {
    const browser = world().browser();
    await browser.get('/login');
    expect((await browser.post('/login', customer(1))).path).toBe('/account');
    const stolen = new Map(browser.cookies);
    await browser.post('/logout', {});
    const thief = world().browser();
    for (const [k, v] of stolen) thief.cookies.set(k, v);
    expect((await thief.get('/account')).path).toBe('/login');
  });

  it('refuses a replayed login post after the session ID changed', async () => {
    const browser = world().browser();
    const form = await browser.get('/login');
    const csrf = csrfOf(form.html) ?? '';
    expect((await browser.post('/login', customer(1), { csrf })).path).toBe('/account');
    expectClearPage(await browser.post('/login', customer(1), { csrf }), 403, 'この画面は有効期限が切れた');
    // The customer is still signed in.
    expect((await browser.get('/account')).path).toBe('/account');
  });
});

describe('token ID and code checks', () => {
  freshWorldPerBlock();

  let browser: BankBrowser;
  let tokenId: string;
  beforeAll(async () => {
    browser = world().browser();
    tokenId = (await world().provision()).credentialId;
  });

  const cases: ReadonlyArray<[string, () => Record<string, string>, string]> = [
    ['an empty token ID', () => ({ tokenId: '', code: '123456' }), 'トークンIDを入力してください。'],
    ['an overlong token ID', () => ({ tokenId: `${tokenId}1234567890`, code: '123456' }), 'トークンIDは英字4文字と数字8桁の12文字です（入力された文字数: 22文字）'],
    ['a token ID with letters for digits', () => ({ tokenId: 'MAMOABCDEFGH', code: '123456' }), 'トークンIDの英字4文字の後は、半角数字8桁です。'],
    ['a token ID with digits for letters', () => ({ tokenId: '123456789012', code: '123456' }), 'トークンIDは英字4文字で始まります。'],
    [
      'a token ID with a wrong check digit',
      () => ({ tokenId: tokenId.slice(0, 11) + String((Number(tokenId.slice(11)) + 1) % 10), code: '123456' }),
      'チェックデジット',
    ],
    ['a code with letters', () => ({ tokenId, code: '12a456' }), 'ワンタイムパスワードは数字6桁で入力してください。'],
    ['an overlong code', () => ({ tokenId, code: '1234567' }), 'ワンタイムパスワードは数字6桁で入力してください。'],
    ['Arabic-Indic digits', () => ({ tokenId, code: '١٢٣٤٥٦' }), 'ワンタイムパスワードは数字6桁で入力してください。'],
  ];

  for (const [name, fields, message] of cases) {
    it(`refuses ${name} before asking the service`, async () => {
      await toRegisterTokenStep(browser, 2);
      const page = await browser.post('/register/token', fields());
      expectClearPage(page, 400, message);
      // Still on the same step: the customer can correct and retry.
      expect(page.html).toContain('<label for="tokenId">トークンID</label>');
    });
  }

  it('refuses a field far too long to be typed with a 400 page', async () => {
    await toRegisterTokenStep(browser, 2);
    expectClearPage(await browser.post('/register/token', { tokenId: 'M'.repeat(5000), code: '1' }), 400, 'ご入力内容を受け付けることができませんでした。');
    expect((await browser.get('/register/token')).status).toBe(200);
  });

  it('explains an unknown token ID the service does not know', async () => {
    await toRegisterTokenStep(browser, 2);
    const unknown = 'MAMO00000000'; // a valid check digit, never issued
    expect((await browser.post('/register/token', { tokenId: unknown, code: '123456' })).text).toContain('このトークンIDは発行されていません。');
  });

  it('refuses a code that is not 6 digits at login and at stop', async () => {
    const token = await world().provision();
    const b = world().browser();
    await toRegisterTokenStep(b, 2);
    await b.post('/register/token', { tokenId: token.credentialId, code: token.code() });
    await b.get('/login');
    await b.post('/login', customer(2));
    expectClearPage(await b.post('/login/otp', { code: '12345' }), 400, 'ワンタイムパスワードは数字6桁で入力してください。');
    expectClearPage(await b.post('/login/otp', { code: '9'.repeat(300) }), 400, 'ご入力内容を受け付けることができませんでした。');
    await b.get('/stop');
    await b.post('/stop', customer(2));
    expectClearPage(await b.post('/stop/otp', { code: 'abcdef' }), 400, 'ワンタイムパスワードは数字6桁で入力してください。');
  });
});

describe('too many wrong codes at registration', () => {
  freshWorldPerBlock();

  it('pauses registration with a clear page in Japanese and English, refusing even the right code, until the wait is over', async () => {
    const token = await world().provision();
    const browser = world().browser();
    await toRegisterTokenStep(browser, 0);
    for (let i = 0; i < 10; i++) {
      const page = await browser.post('/register/token', { tokenId: token.credentialId, code: token.wrongCode() });
      expect(page.text, `attempt ${i}`).toContain('ワンタイムパスワードが正しくありません。');
    }
    const paused = await browser.post('/register/token', { tokenId: token.credentialId, code: token.code() });
    expectClearPage(paused, 429, '利用登録を一時的に停止しています。この間は正しいワンタイムパスワードも受け付けられません。15分ほど時間をおいてから');
    // Still the same step, with the token ID as typed, so the customer can come back to it.
    expect(paused.path).toBe('/register/token');
    expect(paused.html).toContain(`value="${token.credentialId}"`);

    // 7 minutes later, in English: about 8 minutes left (rounded up).
    world().clock.ms += 7 * 60_000;
    expect((await browser.get('/register/token?lang=en')).html).toContain('<html lang="en">');
    const english = await browser.post('/register/token', { tokenId: token.credentialId, code: token.code() });
    expect(english.status).toBe(429);
    expect(english.text).toContain('Too many wrong one-time passwords: registration is paused for now, and even a correct one-time password is refused.');
    expect(english.text).toContain('Please try again in about 8 minutes.');

    world().clock.ms += 8 * 60_000;
    const done = await browser.post('/register/token', { tokenId: token.credentialId, code: token.code() });
    expect(done.path).toBe('/register/result');
    expect(done.text).toContain('Your one-time password token is registered.');
  });
});

describe('full-width input', () => {
  freshWorldPerBlock();

  /** As a Japanese input method types it: ＭＡＭＯ１２３４… */
  const wide = (text: string) => text.replace(/[0-9A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

  it('accepts a contract ID typed in full-width digits (１２３４５６７８９０) at login, registration and stop', async () => {
    const b = world().browser();
    const { contractId, password } = customer(0);
    expect(wide(contractId)).toBe('１２３４５６７８９０');
    await b.get('/login');
    expect((await b.post('/login', { contractId: wide(contractId), password })).path).toBe('/account');
    await b.post('/logout', {});
    // With an ideographic space around it, as a pasted ID may carry.
    await b.get('/stop');
    expect((await b.post('/stop', { contractId: `\u3000${wide(contractId)}\u3000`, password })).text).toContain('ワンタイムパスワードの利用登録はありません。');
    await b.get('/register');
    expect((await b.post('/register', { contractId: wide(contractId), password })).path).toBe('/register/token');
    // Folding makes no new spelling of another ID: a wrong password is still refused.
    await b.get('/login');
    expect((await b.post('/login', { contractId: wide(contractId), password: 'wrong' })).text).toContain('契約者IDまたはログインパスワードが正しくありません。');
  });

  it('accepts a token ID and code typed in full-width characters (as Japanese input methods type them)', async () => {
    const token = await world().provision();
    const b = world().browser();
    await toRegisterTokenStep(b, 2);
    const page = await b.post('/register/token', { tokenId: wide(token.credentialId), code: wide(token.code()) });
    expect(page.text).toContain('ワンタイムパスワードの利用登録が完了しました。');
  });
});

describe('odd requests', () => {
  freshWorldPerBlock();

  it('answers an unknown route with a Japanese 404 page', async () => {
    expectClearPage(await world().browser().get('/no/such/page'), 404, 'お探しのページは見つかりませんでした。');
  });

  it('refuses a JSON body with a clear 415 page', async () => {
    const browser = world().browser();
    await browser.get('/login');
    const page = await browser.post('/login', {}, { rawBody: JSON.stringify({ ...customer(0), _csrf: browser.csrf }), contentType: 'application/json' });
    expectClearPage(page, 415, 'この形式の送信は受け付けていません。');
  });

  it('refuses an oversized body with a clear 413 page', async () => {
    const browser = world().browser();
    await browser.get('/login');
    expectClearPage(await browser.post('/login', { contractId: '1'.repeat(20_000), password: 'x' }), 413, 'ご入力内容が長すぎるため');
  });

  it('serves the stylesheet and the guide', async () => {
    const css = await fetch(`${world().bank.url}/bank.css`);
    expect(css.headers.get('content-type')).toContain('text/css');
    expect((await world().browser().get('/guide')).text).toContain('30秒ごとに新しいものに変わる');
  });
});

describe('a dead token service', () => {
  it('shows a clear page and keeps the customer on the same step', async () => {
    const own = await startBankWorld();
    try {
      const browser = own.browser();
      const demo = own.bank.accounts[0];
      if (demo === undefined) throw new Error('no demo account');
      const account = { contractId: demo.contractId, password: demo.password };
      const token = await own.provision();
      await browser.get('/register');
      await browser.post('/register', account);
      await own.service.close();
      const page = await browser.post('/register/token', { tokenId: token.credentialId, code: token.code() });
      expectClearPage(page, 503, 'ただいまワンタイムパスワードの確認ができません。');
      expect((await browser.get('/register/token')).status).toBe(200);
      // Nothing was recorded: login still asks for no one-time password.
      await browser.get('/login');
      expect((await browser.post('/login', account)).path).toBe('/account');
    } finally {
      await own.close();
    }
  });
});
