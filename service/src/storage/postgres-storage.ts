/**
 * The networked backend: PostgreSQL through a node-postgres pool, so that several stateless
 * service instances can share one database (issue 7). The same statements and migrations as
 * SQLite, turned into PostgreSQL's SQL by `postgresDialect`; every function runs one statement
 * in autocommit, so one use and lockout are single conditional UPDATEs decided by the database
 * (a concurrent UPDATE of the same row waits for the first to commit and then re-checks the
 * WHERE clause against the new row: exactly one caller wins a step, no increment is lost).
 * Statements are named, so each pooled connection prepares them once.
 */
import pg from 'pg';
import { StartupError } from '../startup-error.js';
import { MIGRATIONS, MIGRATIONS_TABLE_SQL } from './migrations.js';
import { readAuditEntry, readCredentialForRegistration, readCredentialState, readRelyingParty } from './rows.js';
import { fromDb, postgresDialect } from './sql-dialect.js';
import { insertAuditEventsSql, SQL, type StatementName } from './statements.js';
import { MAX_AUDIT_ROWS, type Storage } from './storage.js';

type Row = Record<string, unknown>;

/**
 * Key of the transaction-scoped advisory lock held while migrating: instances starting together
 * against one empty database take turns, and the later ones find the work done. ("mamori" in
 * ASCII; any constant shared by every instance would do.)
 */
export const MIGRATION_LOCK_KEY = 0x6d616d6f7269;

export interface PostgresOptions {
  /** Connections per instance (default 10). Instances × this must stay under max_connections. */
  readonly poolSize?: number;
}

/** postgres://user:***@host:port/db, for logs and error messages. */
export function describeDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password !== '') u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparsable URL)';
  }
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

export function openPostgresStorage(url: string, options: PostgresOptions = {}): Storage {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    // A database that cannot be reached fails the request (500) instead of hanging it.
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
    application_name: 'mamori-token-service',
  });
  // An idle connection that dies (database restart, failover) is dropped by the pool and
  // replaced on the next query; without a listener node would treat it as an uncaught error.
  let ended = false;
  pool.on('error', (error) => {
    // After close() the pool ends its connections without waiting; errors then are our own doing.
    if (!ended) console.error(`Mamori token service: a pooled PostgreSQL connection failed and was dropped: ${error.message}`);
  });

  const query = async (name: string, text: string, values: unknown[]): Promise<Row[]> => {
    const result = await pool.query<Row>({ name, text, values });
    return result.rows;
  };
  // Converted once: the statement text of a name must never change on a connection.
  const converted = new Map<StatementName, string>();
  const sqlOf = (name: StatementName): string => {
    let text = converted.get(name);
    if (text === undefined) {
      text = postgresDialect.toDialect(SQL[name]);
      converted.set(name, text);
    }
    return text;
  };
  const get = async (name: StatementName, ...values: unknown[]): Promise<Row | undefined> => (await query(name, sqlOf(name), values))[0];
  const all = (name: StatementName, ...values: unknown[]): Promise<Row[]> => query(name, sqlOf(name), values);
  const auditSql = new Map<number, string>();

  return {
    dialect: 'postgres',

    async migrate() {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        throw new StartupError(`Cannot connect to PostgreSQL at ${describeDatabaseUrl(url)}: ${(error as Error).message}`);
      }
      try {
        // One transaction for the whole migration (PostgreSQL's DDL is transactional), under a
        // lock that peers starting at the same moment wait on, released by COMMIT or ROLLBACK.
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
        await client.query(MIGRATIONS_TABLE_SQL(postgresDialect));
        const done = new Set((await client.query<Row>(SQL.appliedMigrations)).rows.map((r) => fromDb.int(r.version)));
        for (const m of MIGRATIONS) {
          if (done.has(m.version)) continue;
          for (const sql of m.statements(postgresDialect)) await client.query(sql);
          await client.query(postgresDialect.toDialect(SQL.recordMigration), [m.version, m.name, Date.now()]);
        }
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        const code = (error as { code?: unknown }).code;
        throw new StartupError(
          `Cannot migrate the PostgreSQL database at ${describeDatabaseUrl(url)}: ${(error as Error).message}${typeof code === 'string' ? ` (SQLSTATE ${code})` : ''}`,
        );
      } finally {
        client.release();
      }
    },

    async close() {
      if (ended) return;
      ended = true;
      await pool.end();
    },

    async getMeta(key) {
      const row = await get('getMeta', key);
      return row ? fromDb.text(row.value) : null;
    },

    async putMetaIfAbsent(key, value) {
      await get('putMetaIfAbsent', key, value);
      return fromDb.text((await get('getMeta', key))?.value);
    },

    async insertRelyingParty(p) {
      await get('insertRelyingParty', p.id, p.name, Buffer.from(p.apiKeyHash), p.createdAt);
    },

    async findRelyingPartyByKeyHash(hash) {
      const row = await get('findRelyingPartyByKeyHash', Buffer.from(hash));
      return row ? readRelyingParty(row) : null;
    },

    async insertCredential(c) {
      const row = await get('insertCredential', c.id, Buffer.from(c.secretBox), c.algorithm, c.digits, c.period, c.platform, c.createdAt, c.expiresAt);
      return row !== undefined;
    },

    async findCredentialForRegistration(credentialId, partyId, userId) {
      const row = await get('findCredentialForRegistration', partyId, userId, credentialId);
      return row ? readCredentialForRegistration(row) : null;
    },

    async findRegisteredCredential(partyId, userId) {
      const row = await get('findRegisteredCredential', partyId, userId);
      return row ? readCredentialState(row) : null;
    },

    async insertRegistration(partyId, userId, credentialId, at) {
      return (await get('insertRegistration', partyId, userId, credentialId, at)) !== undefined;
    },

    async deleteRegistration(partyId, userId, credentialId) {
      return (await get('deleteRegistration', partyId, userId, credentialId)) !== undefined;
    },

    async consumeStep(credentialId, step, drift, lockThreshold) {
      return (await get('consumeStep', step, drift, credentialId, step, lockThreshold)) !== undefined;
    },

    async recordFailure(credentialId, lockThreshold) {
      const row = await get('recordFailure', credentialId, lockThreshold);
      return row ? fromDb.int(row.failures) : null;
    },

    async clearFailures(credentialId) {
      return (await get('clearFailures', credentialId)) !== undefined;
    },

    async readCounters(credentialId) {
      const row = await get('readCounters', credentialId);
      return row ? { lastStep: fromDb.int(row.last_step), failures: fromDb.int(row.failures) } : null;
    },

    async consumeStepAtRegistration(credentialId, step, drift) {
      return (await get('consumeStepAtRegistration', step, drift, credentialId, step)) !== undefined;
    },

    async countRegistrationAttempt(partyId, kind, key, at, windowMs) {
      const closedBefore = at - windowMs;
      const row = await get('countRegistrationAttempt', partyId, kind, key, at, closedBefore, closedBefore);
      if (row === undefined) throw new Error('storage: the registration throttle UPSERT returned no row');
      return { failures: fromDb.int(row.failures), windowStart: fromDb.int(row.window_start) };
    },

    async clearRegistrationThrottle(partyId, userId, credentialId) {
      await all('clearRegistrationThrottle', partyId, userId, credentialId);
    },

    async insertAuditEvents(entries) {
      if (entries.length === 0) return;
      if (entries.length > MAX_AUDIT_ROWS) throw new RangeError(`at most ${MAX_AUDIT_ROWS} audit rows per statement`);
      let text = auditSql.get(entries.length);
      if (text === undefined) {
        text = postgresDialect.toDialect(insertAuditEventsSql(entries.length));
        auditSql.set(entries.length, text);
      }
      const values: unknown[] = [];
      for (const e of entries) values.push(e.at, e.event, e.partyId, e.userId, e.credentialId, e.result, e.reason);
      await query(`insertAuditEvents${entries.length}`, text, values);
    },

    async listAudit(limit) {
      return (await all('listAudit', limit)).map(readAuditEntry);
    },
  };
}
