/**
 * otpauth:// links (the Key Uri Format used by Google Authenticator and most issuers).
 * Only TOTP is accepted: a desktop token that cannot keep a counter in sync with the server
 * should refuse HOTP links clearly rather than show codes that will not work.
 */
import { base32Decode, base32Encode, Base32Error } from './base32.js';
import { MAX_SECRET_BYTES, MIN_SECRET_BYTES, type Digits, type HashAlgorithm, type Period } from './totp.js';

export interface OtpauthAccount {
  readonly secret: Uint8Array;
  readonly issuer: string;
  readonly label: string;
  readonly algorithm: HashAlgorithm;
  readonly digits: Digits;
  readonly period: Period;
}

export type OtpauthResult =
  | { readonly ok: true; readonly account: OtpauthAccount }
  | { readonly ok: false; readonly message: string };

const MAX_LINK_LENGTH = 4096;
/** Parameter names a message may quote; any other "name" may be a piece of the secret. */
const KNOWN_PARAMETER = /^(secret|issuer|algorithm|digits|period|counter|image)$/;

function fail(message: string): OtpauthResult {
  return { ok: false, message };
}

/**
 * A piece of the link to quote in a message, or '' when it is not a short, plain word: a link
 * is full of the secret (a missing "&" or "/" can run it into any parameter), so a message
 * never quotes link text that could contain it.
 */
function quoted(text: string | undefined, plain: RegExp): string {
  return text !== undefined && plain.test(text) ? ` "${text}"` : '';
}

function decode(part: string): string | null {
  try {
    return decodeURIComponent(part.replace(/\+/g, '%20'));
  } catch {
    return null;
  }
}

/** Parse an otpauth://totp/ link, explaining precisely what is wrong with a bad one. */
export function parseOtpauth(link: string): OtpauthResult {
  const text = link.trim();
  if (text.length === 0) return fail('The link is empty.');
  if (text.length > MAX_LINK_LENGTH) return fail('The link is too long to be a setup link.');
  const schemeEnd = text.indexOf('://');
  if (schemeEnd < 0 || text.slice(0, schemeEnd).toLowerCase() !== 'otpauth')
    return fail('A setup link starts with otpauth://.');
  const rest = text.slice(schemeEnd + 3);
  const slash = rest.indexOf('/');
  const type = (slash < 0 ? rest : rest.slice(0, slash)).toLowerCase();
  if (type === 'hotp') return fail('This is a counter-based (HOTP) link; Mamori supports time-based (TOTP) codes only.');
  if (type !== 'totp') return fail(`Unknown link type${quoted(type, /^[a-z]{1,10}$/)}; expected otpauth://totp/ followed by the account name.`);
  const afterType = slash < 0 ? '' : rest.slice(slash + 1);
  const q = afterType.indexOf('?');
  const path = q < 0 ? afterType : afterType.slice(0, q);
  // The label is "Issuer:account" or just "account". A literal colon is the separator and any
  // colon inside the names is percent-encoded (formatOtpauth writes it so); a label without a
  // literal colon may still use an encoded one as the separator, as many issuers write it.
  const literal = path.indexOf(':');
  const labelIssuerText = literal >= 0 ? decode(path.slice(0, literal)) : '';
  const labelText = decode(literal >= 0 ? path.slice(literal + 1) : path);
  if (labelIssuerText === null || labelText === null) return fail('The account name in the link is not correctly encoded.');

  const params = new Map<string, string>();
  if (q >= 0) {
    for (const pair of afterType.slice(q + 1).split('&')) {
      if (pair === '') continue;
      const eq = pair.indexOf('=');
      const key = decode(eq < 0 ? pair : pair.slice(0, eq));
      const value = decode(eq < 0 ? '' : pair.slice(eq + 1));
      if (key === null || value === null) return fail('A parameter in the link is not correctly encoded.');
      const k = key.toLowerCase();
      if (params.has(k)) return fail(`The parameter${quoted(k, KNOWN_PARAMETER)} appears twice.`);
      params.set(k, value);
    }
  }

  const secretText = params.get('secret');
  if (secretText === undefined || secretText.trim() === '') return fail('The link has no secret.');
  let secret: Uint8Array;
  try {
    secret = base32Decode(secretText);
  } catch (e) {
    return fail(e instanceof Base32Error ? `The secret is not valid: ${e.message}` : 'The secret is not valid.');
  }
  if (secret.length < MIN_SECRET_BYTES) return fail(`The secret is too short (${secret.length} bytes; at least ${MIN_SECRET_BYTES}).`);
  if (secret.length > MAX_SECRET_BYTES) return fail('The secret is too long.');

  const algorithmText = (params.get('algorithm') ?? 'SHA1').toUpperCase().replace('-', '');
  if (algorithmText !== 'SHA1' && algorithmText !== 'SHA256' && algorithmText !== 'SHA512')
    return fail(`Unsupported algorithm${quoted(params.get('algorithm'), /^[A-Za-z0-9-]{1,10}$/)}; use SHA1, SHA256 or SHA512.`);
  const digitsText = params.get('digits') ?? '6';
  if (digitsText !== '6' && digitsText !== '8') return fail(`Unsupported number of digits${quoted(digitsText, /^\d{1,3}$/)}; use 6 or 8.`);
  const periodText = params.get('period') ?? '30';
  if (periodText !== '30' && periodText !== '60') return fail(`Unsupported period${quoted(periodText, /^\d{1,5}$/)}; use 30 or 60 seconds.`);

  // The issuer parameter wins over the label's "Issuer:" when both exist.
  const colon = literal >= 0 ? -1 : labelText.indexOf(':');
  const labelIssuer = (colon >= 0 ? labelText.slice(0, colon) : labelIssuerText).trim();
  const label = (colon >= 0 ? labelText.slice(colon + 1) : labelText).trim();
  const issuer = (params.get('issuer') ?? labelIssuer).trim();
  if (label.length > 200 || issuer.length > 200) return fail('The account name or issuer is too long.');

  return {
    ok: true,
    account: {
      secret,
      issuer,
      label,
      algorithm: algorithmText,
      digits: digitsText === '8' ? 8 : 6,
      period: periodText === '60' ? 60 : 30,
    },
  };
}

/** A name in the link's path: percent-encoded, colons included, but "@" kept as the Key Uri Format examples write it. */
function encodeName(text: string): string {
  return encodeURIComponent(text).replace(/%40/g, '@');
}

/**
 * The canonical link for an account (`otpauth://totp/Issuer:account?secret=...&issuer=Issuer&...`);
 * `parseOtpauth(formatOtpauth(a))` gives `a` back. The one literal colon separates the issuer
 * from the account name; colons inside either are encoded. Without an issuer, a name holding a
 * colon gets an empty "Issuer:" so that its own colon cannot be taken for the separator.
 */
export function formatOtpauth(account: OtpauthAccount): string {
  const label = account.issuer || account.label.includes(':') ? `${encodeName(account.issuer)}:${encodeName(account.label)}` : encodeName(account.label);
  const query = [
    `secret=${base32Encode(account.secret)}`,
    ...(account.issuer ? [`issuer=${encodeURIComponent(account.issuer)}`] : []),
    `algorithm=${account.algorithm}`,
    `digits=${account.digits}`,
    `period=${account.period}`,
  ];
  return `otpauth://totp/${label}?${query.join('&')}`;
}
