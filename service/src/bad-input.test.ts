/**
 * Malformed requests: every one gets a 4xx with `{ error: { code, message } }`, never a 5xx,
 * and the service keeps working afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeAt, startHarness, type Harness } from './test-support/harness.js';

let h: Harness;
let cred: { credentialId: string; secret: string };
beforeAll(async () => {
  h = await startHarness();
  cred = await h.enrol('alice');
});
afterAll(async () => {
  await h.close();
});

interface Case {
  name: string;
  path: string;
  body: string | Uint8Array<ArrayBuffer>;
  contentType?: string;
  status: number;
}

const json = (v: unknown) => JSON.stringify(v);
const ok = { userId: 'alice', code: '123456' };

const cases: Case[] = [
  { name: 'invalid JSON', path: '/v1/validate', body: '{"userId": "alice", ', status: 400 },
  { name: 'empty body', path: '/v1/validate', body: '', status: 400 },
  { name: 'JSON null', path: '/v1/validate', body: 'null', status: 400 },
  { name: 'JSON array', path: '/v1/validate', body: '[]', status: 400 },
  { name: 'array of the right object', path: '/v1/validate', body: json([ok]), status: 400 },
  { name: 'JSON string', path: '/v1/validate', body: '"alice"', status: 400 },
  { name: 'JSON number', path: '/v1/validate', body: '123456', status: 400 },
  { name: 'JSON true', path: '/v1/validate', body: 'true', status: 400 },
  { name: 'empty object', path: '/v1/validate', body: '{}', status: 400 },
  { name: 'missing code', path: '/v1/validate', body: json({ userId: 'alice' }), status: 400 },
  { name: 'missing userId', path: '/v1/validate', body: json({ code: '123456' }), status: 400 },
  { name: 'null userId', path: '/v1/validate', body: json({ userId: null, code: '123456' }), status: 400 },
  { name: 'null code', path: '/v1/validate', body: json({ userId: 'alice', code: null }), status: 400 },
  { name: 'numeric userId (no coercion)', path: '/v1/validate', body: json({ userId: 42, code: '123456' }), status: 400 },
  { name: 'numeric code (no coercion)', path: '/v1/validate', body: json({ userId: 'alice', code: 123456 }), status: 400 },
  { name: 'array userId', path: '/v1/validate', body: json({ userId: ['alice'], code: '123456' }), status: 400 },
  { name: 'object userId', path: '/v1/validate', body: json({ userId: { $ne: '' }, code: '123456' }), status: 400 },
  { name: 'array code', path: '/v1/validate', body: json({ userId: 'alice', code: ['123456'] }), status: 400 },
  { name: 'boolean code', path: '/v1/validate', body: json({ userId: 'alice', code: true }), status: 400 },
  { name: 'extra field', path: '/v1/validate', body: json({ ...ok, admin: true }), status: 400 },
  { name: 'field name in another case', path: '/v1/validate', body: json({ userid: 'alice', code: '123456' }), status: 400 },
  { name: 'empty userId', path: '/v1/validate', body: json({ userId: '', code: '123456' }), status: 400 },
  { name: 'huge userId', path: '/v1/validate', body: json({ userId: 'a'.repeat(5000), code: '123456' }), status: 400 },
  { name: 'huge code', path: '/v1/validate', body: json({ userId: 'alice', code: '1'.repeat(5000) }), status: 400 },
  { name: 'control character in userId', path: '/v1/validate', body: json({ userId: 'ali\u0000ce', code: '123456' }), status: 400 },
  { name: '__proto__ key', path: '/v1/validate', body: '{"userId":"alice","code":"123456","__proto__":{"admin":true}}', status: 400 },
  { name: 'constructor.prototype key', path: '/v1/validate', body: '{"userId":"alice","code":"123456","constructor":{"prototype":{"admin":true}}}', status: 400 },
  { name: 'trailing garbage', path: '/v1/validate', body: json(ok) + ' DROP TABLE', status: 400 },
  { name: 'invalid UTF-8 bytes', path: '/v1/validate', body: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]), status: 400 },
  { name: 'deeply nested arrays', path: '/v1/validate', body: '['.repeat(2000) + ']'.repeat(2000), status: 400 },
  { name: 'body over the size limit', path: '/v1/validate', body: json({ userId: 'alice', code: 'x'.repeat(20_000) }), status: 413 },
  { name: 'text/plain', path: '/v1/validate', body: json(ok), contentType: 'text/plain', status: 415 },
  { name: 'form encoding', path: '/v1/validate', body: 'userId=alice&code=123456', contentType: 'application/x-www-form-urlencoded', status: 415 },
  { name: 'octet-stream', path: '/v1/validate', body: json(ok), contentType: 'application/octet-stream', status: 415 },
  { name: 'register: numeric credentialId', path: '/v1/register', body: json({ userId: 'bob', credentialId: 12345674, code: '123456' }), status: 400 },
  { name: 'register: huge credentialId', path: '/v1/register', body: json({ userId: 'bob', credentialId: 'M'.repeat(10_000), code: '123456' }), status: 400 },
  { name: 'register: missing credentialId', path: '/v1/register', body: json({ userId: 'bob', code: '123456' }), status: 400 },
  { name: 'register: extra field', path: '/v1/register', body: json({ userId: 'bob', credentialId: 'MAMO12345674', code: '123456', secret: 'AAAA' }), status: 400 },
  { name: 'unlock: extra code field', path: '/v1/unlock', body: json({ userId: 'alice', code: '123456' }), status: 400 },
  { name: 'unlock: boolean userId', path: '/v1/unlock', body: json({ userId: true }), status: 400 },
  { name: 'provision: missing platform', path: '/v1/provision', body: '{}', status: 400 },
  { name: 'provision: full-width digits', path: '/v1/provision', body: json({ platform: '１２３' }), status: 400 },
  { name: 'provision: SQL-looking platform', path: '/v1/provision', body: json({ platform: "linux'; DROP TABLE credentials; --" }), status: 400 },
  { name: 'provision: huge platform', path: '/v1/provision', body: json({ platform: 'l'.repeat(1000) }), status: 400 },
  { name: 'provision: asks for its own secret', path: '/v1/provision', body: json({ platform: 'linux', secret: 'JBSWY3DPEHPK3PXP' }), status: 400 },
  { name: 'provision: null platform', path: '/v1/provision', body: json({ platform: null }), status: 400 },
];

describe('malformed bodies', () => {
  it(`there are at least 30 cases (${cases.length})`, () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases)('$name → $status JSON error', async (c) => {
    const r = await h.raw(c.path, {
      method: 'POST',
      headers: { 'content-type': c.contentType ?? 'application/json', authorization: `Bearer ${h.apiKey}` },
      body: c.body,
    });
    expect(r.status).toBe(c.status);
    expect(r.contentType).toMatch(/^application\/json/);
    const body = r.body as { error: { code: unknown; message: unknown } };
    expect(Object.keys(body)).toEqual(['error']);
    expect(Object.keys(body.error).sort()).toEqual(['code', 'message']);
    expect(typeof body.error.code).toBe('string');
    expect(typeof body.error.message).toBe('string');
    // Messages never echo what was sent.
    expect(body.error.message).not.toContain('123456');
  });

  it('unknown paths and wrong methods are 404 JSON', async () => {
    for (const [method, path] of [
      ['GET', '/v1/validate'],
      ['POST', '/v1/time'],
      ['GET', '/v2/time'],
      ['DELETE', '/v1/register'],
      ['GET', '/../../etc/passwd'],
    ] as const) {
      const r = await h.raw(path, { method });
      expect(r.status, `${method} ${path}`).toBe(404);
      expect(r.body).toMatchObject({ error: { code: 'not_found' } });
    }
  });
});

describe('well-formed bodies with odd values are decisions, not errors', () => {
  const oddCodes = ['١٢٣٤٥٦', '१२३४५६', '12345', '1234567', '12345678', 'abcdef', "1' OR '1'='1", '123456\n', '0x1E240', '1e5', '\u200b123456'];
  it.each(oddCodes)('code %j is invalid_code without counting a failure', async (code) => {
    const r = await h.post('/v1/validate', { userId: 'alice', code });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ result: 'rejected', reason: 'invalid_code' });
    expect((await h.counters(cred.credentialId)).failures).toBe(0);
  });

  it('SQL-looking user IDs are just unknown users', async () => {
    for (const userId of ["alice' OR '1'='1", 'alice"; DROP TABLE registrations; --', '%', '*', 'ALICE']) {
      const r = await h.post('/v1/validate', { userId, code: '123456' });
      expect(r.status).toBe(200);
      expect(r.body).toEqual({ result: 'rejected', reason: 'not_registered' });
    }
  });

  it('the code as the window shows it, and as people type that (grouped, hyphenated, full-width), is accepted', async () => {
    const forms = [
      (c: string) => `${c.slice(0, 3)} ${c.slice(3)}`,
      (c: string) => ` ${c.slice(0, 3)}-${c.slice(3)} `,
      (c: string) => [...c].map((d) => String.fromCharCode(0xff10 + Number(d))).join(''),
    ];
    for (const form of forms) {
      h.clock.nextStep();
      const typed = form(codeAt(cred.secret, h.clock.ms));
      expect((await h.post('/v1/validate', { userId: 'alice', code: typed })).body, typed).toEqual({ result: 'accepted' });
    }
  });

  it('the service still works after all of the above', async () => {
    h.clock.nextStep();
    expect((await h.post('/v1/validate', { userId: 'alice', code: codeAt(cred.secret, h.clock.ms) })).body).toEqual({ result: 'accepted' });
  });
});
