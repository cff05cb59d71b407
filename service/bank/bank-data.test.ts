/**
 * The bank's own data: demo accounts seeded once and the same on every start, secrets kept
 * 0600, the token flag surviving a restart, and the small security helpers (HTML escaping,
 * signed session IDs, CSRF tokens, scrypt hashes).
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openAccountStore } from './accounts-store.js';
import { checkCsrf, csrfToken } from './csrf.js';
import { html } from './html.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { createSessionManager } from './session.js';
import { startBank } from './start-bank.js';

const dirs: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'mamori-bank-data-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

// No token service is needed to start the bank: it only calls the service when a customer acts.
const DEAD_SERVICE = 'http://127.0.0.1:9';

describe('startBank', () => {
  it('seeds demo accounts once, returns the same ones on every start, and keeps secrets 0600', async () => {
    const dataDir = join(tempDir(), 'bank');
    const first = await startBank({ dataDir, serviceUrl: DEAD_SERVICE, apiKey: 'k', port: 0 });
    expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(first.accounts).toHaveLength(3);
    for (const a of first.accounts) {
      expect(a.contractId).toMatch(/^\d{10}$/);
      expect(a.password).toMatch(/^[A-Za-z2-9]{10}$/);
      expect(a.name.length).toBeGreaterThan(0);
    }
    await first.close();

    const second = await startBank({ dataDir, serviceUrl: DEAD_SERVICE, apiKey: 'k', port: 0 });
    expect(second.accounts).toEqual(first.accounts);
    await second.close();

    for (const name of ['session.key', 'accounts.json', 'demo-accounts.json'])
      expect(statSync(join(dataDir, name)).mode & 0o777).toBe(0o600);
    const stored = readFileSync(join(dataDir, 'accounts.json'), 'utf8');
    for (const a of first.accounts) expect(stored).not.toContain(a.password);
    expect(stored).toContain('scrypt$32768$8$1$');
  });

  it('writes the token flag through to disk', async () => {
    const dataDir = tempDir();
    const bank = await startBank({ dataDir, serviceUrl: DEAD_SERVICE, apiKey: 'k', port: 0 });
    await bank.close();
    const store = openAccountStore(dataDir);
    const id = store.all()[0]?.contractId ?? '';
    store.setHasToken(id, true);
    expect(openAccountStore(dataDir).find(id)?.hasToken).toBe(true);
    store.setHasToken(id, false);
    expect(openAccountStore(dataDir).find(id)?.hasToken).toBe(false);
  });

  it('tells its starter which demo accounts already have a token (the demo suggests one without)', async () => {
    const dataDir = tempDir();
    const first = await startBank({ dataDir, serviceUrl: DEAD_SERVICE, apiKey: 'k', port: 0 });
    await first.close();
    expect(first.accounts.map((a) => a.hasToken)).toEqual([false, false, false]);
    const id = first.accounts[0]?.contractId ?? '';
    openAccountStore(dataDir).setHasToken(id, true);
    const second = await startBank({ dataDir, serviceUrl: DEAD_SERVICE, apiKey: 'k', port: 0 });
    await second.close();
    expect(second.accounts.map((a) => a.hasToken)).toEqual([true, false, false]);
  });

  it('refuses to start on a damaged accounts file instead of reseeding it', async () => {
    const dataDir = tempDir();
    await (await startBank({ dataDir, serviceUrl: DEAD_SERVICE, apiKey: 'k', port: 0 })).close();
    writeFileSync(join(dataDir, 'accounts.json'), '{"version":1,"accounts":[{"contractId":1}]}');
    await expect(startBank({ dataDir, serviceUrl: DEAD_SERVICE, apiKey: 'k', port: 0 })).rejects.toThrow(/malformed/);
  });

  it('refuses to start on a session key file that holds no key', async () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'session.key'), 'not a key', { mode: 0o600 });
    await expect(startBank({ dataDir, serviceUrl: DEAD_SERVICE, apiKey: 'k', port: 0 })).rejects.toThrow(/32-byte hex key/);
  });
});

describe('helpers', () => {
  it('escapes interpolated text but not nested templates', () => {
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p title="${`"'&`}">${inner}${['<', 1]}${null}${false}</p>`.value).toBe(
      '<p title="&quot;&#39;&amp;"><b>&lt;i&gt;</b>&lt;1</p>',
    );
  });

  it('hashes passwords with a random salt and verifies them', async () => {
    const a = await hashPassword('secret');
    const b = await hashPassword('secret');
    expect(a).not.toBe(b);
    expect(await verifyPassword('secret', a)).toBe(true);
    expect(await verifyPassword('Secret', a)).toBe(false);
    expect(await verifyPassword('x'.repeat(5000), a)).toBe(false);
    await expect(verifyPassword('secret', 'md5$abc')).rejects.toThrow();
  });

  it('signs session IDs and binds CSRF tokens to them', () => {
    const key = Buffer.alloc(32, 7);
    const sessions = createSessionManager({ key });
    const sid = sessions.newId();
    const cookie = sessions.cookieValue(sid);
    expect(sessions.verify(cookie)).toBe(sid);
    // Flip the tag's first character: its last one partly encodes padding bits that do not count.
    const [id, tag = ''] = cookie.split('.');
    expect(sessions.verify(`${id}.${(tag.startsWith('A') ? 'B' : 'A') + tag.slice(1)}`)).toBeNull();
    expect(sessions.verify(`${sessions.newId()}.${cookie.split('.')[1] ?? ''}`)).toBeNull();
    expect(createSessionManager({ key: Buffer.alloc(32, 8) }).verify(cookie)).toBeNull();
    expect(sessions.verify(undefined)).toBeNull();

    expect(checkCsrf(key, sid, csrfToken(key, sid))).toBe(true);
    expect(checkCsrf(key, sid, csrfToken(key, sessions.newId()))).toBe(false);
    expect(checkCsrf(key, sid, undefined)).toBe(false);
    expect(checkCsrf(key, sid, '')).toBe(false);
  });

  it('moves the flow to a new session ID on rotation and forgets the old one', () => {
    const sessions = createSessionManager({ key: Buffer.alloc(32, 1), maxSessions: 2 });
    const sid = sessions.newId();
    sessions.setFlow(sid, { kind: 'register-otp', contractId: '1' });
    const next = sessions.rotate(sid);
    expect(sessions.getFlow(sid)).toBeNull();
    expect(sessions.getFlow(next)).toEqual({ kind: 'register-otp', contractId: '1' });
    // Bounded: the least recently used session goes first.
    sessions.setFlow('b', { kind: 'signed-in', contractId: '2' });
    sessions.setFlow('c', { kind: 'signed-in', contractId: '3' });
    expect(sessions.getFlow(next)).toBeNull();
    expect(sessions.getFlow('c')).not.toBeNull();
  });

  it('gives a flash once, moves it on rotation, and never lets flashes push out a login', () => {
    const sessions = createSessionManager({ key: Buffer.alloc(32, 1), maxSessions: 2 });
    const flash = { path: '/login', status: 200, error: 'wrong', values: { contractId: '1' } };
    sessions.setFlash('a', flash);
    expect(sessions.takeFlash('a')).toEqual(flash);
    expect(sessions.takeFlash('a')).toBeNull();

    sessions.setFlow('b', { kind: 'signed-in', contractId: '2' });
    sessions.setFlash('b', flash);
    const next = sessions.rotate('b');
    expect(sessions.takeFlash('b')).toBeNull();
    expect(sessions.takeFlash(next)).toEqual(flash);

    // A flood of refused posts from strangers: only older flashes go, the signed-in customer stays.
    for (let i = 0; i < 10; i++) sessions.setFlash(`stranger-${i}`, flash);
    expect(sessions.getFlow(next)).toEqual({ kind: 'signed-in', contractId: '2' });
    expect(sessions.takeFlash('stranger-0')).toBeNull();
    expect(sessions.takeFlash('stranger-9')).toEqual(flash);
    sessions.setFlash(next, flash);
    sessions.clear(next);
    expect(sessions.takeFlash(next)).toBeNull();
  });
});
