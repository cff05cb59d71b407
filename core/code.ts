/**
 * What counts as a typed security code. The window shows a code grouped, `092 521`, and people
 * type what they see: so besides plain digits this takes the display's one separator in the
 * middle (a space or a hyphen, also their full-width and Unicode forms), full-width digits
 * (０-９, as Japanese input methods type them) and blanks around the code. Anything else is
 * refused: other scripts' digits, letters, a separator elsewhere or twice, so that a server never
 * runs an HMAC for input no token could have produced. The one rule for the token service, the
 * bank and every other place a code is typed.
 */

/** Blanks a person may leave around a code on its line: spaces, tabs, no-break and ideographic spaces (not line breaks). */
const AROUND = /^[ \t\u00a0\u3000]+|[ \t\u00a0\u3000]+$/g;
/** The display's group separator as it may be typed: space, no-break and ideographic space, hyphens, minus. */
const SEPARATORS = new Set([' ', '\u00a0', '\u3000', '-', '\u2010', '\u2011', '\u2212', '\uff0d']);
const FULL_WIDTH_ZERO = 0xff10;

/** The code as exactly `digits` ASCII digits, or null when it is not a code as typed from the window. */
export function normalizeCode(input: unknown, digits: 6 | 8 = 6): string | null {
  if (typeof input !== 'string' || input.length > 64) return null;
  const typed = input.replace(AROUND, '');
  let code = '';
  let separatorAt = -1;
  for (const ch of typed) {
    const c = ch.charCodeAt(0);
    if (c >= 48 && c <= 57) code += ch;
    else if (c >= FULL_WIDTH_ZERO && c <= FULL_WIDTH_ZERO + 9) code += String.fromCharCode(48 + c - FULL_WIDTH_ZERO);
    else if (SEPARATORS.has(ch) && separatorAt === -1) separatorAt = code.length;
    else return null;
  }
  if (code.length !== digits) return null;
  // Only where the window puts it: 092 521, 1234 5678.
  if (separatorAt !== -1 && separatorAt !== Math.ceil(digits / 2)) return null;
  return code;
}

/** "082263" -> "082 263"; "12345678" -> "1234 5678". How the window shows a code. */
export function groupCode(code: string): string {
  const half = Math.ceil(code.length / 2);
  return `${code.slice(0, half)} ${code.slice(half)}`;
}
