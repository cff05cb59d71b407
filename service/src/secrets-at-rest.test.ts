import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { base32Decode } from '../../core/base32.js';
import { readServiceConfig } from './config.js';
import { startService, type RunningService } from './start-service.js';
import { codeAt, startHarness, TestClock, TEST_MASTER_KEY, type Harness } from './test-support/harness.js';
import { BACKEND, databasePerKey } from './test-support/test-database.js';

let h: Harness | undefined;
let dirs: string[] = [];
let services: RunningService[] = [];
// The service program's environment, as main.ts would read it: only the master key matters here.
let env: { MAMORI_MASTER_KEY?: string } = {};
// On PostgreSQL runs, each data folder below stands for one database of its own.
const databases = databasePerKey();

beforeEach(() => {
  env = {};
});
afterEach(async () => {
  await h?.close();
  h = undefined;
  for (const s of services) await s.close();
  services = [];
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
  await databases.dropAll();
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'mamori-keys-'));
  dirs.push(d);
  return d;
}

async function start(dataDir: string, explicitKey?: Uint8Array): Promise<RunningService> {
  const masterKey = explicitKey ?? readServiceConfig(env).masterKey;
  const databaseUrl = await databases.urlFor(dataDir);
  const s = await startService({ dataDir, port: 0, now: new TestClock().now, ...(databaseUrl ? { databaseUrl } : {}), ...(masterKey ? { masterKey } : {}) });
  services.push(s);
  return s;
}

async function stop(s: RunningService): Promise<void> {
  await s.close();
  services = services.filter((x) => x !== s);
}

function databaseFiles(dataDir: string): Buffer {
  const parts = ['mamori.db', 'mamori.db-wal', 'mamori.db-shm'].map((f) => join(dataDir, f)).filter(existsSync);
  expect(parts.length).toBeGreaterThan(0);
  return Buffer.concat(parts.map((p) => readFileSync(p)));
}

/**
 * PostgreSQL's files belong to the server (maybe another host), so its equivalent of reading
 * the file is a dump: every value of every row of every table, bytes raw and also as the hex a
 * text dump would show, everything else as text.
 */
async function databaseDump(harness: Harness): Promise<Buffer> {
  const tables = await harness.sql<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()");
  expect(tables.map((t) => t.table_name)).toContain('credentials');
  const parts: Buffer[] = [];
  for (const { table_name } of tables) {
    for (const row of await harness.sql<Record<string, unknown>>(`SELECT * FROM "${table_name}"`)) {
      for (const value of Object.values(row)) {
        if (Buffer.isBuffer(value)) parts.push(value, Buffer.from(value.toString('hex'), 'latin1'));
        else if (value !== null) parts.push(Buffer.from(String(value), 'utf8'));
        parts.push(Buffer.from('\n'));
      }
    }
  }
  return Buffer.concat(parts);
}

describe('secrets at rest', () => {
  it.skipIf(BACKEND !== 'sqlite')('the database files (with -wal and -shm) never contain a secret, in base32 or raw', async () => {
    h = await startHarness();
    const creds = [await h.enrol('alice'), await h.enrol('bob'), await h.provision()];
    const check = () => {
      const bytes = databaseFiles(h!.dataDir);
      for (const c of creds) {
        expect(bytes.includes(Buffer.from(c.secret, 'latin1'))).toBe(false);
        expect(bytes.includes(Buffer.from(c.secret.toLowerCase(), 'latin1'))).toBe(false);
        expect(bytes.includes(Buffer.from(base32Decode(c.secret)))).toBe(false);
        // Sanity: the non-secret credential ID is there, so we searched the right bytes.
        expect(bytes.includes(Buffer.from(c.credentialId, 'latin1'))).toBe(true);
      }
    };
    expect(existsSync(join(h.dataDir, 'mamori.db-wal'))).toBe(true);
    check(); // while running, most rows still live in the WAL
    await h.restart(); // closing checkpoints the WAL into the main file
    check();
  });

  it.skipIf(BACKEND !== 'postgres')('a dump of every row of the PostgreSQL database never contains a secret, in base32, raw or hex', async () => {
    h = await startHarness();
    const creds = [await h.enrol('alice'), await h.enrol('bob'), await h.provision()];
    const bytes = await databaseDump(h);
    for (const c of creds) {
      const raw = Buffer.from(base32Decode(c.secret));
      expect(bytes.includes(Buffer.from(c.secret, 'latin1'))).toBe(false);
      expect(bytes.includes(Buffer.from(c.secret.toLowerCase(), 'latin1'))).toBe(false);
      expect(bytes.includes(raw)).toBe(false);
      expect(bytes.includes(Buffer.from(raw.toString('hex'), 'latin1'))).toBe(false);
      // Sanity: the non-secret credential ID and its sealed box are there, so we searched the right rows.
      expect(bytes.includes(Buffer.from(c.credentialId, 'latin1'))).toBe(true);
    }
    expect(bytes.length).toBeGreaterThan(3 * 60);
  });

  it('a tampered ciphertext gives a clear 500 error for that user only, and is audited', async () => {
    h = await startHarness();
    const alice = await h.enrol('alice');
    const bob = await h.enrol('bob');
    const [row] = await h.sql<{ secret_box: Buffer }>('SELECT secret_box FROM credentials WHERE id = ?', alice.credentialId);
    const tampered = Buffer.from(row!.secret_box);
    tampered[20] = tampered[20]! ^ 0x01;
    await h.exec('UPDATE credentials SET secret_box = ? WHERE id = ?', tampered, alice.credentialId);
    h.clock.nextStep();
    const r = await h.post('/v1/validate', { userId: 'alice', code: codeAt(alice.secret, h.clock.ms) });
    expect(r.status).toBe(500);
    expect(r.body).toMatchObject({ error: { code: 'credential_unreadable' } });
    expect((r.body as { error: { message: string } }).error.message).toContain('integrity check');
    // The service is still up and other users are unaffected.
    expect((await h.post('/v1/validate', { userId: 'bob', code: codeAt(bob.secret, h.clock.ms) })).body).toEqual({ result: 'accepted' });
    expect((await h.sql<{ n: number }>("SELECT COUNT(*) AS n FROM audit_events WHERE event = 'secret_unreadable'"))[0]!.n).toBe(1);
  });

  it("a secret moved onto another credential's row does not authenticate (the ID is associated data)", async () => {
    h = await startHarness();
    const alice = await h.enrol('alice');
    const bob = await h.enrol('bob');
    await h.exec('UPDATE credentials SET secret_box = (SELECT secret_box FROM credentials WHERE id = ?) WHERE id = ?', alice.credentialId, bob.credentialId);
    h.clock.nextStep();
    const r = await h.post('/v1/validate', { userId: 'bob', code: codeAt(alice.secret, h.clock.ms) });
    expect(r.status).toBe(500);
    expect(r.body).toMatchObject({ error: { code: 'credential_unreadable' } });
  });
});

describe('master key', () => {
  it('a wrong key fails at start with a clear message, before serving anything', async () => {
    const dir = tempDir();
    await stop(await start(dir, TEST_MASTER_KEY));
    const wrong = new Uint8Array(32).fill(7);
    await expect(start(dir, wrong)).rejects.toThrow(/does not match the one this database was created with/);
    // The failed start released the database: the right key still works.
    await start(dir, TEST_MASTER_KEY);
  });

  it('reads MAMORI_MASTER_KEY as hex or base64, and refuses a malformed one', async () => {
    const dir = tempDir();
    const key = Buffer.from(TEST_MASTER_KEY);
    env.MAMORI_MASTER_KEY = key.toString('hex');
    await stop(await start(dir));
    env.MAMORI_MASTER_KEY = key.toString('base64');
    await stop(await start(dir));
    env.MAMORI_MASTER_KEY = key.toString('base64url');
    await stop(await start(dir));
    expect(existsSync(join(dir, 'master.key'))).toBe(false);
    for (const bad of ['abc', key.toString('hex').slice(2), Buffer.alloc(16).toString('base64'), 'z'.repeat(64)]) {
      env.MAMORI_MASTER_KEY = bad;
      await expect(start(dir)).rejects.toThrow(/MAMORI_MASTER_KEY is not a valid master key/);
    }
    env.MAMORI_MASTER_KEY = Buffer.alloc(32, 1).toString('hex');
    await expect(start(dir)).rejects.toThrow(/does not match/);
  });

  it('creates <dataDir>/master.key with mode 0600 on first start and uses it afterwards', async () => {
    const dir = tempDir();
    const s = await start(dir);
    const file = join(dir, 'master.key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);
    await stop(s);
    await stop(await start(dir));
  });

  it('refuses to start when the key file is missing for an existing database, or readable by others', async () => {
    const dir = tempDir();
    await stop(await start(dir));
    const file = join(dir, 'master.key');
    chmodSync(file, 0o644);
    await expect(start(dir)).rejects.toThrow(/readable by other users/);
    chmodSync(file, 0o600);
    const saved = readFileSync(file);
    rmSync(file);
    await expect(start(dir)).rejects.toThrow(/No master key/);
    // ...and it did not mint a new one behind our back.
    expect(existsSync(file)).toBe(false);
    env.MAMORI_MASTER_KEY = saved.toString('utf8').trim();
    await start(dir);
  });

  it('refuses an explicit key of the wrong length', async () => {
    await expect(start(tempDir(), new Uint8Array(16))).rejects.toThrow(/must be 32 bytes/);
  });
});
