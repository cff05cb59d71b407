/**
 * Adding the accounts of a setup link, a setup key or a QR code (account-input.ts) as manual
 * credentials, the last one selected: the app's "add" and `mamori add`. The accounts' secrets are
 * forgotten afterwards, whether the add succeeded or not.
 */
import { withSecrets } from '../../core/wipe.js';
import { manualCredentials, type FoundAccounts } from '../account-input.js';
import type { AddResult, CredentialBook } from '../credential-book.js';

export interface AddedAccounts extends Omit<AddResult, 'skipped'> {
  /** The link's own skipped entries (counter-based, unsupported, damaged), then those already in Mamori. */
  readonly skipped: (FoundAccounts['skipped'][number] | AddResult['skipped'][number])[];
}

export function addAccounts(book: CredentialBook, found: FoundAccounts, nowMs: number): Promise<AddedAccounts> {
  return withSecrets(
    found.accounts.map((account) => account.secret),
    async () => {
      const result = await book.add(manualCredentials(found.accounts, nowMs), { select: true });
      return { ...result, skipped: [...found.skipped, ...result.skipped] };
    },
  );
}
