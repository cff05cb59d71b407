/**
 * Versioned schema migrations, shared by every backend. Each migration is applied once, in
 * order, inside a transaction, and recorded in `schema_migrations`. Never edit a released
 * migration: add the next version.
 */
import type { SqlDialect } from './sql-dialect.js';

export interface Migration {
  readonly version: number;
  readonly name: string;
  statements(d: SqlDialect): string[];
}

export const MIGRATIONS_TABLE_SQL = (d: SqlDialect): string =>
  `CREATE TABLE IF NOT EXISTS schema_migrations (
     version ${d.types.bigint} PRIMARY KEY,
     name ${d.types.text} NOT NULL,
     applied_at ${d.types.bigint} NOT NULL
   )`;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    statements: (d) => [
      // Small facts about the database itself, such as the master key's check value.
      `CREATE TABLE meta (
         key ${d.types.text} PRIMARY KEY,
         value ${d.types.text} NOT NULL
       )`,
      // API keys are stored as SHA-256 hashes only; the key itself is shown once at creation.
      `CREATE TABLE relying_parties (
         id ${d.types.text} PRIMARY KEY,
         name ${d.types.text} NOT NULL,
         api_key_hash ${d.types.bytes} NOT NULL UNIQUE,
         created_at ${d.types.bigint} NOT NULL
       )`,
      // last_step, drift and failures live on the credential: one use and lockout are
      // properties of the code generator, whoever asks.
      `CREATE TABLE credentials (
         id ${d.types.text} PRIMARY KEY,
         secret_box ${d.types.bytes} NOT NULL,
         algorithm ${d.types.text} NOT NULL,
         digits ${d.types.bigint} NOT NULL,
         period ${d.types.bigint} NOT NULL,
         platform ${d.types.text} NOT NULL,
         created_at ${d.types.bigint} NOT NULL,
         expires_at ${d.types.bigint} NOT NULL,
         last_step ${d.types.bigint} NOT NULL DEFAULT -1,
         drift ${d.types.bigint} NOT NULL DEFAULT 0,
         failures ${d.types.bigint} NOT NULL DEFAULT 0
       )`,
      // A user has at most one credential per relying party, and a credential belongs to at
      // most one user: both are enforced by the database, not by the caller.
      `CREATE TABLE registrations (
         party_id ${d.types.text} NOT NULL REFERENCES relying_parties(id),
         user_id ${d.types.text} NOT NULL,
         credential_id ${d.types.text} NOT NULL UNIQUE REFERENCES credentials(id),
         registered_at ${d.types.bigint} NOT NULL,
         PRIMARY KEY (party_id, user_id)
       )`,
      // Append-only; never holds a code or a secret. Deliberately no secondary index: every
      // validation appends a row, and an index on (random) credential IDs made each group
      // commit about 4x more expensive (bench). Investigations query a copy or a replica.
      `CREATE TABLE audit_events (
         id ${d.types.serialKey},
         at ${d.types.bigint} NOT NULL,
         event ${d.types.text} NOT NULL,
         party_id ${d.types.text},
         user_id ${d.types.text},
         credential_id ${d.types.text},
         result ${d.types.text},
         reason ${d.types.text}
       )`,
    ],
  },
  {
    version: 2,
    name: 'registration throttle',
    statements: (d) => [
      // Wrong codes at registration no longer count toward the credential's lockout (an
      // unregistered credential has no user who could have it unlocked, so anyone naming its ID
      // could kill it for good). They are throttled here instead, per relying party and per user
      // (kind 'user', key = the party's user ID) and per credential (kind 'credential', key = the
      // normalized credential ID), in fixed windows that open at the first counted attempt (see
      // registration-throttle.ts). A row per key, updated by one conditional UPSERT, so that
      // instances sharing the database count together and no attempt is lost.
      `CREATE TABLE registration_throttle (
         party_id ${d.types.text} NOT NULL REFERENCES relying_parties(id),
         kind ${d.types.text} NOT NULL CHECK (kind IN ('user', 'credential')),
         key ${d.types.text} NOT NULL,
         failures ${d.types.bigint} NOT NULL,
         window_start ${d.types.bigint} NOT NULL,
         PRIMARY KEY (party_id, kind, key)
       )`,
    ],
  },
];
