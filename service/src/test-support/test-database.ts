/**
 * Which backend the service tests run on. Unset MAMORI_TEST_DATABASE_URL: SQLite files in
 * temporary folders. Set to postgres://... : every test world gets a fresh, empty schema of its
 * own in that database (its URL sets `search_path` to it), created through that URL and dropped
 * with CASCADE afterwards, so that files and tests running in parallel never see each other's
 * rows. A schema rather than a whole database: CREATE DATABASE costs about 250 ms here, a schema
 * 2 ms, and to the service an empty schema is an empty database (it names no schema anywhere).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { postgresDialect } from '../storage/sql-dialect.js';

export const TEST_DATABASE_URL = process.env.MAMORI_TEST_DATABASE_URL?.trim() || undefined;
export const BACKEND: 'sqlite' | 'postgres' = TEST_DATABASE_URL ? 'postgres' : 'sqlite';
export const BACKEND_NAME = BACKEND === 'postgres' ? 'PostgreSQL' : 'SQLite';

function adminClient(): pg.Client {
  if (!TEST_DATABASE_URL) throw new Error('MAMORI_TEST_DATABASE_URL is not set');
  return new pg.Client({ connectionString: TEST_DATABASE_URL });
}

export interface TestDatabase {
  readonly url: string;
  readonly name: string;
  drop(): Promise<void>;
}

/** A new, empty schema on the test server, and the URL that makes it the only one in use (PostgreSQL runs only). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `mamori_test_${randomBytes(6).toString('hex')}`;
  const admin = adminClient();
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_DATABASE_URL!);
  url.searchParams.set('options', `-c search_path=${name}`);
  let dropped = false;
  return {
    url: url.toString(),
    name,
    async drop() {
      if (dropped) return;
      dropped = true;
      const a = adminClient();
      await a.connect();
      try {
        await a.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
      } finally {
        await a.end();
      }
    },
  };
}

/**
 * Test-side SQL on a test database, written with `?` placeholders like the service's own
 * statements. BIGINT columns (and COUNT(*)) come back as numbers, as they do from SQLite.
 */
export interface SqlClient {
  query<T>(sql: string, ...params: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export function postgresSqlClient(url: string): SqlClient {
  const client = new pg.Client({
    connectionString: url,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === pg.types.builtins.INT8 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  let connected: Promise<void> | null = null;
  return {
    async query<T>(sql: string, ...params: unknown[]) {
      connected ??= client.connect().then(() => undefined);
      await connected;
      return (await client.query(postgresDialect.toDialect(sql), params)).rows as T[];
    },
    async close() {
      if (connected) await client.end();
      connected = null;
    },
  };
}

/** Test schemas keyed by a name (a data folder, say), created on first use, dropped together. */
export function databasePerKey(): { urlFor(key: string): Promise<string | undefined>; dropAll(): Promise<void> } {
  const databases = new Map<string, Promise<TestDatabase>>();
  return {
    async urlFor(key) {
      if (BACKEND !== 'postgres') return undefined;
      let db = databases.get(key);
      if (db === undefined) {
        db = createTestDatabase();
        databases.set(key, db);
      }
      return (await db).url;
    },
    async dropAll() {
      const all = [...databases.values()];
      databases.clear();
      for (const db of all) await (await db).drop();
    },
  };
}
