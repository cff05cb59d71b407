/** Creating a relying party: the API key is returned once and only its hash is stored. */
import { generateApiKey, generatePartyId, hashApiKey } from './api-keys.js';
import type { Storage } from '../storage/storage.js';

export interface CreatedRelyingParty {
  readonly id: string;
  readonly apiKey: string;
}

export async function createRelyingParty(storage: Storage, name: string, now: () => number): Promise<CreatedRelyingParty> {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > 100) throw new RangeError('A relying party needs a name of 1 to 100 characters.');
  const id = generatePartyId();
  const apiKey = generateApiKey();
  const createdAt = now();
  await storage.insertRelyingParty({ id, name: trimmed, apiKeyHash: hashApiKey(apiKey), createdAt });
  await storage.insertAuditEvents([{ at: createdAt, event: 'party_created', partyId: id, userId: null, credentialId: null, result: null, reason: null }]);
  return { id, apiKey };
}
