/**
 * What counts as a typed security code. Only ASCII digits: full-width (０-９) and other Unicode
 * digits are refused rather than folded, so that a server never runs an HMAC for input no
 * token could have produced.
 */

const ASCII_SPACES = /^[ \t]+|[ \t]+$/g;

/** The code as exactly `digits` ASCII digits after trimming spaces, or null. */
export function normalizeCode(input: unknown, digits: 6 | 8 = 6): string | null {
  if (typeof input !== 'string' || input.length > 64) return null;
  const trimmed = input.replace(ASCII_SPACES, '');
  if (trimmed.length !== digits) return null;
  for (let i = 0; i < trimmed.length; i++) {
    const c = trimmed.charCodeAt(i);
    if (c < 48 || c > 57) return null;
  }
  return trimmed;
}

/** "082263" -> "082 263"; "12345678" -> "1234 5678". How the window shows a code. */
export function groupCode(code: string): string {
  const half = Math.ceil(code.length / 2);
  return `${code.slice(0, half)} ${code.slice(half)}`;
}
