/**
 * Getting a new credential, from the configured token service or from Symantec VIP, and keeping
 * it: the secret in the keychain, the credential selected, the clock offset measured on the way
 * saved. Written once for the app's handlers and `mamori provision`, so both name, label, date
 * and keep a credential the same way.
 */
import type { VipTokenModel } from '../../core/vip.js';
import { withSecrets } from '../../core/wipe.js';
import { offsetFromSample } from '../clock-offset.js';
import { BookError, type CredentialBook, type NewCredential } from '../credential-book.js';
import { parseServiceUrl, type ProvisionedCredential, type ProvisioningClient } from '../provisioning-client.js';
import type { SavedClock, StoredCredential } from '../settings-store.js';
import type { VipClient } from '../vip-client.js';

/** Issuer shown for Symantec VIP credentials. */
export const VIP_ISSUER = 'Symantec VIP';

export interface Provisioned {
  readonly entry: NewCredential;
  /** The clock offset measured during provisioning, when the round trip was short enough to trust. */
  readonly clock?: SavedClock;
}

export async function provisionFromService(client: ProvisioningClient, serviceUrl: string, platform: string, nowMs: number): Promise<Provisioned> {
  const { credential, sample } = await client.provision(serviceUrl, platform);
  let clock: SavedClock | undefined;
  try {
    clock = offsetFromSample(sample);
  } catch {
    clock = undefined; // a slow answer: keep the previous offset; it is re-measured later
  }
  const entry = newCredential(credential, parseServiceUrl(serviceUrl).hostname, 'service', nowMs);
  return clock === undefined ? { entry } : { entry, clock };
}

export async function provisionFromVip(client: VipClient, model: VipTokenModel, nowMs: number): Promise<Provisioned> {
  return { entry: newCredential(await client.provision(model), VIP_ISSUER, 'vip', nowMs) };
}

/** An issued credential as the book keeps it: labelled with its ID until the user names it. */
function newCredential(credential: ProvisionedCredential, issuer: string, source: 'service' | 'vip', nowMs: number): NewCredential {
  return {
    secret: credential.secret,
    meta: {
      credentialId: credential.credentialId,
      label: credential.credentialId,
      issuer,
      algorithm: credential.algorithm,
      digits: credential.digits,
      period: credential.period,
      createdAt: new Date(nowMs).toISOString(),
      expiresAt: credential.expiresAt,
      source,
    },
  };
}

/**
 * Adds a provisioned credential and selects it, with the clock offset measured while provisioning;
 * the secret is forgotten afterwards. A credential whose ID is already in Mamori is refused
 * (`already_have_credential`): a service never issues the same ID twice, so it is the same one.
 */
export function keepProvisioned(book: CredentialBook, { entry, clock }: Provisioned): Promise<StoredCredential> {
  return withSecrets(entry.secret, async () => {
    const result = await book.add([entry], clock === undefined ? { select: true } : { select: true, clock });
    const added = result.added[0];
    if (added === undefined) throw new BookError('already_have_credential', `${entry.meta.credentialId} is already in Mamori.`);
    return added;
  });
}
