/**
 * Every SQL statement the service runs, written once for both backends (`?` placeholders,
 * standard `RETURNING` and `ON CONFLICT`), each used by exactly one storage function.
 */

const CREDENTIAL_STATE_COLUMNS = 'c.id, c.secret_box, c.algorithm, c.digits, c.period, c.expires_at, c.last_step, c.drift, c.failures';

export const SQL = {
  appliedMigrations: 'SELECT version FROM schema_migrations ORDER BY version',
  recordMigration: 'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',

  getMeta: 'SELECT value FROM meta WHERE key = ?',
  // DO NOTHING then read back: two instances starting together agree on the first value.
  putMetaIfAbsent: 'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING',

  insertRelyingParty: 'INSERT INTO relying_parties (id, name, api_key_hash, created_at) VALUES (?, ?, ?, ?)',
  findRelyingPartyByKeyHash: 'SELECT id, name, api_key_hash FROM relying_parties WHERE api_key_hash = ?',

  insertCredential: `INSERT INTO credentials (id, secret_box, algorithm, digits, period, platform, created_at, expires_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING RETURNING id`,
  findCredentialForRegistration: `SELECT ${CREDENTIAL_STATE_COLUMNS},
      EXISTS (SELECT 1 FROM registrations r WHERE r.credential_id = c.id) AS credential_taken,
      EXISTS (SELECT 1 FROM registrations u WHERE u.party_id = ? AND u.user_id = ?) AS user_taken
    FROM credentials c WHERE c.id = ?`,
  findRegisteredCredential: `SELECT ${CREDENTIAL_STATE_COLUMNS}
    FROM registrations r JOIN credentials c ON c.id = r.credential_id
    WHERE r.party_id = ? AND r.user_id = ?`,
  insertRegistration: `INSERT INTO registrations (party_id, user_id, credential_id, registered_at)
    VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING credential_id`,
  deleteRegistration: 'DELETE FROM registrations WHERE party_id = ? AND user_id = ? AND credential_id = ? RETURNING credential_id',

  // The one-use rule in one statement: whoever changes the row won the code.
  consumeStep: `UPDATE credentials SET last_step = ?, drift = ?, failures = 0
    WHERE id = ? AND last_step < ? AND failures < ? RETURNING id`,
  // The lockout counter in one statement: no lost increments under concurrency.
  recordFailure: `UPDATE credentials SET failures = failures + 1
    WHERE id = ? AND failures < ? RETURNING failures`,
  clearFailures: 'UPDATE credentials SET failures = 0 WHERE id = ? RETURNING id',
  // Registration's one-use rule: like consumeStep but blind to the lockout, which only validation
  // failures set and only on registered credentials (so a credential locked by the old rule,
  // which counted wrong registration codes, can still be registered, and starts at 0); and only
  // while nobody has registered the credential, so that a registration racing another can never
  // clear a registered credential's lock.
  consumeStepAtRegistration: `UPDATE credentials SET last_step = ?, drift = ?, failures = 0
    WHERE id = ? AND last_step < ? AND NOT EXISTS (SELECT 1 FROM registrations r WHERE r.credential_id = credentials.id)
    RETURNING id`,
  readCounters: 'SELECT last_step, failures FROM credentials WHERE id = ?',

  // One registration attempt counted in one statement: a new row, or +1 in the open window, or a
  // fresh window of 1 when the row's window has closed (window_start <= now - window). Every SET
  // expression reads the row as it was, so both CASEs agree; concurrent attempts on one key each
  // get their own count (SQLite: one writer; PostgreSQL: the conflicting row is locked and the
  // update applied to its latest version).
  countRegistrationAttempt: `INSERT INTO registration_throttle (party_id, kind, key, failures, window_start) VALUES (?, ?, ?, 1, ?)
    ON CONFLICT (party_id, kind, key) DO UPDATE SET
      failures = CASE WHEN registration_throttle.window_start <= ? THEN 1 ELSE registration_throttle.failures + 1 END,
      window_start = CASE WHEN registration_throttle.window_start <= ? THEN excluded.window_start ELSE registration_throttle.window_start END
    RETURNING failures, window_start`,
  clearRegistrationThrottle: `DELETE FROM registration_throttle
    WHERE party_id = ? AND ((kind = 'user' AND key = ?) OR (kind = 'credential' AND key = ?))`,

  listAudit: 'SELECT id, at, event, party_id, user_id, credential_id, result, reason FROM audit_events ORDER BY id DESC LIMIT ?',
} as const;

export type StatementName = keyof typeof SQL;

/** A multi-row audit INSERT for `rows` events (one statement, one commit for the group). */
export function insertAuditEventsSql(rows: number): string {
  const tuple = '(?, ?, ?, ?, ?, ?, ?)';
  return `INSERT INTO audit_events (at, event, party_id, user_id, credential_id, result, reason) VALUES ${Array.from({ length: rows }, () => tuple).join(', ')}`;
}
