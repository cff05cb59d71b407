/**
 * Which backend: PostgreSQL when a `postgres://` URL is given (several instances over one
 * database), else the embedded SQLite file in the data folder (the default).
 */
import { join } from 'node:path';
import { StartupError } from '../startup-error.js';
import { describeDatabaseUrl, isPostgresUrl, openPostgresStorage, type PostgresOptions } from './postgres-storage.js';
import { DATABASE_FILE_NAME, openSqliteStorage } from './sqlite-storage.js';
import type { Storage } from './storage.js';

export interface OpenStorageOptions extends PostgresOptions {
  /** postgres://user:password@host:port/database; empty or undefined for SQLite. */
  readonly databaseUrl?: string | undefined;
  /** Holds the SQLite file when no database URL is given. */
  readonly dataDir: string;
}

export function openStorage(options: OpenStorageOptions): Storage {
  const url = options.databaseUrl?.trim();
  if (url === undefined || url === '') return openSqliteStorage(join(options.dataDir, DATABASE_FILE_NAME));
  if (!isPostgresUrl(url)) throw new StartupError('The database URL (MAMORI_DATABASE_URL) must start with postgres:// or postgresql://; leave it unset for SQLite.');
  return openPostgresStorage(url, options);
}

/** Where the data lives, for the start-up line (never the password). */
export function describeStorage(options: OpenStorageOptions): string {
  const url = options.databaseUrl?.trim();
  return url ? `database ${describeDatabaseUrl(url)}` : `data in ${options.dataDir}`;
}
