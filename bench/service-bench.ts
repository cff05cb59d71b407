/**
 * `npx tsx bench/service-bench.ts`: validations per second and latency of the token service
 * (registered credentials, codes computed per request, about one accepted validation per
 * replayed one), on SQLite in a temporary folder, and in the same run on PostgreSQL with one and
 * with two service instances over one database; plus a bare Fastify hello route on this machine,
 * with the SQLite ratio. Each server is its own process; autocannon runs here.
 * Targets (SQLite, one process): ratio >= 0.4, >= 5,000 validations/s, p99 < 10 ms.
 * Options (env): BENCH_USERS (default 120000), BENCH_PG_USERS (60000 per PostgreSQL phase),
 * BENCH_SECONDS (10), BENCH_CONNECTIONS (32), MAMORI_BENCH_DATABASE_URL (a PostgreSQL database
 * to use; the bench works in a schema of its own there and drops it). Without that URL a
 * throwaway cluster is started with scripts/pg-cluster.sh when initdb is installed (durable
 * settings: fsync and synchronous_commit on); else the PostgreSQL phases are skipped, saying so.
 *
 * Users are seeded straight into the database (provision + registration as the API does them,
 * minus HTTP): 120,000 registrations over HTTP would take minutes. A few hundred are also
 * enrolled over HTTP as a check of that path.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { stepAt } from '../core/step.js';
import { resolveMasterKey } from '../service/src/domain/master-key.js';
import { createRelyingParty } from '../service/src/domain/relying-parties.js';
import { createSecretBox } from '../service/src/domain/secret-box.js';
import { openPostgresStorage } from '../service/src/storage/postgres-storage.js';
import { DATABASE_FILE_NAME, openSqliteStorage } from '../service/src/storage/sqlite-storage.js';
import type { Storage } from '../service/src/storage/storage.js';
import { codeFor, enrol, newMasterKeyHex, pool, root, serviceEnv, spawnService, type EnrolledUser, type ServiceProcess } from './service-helpers.js';

const USERS = Number(process.env.BENCH_USERS ?? 120_000);
const PG_USERS = Number(process.env.BENCH_PG_USERS ?? 60_000);
const WARMUP_USERS = 10_000;
const HTTP_USERS = 500;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);

interface Figures {
  perSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

function run(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(opts, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

function figures(r: autocannon.Result): Figures {
  return { perSecond: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors };
}

/** Several autocannon runs at once (one per instance, as a load balancer would spread them): rates add up, the worst p99 counts. */
async function runSpread(optionsPerInstance: autocannon.Options[]): Promise<Figures> {
  const all = (await Promise.all(optionsPerInstance.map(run))).map(figures);
  return {
    perSecond: all.reduce((s, f) => s + f.perSecond, 0),
    p50: Math.max(...all.map((f) => f.p50)),
    p99: Math.max(...all.map((f) => f.p99)),
    non2xx: all.reduce((s, f) => s + f.non2xx, 0),
    errors: all.reduce((s, f) => s + f.errors, 0),
  };
}

const row = (name: string, f: Figures) =>
  `${name.padEnd(34)} ${Math.round(f.perSecond).toLocaleString('en').padStart(8)} req/s   p50 ${String(f.p50).padStart(3)} ms   p99 ${String(f.p99).padStart(3)} ms   non-2xx ${f.non2xx}   errors ${f.errors}`;

const dataDir = mkdtempSync(join(tmpdir(), 'mamori-bench-'));
const masterKeyHex = newMasterKeyHex();

/** A relying party and the key this database is bound to, through the service's own code. */
async function prepare(storage: Storage): Promise<{ partyId: string; apiKey: string; box: ReturnType<typeof createSecretBox> }> {
  await storage.migrate();
  const masterKey = await resolveMasterKey({ explicit: Buffer.from(masterKeyHex, 'hex'), dataDir, storage });
  const { id: partyId, apiKey } = await createRelyingParty(storage, 'Bench Bank', Date.now);
  return { partyId, apiKey, box: createSecretBox(masterKey) };
}

/** Seed `count` registered users into SQLite directly, exactly as provision + register would leave them. */
async function seedSqlite(count: number): Promise<{ apiKey: string; users: EnrolledUser[] }> {
  const storage = openSqliteStorage(join(dataDir, DATABASE_FILE_NAME));
  const { partyId, apiKey, box } = await prepare(storage);
  const users: EnrolledUser[] = [];
  const now = Date.now();
  const step = stepAt(now, 30);
  for (let i = 0; i < count; i++) {
    const credentialId = `MAMO${String(i).padStart(8, '0')}`; // bench-only IDs, never checked for Luhn here
    const secret = randomBytes(20);
    await storage.insertCredential({ id: credentialId, secretBox: box.seal(secret, credentialId), algorithm: 'SHA1', digits: 6, period: 30, platform: 'bench', createdAt: now, expiresAt: now + 3 * 365 * 86_400_000 });
    await storage.consumeStep(credentialId, step, 0, 10); // the registration code's step, as register consumes it
    await storage.insertRegistration(partyId, `seeded-${i}`, credentialId, now);
    users.push({ userId: `seeded-${i}`, credentialId, secret });
  }
  await storage.close();
  return { apiKey, users };
}

/**
 * The same rows in PostgreSQL, written 1,000 at a time: one statement per row over the network
 * would take minutes for this many. The schema, the party and the key check come from the
 * service's own migrations and code.
 */
async function seedPostgres(url: string, count: number): Promise<{ apiKey: string; users: EnrolledUser[] }> {
  const storage = openPostgresStorage(url, { poolSize: 1 });
  const { partyId, apiKey, box } = await prepare(storage);
  await storage.close();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const users: EnrolledUser[] = [];
  const now = Date.now();
  const step = stepAt(now, 30);
  try {
    for (let start = 0; start < count; start += 1_000) {
      const credentials: unknown[] = [];
      const registrations: unknown[] = [];
      const credentialRows: string[] = [];
      const registrationRows: string[] = [];
      for (let i = start; i < Math.min(count, start + 1_000); i++) {
        const credentialId = `MAMO${String(i).padStart(8, '0')}`;
        const secret = randomBytes(20);
        const c = credentials.length;
        credentials.push(credentialId, box.seal(secret, credentialId), now, now + 3 * 365 * 86_400_000, step);
        credentialRows.push(`($${c + 1}, $${c + 2}, 'SHA1', 6, 30, 'bench', $${c + 3}, $${c + 4}, $${c + 5})`);
        const r = registrations.length;
        registrations.push(partyId, `seeded-${i}`, credentialId, now);
        registrationRows.push(`($${r + 1}, $${r + 2}, $${r + 3}, $${r + 4})`);
        users.push({ userId: `seeded-${i}`, credentialId, secret });
      }
      await client.query(
        `INSERT INTO credentials (id, secret_box, algorithm, digits, period, platform, created_at, expires_at, last_step) VALUES ${credentialRows.join(', ')}`,
        credentials,
      );
      await client.query(`INSERT INTO registrations (party_id, user_id, credential_id, registered_at) VALUES ${registrationRows.join(', ')}`, registrations);
    }
    await client.query('ANALYZE');
    // Flush the seed now rather than in the middle of a measurement (needs pg_checkpoint; else skipped).
    await client.query('CHECKPOINT').catch((error: Error) => console.log(`  (no CHECKPOINT after seeding: ${error.message})`));
  } finally {
    await client.end();
  }
  return { apiKey, users };
}

/**
 * Validation load on one instance. Request i goes to user floor(i/2) with the code of step T+1
 * (registration used step T): the first of each pair is accepted, the second is the same code
 * again and refused as replayed; once every user has had a turn, all are replays until the
 * next step begins.
 */
function validateLoad(url: string, apiKey: string, users: readonly EnrolledUser[], connections: number, duration: number, outcomes: Record<string, number>): autocannon.Options {
  let counter = 0;
  return {
    url,
    connections,
    duration,
    requests: [
      {
        method: 'POST',
        path: '/v1/validate',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
        setupRequest: (req) => {
          const user = users[(counter++ >> 1) % users.length]!;
          return { ...req, body: JSON.stringify({ userId: user.userId, code: codeFor(user.secret, Date.now(), 1) }) };
        },
        onResponse: (status, body) => {
          let key = String(status);
          if (status === 200) {
            const parsed = JSON.parse(body) as { result: string; reason?: string };
            key = parsed.reason ?? parsed.result;
          }
          outcomes[key] = (outcomes[key] ?? 0) + 1;
        },
      },
    ],
  };
}

/** Split users (disjoint slices, so no instance replays another's codes by design) and connections over instances. */
function spread(instances: readonly ServiceProcess[], apiKey: string, users: readonly EnrolledUser[], duration: number, outcomes: Record<string, number>): autocannon.Options[] {
  const per = Math.floor(users.length / instances.length);
  return instances.map((s, i) => validateLoad(s.url, apiKey, users.slice(i * per, (i + 1) * per), Math.max(1, Math.round(CONNECTIONS / instances.length)), duration, outcomes));
}

const clearOutcomes = (o: Record<string, number>) => {
  for (const k of Object.keys(o)) delete o[k];
};

// ---- SQLite, one process, and the bare Fastify baseline ----------------------------------

console.log(`Seeding ${USERS + WARMUP_USERS} registered users (SQLite)...`);
let t0 = performance.now();
const seeded = await seedSqlite(USERS + WARMUP_USERS);
console.log(`  done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
const service = await spawnService(serviceEnv(dataDir, masterKeyHex));
const hello = await new Promise<{ url: string; kill: () => void }>((resolve, reject) => {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'bench', 'service-hello.ts')], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  child.stdout.on('data', (c: Buffer) => {
    const m = /listening on (\S+)/.exec(c.toString());
    if (m) resolve({ url: m[1]!, kill: () => child.kill('SIGKILL') });
  });
  child.once('exit', () => reject(new Error('hello server exited')));
});

const results: { name: string; f: Figures; outcomes: Record<string, number> }[] = [];
let sqliteFigures: Figures;
let base: Figures;
try {
  console.log(`Enrolling ${HTTP_USERS} more users over HTTP (provision + register)...`);
  t0 = performance.now();
  await pool(HTTP_USERS, 16, (i) => enrol(service.url, seeded.apiKey, `http-user-${i}`));
  console.log(`  done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const outcomes: Record<string, number> = {};
  // Warm-up (JIT, SQLite page cache) on both servers with their own users, not counted.
  await run(validateLoad(service.url, seeded.apiKey, seeded.users.slice(USERS), CONNECTIONS, 2, outcomes));
  await run({ url: `${hello.url}/hello`, connections: CONNECTIONS, duration: 2 });
  clearOutcomes(outcomes);

  sqliteFigures = figures(await run(validateLoad(service.url, seeded.apiKey, seeded.users.slice(0, USERS), CONNECTIONS, SECONDS, outcomes)));
  results.push({ name: 'validate, SQLite, 1 process', f: sqliteFigures, outcomes: { ...outcomes } });
  base = figures(await run({ url: `${hello.url}/hello`, connections: CONNECTIONS, duration: SECONDS }));
} finally {
  service.child.kill('SIGTERM');
  hello.kill();
  await service.exited;
  rmSync(dataDir, { recursive: true, force: true });
}

// ---- PostgreSQL, one and two instances over one database ----------------------------------

interface PgTarget {
  url: string;
  describe: string;
  cleanup(): Promise<void>;
}

/** A schema of its own in the given database, or in a throwaway cluster; null (with the reason printed) when neither exists. */
async function postgresTarget(): Promise<PgTarget | null> {
  let baseUrl = process.env.MAMORI_BENCH_DATABASE_URL?.trim();
  let describe = 'MAMORI_BENCH_DATABASE_URL';
  let stopCluster = async () => {};
  if (!baseUrl) {
    const clusterDir = join(tmpdir(), 'mamori-bench-pg');
    const started = spawnSync(join(root, 'scripts', 'pg-cluster.sh'), ['start', clusterDir, process.env.BENCH_PG_PORT ?? '5434'], { encoding: 'utf8' });
    if (started.status !== 0) {
      const why = started.status === 69 ? 'initdb is not installed (apt-get install postgresql)' : (started.stderr || started.error?.message || 'unknown error').trim();
      console.log(`\nPostgreSQL: SKIPPED, no MAMORI_BENCH_DATABASE_URL and no throwaway cluster: ${why}`);
      return null;
    }
    baseUrl = started.stdout.trim().split('\n').at(-1)!;
    describe = `a throwaway local cluster (${clusterDir}, PostgreSQL defaults: fsync and synchronous_commit on)`;
    stopCluster = async () => {
      spawnSync(join(root, 'scripts', 'pg-cluster.sh'), ['stop', clusterDir]);
      rmSync(clusterDir, { recursive: true, force: true });
    };
  }
  const schema = `mamori_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    describe,
    async cleanup() {
      const a = new pg.Client({ connectionString: baseUrl });
      await a.connect();
      await a.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await a.end();
      await stopCluster();
    },
  };
}

const target = await postgresTarget();
if (target !== null) {
  console.log(`\nPostgreSQL: ${target.describe}`);
  console.log(`Seeding ${2 * PG_USERS + WARMUP_USERS} registered users (PostgreSQL)...`);
  t0 = performance.now();
  const pgSeeded = await seedPostgres(target.url, 2 * PG_USERS + WARMUP_USERS);
  console.log(`  done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const pgDataDir = mkdtempSync(join(tmpdir(), 'mamori-bench-pg-data-'));
  const env = { ...serviceEnv(pgDataDir, masterKeyHex), MAMORI_DATABASE_URL: target.url };
  const instances: ServiceProcess[] = [];
  try {
    instances.push(await spawnService(env));
    const outcomes: Record<string, number> = {};
    await run(validateLoad(instances[0]!.url, pgSeeded.apiKey, pgSeeded.users.slice(2 * PG_USERS), CONNECTIONS, 2, outcomes));
    clearOutcomes(outcomes);
    const one = figures(await run(validateLoad(instances[0]!.url, pgSeeded.apiKey, pgSeeded.users.slice(0, PG_USERS), CONNECTIONS, SECONDS, outcomes)));
    results.push({ name: 'validate, PostgreSQL, 1 instance', f: one, outcomes: { ...outcomes } });

    instances.push(await spawnService(env));
    // Warm the second instance up (its own warm-up users have all been used: replays, still a full validation path).
    await run(validateLoad(instances[1]!.url, pgSeeded.apiKey, pgSeeded.users.slice(2 * PG_USERS), CONNECTIONS, 2, outcomes));
    clearOutcomes(outcomes);
    const two = await runSpread(spread(instances, pgSeeded.apiKey, pgSeeded.users.slice(PG_USERS, 2 * PG_USERS), SECONDS, outcomes));
    results.push({ name: 'validate, PostgreSQL, 2 instances', f: two, outcomes: { ...outcomes } });
  } finally {
    for (const s of instances) s.child.kill('SIGTERM');
    await Promise.all(instances.map((s) => s.exited));
    await target.cleanup();
    rmSync(pgDataDir, { recursive: true, force: true });
  }
}

console.log(`\nPOST /v1/validate and GET /hello; autocannon, ${CONNECTIONS} connections in all, ${SECONDS} s each; SQLite ${USERS} registered users, PostgreSQL ${PG_USERS} per phase; each service instance one process`);
for (const r of results) console.log(row(r.name, r.f));
console.log(row('hello, bare Fastify, 1 process', base));
for (const r of results) console.log(`validation outcomes, ${r.name.replace('validate, ', '')}: ${JSON.stringify(r.outcomes)}`);
if (target === null) console.log('PostgreSQL phases: skipped (see above)');
const ratio = sqliteFigures.perSecond / base.perSecond;
const ok = (b: boolean) => (b ? 'OK' : 'BELOW TARGET');
console.log(`ratio service (SQLite)/hello: ${ratio.toFixed(2)} (target >= 0.40) ${ok(ratio >= 0.4)}`);
console.log(`validations/s (SQLite): ${Math.round(sqliteFigures.perSecond)} (target >= 5000) ${ok(sqliteFigures.perSecond >= 5000)}`);
console.log(`p99 (SQLite): ${sqliteFigures.p99} ms (target < 10 ms) ${ok(sqliteFigures.p99 < 10)}`);
if (target !== null)
  console.log('PostgreSQL: no target. Each validation commits twice (the step, then the audit group) with fsync on; PostgreSQL, every instance and autocannon share this machine\'s cores.');
