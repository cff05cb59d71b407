/**
 * Reading a posted form. The body arrives as `unknown` (urlencoded via @fastify/formbody, or
 * anything else a client sends): only a flat object of single strings is a form. A repeated
 * field (`code=1&code=2`) or a non-string is malformed, never "the first one wins".
 */

export type FormResult<K extends string> = { readonly ok: true; readonly fields: Readonly<Record<K, string>> } | { readonly ok: false };

/** Longest value any of our fields may hold; longer means not typed into our page. */
export const MAX_FIELD_LENGTH = 256;

/**
 * The named fields; a missing field reads as "" (an empty input is the customer's mistake, shown
 * on the form), other fields are ignored.
 */
export function readForm<K extends string>(body: unknown, names: readonly K[]): FormResult<K> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false };
  const fields: Partial<Record<K, string>> = {};
  for (const name of names) {
    const value: unknown = Object.prototype.hasOwnProperty.call(body, name) ? (body as Record<string, unknown>)[name] : '';
    if (typeof value !== 'string' || value.length > MAX_FIELD_LENGTH) return { ok: false };
    fields[name] = value;
  }
  return { ok: true, fields: fields as Record<K, string> };
}
