/**
 * Everything that differs between SQLite and PostgreSQL, in one place. Statements and
 * migrations are written once with `?` placeholders and the column types below; a backend
 * turns them into its own SQL with `toDialect` and reads rows back through `fromDb`.
 */

export type DialectName = 'sqlite' | 'postgres';

export interface SqlDialect {
  readonly name: DialectName;
  /** Column types used by the migrations. */
  readonly types: {
    /** 64-bit integer (ms timestamps, steps). */
    readonly bigint: string;
    readonly bytes: string;
    readonly text: string;
    /** Auto-numbered primary key for append-only tables. */
    readonly serialKey: string;
  };
  /** Placeholder rewriting: SQLite takes `?`, PostgreSQL `$1, $2, ...`. */
  toDialect(sql: string): string;
}

export const sqliteDialect: SqlDialect = {
  name: 'sqlite',
  types: { bigint: 'INTEGER', bytes: 'BLOB', text: 'TEXT', serialKey: 'INTEGER PRIMARY KEY AUTOINCREMENT' },
  toDialect: (sql) => sql,
};

export const postgresDialect: SqlDialect = {
  name: 'postgres',
  types: { bigint: 'BIGINT', bytes: 'BYTEA', text: 'TEXT', serialKey: 'BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY' },
  toDialect: (sql) => {
    let n = 0;
    // Our statements never contain a literal '?', so a plain rewrite is exact.
    return sql.replace(/\?/g, () => `$${++n}`);
  },
};

/**
 * Row values as the drivers return them: better-sqlite3 gives numbers, 0/1 and Buffers;
 * node-postgres gives BIGINT as strings and real booleans. These readers accept both.
 */
export const fromDb = {
  int(value: unknown): number {
    const n = typeof value === 'string' ? Number(value) : value;
    if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw new TypeError('storage: expected an integer column');
    return n;
  },
  bool(value: unknown): boolean {
    return value === true || value === 1 || value === '1' || value === 't';
  },
  text(value: unknown): string {
    if (typeof value !== 'string') throw new TypeError('storage: expected a text column');
    return value;
  },
  textOrNull(value: unknown): string | null {
    return value === null || value === undefined ? null : fromDb.text(value);
  },
  bytes(value: unknown): Uint8Array {
    if (!(value instanceof Uint8Array)) throw new TypeError('storage: expected a bytes column');
    return value;
  },
};
