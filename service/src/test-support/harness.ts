/**
 * Test harness: a real service on 127.0.0.1 (ephemeral port) over a real database, with an
 * injected clock that tests move by hand (no sleeping). The database is a SQLite file in a
 * temporary folder, or, when MAMORI_TEST_DATABASE_URL is set, a fresh PostgreSQL schema per
 * harness (see test-database.ts), so that the whole suite runs on both backends.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodeCryptoPlugin } from '@otplib/plugin-crypto-node';
import Database from 'better-sqlite3';
import { base32Decode } from '../../../core/base32.js';
import { totp } from '../../../core/totp.js';
import { startService, type RunningService, type StartServiceOptions } from '../start-service.js';
import type { Storage } from '../storage/storage.js';
import { BACKEND, createTestDatabase, postgresSqlClient, type SqlClient, type TestDatabase } from './test-database.js';

/** 2030-01-01T00:00:00Z is a step boundary (1893456000 / 30 is whole); tests start mid-step. */
export const STEP_BOUNDARY = Date.UTC(2030, 0, 1);
export const START = STEP_BOUNDARY + 15_000;
export const PERIOD_MS = 30_000;

export class TestClock {
  ms: number;
  constructor(ms = START) {
    this.ms = ms;
  }
  readonly now = (): number => this.ms;
  advance(ms: number): void {
    this.ms += ms;
  }
  /** Move to the middle of the next step. */
  nextStep(): void {
    this.ms = Math.floor(this.ms / PERIOD_MS) * PERIOD_MS + PERIOD_MS + 15_000;
  }
}

const nodeCrypto = new NodeCryptoPlugin();

/** The code a correct token shows at `ms`, `offsetSteps` steps away. */
export function codeAt(secret: string, ms: number, offsetSteps = 0): string {
  return totp(base32Decode(secret), ms + offsetSteps * PERIOD_MS, { algorithm: 'SHA1', digits: 6, period: 30 }, nodeCrypto);
}

/** A well-formed code guaranteed to be wrong for steps T-5..T+5 (so it is never accepted by luck). */
export function wrongCode(secret: string, ms: number): string {
  const taken = new Set<string>();
  for (let k = -5; k <= 5; k++) taken.add(codeAt(secret, ms, k));
  for (let n = 0; ; n++) {
    const candidate = String((123_456 + n * 7_919) % 1_000_000).padStart(6, '0');
    if (!taken.has(candidate)) return candidate;
  }
}

export interface Reply {
  status: number;
  body: unknown;
  contentType: string | null;
}

export interface Harness {
  service: RunningService;
  clock: TestClock;
  dataDir: string;
  apiKey: string;
  partyId: string;
  /** POST JSON with the party's key (or `key` when given, null for none). */
  post(path: string, body: unknown, key?: string | null): Promise<Reply>;
  raw(path: string, init: RequestInit): Promise<Reply>;
  /**
   * Send POSTs so that they reach the server together: every connection is opened first, then
   * all requests are written in one tick. (fetch from the same process trickles them in.)
   */
  burst(requests: readonly { path: string; body: unknown; key?: string | null }[]): Promise<Reply[]>;
  provision(): Promise<{ credentialId: string; secret: string }>;
  /** Provision and register `userId` with the current step's code (which registration consumes). */
  enrol(userId: string, key?: string): Promise<{ credentialId: string; secret: string }>;
  /** Counters straight from the database, through a connection of its own, as another process would see them. */
  counters(credentialId: string): Promise<{ lastStep: number; failures: number; drift: number }>;
  /** Read-only SQL on the database (`?` placeholders; integers come back as numbers on both backends). */
  sql<T>(query: string, ...params: unknown[]): Promise<T[]>;
  /** A write behind the service's back (tampering, deleting a key), on its own connection. */
  exec(query: string, ...params: unknown[]): Promise<void>;
  /** The PostgreSQL URL of this harness's database; undefined on SQLite. */
  databaseUrl: string | undefined;
  restart(extra?: Partial<StartServiceOptions>): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions extends Partial<StartServiceOptions> {
  clock?: TestClock;
}

async function readReply(response: Response): Promise<Reply> {
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Left as text; tests assert JSON where it matters.
  }
  return { status: response.status, body, contentType: response.headers.get('content-type') };
}

function parseRawResponse(text: string): Reply {
  const split = text.indexOf('\r\n\r\n');
  const head = text.slice(0, split);
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
  const contentType = /^content-type: *(.*)$/im.exec(head)?.[1]?.trim() ?? null;
  const bodyText = text.slice(split + 4);
  let body: unknown = bodyText;
  try {
    body = JSON.parse(bodyText);
  } catch {
    // Left as text.
  }
  return { status, body, contentType };
}

export const TEST_MASTER_KEY = new Uint8Array(32).map((_, i) => (i * 37 + 11) & 0xff);

/**
 * Send POSTs so that they reach the servers together: every connection is opened first, then
 * all requests are written in one tick. Each request names its server (`url`), so a burst can be
 * spread over several instances.
 */
export async function burstTo(requests: readonly { url: string; path: string; body: unknown; key: string | null }[]): Promise<Reply[]> {
  // 1. Open every connection and get one keep-alive answer on each, so that the server has
  //    accepted them all (it accepts about one new connection per event-loop turn).
  const sockets = await Promise.all(
    requests.map(
      (r) =>
        new Promise<{ socket: Socket; chunks: Buffer[] }>((resolve, reject) => {
          const { hostname, port } = new URL(r.url);
          const socket = connect({ host: hostname, port: Number(port) });
          const chunks: Buffer[] = [];
          socket.once('error', reject);
          socket.on('data', (c: Buffer) => {
            chunks.push(c);
            const text = Buffer.concat(chunks).toString('utf8');
            const split = text.indexOf('\r\n\r\n');
            const length = Number(/^content-length: *(\d+)/im.exec(text.slice(0, split))?.[1] ?? -1);
            if (split >= 0 && Buffer.byteLength(text.slice(split + 4)) >= length) {
              socket.removeAllListeners('data');
              resolve({ socket, chunks: [] });
            }
          });
          socket.write(`GET /v1/time HTTP/1.1\r\nhost: ${hostname}\r\n\r\n`);
        }),
    ),
  );
  // 2. Write every request in the same tick.
  const replies = sockets.map(
    ({ socket, chunks }) =>
      new Promise<Reply>((resolve, reject) => {
        socket.on('data', (c: Buffer) => chunks.push(c));
        socket.once('error', reject);
        socket.once('end', () => resolve(parseRawResponse(Buffer.concat(chunks).toString('utf8'))));
      }),
  );
  requests.forEach((r, i) => {
    const { hostname } = new URL(r.url);
    const payload = JSON.stringify(r.body);
    const auth = r.key === null ? '' : `authorization: Bearer ${r.key}\r\n`;
    sockets[i]!.socket.write(
      `POST ${r.path} HTTP/1.1\r\nhost: ${hostname}\r\nconnection: close\r\ncontent-type: application/json\r\n${auth}content-length: ${Buffer.byteLength(payload)}\r\n\r\n${payload}`,
    );
  });
  return Promise.all(replies);
}

/** The SQLite file of a harness, opened on demand (read-only, or writable for `exec`). */
function sqliteSql(dataDir: string): SqlClient & { reset(): void } {
  let readonly: Database.Database | null = null;
  return {
    async query<T>(query: string, ...params: unknown[]) {
      readonly ??= new Database(join(dataDir, 'mamori.db'), { readonly: true, fileMustExist: true });
      return readonly.prepare(query).all(...params) as T[];
    },
    async close() {
      readonly?.close();
      readonly = null;
    },
    reset() {
      readonly?.close();
      readonly = null;
    },
  };
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const clock = options.clock ?? new TestClock();
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'mamori-service-test-'));
  // On PostgreSQL runs every harness gets a database of its own, unless the test brings one.
  let ownDatabase: TestDatabase | null = null;
  if (BACKEND === 'postgres' && options.databaseUrl === undefined) ownDatabase = await createTestDatabase();
  const base: StartServiceOptions = {
    masterKey: TEST_MASTER_KEY,
    provisionRateLimit: { max: 10_000, windowMs: 60_000 },
    ...options,
    ...(ownDatabase ? { databaseUrl: ownDatabase.url } : {}),
    dataDir,
    port: 0,
    now: clock.now,
  };
  let service: RunningService;
  try {
    service = await startService(base);
  } catch (error) {
    await ownDatabase?.drop();
    throw error;
  }
  const { apiKey, id: partyId } = await service.createRelyingParty('Test Bank');
  const sqlite = base.databaseUrl === undefined ? sqliteSql(dataDir) : null;
  const db: SqlClient = sqlite ?? postgresSqlClient(base.databaseUrl!);

  const h: Harness = {
    get service() {
      return service;
    },
    clock,
    dataDir,
    databaseUrl: base.databaseUrl,
    apiKey,
    partyId,
    async raw(path, init) {
      return readReply(await fetch(service.url + path, init));
    },
    async burst(requests) {
      return burstTo(requests.map((r) => ({ url: service.url, path: r.path, body: r.body, key: r.key === undefined ? apiKey : r.key })));
    },
    async post(path, body, key = apiKey) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (key !== null) headers.authorization = `Bearer ${key}`;
      return h.raw(path, { method: 'POST', headers, body: JSON.stringify(body) });
    },
    async provision() {
      const r = await h.post('/v1/provision', { platform: 'linux' }, null);
      if (r.status !== 201) throw new Error(`provision failed: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body as { credentialId: string; secret: string };
    },
    async enrol(userId, key = apiKey) {
      const cred = await h.provision();
      const r = await h.post('/v1/register', { userId, credentialId: cred.credentialId, code: codeAt(cred.secret, clock.ms) }, key);
      if ((r.body as { result?: string }).result !== 'registered') throw new Error(`register failed: ${JSON.stringify(r.body)}`);
      return cred;
    },
    sql<T>(query: string, ...params: unknown[]) {
      return db.query<T>(query, ...params);
    },
    async exec(query, ...params) {
      if (sqlite === null) {
        await db.query(query, ...params);
        return;
      }
      // The service's own connection keeps running; this is a second writer on the file.
      const writer = new Database(join(dataDir, 'mamori.db'), { fileMustExist: true });
      try {
        writer.pragma('busy_timeout = 5000');
        writer.prepare(query).run(...params);
      } finally {
        writer.close();
      }
    },
    async counters(credentialId) {
      const [row] = await db.query<{ last_step: number; failures: number; drift: number }>('SELECT last_step, failures, drift FROM credentials WHERE id = ?', credentialId);
      if (!row) throw new Error(`no credential ${credentialId}`);
      return { lastStep: row.last_step, failures: row.failures, drift: row.drift };
    },
    async restart(extra = {}) {
      sqlite?.reset();
      await service.close();
      service = await startService({ ...base, ...extra });
    },
    async close() {
      await db.close();
      await service.close();
      await ownDatabase?.drop();
      if (options.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return h;
}

/** Like a networked database: every storage call first yields to the event loop, so other requests interleave. */
export function yieldingStorage(inner: Storage): Storage {
  const yieldNow = () => new Promise<void>((resolve) => setImmediate(resolve));
  return new Proxy(inner, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        await yieldNow();
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

export function stepOf(ms: number): number {
  return Math.floor(ms / PERIOD_MS);
}
