/**
 * `npx tsx bench/service-bench.ts`: validations per second and latency of the token service
 * (SQLite in a temporary folder, registered credentials, codes computed per request, about one
 * accepted validation per replayed one), and in the same run a bare Fastify hello route on
 * this machine, with the ratio. Each server is its own process (one core); autocannon runs here.
 * Targets: ratio >= 0.4, >= 5,000 validations/s, p99 < 10 ms.
 * Options (env): BENCH_USERS (default 120000), BENCH_SECONDS (10), BENCH_CONNECTIONS (32).
 *
 * Users are seeded straight into the database with the service's own storage and secret box
 * (provision + registration as the API does them, minus HTTP): 120,000 registrations over HTTP
 * would take minutes. A few hundred are also enrolled over HTTP as a check of that path.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';
import { stepAt } from '../core/step.js';
import { resolveMasterKey } from '../service/src/master-key.js';
import { createRelyingParty } from '../service/src/relying-parties.js';
import { createSecretBox } from '../service/src/secret-box.js';
import { DATABASE_FILE_NAME, openSqliteStorage } from '../service/src/storage/sqlite-storage.js';
import { codeFor, enrol, newMasterKeyHex, pool, root, serviceEnv, spawnService, type EnrolledUser } from './service-helpers.js';

const USERS = Number(process.env.BENCH_USERS ?? 120_000);
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

const dataDir = mkdtempSync(join(tmpdir(), 'mamori-bench-'));
const masterKeyHex = newMasterKeyHex();
const env = serviceEnv(dataDir, masterKeyHex);

/** Seed `count` registered users directly, exactly as provision + register would leave them. */
async function seed(count: number): Promise<{ apiKey: string; users: EnrolledUser[] }> {
  const storage = openSqliteStorage(join(dataDir, DATABASE_FILE_NAME));
  await storage.migrate();
  const masterKey = await resolveMasterKey({ explicit: Buffer.from(masterKeyHex, 'hex'), envValue: undefined, dataDir, storage });
  const box = createSecretBox(masterKey);
  const { id: partyId, apiKey } = await createRelyingParty(storage, 'Bench Bank', Date.now);
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

console.log(`Seeding ${USERS + WARMUP_USERS} registered users...`);
let t0 = performance.now();
const seeded = await seed(USERS + WARMUP_USERS);
const apiKey = seeded.apiKey;
console.log(`  done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
const service = await spawnService(env);
const hello = await new Promise<{ url: string; kill: () => void }>((resolve, reject) => {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'bench', 'service-hello.ts')], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  child.stdout.on('data', (c: Buffer) => {
    const m = /listening on (\S+)/.exec(c.toString());
    if (m) resolve({ url: m[1]!, kill: () => child.kill('SIGKILL') });
  });
  child.once('exit', () => reject(new Error('hello server exited')));
});

try {
  console.log(`Enrolling ${HTTP_USERS} more users over HTTP (provision + register)...`);
  t0 = performance.now();
  await pool(HTTP_USERS, 16, (i) => enrol(service.url, apiKey, `http-user-${i}`));
  console.log(`  done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  let users = seeded.users.slice(USERS);
  // Request i goes to user floor(i/2) with the code of step T+1 (registration used step T): the
  // first of each pair is accepted, the second is the same code again and refused as replayed;
  // once every user has had a turn in this step, all are replays until the next step begins.
  let counter = 0;
  const outcomes: Record<string, number> = {};
  const validateOptions = (duration: number): autocannon.Options => ({
    url: service.url,
    connections: CONNECTIONS,
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
  });

  // Warm-up (JIT, SQLite page cache) on both servers with their own users, not counted.
  await run(validateOptions(2));
  await run({ url: `${hello.url}/hello`, connections: CONNECTIONS, duration: 2 });
  for (const k of Object.keys(outcomes)) delete outcomes[k];
  users = seeded.users.slice(0, USERS);
  counter = 0;

  const svc = figures(await run(validateOptions(SECONDS)));
  const base = figures(await run({ url: `${hello.url}/hello`, connections: CONNECTIONS, duration: SECONDS }));
  const ratio = svc.perSecond / base.perSecond;
  const row = (name: string, f: Figures) =>
    `${name.padEnd(28)} ${Math.round(f.perSecond).toLocaleString('en').padStart(8)} req/s   p50 ${String(f.p50).padStart(3)} ms   p99 ${String(f.p99).padStart(3)} ms   non-2xx ${f.non2xx}   errors ${f.errors}`;
  console.log(`\nautocannon, ${CONNECTIONS} connections, ${SECONDS} s each, ${USERS} registered users (service and hello server: one process each)`);
  console.log(row('POST /v1/validate (service)', svc));
  console.log(row('GET /hello (bare Fastify)', base));
  console.log(`validation outcomes: ${JSON.stringify(outcomes)}`);
  const ok = (b: boolean) => (b ? 'OK' : 'BELOW TARGET');
  console.log(`ratio service/hello: ${ratio.toFixed(2)} (target >= 0.40) ${ok(ratio >= 0.4)}`);
  console.log(`validations/s: ${Math.round(svc.perSecond)} (target >= 5000) ${ok(svc.perSecond >= 5000)}`);
  console.log(`p99: ${svc.p99} ms (target < 10 ms) ${ok(svc.p99 < 10)}`);
} finally {
  service.child.kill('SIGTERM');
  hello.kill();
  await service.exited;
  rmSync(dataDir, { recursive: true, force: true });
}
