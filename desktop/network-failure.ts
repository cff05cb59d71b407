/**
 * Why a request got no answer, in a client's own words: it timed out, the connection was refused,
 * the address could not be found, or another system error (named by its code). The token
 * service's client and Symantec VIP's client both say it this way, each naming its server.
 */

export interface NetworkWords {
  readonly timeout: string;
  readonly refused: string;
  readonly notFound: string;
  /** Followed by the system error's code, if there is one, and a full stop. */
  readonly unreachable: string;
}

export function networkFailureText(error: unknown, words: NetworkWords): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return words.timeout;
  // undici puts the system error (ECONNREFUSED, ENOTFOUND, ...) in `cause`.
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  if (code === 'ECONNREFUSED') return words.refused;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return words.notFound;
  return `${words.unreachable}${code === undefined ? '' : ` (${code})`}.`;
}
