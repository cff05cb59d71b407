/**
 * The embedded backend: one SQLite file through better-sqlite3 (synchronous, in-process).
 * Statements are prepared once. WAL lets readers run beside the single writer, and lets a
 * `create-party` command or a second process use the same file while the service runs.
 */
import Database from 'better-sqlite3';
import { MIGRATIONS, MIGRATIONS_TABLE_SQL } from './migrations.js';
import { readAuditEntry, readCredentialForRegistration, readCredentialState, readRelyingParty } from './rows.js';
import { fromDb, sqliteDialect } from './sql-dialect.js';
import { insertAuditEventsSql, SQL, type StatementName } from './statements.js';
import { MAX_AUDIT_ROWS, type Storage } from './storage.js';
import { startWalCheckpointer, type WalCheckpointer } from './wal-checkpointer.js';

type Row = Record<string, unknown>;

export const DATABASE_FILE_NAME = 'mamori.db';

export function openSqliteStorage(file: string): Storage {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // NORMAL in WAL mode: a killed process loses nothing (the WAL is in the OS page cache);
  // only a power cut can lose the last commits. FULL would fsync every validation.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  // Another process (create-party, a second instance) may hold the write lock briefly.
  db.pragma('busy_timeout = 5000');
  // Checkpoints run on a worker thread (see wal-checkpointer.ts), started after migrations.
  db.pragma('wal_autocheckpoint = 0');
  let checkpointer: WalCheckpointer | null = null;

  // Prepared lazily on first use (tables exist only after migrate) and then kept.
  const prepared = new Map<StatementName, Database.Statement>();
  const stmt = (name: StatementName): Database.Statement => {
    let s = prepared.get(name);
    if (!s) {
      s = db.prepare(sqliteDialect.toDialect(SQL[name]));
      prepared.set(name, s);
    }
    return s;
  };
  const auditInserts = new Map<number, Database.Statement>();
  const get = (name: StatementName, ...params: unknown[]): Row | undefined => stmt(name).get(...params) as Row | undefined;
  const all = (name: StatementName, ...params: unknown[]): Row[] => stmt(name).all(...params) as Row[];
  const run = (name: StatementName, ...params: unknown[]): number => stmt(name).run(...params).changes;
  // better-sqlite3 wants Buffers for BLOB parameters.
  const blob = (bytes: Uint8Array): Buffer => (Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));

  return {
    dialect: 'sqlite',

    async migrate() {
      db.exec(MIGRATIONS_TABLE_SQL(sqliteDialect));
      // IMMEDIATE takes the write lock first, so two processes starting together cannot both
      // apply the same migration.
      const apply = db.transaction(() => {
        const done = new Set(db.prepare(SQL.appliedMigrations).all().map((r) => fromDb.int((r as Row).version)));
        for (const m of MIGRATIONS) {
          if (done.has(m.version)) continue;
          for (const sql of m.statements(sqliteDialect)) db.exec(sql);
          db.prepare(SQL.recordMigration).run(m.version, m.name, Date.now());
        }
      });
      apply.immediate();
      // Should the worker ever fail, SQLite's own in-line checkpoints take over again.
      checkpointer ??= startWalCheckpointer(file, () => {
        if (db.open) db.pragma('wal_autocheckpoint = 1000');
      });
    },

    async close() {
      await checkpointer?.close();
      checkpointer = null;
      prepared.clear();
      auditInserts.clear();
      if (db.open) db.close();
    },

    async getMeta(key) {
      const row = get('getMeta', key);
      return row ? fromDb.text(row.value) : null;
    },

    async putMetaIfAbsent(key, value) {
      run('putMetaIfAbsent', key, value);
      return fromDb.text(get('getMeta', key)?.value);
    },

    async insertRelyingParty(p) {
      run('insertRelyingParty', p.id, p.name, blob(p.apiKeyHash), p.createdAt);
    },

    async findRelyingPartyByKeyHash(hash) {
      const row = get('findRelyingPartyByKeyHash', blob(hash));
      return row ? readRelyingParty(row) : null;
    },

    async insertCredential(c) {
      const row = get('insertCredential', c.id, blob(c.secretBox), c.algorithm, c.digits, c.period, c.platform, c.createdAt, c.expiresAt);
      return row !== undefined;
    },

    async findCredentialForRegistration(credentialId, partyId, userId) {
      const row = get('findCredentialForRegistration', partyId, userId, credentialId);
      return row ? readCredentialForRegistration(row) : null;
    },

    async findRegisteredCredential(partyId, userId) {
      const row = get('findRegisteredCredential', partyId, userId);
      return row ? readCredentialState(row) : null;
    },

    async insertRegistration(partyId, userId, credentialId, at) {
      return get('insertRegistration', partyId, userId, credentialId, at) !== undefined;
    },

    async deleteRegistration(partyId, userId, credentialId) {
      return get('deleteRegistration', partyId, userId, credentialId) !== undefined;
    },

    async consumeStep(credentialId, step, drift, lockThreshold) {
      return get('consumeStep', step, drift, credentialId, step, lockThreshold) !== undefined;
    },

    async recordFailure(credentialId, lockThreshold) {
      const row = get('recordFailure', credentialId, lockThreshold);
      return row ? fromDb.int(row.failures) : null;
    },

    async clearFailures(credentialId) {
      return get('clearFailures', credentialId) !== undefined;
    },

    async readCounters(credentialId) {
      const row = get('readCounters', credentialId);
      return row ? { lastStep: fromDb.int(row.last_step), failures: fromDb.int(row.failures) } : null;
    },

    async consumeStepAtRegistration(credentialId, step, drift) {
      return get('consumeStepAtRegistration', step, drift, credentialId, step) !== undefined;
    },

    async countRegistrationAttempt(partyId, kind, key, at, windowMs) {
      const closedBefore = at - windowMs;
      const row = get('countRegistrationAttempt', partyId, kind, key, at, closedBefore, closedBefore);
      if (row === undefined) throw new Error('storage: the registration throttle UPSERT returned no row');
      return { failures: fromDb.int(row.failures), windowStart: fromDb.int(row.window_start) };
    },

    async clearRegistrationThrottle(partyId, userId, credentialId) {
      run('clearRegistrationThrottle', partyId, userId, credentialId);
    },

    async insertAuditEvents(entries) {
      if (entries.length === 0) return;
      if (entries.length > MAX_AUDIT_ROWS) throw new RangeError(`at most ${MAX_AUDIT_ROWS} audit rows per statement`);
      let statement = auditInserts.get(entries.length);
      if (!statement) {
        statement = db.prepare(sqliteDialect.toDialect(insertAuditEventsSql(entries.length)));
        auditInserts.set(entries.length, statement);
      }
      const params: unknown[] = [];
      for (const e of entries) params.push(e.at, e.event, e.partyId, e.userId, e.credentialId, e.result, e.reason);
      statement.run(...params);
    },

    async listAudit(limit) {
      return all('listAudit', limit).map(readAuditEntry);
    },
  };
}
