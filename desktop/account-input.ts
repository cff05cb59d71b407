/**
 * What a user pastes or a QR code holds, turned into accounts: one otpauth:// link, the accounts
 * of a Google Authenticator export (those Mamori cannot use are listed as skipped, with why), or
 * a bare base32 setup key. Shared by the app's handlers and the CLI.
 */
import { base32Decode, Base32Error } from '../core/base32.js';
import { displayName } from '../core/credential-name.js';
import { parseOtpauth, type OtpauthAccount } from '../core/otpauth.js';
import { parseMigrationLink, type SkipKind } from '../core/otpauth-migration.js';
import { MAX_SECRET_BYTES, MIN_SECRET_BYTES } from '../core/totp.js';
import { localCredentialId, type NewCredential } from './credential-book.js';

/** Label for a bare setup key added without one. */
export const DEFAULT_LABEL = 'Account';

export class InvalidLinkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidLinkError';
  }
}

export interface FoundAccounts {
  readonly accounts: OtpauthAccount[];
  readonly skipped: { label: string; kind: SkipKind; reason: string }[];
}

function refuse(message: string): never {
  throw new InvalidLinkError(message);
}

/** A bare base32 setup key, checked like a link's secret. */
function accountFromKey(text: string, label: string): OtpauthAccount {
  let secret: Uint8Array;
  try {
    secret = base32Decode(text);
  } catch (error) {
    refuse(error instanceof Base32Error ? error.message : 'The setup key is not valid.');
  }
  if (secret.length < MIN_SECRET_BYTES) refuse(`The setup key is too short (${secret.length} bytes; at least ${MIN_SECRET_BYTES}).`);
  if (secret.length > MAX_SECRET_BYTES) refuse('The setup key is too long.');
  return { secret, label, issuer: '', algorithm: 'SHA1', digits: 6, period: 30 };
}

/**
 * What a pasted text or a QR code holds: one otpauth:// account, the accounts of a Google
 * Authenticator export (with the ones Mamori cannot use listed as skipped), or a bare key.
 */
export function accountsFrom(text: string, label?: string): FoundAccounts {
  const trimmed = text.trim();
  const fallbackLabel = label?.trim() || DEFAULT_LABEL;
  if (/^otpauth-migration:/i.test(trimmed)) {
    const parsed = parseMigrationLink(trimmed);
    if (!parsed.ok) refuse(parsed.message);
    // Cut to the contract's limits: a skipped entry's name is never length-checked by the parser.
    const skipped = parsed.skipped.map((s) => ({
      label: displayName({ issuer: s.issuer, label: s.label, credentialId: '' }).slice(0, 400),
      kind: s.kind,
      reason: s.reason.slice(0, 500),
    }));
    if (parsed.accounts.length === 0) refuse(skipped[0]?.reason ?? 'The export link holds no accounts.');
    return { accounts: parsed.accounts, skipped };
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed)) {
    const parsed = parseOtpauth(trimmed);
    if (!parsed.ok) refuse(parsed.message);
    return { accounts: [{ ...parsed.account, label: parsed.account.label || fallbackLabel }], skipped: [] };
  }
  return { accounts: [accountFromKey(trimmed, fallbackLabel)], skipped: [] };
}


/** Manual credentials for the accounts (random keychain names; no expiry). */
export function manualCredentials(accounts: readonly OtpauthAccount[], nowMs: number): NewCredential[] {
  const createdAt = new Date(nowMs).toISOString();
  return accounts.map((account) => ({
    secret: account.secret,
    meta: {
      credentialId: localCredentialId(),
      label: account.label.slice(0, 200),
      issuer: account.issuer.slice(0, 200),
      algorithm: account.algorithm,
      digits: account.digits,
      period: account.period,
      createdAt,
      expiresAt: null,
      source: 'manual',
    },
  }));
}
