import { afterEach, describe, expect, it } from 'vitest';
import { luhnCheckDigit } from '../../core/credential-id.js';
import { codeAt, startHarness, stepOf, wrongCode, type Harness } from './test-support/harness.js';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const rejected = (reason: string) => ({ result: 'rejected', reason });

describe('POST /v1/register', () => {
  it('registers with a current code, and consumes that code', async () => {
    h = await startHarness();
    const cred = await h.provision();
    const code = codeAt(cred.secret, h.clock.ms);
    expect((await h.post('/v1/register', { userId: 'alice', credentialId: cred.credentialId, code })).body).toEqual({ result: 'registered' });
    expect((await h.counters(cred.credentialId)).lastStep).toBe(stepOf(h.clock.ms));
    // The registration code cannot then log in.
    expect((await h.post('/v1/validate', { userId: 'alice', code })).body).toEqual(rejected('replayed'));
  });

  it('accepts the ID as people type it (lower case, spaces, hyphen)', async () => {
    h = await startHarness();
    const cred = await h.provision();
    const typed = `${cred.credentialId.slice(0, 4).toLowerCase()} ${cred.credentialId.slice(4, 8)}-${cred.credentialId.slice(8)}`;
    const r = await h.post('/v1/register', { userId: 'alice', credentialId: typed, code: codeAt(cred.secret, h.clock.ms) });
    expect(r.body).toEqual({ result: 'registered' });
  });

  it('refuses a wrong code, counted by the registration throttle and not toward the credential lockout', async () => {
    h = await startHarness();
    const cred = await h.provision();
    const r = await h.post('/v1/register', { userId: 'alice', credentialId: cred.credentialId, code: wrongCode(cred.secret, h.clock.ms) });
    expect(r.body).toEqual(rejected('invalid_code'));
    expect((await h.counters(cred.credentialId)).failures).toBe(0);
    expect(await h.sql('SELECT kind, key, failures FROM registration_throttle ORDER BY kind')).toEqual([
      { kind: 'credential', key: cred.credentialId, failures: 1 },
      { kind: 'user', key: 'alice', failures: 1 },
    ]);
  });

  it('refuses a code two steps old', async () => {
    h = await startHarness();
    const cred = await h.provision();
    const r = await h.post('/v1/register', { userId: 'alice', credentialId: cred.credentialId, code: codeAt(cred.secret, h.clock.ms, -2) });
    expect(r.body).toEqual(rejected('invalid_code'));
  });

  it('refuses an unknown credential with a valid check digit', async () => {
    h = await startHarness();
    const cred = await h.provision();
    // Same secret's code, but an ID nobody was issued.
    let body = cred.credentialId.slice(4, 11);
    body = String((Number(body) + 1) % 10_000_000).padStart(7, '0');
    const other = `MAMO${body}${luhnCheckDigit(body)}`;
    const r = await h.post('/v1/register', { userId: 'alice', credentialId: other, code: codeAt(cred.secret, h.clock.ms) });
    expect(r.body).toEqual(rejected('unknown_credential'));
  });

  it('refuses a bad check digit, a wrong prefix and junk as malformed_credential_id, before any lookup', async () => {
    h = await startHarness();
    const cred = await h.provision();
    const code = codeAt(cred.secret, h.clock.ms);
    const last = Number(cred.credentialId.at(-1));
    const badCheck = cred.credentialId.slice(0, 11) + String((last + 1) % 10);
    for (const credentialId of [badCheck, 'ABCD' + cred.credentialId.slice(4), 'MAMO1234', '', 'MAMO１２３４５６７８', "MAMO' OR 1=1--"]) {
      const r = await h.post('/v1/register', { userId: 'alice', credentialId, code });
      expect(r.body, credentialId).toEqual(rejected('malformed_credential_id'));
    }
    expect((await h.counters(cred.credentialId)).failures).toBe(0);
  });

  it('refuses an already registered credential (same party or another), and a user who already has one', async () => {
    h = await startHarness();
    const cred = await h.enrol('alice');
    h.clock.nextStep();
    const code = codeAt(cred.secret, h.clock.ms);
    expect((await h.post('/v1/register', { userId: 'alice', credentialId: cred.credentialId, code })).body).toEqual(rejected('already_registered'));
    expect((await h.post('/v1/register', { userId: 'bob', credentialId: cred.credentialId, code })).body).toEqual(rejected('already_registered'));
    const other = await h.service.createRelyingParty('Other Bank');
    expect((await h.post('/v1/register', { userId: 'carol', credentialId: cred.credentialId, code }, other.apiKey)).body).toEqual(rejected('already_registered'));
    // None of these touched the credential: its code is still good for alice's login.
    expect((await h.post('/v1/validate', { userId: 'alice', code })).body).toEqual({ result: 'accepted' });

    const second = await h.provision();
    const r = await h.post('/v1/register', { userId: 'alice', credentialId: second.credentialId, code: codeAt(second.secret, h.clock.ms) });
    expect(r.body).toEqual(rejected('already_registered'));
  });

  it('refuses an expired credential (3 years after provisioning)', async () => {
    h = await startHarness();
    const cred = await h.provision();
    h.clock.advance(3 * 366 * 24 * 3600 * 1000);
    const r = await h.post('/v1/register', { userId: 'alice', credentialId: cred.credentialId, code: codeAt(cred.secret, h.clock.ms) });
    expect(r.body).toEqual(rejected('expired'));
  });

  it('registers a free credential that the old rule locked (wrong registration codes used to count), starting it at 0 failures', async () => {
    h = await startHarness();
    const cred = await h.provision();
    // As a database written before migration 2 may hold it: locked, and registered to nobody.
    await h.exec('UPDATE credentials SET failures = 10 WHERE id = ?', cred.credentialId);
    const r = await h.post('/v1/register', { userId: 'alice', credentialId: cred.credentialId, code: codeAt(cred.secret, h.clock.ms) });
    expect(r.body).toEqual({ result: 'registered' });
    expect(await h.counters(cred.credentialId)).toMatchObject({ failures: 0, lastStep: stepOf(h.clock.ms) });
    h.clock.nextStep();
    expect((await h.post('/v1/validate', { userId: 'alice', code: codeAt(cred.secret, h.clock.ms) })).body).toEqual({ result: 'accepted' });
  });

  it('allows a new registration after unregistering, and never the old codes again', async () => {
    h = await startHarness();
    const cred = await h.enrol('alice');
    h.clock.nextStep();
    const stopCode = codeAt(cred.secret, h.clock.ms);
    expect((await h.post('/v1/unregister', { userId: 'alice', code: stopCode })).body).toEqual({ result: 'unregistered' });
    expect((await h.post('/v1/validate', { userId: 'alice', code: stopCode })).body).toEqual(rejected('not_registered'));
    expect((await h.post('/v1/register', { userId: 'alice', credentialId: cred.credentialId, code: stopCode })).body).toEqual(rejected('invalid_code'));
    h.clock.nextStep();
    expect((await h.post('/v1/register', { userId: 'alice', credentialId: cred.credentialId, code: codeAt(cred.secret, h.clock.ms) })).body).toEqual({
      result: 'registered',
    });
  });
});

describe('POST /v1/unregister', () => {
  it('refuses wrong, replayed and unknown-user requests, and keeps the registration', async () => {
    h = await startHarness();
    const cred = await h.enrol('alice');
    const registrationCode = codeAt(cred.secret, h.clock.ms);
    expect((await h.post('/v1/unregister', { userId: 'alice', code: registrationCode })).body).toEqual(rejected('replayed'));
    expect((await h.post('/v1/unregister', { userId: 'alice', code: wrongCode(cred.secret, h.clock.ms) })).body).toEqual(rejected('invalid_code'));
    expect((await h.post('/v1/unregister', { userId: 'nobody', code: '123456' })).body).toEqual(rejected('not_registered'));
    expect((await h.post('/v1/unregister', { userId: 'alice', code: '12345' })).body).toEqual(rejected('invalid_code'));
    h.clock.nextStep();
    expect((await h.post('/v1/validate', { userId: 'alice', code: codeAt(cred.secret, h.clock.ms) })).body).toEqual({ result: 'accepted' });
  });
});
