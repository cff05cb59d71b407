/**
 * Post/redirect/get: every post, accepted or refused, answers 303 with a Location whose GET
 * renders the outcome from the session. So Back and reload never offer to send a form again,
 * a message about a post is shown once (a reload does not pretend the post was tried again),
 * and what the customer typed, never a password or a code, is back in the form.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from './messages-en.js';
import { ja } from './messages-ja.js';
import type { BankBrowser, Page, PostOptions } from './test-support/bank-browser.js';
import { startBankWorld, type BankWorld, type Token } from './test-support/bank-world.js';

let current: BankWorld | null = null;
const world = (): BankWorld => {
  if (current === null) throw new Error('no bank world');
  return current;
};
/** Each block gets fresh accounts and a fresh token service. */
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
  return { contractId: account.contractId, password: account.password };
};

const heading = (page: Page): string => /<h1>([^<]*)<\/h1>/.exec(page.html)?.[1] ?? '';

interface Outcome {
  /** Where the post sends the browser. */
  readonly to: string;
  /** The status of that page when it shows the outcome. */
  readonly status?: number;
  /** What the page shows after the post. */
  readonly shows?: readonly string[];
  /** What only that first showing says: a reload must not say it again. */
  readonly once?: readonly string[];
  /** What the page says from the session's state, reload after reload. */
  readonly stays?: readonly string[];
}

/**
 * One post, checked as a browser lives it: 303 to `to`, the GET there shows the outcome, and
 * a reload (a second GET) shows the same screen without repeating the one-time message.
 */
async function expectPrg(browser: BankBrowser, path: string, fields: Record<string, string>, outcome: Outcome, opts: PostOptions = {}): Promise<Page> {
  const answer = await browser.submit(path, fields, opts);
  expect(answer.status, `POST ${path} answers with a redirect`).toBe(303);
  expect(answer.location, `POST ${path} redirects`).toBe(outcome.to);
  const first = await browser.get(outcome.to);
  expect(first.path).toBe(outcome.to);
  expect(first.status, `GET ${outcome.to} after POST ${path}`).toBe(outcome.status ?? 200);
  for (const text of [...(outcome.shows ?? []), ...(outcome.once ?? []), ...(outcome.stays ?? [])]) expect(first.text).toContain(text);

  const reload = await browser.get(outcome.to);
  expect(reload.path, 'the reload shows the same address').toBe(outcome.to);
  expect(reload.status, `reload of ${outcome.to}`).toBe(200);
  expect(heading(reload), 'the reload shows the same screen').toBe(heading(first));
  for (const text of outcome.once ?? []) expect(reload.text, 'a reload does not repeat the message').not.toContain(text);
  for (const text of outcome.stays ?? []) expect(reload.text).toContain(text);
  return first;
}

/** The value an input of the page holds. */
const valueOf = (page: Page, id: string): string | undefined => new RegExp(`<input id="${id}"[^>]*value="([^"]*)"`).exec(page.html)?.[1];

async function signIn(browser: BankBrowser, i: number): Promise<Page> {
  await browser.get('/login');
  return browser.post('/login', customer(i));
}

async function registerToken(browser: BankBrowser, i: number, token: Token): Promise<void> {
  await browser.get('/register');
  await browser.post('/register', customer(i));
  const result = await browser.post('/register/token', { tokenId: token.credentialId, code: token.code() });
  expect(result.path).toBe('/register/result');
  world().clock.nextStep();
}

describe('post/redirect/get: ログイン and ログアウト', () => {
  freshWorldPerBlock();

  it('answers a refused ログイン with 303 to /login: the reason once, the contract ID kept, never the password', async () => {
    const browser = world().browser();
    await browser.get('/login');
    const { contractId } = customer(0);
    const wrong = await expectPrg(browser, '/login', { contractId, password: 'wrong-password' }, { to: '/login', once: [ja.badPassword] });
    expect(valueOf(wrong, 'contractId')).toBe(contractId);
    expect(valueOf(wrong, 'password')).toBe('');
    expect(wrong.html).toContain('role="alert"');

    await expectPrg(browser, '/login', { contractId, password: '' }, { to: '/login', once: [ja.missingCredentials] });
    await expectPrg(browser, '/login', customer(0), { to: '/login', status: 403, once: [ja.csrfRejected] }, { csrf: false });
    await expectPrg(browser, '/login', {}, { to: '/login', status: 400, once: [ja.badRequest] }, { rawBody: `_csrf=${browser.csrf ?? ''}&contractId=1&contractId=2&password=x` });
    await expectPrg(browser, '/login', { contractId: '1'.repeat(20_000), password: 'x' }, { to: '/login', status: 413, once: [ja.tooLarge] });
    await expectPrg(browser, '/login', {}, { to: '/login', status: 415, once: [ja.unsupportedMedia] }, { rawBody: '{}', contentType: 'application/json' });
  });

  it('answers the refusal in English when the customer reads English', async () => {
    const browser = world().browser();
    await browser.get('/login?lang=en');
    await expectPrg(browser, '/login', { contractId: '0000000000', password: 'nope' }, { to: '/login', once: [en.badPassword] });
  });

  it('answers an accepted ログイン with 303 to the account page, which a reload shows again', async () => {
    const browser = world().browser();
    await browser.get('/login');
    await expectPrg(browser, '/login', customer(0), { to: '/account', stays: [ja.accountTitle, '1,234,567円'] });
  });

  it('answers ログアウト with 303 to the login page, and a stale ログアウト form with 303 to the account page', async () => {
    const browser = world().browser();
    await signIn(browser, 1);
    await expectPrg(browser, '/logout', {}, { to: '/account', status: 403, once: [ja.csrfRejected], stays: [ja.accountTitle] }, { csrf: 'x'.repeat(43) });
    await expectPrg(browser, '/logout', {}, { to: '/login?done=logout', stays: [ja.loggedOut] });
    expect((await browser.get('/account')).path).toBe('/login');
  });

  it('sends a step posted without its 利用者認証 back to the start of its procedure', async () => {
    const browser = world().browser();
    await browser.get('/login');
    await expectPrg(browser, '/login/otp', { code: '123456' }, { to: '/login', status: 409, once: [ja.flowExpired] });
    await expectPrg(browser, '/register/token', { tokenId: 'MAMO00000000', code: '123456' }, { to: '/register', status: 409, once: [ja.flowExpired] });
    await expectPrg(browser, '/stop/otp', { code: '123456' }, { to: '/stop', status: 409, once: [ja.flowExpired] });
  });
});

describe('post/redirect/get: 利用登録, ワンタイムパスワード認証 and 利用停止', () => {
  freshWorldPerBlock();

  let browser: BankBrowser;
  let token: Token;
  beforeAll(async () => {
    browser = world().browser();
    token = await world().provision();
  });

  it('answers 利用者認証 of 利用登録 with 303: back to /register when refused, on to /register/token when accepted', async () => {
    await browser.get('/register');
    await expectPrg(browser, '/register', { contractId: customer(0).contractId, password: 'wrong' }, { to: '/register', once: [ja.badPassword] });
    await expectPrg(browser, '/register', customer(0), { to: '/register/token', stays: [ja.registerTokenSection] });
  });

  it('answers each refusal of 登録情報入力 with 303 to the same step: the reason once, the token ID kept, never the code', async () => {
    const badId = await expectPrg(
      browser,
      '/register/token',
      { tokenId: 'MAMO1234', code: '123456' },
      { to: '/register/token', status: 400, once: [ja.credentialIdProblem('length', 8)], stays: [ja.registerTokenSection] },
    );
    expect(valueOf(badId, 'tokenId')).toBe('MAMO1234');
    expect(valueOf(badId, 'code')).toBe('');
    expect(badId.html).toMatch(/<input id="tokenId"[^>]*aria-invalid="true"/);

    const badCode = await expectPrg(browser, '/register/token', { tokenId: token.credentialId, code: '12a456' }, { to: '/register/token', status: 400, once: [ja.codeFormat] });
    expect(valueOf(badCode, 'tokenId')).toBe(token.credentialId);
    expect(badCode.html).toMatch(/<input id="code"[^>]*aria-invalid="true"/);

    await expectPrg(browser, '/register/token', { tokenId: 'MAMO00000000', code: '123456' }, { to: '/register/token', once: [ja.reject.unknown_credential] });
    await expectPrg(browser, '/register/token', { tokenId: token.credentialId, code: token.wrongCode() }, { to: '/register/token', once: [ja.reject.invalid_code] });
  });

  it('answers the registration with 303 to 処理結果, which a reload shows again; a re-post says once that it is done', async () => {
    const form = browser.csrf ?? '';
    await expectPrg(browser, '/register/token', { tokenId: token.credentialId, code: token.code() }, { to: '/register/result', stays: [ja.registerDone] });
    await expectPrg(
      browser,
      '/register/token',
      { tokenId: token.credentialId, code: token.code() },
      { to: '/register/result', status: 409, once: [ja.alreadyCompleted], stays: [ja.registerDone] },
      { csrf: form },
    );
    world().clock.nextStep();
  });

  it('answers 利用者認証 of a customer who already has a token with 303 back to /register', async () => {
    await browser.get('/register');
    await expectPrg(browser, '/register', customer(0), { to: '/register', once: [ja.alreadyHasToken] });
  });

  it('answers ワンタイムパスワード認証 with 303: wrong, malformed and used codes back to /login/otp, the right one on to /account', async () => {
    await browser.get('/login');
    await expectPrg(browser, '/login', customer(0), { to: '/login/otp', stays: [ja.loginOtpInstruction] });
    await expectPrg(browser, '/login/otp', { code: token.wrongCode() }, { to: '/login/otp', once: [ja.reject.invalid_code], stays: [ja.loginOtpInstruction] });
    await expectPrg(browser, '/login/otp', { code: '12345' }, { to: '/login/otp', status: 400, once: [ja.codeFormat] });
    const used = token.code();
    await expectPrg(browser, '/login/otp', { code: used }, { to: '/account', stays: [ja.otpInUse] });
    await browser.post('/logout', {});
    await signIn(browser, 0);
    await expectPrg(browser, '/login/otp', { code: used }, { to: '/login/otp', once: [ja.reject.replayed] });
    world().clock.nextStep();
    await browser.post('/login/otp', { code: token.code() });
    await browser.post('/logout', {});
    world().clock.nextStep();
  });

  it('answers 利用停止 with 303 at each step; 処理結果 shows again on reload; a re-post says once that it is done', async () => {
    await browser.get('/stop');
    await expectPrg(browser, '/stop', { contractId: customer(0).contractId, password: 'wrong' }, { to: '/stop', once: [ja.badPassword] });
    await expectPrg(browser, '/stop', customer(2), { to: '/stop', once: [ja.noToken] });
    await expectPrg(browser, '/stop', customer(0), { to: '/stop/otp', stays: [ja.stopOtpInstruction] });
    await expectPrg(browser, '/stop/otp', { code: token.wrongCode() }, { to: '/stop/otp', once: [ja.reject.invalid_code], stays: [ja.stopOtpInstruction] });
    await expectPrg(browser, '/stop/otp', { code: 'abcdef' }, { to: '/stop/otp', status: 400, once: [ja.codeFormat] });
    const form = browser.csrf ?? '';
    await expectPrg(browser, '/stop/otp', { code: token.code() }, { to: '/stop/result', stays: [ja.stopDone] });
    await expectPrg(browser, '/stop/otp', { code: token.code() }, { to: '/stop/result', status: 409, once: [ja.alreadyCompleted], stays: [ja.stopDone] }, { csrf: form });
  });
});

describe('post/redirect/get: a locked token, a paused registration, a token the service no longer knows', () => {
  freshWorldPerBlock();

  it('answers the lockout with 303 to the one-time password step, which shows the lock on every reload', async () => {
    const browser = world().browser();
    const token = await world().provision();
    await registerToken(browser, 1, token);
    await signIn(browser, 1);
    for (let i = 0; i < 10; i++) await browser.post('/login/otp', { code: token.wrongCode() });
    const locked = await expectPrg(browser, '/login/otp', { code: token.code() }, { to: '/login/otp', stays: [ja.lockedSection] });
    expect(locked.html).not.toContain('action="/login/otp"');
    // Posting the old form again changes nothing: the same locked screen.
    await expectPrg(browser, '/login/otp', { code: token.code() }, { to: '/login/otp', stays: [ja.lockedSection] }, { csrf: browser.csrf ?? '' });

    await browser.get('/stop');
    await browser.post('/stop', customer(1));
    world().clock.nextStep();
    const stopLocked = await expectPrg(browser, '/stop/otp', { code: token.code() }, { to: '/stop/otp', stays: [ja.lockedSection] });
    expect(stopLocked.html).not.toContain('action="/stop/otp"');
  });

  it('answers a paused registration with 303 to the same step: the wait once, the token ID kept', async () => {
    const browser = world().browser();
    const token = await world().provision();
    await browser.get('/register');
    await browser.post('/register', customer(0));
    for (let i = 0; i < 10; i++) await browser.post('/register/token', { tokenId: token.credentialId, code: token.wrongCode() });
    const paused = await expectPrg(
      browser,
      '/register/token',
      { tokenId: token.credentialId, code: token.code() },
      { to: '/register/token', status: 429, once: [ja.registerThrottled(15)] },
    );
    expect(valueOf(paused, 'tokenId')).toBe(token.credentialId);
    world().clock.ms += 16 * 60_000;
  });

  it('answers a code for a token the service no longer has with 303 to the start, saying so once', async () => {
    const browser = world().browser();
    const operatorUnregisters = async (token: Token, contractId: string): Promise<void> => {
      world().clock.nextStep();
      const response = await fetch(`${world().service.url}/v1/unregister`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${world().apiKey}` },
        body: JSON.stringify({ userId: contractId, code: token.code() }),
      });
      expect(await response.json()).toEqual({ result: 'unregistered' });
      world().clock.nextStep();
    };

    const first = await world().provision();
    await registerToken(browser, 2, first);
    await operatorUnregisters(first, customer(2).contractId);
    await signIn(browser, 2);
    await expectPrg(browser, '/login/otp', { code: first.code() }, { to: '/login', once: [ja.reject.not_registered] });

    const second = await world().provision();
    await registerToken(browser, 2, second);
    await operatorUnregisters(second, customer(2).contractId);
    await browser.get('/stop');
    await browser.post('/stop', customer(2));
    await expectPrg(browser, '/stop/otp', { code: second.code() }, { to: '/stop', once: [ja.noToken] });
  });
});

describe('post/redirect/get: a dead token service', () => {
  it('answers with 303 to the same step, saying once that nothing was done', async () => {
    const own = await startBankWorld();
    current = own;
    try {
      const browser = own.browser();
      const token = await own.provision();
      await browser.get('/register');
      await browser.post('/register', customer(0));
      await own.service.close();
      const page = await expectPrg(
        browser,
        '/register/token',
        { tokenId: token.credentialId, code: token.code() },
        { to: '/register/token', status: 503, once: [ja.serviceUnavailable], stays: [ja.registerTokenSection] },
      );
      expect(valueOf(page, 'tokenId')).toBe(token.credentialId);
    } finally {
      current = null;
      await own.close();
    }
  });
});
