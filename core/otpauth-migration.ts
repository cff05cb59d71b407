/**
 * Google Authenticator "Transfer accounts" export links:
 * `otpauth-migration://offline?data=<URL-encoded base64 of a MigrationPayload protobuf>`.
 *
 * MigrationPayload: 1 repeated OtpParameters, 2 version, 3 batch_size, 4 batch_index, 5 batch_id.
 * OtpParameters: 1 secret (raw bytes), 2 name, 3 issuer, 4 algorithm (0 unspecified, 1 SHA1,
 * 2 SHA256, 3 SHA512, 4 MD5), 5 digits (0 unspecified, 1 six, 2 eight), 6 type (0 unspecified,
 * 1 HOTP, 2 TOTP), 7 counter. The format has no period: every TOTP entry uses 30 seconds.
 *
 * Entries Mamori cannot use (HOTP, MD5, odd secrets) are reported in `skipped` rather than
 * dropped, so the user learns which accounts did not come across.
 */
import { base64Decode, base64Encode, Base64Error } from './base64.js';
import type { OtpauthAccount } from './otpauth.js';
import { ProtobufError, ProtobufReader, WireType, type FieldTag } from './protobuf-reader.js';
import { ProtobufWriter } from './protobuf-writer.js';
import { MAX_SECRET_BYTES, MIN_SECRET_BYTES, type Digits, type HashAlgorithm } from './totp.js';

/** Why an entry was not imported, for the window to say in its own language; `reason` is the English detail. */
export type SkipKind = 'counter_based' | 'unsupported' | 'invalid';

export interface MigrationSkip {
  readonly issuer: string;
  readonly label: string;
  readonly kind: SkipKind;
  readonly reason: string;
}

/** Position of this link among the QR codes of one export (Google splits large exports). */
export interface MigrationBatch {
  readonly index: number;
  readonly size: number;
}

export type MigrationResult =
  | { readonly ok: true; readonly accounts: OtpauthAccount[]; readonly skipped: MigrationSkip[]; readonly batch: MigrationBatch }
  | { readonly ok: false; readonly message: string };

/**
 * Far above what one QR code holds (under 3 KB of binary data, so ~12 KB even fully
 * percent-encoded) while bounding the work done on pasted text.
 */
const MAX_LINK_LENGTH = 32 * 1024;
/** Same bound as otpauth.ts applies to labels and issuers. */
const MAX_NAME_LENGTH = 200;

const ALGORITHM = { SHA1: 1, SHA256: 2, SHA512: 3, MD5: 4 } as const;
const DIGITS = { SIX: 1, EIGHT: 2 } as const;
const OTP_TYPE = { HOTP: 1, TOTP: 2 } as const;

interface RawEntry {
  secret: Uint8Array;
  name: string;
  issuer: string;
  algorithm: number;
  digits: number;
  type: number;
}

interface RawPayload {
  entries: RawEntry[];
  batchSize: number;
  batchIndex: number;
}

/** A name to quote in a message, cut to a length that keeps the message one readable line. */
function shortName(name: string): string {
  return name.length > 40 ? `${name.slice(0, 39)}…` : name;
}

function fail(message: string): MigrationResult {
  return { ok: false, message };
}

function expectWire(tag: FieldTag, wire: WireType, what: string): void {
  if (tag.wire !== wire) throw new ProtobufError(`The ${what} field has the wrong type.`);
}

function readEntry(reader: ProtobufReader): RawEntry {
  // Absent fields take the proto defaults (0 = unspecified); a repeated scalar keeps the last value.
  const entry: RawEntry = { secret: new Uint8Array(0), name: '', issuer: '', algorithm: 0, digits: 0, type: 0 };
  while (!reader.done) {
    const tag = reader.readTag();
    switch (tag.field) {
      case 1:
        expectWire(tag, WireType.LEN, 'secret');
        entry.secret = reader.readBytes();
        break;
      case 2:
        expectWire(tag, WireType.LEN, 'account name');
        entry.name = reader.readString();
        break;
      case 3:
        expectWire(tag, WireType.LEN, 'issuer');
        entry.issuer = reader.readString();
        break;
      case 4:
        expectWire(tag, WireType.VARINT, 'algorithm');
        entry.algorithm = reader.readInt32();
        break;
      case 5:
        expectWire(tag, WireType.VARINT, 'digits');
        entry.digits = reader.readInt32();
        break;
      case 6:
        expectWire(tag, WireType.VARINT, 'type');
        entry.type = reader.readInt32();
        break;
      default:
        // The HOTP counter (7) among them: HOTP entries are skipped, so its value is never needed.
        reader.skip(tag);
    }
  }
  return entry;
}

function readPayload(bytes: Uint8Array): RawPayload {
  const reader = new ProtobufReader(bytes);
  const payload: RawPayload = { entries: [], batchSize: 0, batchIndex: 0 };
  while (!reader.done) {
    const tag = reader.readTag();
    if (tag.field === 1) {
      expectWire(tag, WireType.LEN, 'account');
      payload.entries.push(readEntry(reader.readMessage()));
    } else if (tag.field === 3) {
      expectWire(tag, WireType.VARINT, 'batch size');
      payload.batchSize = reader.readInt32();
    } else if (tag.field === 4) {
      expectWire(tag, WireType.VARINT, 'batch index');
      payload.batchIndex = reader.readInt32();
    } else {
      // version (2) and batch_id (5) carry nothing an import needs.
      reader.skip(tag);
    }
  }
  return payload;
}

/** The otpauth label rule: a leading "Issuer:" in the name is dropped when it repeats the issuer. */
function labelOf(name: string, issuer: string): string {
  return issuer !== '' && name.startsWith(`${issuer}:`) ? name.slice(issuer.length + 1).trim() : name.trim();
}

type Converted = { readonly account: OtpauthAccount } | { readonly kind: SkipKind; readonly reason: string };

function convert(entry: RawEntry, issuer: string, label: string): Converted {
  if (entry.type === OTP_TYPE.HOTP)
    return { kind: 'counter_based', reason: 'It is a counter-based (HOTP) account; Mamori supports time-based (TOTP) codes only.' };
  if (entry.type !== 0 && entry.type !== OTP_TYPE.TOTP) return { kind: 'unsupported', reason: `It has an unknown code type (${entry.type}).` };

  let algorithm: HashAlgorithm;
  if (entry.algorithm === 0 || entry.algorithm === ALGORITHM.SHA1) algorithm = 'SHA1';
  else if (entry.algorithm === ALGORITHM.SHA256) algorithm = 'SHA256';
  else if (entry.algorithm === ALGORITHM.SHA512) algorithm = 'SHA512';
  else if (entry.algorithm === ALGORITHM.MD5) return { kind: 'unsupported', reason: 'It uses the MD5 algorithm, which Mamori does not support.' };
  else return { kind: 'unsupported', reason: `It uses an unknown algorithm (${entry.algorithm}).` };

  let digits: Digits;
  if (entry.digits === 0 || entry.digits === DIGITS.SIX) digits = 6;
  else if (entry.digits === DIGITS.EIGHT) digits = 8;
  else return { kind: 'unsupported', reason: `It has an unknown number of digits (code ${entry.digits}).` };

  const length = entry.secret.length;
  if (length === 0) return { kind: 'invalid', reason: 'It has no secret.' };
  if (length < MIN_SECRET_BYTES) return { kind: 'invalid', reason: `Its secret is too short (${length} bytes; at least ${MIN_SECRET_BYTES}).` };
  if (length > MAX_SECRET_BYTES) return { kind: 'invalid', reason: `Its secret is too long (${length} bytes; at most ${MAX_SECRET_BYTES}).` };
  if (label.length > MAX_NAME_LENGTH || issuer.length > MAX_NAME_LENGTH) return { kind: 'invalid', reason: 'Its account name or issuer is too long.' };

  return { account: { secret: entry.secret, issuer, label, algorithm, digits, period: 30 } };
}

/** The value of the data parameter, still base64; a string is an error message. */
function dataParameter(text: string): { readonly data: string } | string {
  const schemeEnd = text.indexOf('://');
  const scheme = schemeEnd < 0 ? '' : text.slice(0, schemeEnd).toLowerCase();
  if (scheme === 'otpauth') return 'This is a single-account setup link (otpauth://), not a Google Authenticator export link.';
  if (scheme !== 'otpauth-migration') return 'A Google Authenticator export link starts with otpauth-migration://.';
  const rest = text.slice(schemeEnd + 3).split('#')[0] ?? '';
  const q = rest.indexOf('?');
  const host = (q < 0 ? rest : rest.slice(0, q)).replace(/\/$/, '').toLowerCase();
  // Never quote the rest: it is the data, every secret of the export (with a "?" written as
  // %3F, all of it would count as the "host").
  if (host !== 'offline')
    return 'A Google Authenticator export link starts with otpauth-migration://offline?data=; this one has something else after otpauth-migration://.';

  let data: string | undefined;
  for (const pair of q < 0 ? [] : rest.slice(q + 1).split('&')) {
    const eq = pair.indexOf('=');
    if ((eq < 0 ? pair : pair.slice(0, eq)).toLowerCase() !== 'data') continue;
    if (data !== undefined) return 'The export link has two data parameters.';
    data = pair.slice(eq < 0 ? pair.length : eq + 1);
  }
  if (data === undefined || data === '') return 'The export link has no data parameter.';
  try {
    // Not the form-encoding rule "+ means space": the data is base64, where "+" is a digit.
    // A space can only be a "+" that some tool turned into one, so it is put back.
    return { data: decodeURIComponent(data).replace(/ /g, '+') };
  } catch {
    return 'The data in the export link is not correctly URL-encoded.';
  }
}

/** Parse a Google Authenticator export link, explaining precisely what is wrong with a bad one. */
export function parseMigrationLink(link: string): MigrationResult {
  const text = link.trim();
  if (text.length === 0) return fail('The link is empty.');
  if (text.length > MAX_LINK_LENGTH) return fail('The link is too long to be a Google Authenticator export link.');
  const param = dataParameter(text);
  if (typeof param === 'string') return fail(param);

  let bytes: Uint8Array;
  try {
    bytes = base64Decode(param.data);
  } catch (e) {
    return fail(e instanceof Base64Error ? `The data in the export link is not valid base64: ${e.message}` : 'The data in the export link is not valid base64.');
  }

  let payload: RawPayload;
  try {
    payload = readPayload(bytes);
  } catch (e) {
    if (e instanceof ProtobufError) return fail(`The export data is damaged or incomplete: ${e.message}`);
    throw e;
  }
  if (payload.entries.length === 0) return fail('The export link contains no accounts.');

  // Absent batch fields mean a single-code export; anything inconsistent is corruption.
  const size = payload.batchSize === 0 ? 1 : payload.batchSize;
  const index = payload.batchIndex;
  if (size < 0 || index < 0 || index >= size) return fail(`The export data is damaged: code ${index + 1} of ${size} is impossible.`);

  const accounts: OtpauthAccount[] = [];
  const skipped: MigrationSkip[] = [];
  for (const entry of payload.entries) {
    const issuer = entry.issuer.trim();
    const label = labelOf(entry.name, issuer);
    const result = convert(entry, issuer, label);
    if ('account' in result) accounts.push(result.account);
    else skipped.push({ issuer, label, kind: result.kind, reason: result.reason });
  }
  return { ok: true, accounts, skipped, batch: { index, size } };
}

/** 32-bit FNV-1a, as a signed int32 like the ids Google Authenticator writes. */
function fnv1a(bytes: Uint8Array): number {
  let hash = 0x811c9dc5;
  for (const byte of bytes) hash = Math.imul(hash ^ byte, 0x01000193);
  return hash | 0;
}

const ALGORITHM_CODE: Readonly<Record<HashAlgorithm, number>> = {
  SHA1: ALGORITHM.SHA1,
  SHA256: ALGORITHM.SHA256,
  SHA512: ALGORITHM.SHA512,
};

/**
 * An export link Google Authenticator (and `parseMigrationLink`) can import. Throws RangeError
 * for what the format cannot carry faithfully: no accounts, a 60-second period (there is no
 * period field, so the importer would show wrong codes), or an impossible batch position.
 * Without `batch` the link is a single-code export whose id is derived from its content, so
 * that different exports do not share an id an importer might use to group codes.
 */
export function formatMigrationLink(accounts: readonly OtpauthAccount[], batch?: { index: number; size: number; id: number }): string {
  if (accounts.length === 0) throw new RangeError('An export link needs at least one account.');
  const entries = accounts.map((account) => {
    if (account.period !== 30)
      throw new RangeError(`"${shortName(account.label)}" uses a ${account.period}-second period, which Google Authenticator export links cannot carry.`);
    const entry = new ProtobufWriter().bytes(1, account.secret).string(2, account.issuer ? `${account.issuer}:${account.label}` : account.label);
    if (account.issuer) entry.string(3, account.issuer);
    return entry
      .varint(4, ALGORITHM_CODE[account.algorithm])
      .varint(5, account.digits === 8 ? DIGITS.EIGHT : DIGITS.SIX)
      .varint(6, OTP_TYPE.TOTP);
  });

  const payload = new ProtobufWriter();
  for (const entry of entries) payload.message(1, entry);
  const { index, size, id } = batch ?? { index: 0, size: 1, id: fnv1a(payload.finish()) };
  const int32 = (n: number): boolean => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31;
  if (!int32(index) || !int32(size) || !int32(id) || size < 1 || index < 0 || index >= size)
    throw new RangeError(`Invalid export batch: code ${index + 1} of ${size}, id ${id}.`);
  payload.varint(2, 1).varint(3, size).varint(4, index).varint(5, id);
  return `otpauth-migration://offline?data=${encodeURIComponent(base64Encode(payload.finish()))}`;
}
