/**
 * Crash test of the token service: 20 times, kill -9 the service process in the middle of a
 * validation and registration load, restart it on the same data folder, and check that
 *   - every code that was answered "accepted" is now refused as "replayed", and
 *   - every registration that was answered "registered" still exists.
 * Run: npx tsx scripts/service-crash.ts   (CRASH_ROUNDS to change the number of kills)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codeFor, createParty, enrol, newMasterKeyHex, pool, postJson, serviceEnv, spawnService, type EnrolledUser, type ServiceProcess } from '../bench/service-helpers.js';

const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 20);
const USERS_PER_ROUND = 20;
const VALIDATION_WORKERS = 16;
const REGISTRATION_WORKERS = 4;

const dataDir = mkdtempSync(join(tmpdir(), 'mamori-crash-'));
const env = serviceEnv(dataDir, newMasterKeyHex());
const apiKey = createParty(env, 'Crash Bank');

const totals = { requestsAnswered: 0, requestsCut: 0, accepted: 0, acceptedNowReplayed: 0, acceptedProblems: 0, registered: 0, registeredStillThere: 0, registeredMissing: 0 };
const problems: string[] = [];

let service: ServiceProcess = await spawnService(env);
try {
  for (let round = 1; round <= ROUNDS; round++) {
    // Fresh users each round: registration used step T, so each can accept the step T+1 code once.
    const users = await pool(USERS_PER_ROUND, 8, (i) => enrol(service.url, apiKey, `r${round}-u${i}`));
    const registered: EnrolledUser[] = [...users];
    const accepted: { userId: string; code: string }[] = [];
    let stop = false;
    let cut = 0;
    let answered = 0;

    const validations = Array.from({ length: VALIDATION_WORKERS }, async () => {
      while (!stop) {
        // Users registered during this load join the pool, so acceptances happen up to the kill.
        const user = registered[Math.floor(Math.random() * registered.length)]!;
        const code = codeFor(user.secret, Date.now(), 1);
        try {
          const r = await postJson(`${service.url}/v1/validate`, { userId: user.userId, code }, apiKey);
          answered++;
          if (r.body.result === 'accepted') accepted.push({ userId: user.userId, code });
        } catch {
          cut++; // the process died under this request: its outcome is unknown, so it proves nothing
          return;
        }
      }
    });
    let extra = 0;
    const registrations = Array.from({ length: REGISTRATION_WORKERS }, async () => {
      while (!stop) {
        try {
          registered.push(await enrol(service.url, apiKey, `r${round}-x${extra++}`));
          answered += 2;
        } catch {
          cut++;
          return;
        }
      }
    });

    // Kill at a random moment 200-800 ms into the load.
    await new Promise((resolve) => setTimeout(resolve, 200 + Math.random() * 600));
    service.child.kill('SIGKILL');
    await service.exited;
    stop = true;
    await Promise.all([...validations, ...registrations]);

    service = await spawnService(env);
    let replayed = 0;
    for (const a of accepted) {
      const r = await postJson(`${service.url}/v1/validate`, a, apiKey);
      if (r.body.reason === 'replayed') replayed++;
      else problems.push(`round ${round}: accepted code for ${a.userId} now answers ${JSON.stringify(r.body)}`);
    }
    let present = 0;
    for (const u of registered) {
      // Registering again must find the registration (checked before any code).
      const r = await postJson(`${service.url}/v1/register`, { userId: u.userId, credentialId: u.credentialId, code: '000000' }, apiKey);
      if (r.body.reason === 'already_registered') present++;
      else problems.push(`round ${round}: registration of ${u.userId} answers ${JSON.stringify(r.body)}`);
    }
    totals.requestsAnswered += answered;
    totals.requestsCut += cut;
    totals.accepted += accepted.length;
    totals.acceptedNowReplayed += replayed;
    totals.acceptedProblems += accepted.length - replayed;
    totals.registered += registered.length;
    totals.registeredStillThere += present;
    totals.registeredMissing += registered.length - present;
    console.log(
      `round ${String(round).padStart(2)}: killed after ${answered} answers (${cut} cut off); accepted ${accepted.length} -> replayed ${replayed}; registered ${registered.length} -> still there ${present}`,
    );
  }
} finally {
  service.child.kill('SIGKILL');
  await service.exited;
  rmSync(dataDir, { recursive: true, force: true });
}

console.log(`\n${ROUNDS} kill -9 rounds:`);
console.log(`  answered requests ${totals.requestsAnswered}, requests cut off by the kill ${totals.requestsCut}`);
console.log(`  codes answered "accepted": ${totals.accepted}; refused as "replayed" after restart: ${totals.acceptedNowReplayed}; otherwise: ${totals.acceptedProblems}`);
console.log(`  registrations answered "registered": ${totals.registered}; still there after restart: ${totals.registeredStillThere}; missing: ${totals.registeredMissing}`);
for (const p of problems.slice(0, 20)) console.log(`  PROBLEM ${p}`);
const ok = totals.acceptedProblems === 0 && totals.registeredMissing === 0;
console.log(ok ? 'OK: nothing answered was lost.' : 'FAILED: see the problems above.');
process.exit(ok ? 0 : 1);
