/**
 * The one storage interface of the token service. Every function is asynchronous and runs
 * exactly one SQL statement, so that the embedded SQLite backend and a networked PostgreSQL
 * backend (issue 7) can implement it identically. The rules that must hold across several
 * service instances (one use per code, lockout) are single conditional statements here, never
 * read-then-write in the caller and never in-process locks.
 */

export type AuditEvent =
  | 'party_created'
  | 'provision'
  | 'register'
  | 'validate'
  | 'unregister'
  | 'lock'
  | 'unlock'
  /** A registration throttle key (reason 'user' or 'credential') reached its limit. */
  | 'throttle'
  | 'secret_unreadable';

export interface RelyingPartyRecord {
  readonly id: string;
  readonly name: string;
  readonly apiKeyHash: Uint8Array;
}

export interface NewCredential {
  readonly id: string;
  /** AES-256-GCM box (see secret-box.ts); never the plaintext secret. */
  readonly secretBox: Uint8Array;
  readonly algorithm: 'SHA1';
  readonly digits: 6;
  readonly period: 30;
  readonly platform: string;
  readonly createdAt: number;
  readonly expiresAt: number;
}

/** What the code check needs about one credential. Times in ms since the epoch. */
export interface CredentialState {
  readonly id: string;
  readonly secretBox: Uint8Array;
  readonly algorithm: 'SHA1';
  readonly digits: 6;
  readonly period: 30;
  readonly expiresAt: number;
  /** Highest step ever accepted (-1 before the first); only a higher step can be accepted. */
  readonly lastStep: number;
  /** Learned clock drift in whole steps, within ±MAX_DRIFT_STEPS. */
  readonly drift: number;
  /** Consecutive failures; at LOCK_THRESHOLD the credential is locked. */
  readonly failures: number;
}

export interface CredentialForRegistration extends CredentialState {
  /** The credential is already registered to some user (of any relying party). */
  readonly credentialTaken: boolean;
  /** This relying party's user already has a credential registered. */
  readonly userTaken: boolean;
}

export interface NewAuditEntry {
  readonly at: number;
  readonly event: AuditEvent;
  readonly partyId: string | null;
  readonly userId: string | null;
  readonly credentialId: string | null;
  /** e.g. "accepted", "rejected"; never a code or a secret. */
  readonly result: string | null;
  readonly reason: string | null;
}

export interface AuditEntry extends NewAuditEntry {
  readonly id: number;
}

/** What registration attempts are counted by: the party's user, or the credential named. */
export type ThrottleKind = 'user' | 'credential';

/** A registration throttle key's count after one more attempt, and when its window opened (ms). */
export interface ThrottleCount {
  readonly failures: number;
  readonly windowStart: number;
}

/** Rows per audit INSERT: 7 parameters each stays far below SQLite's and PostgreSQL's limits. */
export const MAX_AUDIT_ROWS = 256;

export interface Storage {
  readonly dialect: 'sqlite' | 'postgres';
  /** Apply pending versioned migrations; safe to call on every start. */
  migrate(): Promise<void>;
  close(): Promise<void>;

  getMeta(key: string): Promise<string | null>;
  /** Insert only if absent; returns the value now stored (ours or the one a peer wrote first). */
  putMetaIfAbsent(key: string, value: string): Promise<string>;

  insertRelyingParty(party: RelyingPartyRecord & { readonly createdAt: number }): Promise<void>;
  findRelyingPartyByKeyHash(apiKeyHash: Uint8Array): Promise<RelyingPartyRecord | null>;

  /** False when the ID is already taken (the caller draws another). */
  insertCredential(credential: NewCredential): Promise<boolean>;
  findCredentialForRegistration(credentialId: string, partyId: string, userId: string): Promise<CredentialForRegistration | null>;
  findRegisteredCredential(partyId: string, userId: string): Promise<CredentialState | null>;
  /** False when the user or the credential is already registered (a race lost at the last moment). */
  insertRegistration(partyId: string, userId: string, credentialId: string, at: number): Promise<boolean>;
  deleteRegistration(partyId: string, userId: string, credentialId: string): Promise<boolean>;

  /**
   * The one-use rule: record `step` as used, store the learned drift and reset the failure
   * counter, only if the step is above the last accepted one and the credential is not locked.
   * True when exactly one row changed, i.e. this caller (and nobody else) won the code.
   */
  consumeStep(credentialId: string, step: number, drift: number, lockThreshold: number): Promise<boolean>;
  /** Atomic failure count; the new count, or null when the credential was already locked. */
  recordFailure(credentialId: string, lockThreshold: number): Promise<number | null>;
  /** Clear the lockout (unlock by the relying party); false for an unknown credential. */
  clearFailures(credentialId: string): Promise<boolean>;
  /** Current counters; only used to explain a refusal after a conditional update lost. */
  readCounters(credentialId: string): Promise<{ readonly lastStep: number; readonly failures: number } | null>;

  /**
   * Registration's one-use rule: as consumeStep, but the lockout is not consulted (and is reset),
   * and only while the credential is registered to nobody. True when this caller won the code.
   */
  consumeStepAtRegistration(credentialId: string, step: number, drift: number): Promise<boolean>;
  /**
   * Count one registration attempt against (party, kind, key) in one conditional UPSERT: +1 in
   * the window opened at `windowStart`, or a new window of 1 at `at` when that one is `windowMs`
   * old. Returns the count including this attempt, so concurrent attempts get distinct counts.
   */
  countRegistrationAttempt(partyId: string, kind: ThrottleKind, key: string, at: number, windowMs: number): Promise<ThrottleCount>;
  /** A registration succeeded: forget the counts of its user and its credential. */
  clearRegistrationThrottle(partyId: string, userId: string, credentialId: string): Promise<void>;

  /** One multi-row INSERT (at most MAX_AUDIT_ROWS rows): the audit log commits in groups. */
  insertAuditEvents(entries: readonly NewAuditEntry[]): Promise<void>;
  listAudit(limit: number): Promise<AuditEntry[]>;
}
