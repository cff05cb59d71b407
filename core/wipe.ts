/**
 * Forgetting secrets. Bytes that held a secret or key material are overwritten with zeros as
 * soon as they have served, so that they do not linger in memory (a core dump, a swapped page)
 * until the garbage collector reuses them. That is all JavaScript allows: strings (a password, a
 * base32 text) cannot be overwritten, which is why secrets travel as bytes.
 */

/** A buffer that holds (or held) a secret; null and undefined stand for "none here". */
export type SecretBytes = Uint8Array | null | undefined;

function each(secrets: SecretBytes | Iterable<SecretBytes>): Iterable<SecretBytes> {
  return secrets instanceof Uint8Array || secrets === null || secrets === undefined ? [secrets] : secrets;
}

/** Zeroes every given buffer now. */
export function wipe(...secrets: readonly (SecretBytes | Iterable<SecretBytes>)[]): void {
  for (const group of secrets) for (const secret of each(group)) secret?.fill(0);
}

/**
 * Runs `use`, then zeroes `secrets` in a finally: after `use` returned or threw, or, when it
 * returns a promise, once that promise settled. The one way the desktop side forgets a secret, so
 * that no path through a function can forget to.
 */
export function withSecrets<T>(secrets: SecretBytes | Iterable<SecretBytes>, use: () => Promise<T>): Promise<T>;
export function withSecrets<T>(secrets: SecretBytes | Iterable<SecretBytes>, use: () => T): T;
export function withSecrets<T>(secrets: SecretBytes | Iterable<SecretBytes>, use: () => T | Promise<T>): T | Promise<T> {
  let later = false;
  try {
    const result = use();
    if (result instanceof Promise) {
      later = true;
      return result.finally(() => wipe(secrets));
    }
    return result;
  } finally {
    if (!later) wipe(secrets);
  }
}
