/**
 * Getting a new credential, from the configured token service or from Symantec VIP, up to the
 * point where it is a NewCredential ready for the credential book. Shared by the app's handlers
 * and the CLI, so both name, label and date a credential the same way.
 */
import type { VipTokenModel } from '../core/vip.js';
import { offsetFromSample } from './clock-offset.js';
import type { NewCredential } from './credential-book.js';
import { parseServiceUrl, type ProvisioningClient } from './provisioning-client.js';
import type { SavedClock } from './settings-store.js';
import type { VipClient } from './vip-client.js';

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
  const entry: NewCredential = {
    secret: credential.secret,
    meta: {
      credentialId: credential.credentialId,
      label: credential.credentialId,
      issuer: parseServiceUrl(serviceUrl).hostname,
      algorithm: credential.algorithm,
      digits: credential.digits,
      period: credential.period,
      createdAt: new Date(nowMs).toISOString(),
      expiresAt: credential.expiresAt,
      source: 'service',
    },
  };
  return clock === undefined ? { entry } : { entry, clock };
}

export async function provisionFromVip(client: VipClient, model: VipTokenModel, nowMs: number): Promise<Provisioned> {
  const credential = await client.provision(model);
  return {
    entry: {
      secret: credential.secret,
      meta: {
        credentialId: credential.credentialId,
        label: credential.credentialId,
        issuer: VIP_ISSUER,
        algorithm: credential.algorithm,
        digits: credential.digits,
        period: credential.period,
        createdAt: new Date(nowMs).toISOString(),
        expiresAt: credential.expiresAt,
        source: 'vip',
      },
    },
  };
}
