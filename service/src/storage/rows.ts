/** Row readers shared by every backend, so that a column means the same thing everywhere. */
import { fromDb } from './sql-dialect.js';
import type { AuditEntry, AuditEvent, CredentialForRegistration, CredentialState, RelyingPartyRecord } from './storage.js';

type Row = Record<string, unknown>;

export function readCredentialState(row: Row): CredentialState {
  const algorithm = fromDb.text(row.algorithm);
  const digits = fromDb.int(row.digits);
  const period = fromDb.int(row.period);
  // Only what provisioning issues today; anything else is a corrupt or future row, refused loudly.
  if (algorithm !== 'SHA1' || digits !== 6 || period !== 30) throw new TypeError(`storage: unsupported parameters on credential ${String(row.id)}`);
  return {
    id: fromDb.text(row.id),
    secretBox: fromDb.bytes(row.secret_box),
    algorithm,
    digits,
    period,
    expiresAt: fromDb.int(row.expires_at),
    lastStep: fromDb.int(row.last_step),
    drift: fromDb.int(row.drift),
    failures: fromDb.int(row.failures),
  };
}

export function readCredentialForRegistration(row: Row): CredentialForRegistration {
  return { ...readCredentialState(row), credentialTaken: fromDb.bool(row.credential_taken), userTaken: fromDb.bool(row.user_taken) };
}

export function readRelyingParty(row: Row): RelyingPartyRecord {
  return { id: fromDb.text(row.id), name: fromDb.text(row.name), apiKeyHash: fromDb.bytes(row.api_key_hash) };
}

export function readAuditEntry(row: Row): AuditEntry {
  return {
    id: fromDb.int(row.id),
    at: fromDb.int(row.at),
    event: fromDb.text(row.event) as AuditEvent,
    partyId: fromDb.textOrNull(row.party_id),
    userId: fromDb.textOrNull(row.user_id),
    credentialId: fromDb.textOrNull(row.credential_id),
    result: fromDb.textOrNull(row.result),
    reason: fromDb.textOrNull(row.reason),
  };
}
