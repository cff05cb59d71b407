/**
 * Credential IDs: 4 capital letters (the issuer's prefix) + 7 digits + a Luhn check digit
 * (ISO/IEC 7812-1 Annex B) over those 7 digits, e.g. MAMO12345674. The check digit catches
 * every single-digit typo and every adjacent swap but 0<->9 (97.8% of swaps of two different
 * digits; see the tests) before a server looks anything up.
 */

export const DEFAULT_PREFIX = 'MAMO';
export const CREDENTIAL_ID_LENGTH = 12;

export type CredentialIdProblem = 'empty' | 'length' | 'prefix' | 'digits' | 'check_digit';

export type CredentialIdCheck =
  | { readonly ok: true; readonly id: string }
  | { readonly ok: false; readonly problem: CredentialIdProblem; readonly message: string };

const PREFIX_RE = /^[A-Z]{4}$/;

export function isValidPrefix(prefix: string): boolean {
  return PREFIX_RE.test(prefix);
}

/** The Luhn check digit for a string of ASCII digits. */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  // Double every second digit counting from the right of the payload (the check digit's neighbour first).
  for (let i = digits.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) throw new RangeError('luhnCheckDigit takes ASCII digits only');
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** A new ID; `randomInt(n)` must return a uniformly random integer in [0, n) from a CSPRNG. */
export function generateCredentialId(prefix: string, randomInt: (maxExclusive: number) => number): string {
  if (!isValidPrefix(prefix)) throw new RangeError(`A credential prefix is 4 capital letters A-Z, not "${prefix}".`);
  let body = '';
  for (let i = 0; i < 7; i++) body += String(randomInt(10));
  return `${prefix}${body}${luhnCheckDigit(body)}`;
}

/**
 * Check a typed or pasted ID and explain what is wrong in words a customer can act on.
 * Spaces and hyphens are ignored and letters folded to upper case, since people copy IDs
 * from windows and letters in different ways.
 */
export function checkCredentialId(input: string, expectedPrefix?: string): CredentialIdCheck {
  const id = input.replace(/[\s-]/g, '').toUpperCase();
  if (id.length === 0) return { ok: false, problem: 'empty', message: 'Enter the credential ID.' };
  if (id.length !== CREDENTIAL_ID_LENGTH)
    return {
      ok: false,
      problem: 'length',
      message: `A credential ID has ${CREDENTIAL_ID_LENGTH} characters (4 letters and 8 digits); this one has ${id.length}.`,
    };
  const prefix = id.slice(0, 4);
  if (!PREFIX_RE.test(prefix))
    return { ok: false, problem: 'prefix', message: 'A credential ID starts with 4 letters.' };
  if (expectedPrefix !== undefined && prefix !== expectedPrefix)
    return { ok: false, problem: 'prefix', message: `This service's credential IDs start with ${expectedPrefix}, not ${prefix}.` };
  const digits = id.slice(4);
  if (!/^[0-9]{8}$/.test(digits))
    return { ok: false, problem: 'digits', message: 'After the 4 letters a credential ID has 8 digits.' };
  if (luhnCheckDigit(digits.slice(0, 7)) !== digits.charCodeAt(7) - 48)
    return { ok: false, problem: 'check_digit', message: 'The credential ID has a typo: its check digit does not match.' };
  return { ok: true, id };
}
