/**
 * Which credential a command means: an exact credential ID, else the one credential whose ID,
 * label, issuer or "Issuer (label)" equals the text ignoring case. Anything else is a Failure
 * listing the candidates, so a script never acts on a guess.
 */
import { displayName } from '../core/credential-name.js';
import { selectedOf } from '../desktop/credential-book.js';
import type { Settings, StoredCredential } from '../desktop/settings-store.js';
import { printable } from './args.js';
import { Failure } from './errors.js';
import { nameOf, safeText } from './output.js';

/** Candidates named in one message; the rest are counted. */
const MAX_LISTED = 10;

const NO_CREDENTIAL = 'there is no credential yet; add one with "mamori add" or "mamori provision"';

function listing(credentials: readonly StoredCredential[]): string {
  const shown = credentials.slice(0, MAX_LISTED).map((c) => `${safeText(c.credentialId)} (${nameOf(c)})`);
  const rest = credentials.length - shown.length;
  return shown.join(', ') + (rest > 0 ? ` and ${rest} more (see "mamori list")` : '');
}

export function resolveCredential(settings: Settings, query: string | undefined): StoredCredential {
  if (settings.credentials.length === 0) throw new Failure(NO_CREDENTIAL);
  if (query === undefined) return selectedOf(settings)!;
  const exact = settings.credentials.find((c) => c.credentialId === query);
  if (exact !== undefined) return exact;
  const wanted = query.trim().toLowerCase();
  const matches = settings.credentials.filter((c) =>
    [c.credentialId, c.label, c.issuer, displayName(c)].some((text) => text !== '' && text.toLowerCase() === wanted),
  );
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1)
    throw new Failure(`"${printable(query)}" matches ${matches.length} credentials: ${listing(matches)}; name one by its ID`);
  throw new Failure(`no credential matches "${printable(query)}"; there are: ${listing(settings.credentials)}`);
}
