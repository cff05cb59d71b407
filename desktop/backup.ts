/**
 * The encrypted backup file: every credential with its secret, sealed under a password, so
 * the tokens can be restored on another PC. The format is specified in docs/backup-format.md
 * (version 1); this file is its reference implementation and keeps to it exactly.
 *
 * Reading treats the file as hostile: the size and the scrypt cost are bounded before any
 * work is done, every failure is a BackupError with a reason the UI can explain, and an
 * import is all or nothing (decryptBackup returns every entry or throws).
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { base32Decode, base32Encode } from '../core/base32.js';
import { base64Decode, base64Encode } from '../core/base64.js';
import { MAX_SECRET_BYTES, MIN_SECRET_BYTES } from '../core/totp.js';
import { wipe, withSecrets } from '../core/wipe.js';
import { StoredCredential } from './settings-store.js';

export interface BackupEntry extends StoredCredential {
  secret: Uint8Array;
}

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** 128 MiB and about a quarter to half a second on a current PC: costly to guess at, fine to wait for once. */
export const DEFAULT_SCRYPT: ScryptParams = Object.freeze({ N: 2 ** 17, r: 8, p: 1 });
export const MIN_PASSWORD_LENGTH = 10;

export const BACKUP_FORMAT = 'mamori-backup';
export const BACKUP_VERSION = 1;
/** Far above 1000 credentials (about 2 MB); a bigger file is not ours and is not read into memory as text. */
export const MAX_BACKUP_BYTES = 10 * 1024 * 1024;
/** The settings file holds at most this many credentials, so a backup may not hold more. */
export const MAX_BACKUP_ENTRIES = 1000;
/** scrypt needs 128·N·r bytes; twice the default leaves room to raise it without letting a file ask for gigabytes. */
export const MAX_SCRYPT_MEMORY = 256 * 1024 * 1024;
/** The same range as every other way into Mamori (core/totp.ts), so any credential can be backed up. */
export { MAX_SECRET_BYTES, MIN_SECRET_BYTES };

export type BackupErrorReason =
  | 'weak_password'
  | 'wrong_password'
  | 'not_a_backup'
  | 'truncated'
  | 'tampered'
  | 'unsupported_version'
  | 'too_large'
  | 'bad_parameters'
  /** Decrypted and authentic, but the credentials in it are not valid (a faulty writer); nothing is imported. */
  | 'invalid_content';

/** Messages never contain the password, a secret or a key. */
export class BackupError extends Error {
  readonly reason: BackupErrorReason;
  constructor(reason: BackupErrorReason, message: string) {
    super(message);
    this.name = 'BackupError';
    this.reason = reason;
  }
}

const KDF_NAME = 'scrypt';
const CIPHER_NAME = 'AES-256-GCM';
const SALT_BYTES = 16;
const MAX_SALT_BYTES = 64;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const CHECK_BYTES = 32;
/** Writers put `format` first, so even a file cut short is recognisable by its first bytes. */
const SIGNATURE = `{"format":"${BACKUP_FORMAT}"`;
/**
 * Printable ASCII without `"` and `\`: with these, JSON.stringify has nothing to escape, so
 * the canonical header bytes are the same in every language.
 */
const APP_PATTERN = /^[ !#-[\]-~]{1,100}$/;
const DEFAULT_APP = 'Mamori';

// ---------------------------------------------------------------------------------------------
// Password and keys

function normalizePassword(password: string): string {
  // NFKC: full-width letters from a Japanese IME and composed/decomposed accents (macOS vs
  // Windows) must give the same key as what the user believes they typed.
  return password.normalize('NFKC');
}

/**
 * Whether a password is long enough for a backup, counted as the key derivation sees it (after
 * NFKC). The app and the CLI ask before a file is chosen or the keychain is read, so that a short
 * password costs nothing; encryptBackup checks it again.
 */
export function isLongEnoughPassword(password: string): boolean {
  return [...normalizePassword(password)].length >= MIN_PASSWORD_LENGTH;
}

function checkPasswordStrength(normalized: string): void {
  const length = [...normalized].length;
  if (length < MIN_PASSWORD_LENGTH)
    throw new BackupError('weak_password', `The password must have at least ${MIN_PASSWORD_LENGTH} characters (it has ${length}).`);
  // A lone surrogate would be written as U+FFFD, so a different password would open the file.
  if (/\p{Cs}/u.test(normalized)) throw new BackupError('weak_password', 'The password contains characters that cannot be stored.');
}

/** Why the parameters are refused, or null. The same bounds apply when writing, so we never write a file we would refuse. */
function scryptProblem({ N, r, p }: ScryptParams): string | null {
  if (!Number.isSafeInteger(N) || N < 2 ** 14 || N > 2 ** 20 || (N & (N - 1)) !== 0)
    return 'scrypt N must be a power of two from 2^14 to 2^20';
  if (!Number.isSafeInteger(r) || r < 1 || r > 16) return 'scrypt r must be an integer from 1 to 16';
  if (!Number.isSafeInteger(p) || p < 1 || p > 4) return 'scrypt p must be an integer from 1 to 4';
  if (128 * N * r > MAX_SCRYPT_MEMORY) return `scrypt would need more than ${MAX_SCRYPT_MEMORY / 2 ** 20} MiB (128·N·r)`;
  return null;
}

/** 64 bytes: [0, 32) the AES key, [32, 64) the check key. The caller zeroes them. */
function deriveKeys(normalized: string, salt: Uint8Array, { N, r, p }: ScryptParams): Promise<Buffer> {
  const password = Buffer.from(normalized, 'utf8');
  // OpenSSL needs 128·r·(N + 2) for V plus 128·r·p for B; an explicit bound (instead of
  // Node's 32 MiB default) both allows the default cost and caps what a file can ask for.
  const maxmem = 128 * r * (N + p + 2) + 1024 * 1024;
  return new Promise<Buffer>((resolve, reject) => {
    scrypt(password, salt, KEY_BYTES + CHECK_BYTES, { N, r, p, maxmem }, (error, key) => {
      wipe(password);
      if (error === null) resolve(key);
      else reject(error);
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Header

interface Header {
  app: string;
  createdAt: string;
  kdf: ScryptParams & { salt: string };
  iv: string;
}

/** What the check value authenticates: exactly what determines the key. */
function keyHeaderBytes(header: Header): Buffer {
  const { N, r, p, salt } = header.kdf;
  return Buffer.from(JSON.stringify({ format: BACKUP_FORMAT, version: BACKUP_VERSION, kdf: { name: KDF_NAME, N, r, p, salt } }), 'utf8');
}

/** The GCM additional data: every header field, so editing any of them is detected. */
function headerBytes(header: Header): Buffer {
  const { N, r, p, salt } = header.kdf;
  return Buffer.from(
    JSON.stringify({
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      app: header.app,
      createdAt: header.createdAt,
      kdf: { name: KDF_NAME, N, r, p, salt },
      cipher: { name: CIPHER_NAME, iv: header.iv },
    }),
    'utf8',
  );
}

function checkValue(checkKey: Uint8Array, header: Header): Buffer {
  return createHmac('sha256', checkKey).update(keyHeaderBytes(header)).digest();
}

// ---------------------------------------------------------------------------------------------
// Plaintext

const SecretText = z.string().regex(/^[A-Z2-7]+$/, 'the secret must be upper-case unpadded base32');
const PlainEntry = StoredCredential.extend({ secret: SecretText });
const Plaintext = z.object({ count: z.number().int().min(0), entries: z.array(z.unknown()) });

function issueText(error: z.ZodError, prefix: string): string {
  const issue = error.issues[0];
  if (issue === undefined) return prefix;
  const where = [prefix, ...issue.path.map(String)].filter((part) => part !== '').join('.');
  return `${where}: ${issue.message}`.slice(0, 200);
}

function secretSizeProblem(secret: Uint8Array): string | null {
  return secret.length < MIN_SECRET_BYTES || secret.length > MAX_SECRET_BYTES
    ? `the secret has ${secret.length} bytes; ${MIN_SECRET_BYTES} to ${MAX_SECRET_BYTES} are allowed`
    : null;
}

function duplicateId(entries: readonly { credentialId: string }[]): string | null {
  const seen = new Set<string>();
  for (const { credentialId } of entries) {
    if (seen.has(credentialId)) return credentialId;
    seen.add(credentialId);
  }
  return null;
}

/** Validated copies with exactly the documented fields, in the documented order. */
function plainEntries(entries: readonly BackupEntry[]): Array<StoredCredential & { secret: string }> {
  if (entries.length > MAX_BACKUP_ENTRIES)
    throw new BackupError('too_large', `A backup holds at most ${MAX_BACKUP_ENTRIES} credentials (there are ${entries.length}).`);
  const out = entries.map((entry, index) => {
    const parsed = StoredCredential.safeParse(entry);
    if (!parsed.success) throw new BackupError('invalid_content', `Credential ${index} is not valid: ${issueText(parsed.error, '')}`);
    if (!(entry.secret instanceof Uint8Array)) throw new BackupError('invalid_content', `Credential ${index} has no secret.`);
    const problem = secretSizeProblem(entry.secret);
    if (problem !== null) throw new BackupError('invalid_content', `Credential ${index}: ${problem}.`);
    // zod's output has exactly the schema's fields, in its order (the documented one): extra
    // properties of the entry, the secret bytes among them, are dropped.
    return { ...parsed.data, secret: base32Encode(entry.secret) };
  });
  const duplicate = duplicateId(out);
  if (duplicate !== null) throw new BackupError('invalid_content', `The credential ${duplicate} appears twice.`);
  return out;
}

function parsePlaintext(plaintext: Buffer): BackupEntry[] {
  const invalid = (why: string) => new BackupError('invalid_content', `The backup opened, but its content is not valid: ${why}. Nothing was imported.`);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plaintext));
  } catch {
    throw invalid('it is not JSON text');
  }
  const top = Plaintext.safeParse(json);
  if (!top.success) throw invalid(issueText(top.error, ''));
  const { count, entries } = top.data;
  if (entries.length > MAX_BACKUP_ENTRIES)
    throw new BackupError('too_large', `The backup holds ${entries.length} credentials; at most ${MAX_BACKUP_ENTRIES} can be imported.`);
  if (count !== entries.length) throw invalid(`it says ${count} credentials but holds ${entries.length}`);
  const out = entries.map((raw, index): BackupEntry => {
    const parsed = PlainEntry.safeParse(raw);
    if (!parsed.success) throw invalid(issueText(parsed.error, `entries.${index}`));
    const { secret: text, ...credential } = parsed.data;
    let secret: Uint8Array;
    try {
      secret = base32Decode(text);
    } catch {
      throw invalid(`entries.${index}.secret: not base32`);
    }
    const problem = secretSizeProblem(secret);
    if (problem !== null) throw invalid(`entries.${index}.secret: ${problem}`);
    return { ...credential, secret };
  });
  const duplicate = duplicateId(out);
  if (duplicate !== null) throw invalid(`the credential ${duplicate} appears twice`);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Writing

export interface EncryptOptions {
  /** Clock for `createdAt` (ms since the epoch). */
  now?: () => number;
  scrypt?: ScryptParams;
  /** Who wrote the file, e.g. "Mamori 0.1.0": printable ASCII without `"` or `\`, 1 to 100 characters. */
  app?: string;
}

export async function encryptBackup(entries: readonly BackupEntry[], password: string, opts: EncryptOptions = {}): Promise<Uint8Array> {
  const normalized = normalizePassword(password);
  checkPasswordStrength(normalized);
  const params = opts.scrypt ?? DEFAULT_SCRYPT;
  const problem = scryptProblem(params);
  if (problem !== null) throw new BackupError('bad_parameters', `Cannot write with these parameters: ${problem}.`);
  const app = opts.app ?? DEFAULT_APP;
  if (!APP_PATTERN.test(app)) throw new BackupError('bad_parameters', 'The app name must be 1 to 100 printable ASCII characters without quotes or backslashes.');
  const plain = Buffer.from(JSON.stringify({ count: entries.length, entries: plainEntries(entries) }), 'utf8');

  const salt = randomBytes(SALT_BYTES);
  const iv = randomBytes(IV_BYTES);
  const header: Header = {
    app,
    createdAt: new Date((opts.now ?? Date.now)()).toISOString(),
    kdf: { N: params.N, r: params.r, p: params.p, salt: base64Encode(salt) },
    iv: base64Encode(iv),
  };
  const keys = await deriveKeys(normalized, salt, params);
  const { check, sealed } = withSecrets([keys, plain], () => {
    const checked = checkValue(keys.subarray(KEY_BYTES), header);
    const cipher = createCipheriv('aes-256-gcm', keys.subarray(0, KEY_BYTES), iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(headerBytes(header));
    return { check: checked, sealed: Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]) };
  });
  // Member order matters only for `format` (first, see SIGNATURE); the rest is for people reading it.
  const file = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    app: header.app,
    createdAt: header.createdAt,
    kdf: { name: KDF_NAME, ...header.kdf },
    cipher: { name: CIPHER_NAME, iv: header.iv },
    check: base64Encode(check),
    ciphertext: base64Encode(sealed),
  };
  const bytes = new TextEncoder().encode(`${JSON.stringify(file, null, 2)}\n`);
  if (bytes.length > MAX_BACKUP_BYTES) throw new BackupError('too_large', 'The backup would be larger than a backup may be.');
  return bytes;
}

// ---------------------------------------------------------------------------------------------
// Reading

const notABackup = (why: string) => new BackupError('not_a_backup', `This is not a Mamori backup file (${why}).`);

const FileV1 = z.strictObject({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  app: z.string().regex(APP_PATTERN),
  // UTC with `Z`; 30 characters allow at most nine fractional digits.
  createdAt: z.iso.datetime().max(30),
  kdf: z.strictObject({ name: z.string(), N: z.number(), r: z.number(), p: z.number(), salt: z.string() }),
  cipher: z.strictObject({ name: z.string(), iv: z.string() }),
  check: z.string(),
  ciphertext: z.string(),
});

/** Canonical base64 only (standard alphabet, padded): the header's strings are authenticated as written. */
function strictBase64(text: string, field: string, min: number, max: number): Uint8Array {
  let bytes: Uint8Array;
  try {
    bytes = base64Decode(text);
  } catch {
    throw notABackup(`${field} is not base64`);
  }
  if (base64Encode(bytes) !== text) throw notABackup(`${field} is not canonical padded base64`);
  if (bytes.length < min || bytes.length > max) throw notABackup(`${field} has ${bytes.length} bytes`);
  return bytes;
}

function parseJson(bytes: Uint8Array): unknown {
  let text: string;
  try {
    // fatal: a v1 file is ASCII, so invalid UTF-8 means it is something else. A BOM (Notepad) is skipped.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw notABackup('it is not text');
  }
  try {
    return JSON.parse(text);
  } catch {
    // Rule: broken JSON that starts like a backup was cut short (an interrupted copy or
    // download); anything else is some other file.
    const start = text.slice(0, 4096).replace(/\s+/g, '').slice(0, SIGNATURE.length);
    if (SIGNATURE.startsWith(start))
      throw new BackupError('truncated', 'The backup file is incomplete or damaged (it ends too early). Copy it again from where it was saved.');
    throw notABackup('it is not JSON');
  }
}

export async function decryptBackup(bytes: Uint8Array, password: string): Promise<BackupEntry[]> {
  if (bytes.length > MAX_BACKUP_BYTES) throw new BackupError('too_large', `The file is larger than ${MAX_BACKUP_BYTES / 2 ** 20} MiB, too large to be a Mamori backup.`);
  const json = parseJson(bytes);
  if (typeof json !== 'object' || json === null || Array.isArray(json) || !('format' in json) || json.format !== BACKUP_FORMAT)
    throw notABackup('it has no "format": "mamori-backup"');
  // The version decides how to read everything else, so it is judged before the rest.
  const version = 'version' in json ? json.version : undefined;
  if (typeof version !== 'number' || !Number.isSafeInteger(version)) throw notABackup('it has no version number');
  if (version !== BACKUP_VERSION)
    throw new BackupError('unsupported_version', `This backup has format version ${version}; this Mamori reads version ${BACKUP_VERSION}. Update Mamori to import it.`);

  const parsed = FileV1.safeParse(json);
  if (!parsed.success) throw notABackup(issueText(parsed.error, ''));
  const file = parsed.data;
  if (file.kdf.name !== KDF_NAME) throw new BackupError('bad_parameters', `The key derivation "${file.kdf.name.slice(0, 40)}" is not supported.`);
  if (file.cipher.name !== CIPHER_NAME) throw new BackupError('bad_parameters', `The cipher "${file.cipher.name.slice(0, 40)}" is not supported.`);
  const params: ScryptParams = { N: file.kdf.N, r: file.kdf.r, p: file.kdf.p };
  // Before any scrypt call: this is what keeps a hostile file from asking for gigabytes.
  const problem = scryptProblem(params);
  if (problem !== null) throw new BackupError('bad_parameters', `The backup asks for unacceptable key-derivation cost: ${problem}.`);
  const salt = strictBase64(file.kdf.salt, 'kdf.salt', SALT_BYTES, MAX_SALT_BYTES);
  const iv = strictBase64(file.cipher.iv, 'cipher.iv', IV_BYTES, IV_BYTES);
  const check = strictBase64(file.check, 'check', CHECK_BYTES, CHECK_BYTES);
  const sealed = strictBase64(file.ciphertext, 'ciphertext', 0, MAX_BACKUP_BYTES);
  if (sealed.length < TAG_BYTES) throw new BackupError('truncated', 'The encrypted data in the backup is incomplete (shorter than its authentication tag).');

  const header: Header = { app: file.app, createdAt: file.createdAt, kdf: { ...params, salt: file.kdf.salt }, iv: file.cipher.iv };
  const keys = await deriveKeys(normalizePassword(password), salt, params);
  // Zeroed at the end, including the unauthenticated output of update() when final() fails.
  const parts: Buffer[] = [];
  return withSecrets(parts, () => {
    withSecrets(keys, () => {
      if (!timingSafeEqual(checkValue(keys.subarray(KEY_BYTES), header), check))
        throw new BackupError('wrong_password', 'The password is wrong.');
      const decipher = createDecipheriv('aes-256-gcm', keys.subarray(0, KEY_BYTES), iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(headerBytes(header));
      decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
      parts.push(decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)));
      try {
        parts.push(decipher.final());
      } catch {
        throw new BackupError('tampered', 'The password is right, but the backup has been changed or damaged since it was written. Nothing was imported.');
      }
    });
    const plaintext = Buffer.concat(parts);
    parts.push(plaintext);
    return parsePlaintext(plaintext);
  });
}
