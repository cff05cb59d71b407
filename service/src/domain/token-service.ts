/**
 * The rules of the token service (system.md §4), independent of HTTP: provisioning, and the
 * relying party's register / validate / unregister / unlock decisions. Decisions are values;
 * only operator-side faults (an unreadable stored secret) are thrown.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { base32Encode } from '../../../core/base32.js';
import { normalizeCode } from '../../../core/code.js';
import { checkCredentialId, generateCredentialId } from '../../../core/credential-id.js';
import type { HmacPort } from '../../../core/totp.js';
import { createAuditLog } from './audit-log.js';
import { LOCK_THRESHOLD, matchCode, type CodeMatch } from './code-window.js';
import type { Decision, RejectReason } from './decisions.js';
import { fillsLimit, overLimit, REGISTRATION_LIMITS, retryAfterSeconds } from './registration-throttle.js';
import type { SecretBox } from './secret-box.js';
import { ServiceError } from './service-error.js';
import type { AuditEvent, CredentialState, Storage, ThrottleCount, ThrottleKind } from '../storage/storage.js';

export const SECRET_BYTES = 20;
/** How long a provisioned credential may be registered and used. */
export const CREDENTIAL_LIFETIME_YEARS = 3;
const CREDENTIAL_PARAMS = { algorithm: 'SHA1', digits: 6, period: 30 } as const;

export type RegisterResult =
  | Decision<'register'>
  /** Too many attempts for this user or this credential (`scope`, for the audit only): refused unchecked. */
  | { readonly result: 'throttled'; readonly scope: ThrottleKind; readonly retryAfterSeconds: number };
export type ValidateResult = Decision<'validate'>;
export type UnregisterResult = Decision<'unregister'>;
export type UnlockResult = Decision<'unlock'>;
type ValidateReason = RejectReason<'validate'>;

export interface ProvisionedCredential {
  readonly credentialId: string;
  readonly secret: string;
  readonly algorithm: 'SHA1';
  readonly digits: 6;
  readonly period: 30;
  readonly expiresAt: string;
  readonly serverTime: string;
}

export interface TokenServiceDeps {
  readonly storage: Storage;
  readonly secretBox: SecretBox;
  readonly now: () => number;
  readonly crypto: HmacPort;
  readonly credentialPrefix: string;
}

type CodeOutcome = 'accepted' | 'invalid_code' | 'replayed' | 'locked';

export interface TokenService {
  serverTime(): string;
  provision(platform: string): Promise<ProvisionedCredential>;
  register(partyId: string, userId: string, credentialId: string, code: string): Promise<RegisterResult>;
  validate(partyId: string, userId: string, code: string): Promise<ValidateResult>;
  unregister(partyId: string, userId: string, code: string): Promise<UnregisterResult>;
  unlock(partyId: string, userId: string): Promise<UnlockResult>;
}

export function createTokenService(deps: TokenServiceDeps): TokenService {
  const { storage, secretBox, now, crypto } = deps;

  const auditLog = createAuditLog(storage);
  const audit = (event: AuditEvent, partyId: string | null, userId: string | null, credentialId: string | null, result: string | null, reason: string | null = null) =>
    auditLog.record({ at: now(), event, partyId, userId, credentialId, result, reason });

  /** Which step of the credential's window a well-formed code belongs to, if any. */
  async function matchSecret(cred: CredentialState, code: string, partyId: string, userId: string): Promise<CodeMatch | null> {
    let secret: Buffer;
    try {
      secret = secretBox.open(cred.secretBox, cred.id);
    } catch (error) {
      await audit('secret_unreadable', partyId, userId, cred.id, 'error');
      throw error;
    }
    const match = matchCode(secret, code, now(), cred.drift, CREDENTIAL_PARAMS, crypto);
    secret.fill(0);
    return match;
  }

  /**
   * One attempt of a well-formed code against a registered credential: the window, then the
   * one-use and lockout rules, each enforced by a single conditional statement in storage.
   */
  async function checkCode(cred: CredentialState, code: string, partyId: string, userId: string): Promise<CodeOutcome> {
    // A correct code is refused while locked (fast path; consumeStep re-checks atomically).
    if (cred.failures >= LOCK_THRESHOLD) return 'locked';
    const match = await matchSecret(cred, code, partyId, userId);
    if (match === null) {
      const failures = await storage.recordFailure(cred.id, LOCK_THRESHOLD);
      if (failures === null) return 'locked';
      // Exactly one request sees the counter reach the threshold, so the lock is logged once.
      if (failures === LOCK_THRESHOLD) await audit('lock', partyId, userId, cred.id, 'locked', 'failures');
      return 'invalid_code';
    }
    // An older or equal step than the last accepted one is a replay; decided from the read we
    // already have (last_step only grows, so a stale read can only under-refuse, never wrongly refuse).
    if (match.step <= cred.lastStep) return 'replayed';
    if (await storage.consumeStep(cred.id, match.step, match.drift, LOCK_THRESHOLD)) return 'accepted';
    // Someone else won this step (or a lock landed) between our read and our update.
    const counters = await storage.readCounters(cred.id);
    return counters !== null && counters.failures >= LOCK_THRESHOLD ? 'locked' : 'replayed';
  }

  /**
   * Registration's code check: the window and the one-use rule, and no lockout either way. A
   * wrong code is counted by the registration throttle instead (registration-throttle.ts): the
   * credential's lock protects its code space at validation, where a registered user exists
   * whose party can unlock it. True when this caller won the code.
   */
  async function checkRegistrationCode(cred: CredentialState, code: string, partyId: string, userId: string): Promise<boolean> {
    const match = await matchSecret(cred, code, partyId, userId);
    // An older or equal step than the last accepted one is a replay: here simply not a valid code.
    if (match === null || match.step <= cred.lastStep) return false;
    return storage.consumeStepAtRegistration(cred.id, match.step, match.drift);
  }

  /**
   * A user of a relying party proves possession with a code: the shared first half of validate
   * and unregister. Malformed codes cannot be guesses, so they are refused before any lookup or
   * HMAC and do not count toward the lockout.
   */
  async function proveUser(partyId: string, userId: string, codeInput: string): Promise<{ outcome: ValidateReason | 'accepted'; credentialId: string | null }> {
    const code = normalizeCode(codeInput, 6);
    if (code === null) return { outcome: 'invalid_code', credentialId: null };
    const cred = await storage.findRegisteredCredential(partyId, userId);
    if (cred === null) return { outcome: 'not_registered', credentialId: null };
    return { outcome: await checkCode(cred, code, partyId, userId), credentialId: cred.id };
  }

  return {
    serverTime: () => new Date(now()).toISOString(),

    async provision(platform) {
      const secret = randomBytes(SECRET_BYTES);
      const createdAt = now();
      const expires = new Date(createdAt);
      expires.setUTCFullYear(expires.getUTCFullYear() + CREDENTIAL_LIFETIME_YEARS);
      let credentialId = '';
      // 10^7 IDs per prefix: collisions are rare but possible, so draw again on a taken ID.
      for (let attempt = 0; ; attempt++) {
        if (attempt === 8) throw new ServiceError(503, 'no_free_credential_id', 'Could not allocate a free credential ID; try again.');
        credentialId = generateCredentialId(deps.credentialPrefix, (max) => randomInt(max));
        const inserted = await storage.insertCredential({
          id: credentialId,
          secretBox: secretBox.seal(secret, credentialId),
          ...CREDENTIAL_PARAMS,
          platform,
          createdAt,
          expiresAt: expires.getTime(),
        });
        if (inserted) break;
      }
      await audit('provision', null, null, credentialId, 'provisioned');
      const encoded = base32Encode(secret);
      secret.fill(0);
      return {
        credentialId,
        secret: encoded,
        ...CREDENTIAL_PARAMS,
        expiresAt: expires.toISOString(),
        serverTime: new Date(createdAt).toISOString(),
      };
    },

    async register(partyId, userId, credentialIdInput, codeInput) {
      // The throttle keys this attempt was counted against, with its counts.
      const counted: { kind: ThrottleKind; count: ThrottleCount }[] = [];
      const decide = async (result: RegisterResult, credentialId: string | null): Promise<RegisterResult> => {
        // The one attempt that took a window's last slot and failed: the key is throttled from
        // now on (a success instead cleared the counts).
        if (result.result !== 'registered')
          for (const c of counted) if (fillsLimit(c.kind, c.count)) await audit('throttle', partyId, userId, credentialId, 'throttled', c.kind);
        const reason = result.result === 'rejected' ? result.reason : result.result === 'throttled' ? result.scope : null;
        await audit('register', partyId, userId, credentialId, result.result, reason);
        return result;
      };
      /** Count this attempt against one key; the refusal when it is over that key's limit. */
      const count = async (kind: ThrottleKind, key: string): Promise<RegisterResult | null> => {
        const at = now();
        const c = await storage.countRegistrationAttempt(partyId, kind, key, at, REGISTRATION_LIMITS[kind].windowMs);
        counted.push({ kind, count: c });
        return overLimit(kind, c) ? { result: 'throttled', scope: kind, retryAfterSeconds: retryAfterSeconds(kind, c, at) } : null;
      };

      const idCheck = checkCredentialId(credentialIdInput, deps.credentialPrefix);
      // The user is counted first, before any lookup: a throttled user learns nothing, not even
      // whether the credential exists.
      const userRefusal = await count('user', userId);
      if (userRefusal !== null) return decide(userRefusal, idCheck.ok ? idCheck.id : null);
      if (!idCheck.ok) return decide({ result: 'rejected', reason: 'malformed_credential_id' }, null);
      const credentialId = idCheck.id;
      const code = normalizeCode(codeInput, 6);
      if (code === null) return decide({ result: 'rejected', reason: 'invalid_code' }, credentialId);
      const cred = await storage.findCredentialForRegistration(credentialId, partyId, userId);
      if (cred === null) return decide({ result: 'rejected', reason: 'unknown_credential' }, null);
      if (cred.expiresAt <= now()) return decide({ result: 'rejected', reason: 'expired' }, credentialId);
      // Checked before the code so that another party's credential is never touched.
      if (cred.credentialTaken || cred.userTaken) return decide({ result: 'rejected', reason: 'already_registered' }, credentialId);
      // Counted only when its code is about to be checked: rows exist only for real, free
      // credentials, and a user refused above never adds to a credential's count.
      const credentialRefusal = await count('credential', credentialId);
      if (credentialRefusal !== null) return decide(credentialRefusal, credentialId);
      // Registration has no "replayed" reason: a used code is simply not a valid code here.
      if (!(await checkRegistrationCode(cred, code, partyId, userId))) return decide({ result: 'rejected', reason: 'invalid_code' }, credentialId);
      // The code is consumed either way; losing this race to a concurrent registration is rare.
      const inserted = await storage.insertRegistration(partyId, userId, credentialId, now());
      if (!inserted) return decide({ result: 'rejected', reason: 'already_registered' }, credentialId);
      // A success forgets the user's failures (and the credential's, which is no longer free).
      await storage.clearRegistrationThrottle(partyId, userId, credentialId);
      return decide({ result: 'registered' }, credentialId);
    },

    async validate(partyId, userId, codeInput) {
      const { outcome, credentialId } = await proveUser(partyId, userId, codeInput);
      const result: ValidateResult = outcome === 'accepted' ? { result: 'accepted' } : { result: 'rejected', reason: outcome };
      await audit('validate', partyId, userId, credentialId, result.result, result.result === 'rejected' ? result.reason : null);
      return result;
    },

    async unregister(partyId, userId, codeInput) {
      const { outcome, credentialId } = await proveUser(partyId, userId, codeInput);
      let result: UnregisterResult;
      if (outcome !== 'accepted') {
        result = { result: 'rejected', reason: outcome };
      } else {
        // The credential row (with its last step) stays, so its codes can never be replayed.
        const deleted = credentialId !== null && (await storage.deleteRegistration(partyId, userId, credentialId));
        result = deleted ? { result: 'unregistered' } : { result: 'rejected', reason: 'not_registered' };
      }
      await audit('unregister', partyId, userId, credentialId, result.result, result.result === 'rejected' ? result.reason : null);
      return result;
    },

    async unlock(partyId, userId) {
      const cred = await storage.findRegisteredCredential(partyId, userId);
      if (cred === null || !(await storage.clearFailures(cred.id))) {
        await audit('unlock', partyId, userId, null, 'rejected', 'not_registered');
        return { result: 'rejected', reason: 'not_registered' };
      }
      await audit('unlock', partyId, userId, cred.id, 'unlocked');
      return { result: 'unlocked' };
    },
  };
}
