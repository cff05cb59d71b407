/**
 * Shared by the service benchmark and the crash script: start the token service as its own
 * process (so it gets its own core and can be killed with SIGKILL), create a relying party,
 * enrol users, and compute codes.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeHmac } from '../node-shared/node-hmac.js';
import { base32Decode } from '../core/base32.js';
import { totp } from '../core/totp.js';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const mainTs = join(root, 'service', 'src', 'main.ts');
const crypto = nodeHmac;
const params = { algorithm: 'SHA1', digits: 6, period: 30 } as const;

export interface ServiceProcess {
  child: ChildProcess;
  url: string;
  exited: Promise<number | null>;
}

export function serviceEnv(dataDir: string, masterKeyHex: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    MAMORI_DATA_DIR: dataDir,
    MAMORI_PORT: '0',
    MAMORI_MASTER_KEY: masterKeyHex,
    // Benchmarks and crash loads are far above the abuse limits meant for the public.
    MAMORI_PROVISION_PER_MINUTE: '1000000000',
    MAMORI_RP_QUOTA_PER_MINUTE: '1000000000',
  };
}

export function newMasterKeyHex(): string {
  return randomBytes(32).toString('hex');
}

/** `node --import tsx service/src/main.ts serve`; resolves once it prints its URL. */
export function spawnService(env: NodeJS.ProcessEnv): Promise<ServiceProcess> {
  const extra = process.env.BENCH_SERVICE_NODE_ARGS ? process.env.BENCH_SERVICE_NODE_ARGS.split(' ') : [];
  const child = spawn(process.execPath, [...extra, '--import', 'tsx', mainTs, 'serve'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve({ child, url: m[1]!, exited });
    });
    void exited.then((code) => reject(new Error(`service exited (${code}) before listening: ${err || out}`)));
  });
}

export function createParty(env: NodeJS.ProcessEnv, name: string): string {
  const r = spawnSync(process.execPath, ['--import', 'tsx', mainTs, 'create-party', name], { cwd: root, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`create-party failed: ${r.stderr}`);
  return r.stdout.trim().split('\n').at(-1)!.trim();
}

export function codeFor(secret: Uint8Array, ms: number, offsetSteps = 0): string {
  return totp(secret, ms + offsetSteps * 30_000, params, crypto);
}

export async function postJson(url: string, body: unknown, apiKey?: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (apiKey) headers.authorization = `Bearer ${apiKey}`;
  const r = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
}

export interface EnrolledUser {
  userId: string;
  credentialId: string;
  secret: Uint8Array;
}

/**
 * Provision and register one user with the current step's code, which registration consumes:
 * the first code that can then log in is the next step's (inside the T+1 window right away).
 */
export async function enrol(url: string, apiKey: string, userId: string): Promise<EnrolledUser> {
  const p = await postJson(`${url}/v1/provision`, { platform: 'bench' });
  if (p.status !== 201) throw new Error(`provision: ${p.status} ${JSON.stringify(p.body)}`);
  const secret = base32Decode(String(p.body.secret));
  const credentialId = String(p.body.credentialId);
  const r = await postJson(`${url}/v1/register`, { userId, credentialId, code: codeFor(secret, Date.now()) }, apiKey);
  if (r.body.result !== 'registered') throw new Error(`register ${userId}: ${JSON.stringify(r.body)}`);
  return { userId, credentialId, secret };
}

/** Run `task(i)` for i in [0, n) with at most `parallel` in flight. */
export async function pool<T>(n: number, parallel: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(n);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(parallel, n) }, async () => {
      while (next < n) {
        const i = next++;
        out[i] = await task(i);
      }
    }),
  );
  return out;
}
