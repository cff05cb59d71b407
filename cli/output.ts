/**
 * What commands print. Human output is for a terminal: labels come from setup links that anyone
 * can write, so control and bidirectional-override characters are replaced before printing
 * (a label must not be able to move the cursor, recolour the terminal or reorder a line).
 * JSON output is for scripts: one document per command, field names stable, documented in
 * `mamori help <command>`.
 */
import { displayName } from '../core/credential-name.js';
import type { DesktopConfig } from '../desktop/config.js';
import type { StoredCredential } from '../desktop/settings-store.js';

export interface Io {
  readonly stdin: NodeJS.ReadStream;
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
  /** Read once from the environment by main.ts (desktop/config.ts); commands never read process.env. */
  readonly config: DesktopConfig;
}

// C0 and C1 controls, DEL, and the bidi embedding/override/isolate characters.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Text safe to print on a terminal. */
export function safeText(text: string): string {
  return text.replace(UNSAFE, '?');
}

/** Columns a string takes on a terminal: East Asian wide and full-width characters take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    const cp = char.codePointAt(0) ?? 0;
    const wide =
      (cp >= 0x1100 && cp <= 0x115f) ||
      (cp >= 0x2e80 && cp <= 0xa4cf) ||
      (cp >= 0xac00 && cp <= 0xd7a3) ||
      (cp >= 0xf900 && cp <= 0xfaff) ||
      (cp >= 0xfe30 && cp <= 0xfe4f) ||
      (cp >= 0xff00 && cp <= 0xff60) ||
      (cp >= 0xffe0 && cp <= 0xffe6) ||
      (cp >= 0x1f300 && cp <= 0x1faff) ||
      (cp >= 0x20000 && cp <= 0x3fffd);
    width += wide ? 2 : 1;
  }
  return width;
}

/** Rows aligned in columns separated by two spaces; the last column is not padded. */
export function table(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, displayWidth(cell))));
  return rows.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - displayWidth(cell))))
      .join('  ')
      .trimEnd(),
  );
}

/** Pretty JSON with C1 controls escaped too (JSON.stringify leaves U+0080..U+009F raw). */
export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2).replace(/[\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
}

export function printJson(io: Io, value: unknown): void {
  io.stdout.write(jsonText(value));
}

export function printLines(io: Io, lines: readonly string[]): void {
  if (lines.length > 0) io.stdout.write(`${lines.join('\n')}\n`);
}

/** A credential as every --json output shows it (never the secret). */
export interface CredentialJson {
  credentialId: string;
  label: string;
  issuer: string;
  algorithm: StoredCredential['algorithm'];
  digits: StoredCredential['digits'];
  period: StoredCredential['period'];
  source: StoredCredential['source'];
  createdAt: string;
  expiresAt: string | null;
  selected: boolean;
}

export function credentialJson(c: StoredCredential, selectedId: string | undefined): CredentialJson {
  return {
    credentialId: c.credentialId,
    label: c.label,
    issuer: c.issuer,
    algorithm: c.algorithm,
    digits: c.digits,
    period: c.period,
    source: c.source,
    createdAt: c.createdAt,
    expiresAt: c.expiresAt,
    selected: c.credentialId === selectedId,
  };
}

/** Why an entry of a link or backup was not added, as --json shows it. */
export interface SkippedJson {
  label: string;
  /** "duplicate" (already in Mamori), "counter_based", "unsupported" or "invalid". */
  kind: string;
  reason: string;
}

export function skippedJson(skipped: readonly { label: string; kind: string; reason: string }[]): SkippedJson[] {
  return skipped.map(({ label, kind, reason }) => ({ label, kind, reason }));
}

/** "Example (alice@example.com)", safe to print. */
export function nameOf(c: Pick<StoredCredential, 'issuer' | 'label' | 'credentialId'>): string {
  return safeText(displayName(c));
}

/** "6 digits, 30 s" (and the algorithm when it is not the usual SHA1). */
export function kindOf(c: Pick<StoredCredential, 'algorithm' | 'digits' | 'period'>): string {
  return `${c.algorithm === 'SHA1' ? '' : `${c.algorithm}, `}${c.digits} digits, ${c.period} s`;
}

/** "2029-06-01" or "never". */
export function dayOf(iso: string | null): string {
  return iso === null ? 'never' : iso.slice(0, 10);
}

/** "3 credentials", "1 credential". */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
