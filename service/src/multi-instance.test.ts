/**
 * Several stateless instances over one PostgreSQL database (issue 7): three real service
 * PROCESSES (`node --import tsx service/src/main.ts serve`, as deployed) on three ports, started
 * together against one empty database. PostgreSQL runs only (MAMORI_TEST_DATABASE_URL).
 *
 * The clock: child processes run on the real clock (there is no clock override in a production
 * start), so codes are computed from Date.now(). Registration consumes step T, and T+1 is inside
 * the window at once; before each case we wait, by polling the clock, until at least 8 s of the
 * current step remain, so no step boundary falls inside a case. (Even one would not break the
 * assertions: T-1 and T+1 are both in the window.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { base32Decode } from '../../core/base32.js';
import { codeFor, newMasterKeyHex, serviceEnv, spawnService, type ServiceProcess } from '../../bench/service-helpers.js';
import { LOCK_THRESHOLD } from './domain/code-window.js';
import { createRelyingParty } from './domain/relying-parties.js';
import { MIGRATIONS } from './storage/migrations.js';
import { openPostgresStorage } from './storage/postgres-storage.js';
import { burstTo, type Reply } from './test-support/harness.js';
import { BACKEND, createTestDatabase, postgresSqlClient, type SqlClient, type TestDatabase } from './test-support/test-database.js';

const PERIOD_MS = 30_000;
const stepOf = (ms: number) => Math.floor(ms / PERIOD_MS);

/** Wait (polling the clock) until at least `ms` of the current step remain. */
async function freshStep(ms = 8_000): Promise<void> {
  while (PERIOD_MS - (Date.now() % PERIOD_MS) < ms) await new Promise((resolve) => setTimeout(resolve, 50));
}

/** A well-formed code that is wrong for steps T-5..T+5, so it is never accepted by luck. */
function wrongCode(secret: Uint8Array, ms: number): string {
  const taken = new Set(Array.from({ length: 11 }, (_, k) => codeFor(secret, ms, k - 5)));
  for (let n = 0; ; n++) {
    const candidate = String((123_456 + n * 7_919) % 1_000_000).padStart(6, '0');
    if (!taken.has(candidate)) return candidate;
  }
}

function tally(replies: readonly Reply[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of replies) {
    const b = r.body as { result?: string; reason?: string };
    const key = r.status === 200 ? (b.reason ?? b.result ?? '?') : String(r.status);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

if (BACKEND !== 'postgres') {
  console.info('multi-instance.test.ts: skipped, it needs PostgreSQL (set MAMORI_TEST_DATABASE_URL; npm test does in CI).');
}

describe.skipIf(BACKEND !== 'postgres')('three service processes over one PostgreSQL database', () => {
  let db: TestDatabase;
  let sql: SqlClient;
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let instances: ServiceProcess[] = [];
  let apiKey: string;
  const urls = () => instances.map((i) => i.url);

  async function post(url: string, path: string, body: unknown, key: string | null = apiKey): Promise<Reply> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (key !== null) headers.authorization = `Bearer ${key}`;
    const r = await fetch(url + path, { method: 'POST', headers, body: JSON.stringify(body) });
    return { status: r.status, body: await r.json(), contentType: r.headers.get('content-type') };
  }

  /** Provision through one instance, register through another (with the step-T code). */
  async function enrol(userId: string, provisionAt: string, registerAt: string): Promise<{ credentialId: string; secret: Uint8Array }> {
    const p = await post(provisionAt, '/v1/provision', { platform: 'linux' }, null);
    expect(p.status).toBe(201);
    const { credentialId, secret } = p.body as { credentialId: string; secret: string };
    const raw = base32Decode(secret);
    const r = await post(registerAt, '/v1/register', { userId, credentialId, code: codeFor(raw, Date.now()) });
    expect(r.body).toEqual({ result: 'registered' });
    return { credentialId, secret: raw };
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    sql = postgresSqlClient(db.url);
    dataDir = mkdtempSync(join(tmpdir(), 'mamori-multi-'));
    // Every instance gets the same master key from its environment (as from a secret store),
    // and the same database; none has a data folder of its own that matters.
    env = { ...serviceEnv(dataDir, newMasterKeyHex()), MAMORI_DATABASE_URL: db.url, MAMORI_DATABASE_POOL_SIZE: '8' };
    // All three start at the same moment against the EMPTY database: migrations must take turns.
    instances = await Promise.all([0, 1, 2].map(() => spawnService(env)));
    const storage = openPostgresStorage(db.url, { poolSize: 1 });
    try {
      apiKey = (await createRelyingParty(storage, 'Multi Bank', Date.now)).apiKey;
    } finally {
      await storage.close();
    }
  }, 60_000);

  afterAll(async () => {
    for (const i of instances) i.child.kill('SIGKILL');
    await Promise.all(instances.map((i) => i.exited));
    await sql?.close();
    await db?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('three instances started together on an empty database migrate it once', async () => {
    expect(new Set(urls()).size).toBe(3);
    expect(await sql.query('SELECT version FROM schema_migrations ORDER BY version')).toEqual(MIGRATIONS.map((m) => ({ version: m.version })));
    expect(await sql.query("SELECT COUNT(*) AS n FROM meta WHERE key = 'master_key_check'")).toEqual([{ n: 1 }]);
  });

  it('60 parallel validations of one valid code spread over the three: exactly one accepted', async () => {
    await freshStep();
    const [a, b, c] = urls() as [string, string, string];
    const user = await enrol('alice', a, b);
    const at = Date.now();
    const code = codeFor(user.secret, at, 1);
    const replies = await burstTo(Array.from({ length: 60 }, (_, i) => ({ url: urls()[i % 3]!, path: '/v1/validate', body: { userId: 'alice', code }, key: apiKey })));
    expect(tally(replies)).toEqual({ accepted: 1, replayed: 59 });
    const [row] = await sql.query<{ last_step: number; failures: number }>('SELECT last_step, failures FROM credentials WHERE id = ?', user.credentialId);
    expect(row).toEqual({ last_step: stepOf(at) + 1, failures: 0 });
    // Every instance now refuses it, whichever answered "accepted".
    for (const url of [a, b, c]) expect((await post(url, '/v1/validate', { userId: 'alice', code })).body).toEqual({ result: 'rejected', reason: 'replayed' });
    const audit = await sql.query<{ n: number }>("SELECT COUNT(*) AS n FROM audit_events WHERE event = 'validate' AND result = 'accepted' AND credential_id = ?", user.credentialId);
    expect(audit).toEqual([{ n: 1 }]);
  });

  it('30 parallel wrong codes spread over the three: one counter, exactly 10 counted, one lock; unlock on one, log in on another', async () => {
    await freshStep();
    const [a, b, c] = urls() as [string, string, string];
    const user = await enrol('bob', c, a);
    const at = Date.now();
    const good = codeFor(user.secret, at, 1);
    const bad = wrongCode(user.secret, at);
    const replies = await burstTo(Array.from({ length: 30 }, (_, i) => ({ url: urls()[i % 3]!, path: '/v1/validate', body: { userId: 'bob', code: bad }, key: apiKey })));
    expect(tally(replies)).toEqual({ invalid_code: LOCK_THRESHOLD, locked: 30 - LOCK_THRESHOLD });
    expect(await sql.query('SELECT failures FROM credentials WHERE id = ?', user.credentialId)).toEqual([{ failures: LOCK_THRESHOLD }]);
    expect(await sql.query("SELECT COUNT(*) AS n FROM audit_events WHERE event = 'lock' AND credential_id = ?", user.credentialId)).toEqual([{ n: 1 }]);
    // Locked everywhere, even for the correct code, which stays unused.
    for (const url of [a, b, c]) expect((await post(url, '/v1/validate', { userId: 'bob', code: good })).body).toEqual({ result: 'rejected', reason: 'locked' });
    expect((await post(b, '/v1/unlock', { userId: 'bob' })).body).toEqual({ result: 'unlocked' });
    expect((await post(c, '/v1/validate', { userId: 'bob', code: good })).body).toEqual({ result: 'accepted' });
  });

  it('a registration made through one instance is visible to the others at once', async () => {
    await freshStep();
    const [a, b, c] = urls() as [string, string, string];
    const user = await enrol('carol', a, b);
    // No cache between the instances and the database: the very next requests elsewhere see it.
    expect((await post(c, '/v1/register', { userId: 'carol', credentialId: user.credentialId, code: '000000' })).body).toEqual({ result: 'rejected', reason: 'already_registered' });
    const other = (await post(a, '/v1/provision', { platform: 'linux' }, null)).body as { credentialId: string; secret: string };
    expect((await post(a, '/v1/register', { userId: 'someone-else', credentialId: user.credentialId, code: '000000' })).body).toEqual({ result: 'rejected', reason: 'already_registered' });
    expect((await post(c, '/v1/register', { userId: 'carol', credentialId: other.credentialId, code: codeFor(base32Decode(other.secret), Date.now()) })).body).toEqual({
      result: 'rejected',
      reason: 'already_registered',
    });
    const code = codeFor(user.secret, Date.now(), 1);
    expect((await post(c, '/v1/validate', { userId: 'carol', code })).body).toEqual({ result: 'accepted' });
    expect((await post(a, '/v1/validate', { userId: 'carol', code })).body).toEqual({ result: 'rejected', reason: 'replayed' });
  });

  it('30 parallel wrong registration codes spread over the three: counted together, exactly 10 checked, the credential never locked', async () => {
    const [a] = urls() as [string, string, string];
    const p = await post(a, '/v1/provision', { platform: 'linux' }, null);
    const { credentialId, secret } = p.body as { credentialId: string; secret: string };
    const bad = wrongCode(base32Decode(secret), Date.now());
    const replies = await burstTo(
      Array.from({ length: 30 }, (_, i) => ({ url: urls()[i % 3]!, path: '/v1/register', body: { userId: 'mallory', credentialId, code: bad }, key: apiKey })),
    );
    expect(tally(replies)).toEqual({ invalid_code: 10, '429': 20 });
    expect(await sql.query("SELECT failures FROM registration_throttle WHERE kind = 'user' AND key = 'mallory'")).toEqual([{ failures: 30 }]);
    expect(await sql.query('SELECT failures FROM credentials WHERE id = ?', credentialId)).toEqual([{ failures: 0 }]);
    // Every instance refuses the right code now, unchecked.
    for (const url of urls()) {
      const r = await post(url, '/v1/register', { userId: 'mallory', credentialId, code: codeFor(base32Decode(secret), Date.now()) });
      expect(r.status).toBe(429);
      expect(r.body).toMatchObject({ error: { code: 'registration_throttled' } });
    }
  });

  it('kill -9 of one instance under load: the others keep answering, and nothing answered is lost', async () => {
    await freshStep(12_000);
    const [a, b] = urls() as [string, string, string];
    const victim = instances[2]!;
    let alive = [a, b, victim.url];
    const users = await Promise.all(Array.from({ length: 24 }, (_, i) => enrol(`load-${i}`, alive[i % 3]!, alive[(i + 1) % 3]!).then((u) => ({ userId: `load-${i}`, ...u }))));
    const accepted: { userId: string; credentialId: string; step: number; url: string }[] = [];
    const registered: { userId: string; credentialId: string; url: string }[] = [];
    // failed: any error or unexpected answer from an instance that was not killed.
    const afterKill = { answered: 0, failed: [] as string[] };
    let killed = false;
    let cut = 0;
    let stop = false;
    let turn = 0;
    let extra = 0;

    /** One request; an error is "cut" only when it went to the killed instance. */
    async function attempt(url: string, path: string, body: unknown, key: string | null): Promise<Reply | null> {
      const sentAfterKill = killed;
      try {
        const r = await post(url, path, body, key);
        if (sentAfterKill) afterKill.answered++;
        return r;
      } catch (error) {
        if (url === victim.url) {
          cut++;
          return null;
        }
        afterKill.failed.push(`${url}${path}: ${(error as Error).message}`);
        return null;
      }
    }

    const validators = Array.from({ length: 10 }, async () => {
      while (!stop) {
        const url = alive[turn++ % alive.length]!;
        const user = users[Math.floor(Math.random() * users.length)]!;
        const ms = Date.now();
        const r = await attempt(url, '/v1/validate', { userId: user.userId, code: codeFor(user.secret, ms, 1) }, apiKey);
        if (r && r.status !== 200) afterKill.failed.push(`validate ${r.status}`);
        if (r && (r.body as { result?: string }).result === 'accepted') accepted.push({ userId: user.userId, credentialId: user.credentialId, step: stepOf(ms) + 1, url });
      }
    });
    const registrars = Array.from({ length: 3 }, async () => {
      while (!stop) {
        const url = alive[turn++ % alive.length]!;
        const userId = `extra-${extra++}`;
        const p = await attempt(url, '/v1/provision', { platform: 'linux' }, null);
        if (p === null) continue;
        if (p.status !== 201) {
          afterKill.failed.push(`provision ${p.status}`);
          continue;
        }
        const { credentialId, secret } = p.body as { credentialId: string; secret: string };
        const raw = base32Decode(secret);
        const r = await attempt(url, '/v1/register', { userId, credentialId, code: codeFor(raw, Date.now()) }, apiKey);
        if (r && (r.body as { result?: string }).result === 'registered') {
          registered.push({ userId, credentialId, url });
          // New users join the validation pool, so acceptances keep happening up to and after the kill.
          users.push({ userId, credentialId, secret: raw });
        }
        else if (r) afterKill.failed.push(`register ${r.status} ${JSON.stringify(r.body)}`);
      }
    });

    // Load until the victim has answered with a use of its own and every kind of write has
    // happened, so that the kill lands in the middle of real work (a condition, not a duration).
    await vi.waitFor(
      () => {
        expect(accepted.length).toBeGreaterThan(0);
        expect(registered.length).toBeGreaterThan(0);
        expect(accepted.some((x) => x.url === victim.url) || registered.some((x) => x.url === victim.url)).toBe(true);
      },
      { timeout: 20_000, interval: 20 },
    );
    const acceptedBeforeKill = accepted.length;
    const registeredBeforeKill = registered.length;
    alive = [a, b]; // the load balancer's health check drops the dead instance
    killed = true;
    victim.child.kill('SIGKILL');
    expect(await victim.exited).toBe(null);
    // Keep the load on until the survivors have answered plenty after the kill, new
    // registrations and acceptances among them.
    await vi.waitFor(
      () => {
        expect(afterKill.answered).toBeGreaterThan(20);
        expect(registered.length).toBeGreaterThan(registeredBeforeKill);
        expect(accepted.length).toBeGreaterThan(acceptedBeforeKill);
      },
      { timeout: 20_000, interval: 20 },
    );
    stop = true;
    await Promise.all([...validators, ...registrars]);

    console.info(
      `kill -9 under load: ${accepted.length} accepted (${acceptedBeforeKill} before the kill), ${registered.length} registered (${registeredBeforeKill} before), ` +
        `${afterKill.answered} answered after the kill by the others, ${cut} cut by the kill`,
    );
    // The others kept answering, every request, with no error.
    expect(afterKill.failed).toEqual([]);
    expect(afterKill.answered).toBeGreaterThan(20);
    expect(accepted.length).toBeGreaterThan(0);
    expect(registered.length).toBeGreaterThan(0);
    // The victim answered too before it died, so its answers are part of what must not be lost.
    expect(accepted.some((x) => x.url === victim.url) || registered.some((x) => x.url === victim.url)).toBe(true);

    // One use held across instances under load: no (credential, step) was accepted twice.
    const keys = accepted.map((x) => `${x.credentialId}@${x.step}`);
    expect(new Set(keys).size).toBe(keys.length);
    // Every "accepted" is durable: the credential's last step is at least that step, and the
    // code is now refused everywhere still running.
    for (const x of accepted) {
      const [row] = await sql.query<{ last_step: number }>('SELECT last_step FROM credentials WHERE id = ?', x.credentialId);
      expect(row!.last_step, `${x.userId} accepted at step ${x.step} via ${x.url}`).toBeGreaterThanOrEqual(x.step);
    }
    const acceptedAudit = await sql.query<{ credential_id: string; n: number }>(
      "SELECT credential_id, COUNT(*) AS n FROM audit_events WHERE event = 'validate' AND result = 'accepted' GROUP BY credential_id",
    );
    const auditByCredential = new Map(acceptedAudit.map((r) => [r.credential_id, r.n]));
    for (const id of new Set(accepted.map((x) => x.credentialId)))
      expect(auditByCredential.get(id) ?? 0).toBeGreaterThanOrEqual(accepted.filter((x) => x.credentialId === id).length);
    // Every "registered" is durable, and visible through the surviving instances.
    for (const x of registered) {
      expect(await sql.query('SELECT credential_id FROM registrations WHERE user_id = ?', x.userId)).toEqual([{ credential_id: x.credentialId }]);
      expect((await post(a, '/v1/register', { userId: x.userId, credentialId: x.credentialId, code: '000000' })).body).toEqual({
        result: 'rejected',
        reason: 'already_registered',
      });
    }
  }, 60_000);
});

describe.skipIf(BACKEND !== 'postgres')('migrations on PostgreSQL', () => {
  it('eight storages migrating one empty database at the same moment apply each migration once', async () => {
    const db = await createTestDatabase();
    const storages = Array.from({ length: 8 }, () => openPostgresStorage(db.url, { poolSize: 1 }));
    const sql = postgresSqlClient(db.url);
    try {
      await Promise.all(storages.map((s) => s.migrate()));
      expect(await sql.query('SELECT version FROM schema_migrations ORDER BY version')).toEqual(MIGRATIONS.map((m) => ({ version: m.version })));
      // And again, as every later start does: nothing to do, nothing fails.
      await Promise.all(storages.map((s) => s.migrate()));
      expect(await sql.query('SELECT COUNT(*) AS n FROM schema_migrations')).toEqual([{ n: MIGRATIONS.length }]);
    } finally {
      await sql.close();
      for (const s of storages) await s.close();
      await db.drop();
    }
  });
});
