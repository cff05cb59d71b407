import type { CredentialView } from '../../electron/shared/contract.js';

/**
 * How a credential is called on screen. An account added from a link is known by its issuer
 * and label; a service or VIP credential by its issuer and credential ID (its label starts out
 * as that ID), or by the name the user gave it.
 */
export function titleOf(credential: CredentialView): string {
  if (credential.source === 'manual') return credential.issuer || credential.label || credential.credentialId;
  return hasOwnName(credential) ? credential.label : credential.issuer || credential.credentialId;
}

/** The smaller line under the title: the account's label, or the credential ID. */
export function subtitleOf(credential: CredentialView): string {
  if (credential.source === 'manual') return credential.issuer ? credential.label : '';
  return titleOf(credential) === credential.credentialId ? '' : credential.credentialId;
}

/** One phrase naming the credential, for dialogs, button labels and announcements. */
export function nameOf(credential: CredentialView): string {
  if (credential.source !== 'manual') return hasOwnName(credential) ? credential.label : credential.credentialId;
  const label = credential.label || credential.credentialId;
  return credential.issuer && credential.issuer !== label ? `${credential.issuer} (${label})` : label;
}

/** True when the user gave a service or VIP credential a name other than its ID. */
export function hasOwnName(credential: CredentialView): boolean {
  return credential.source !== 'manual' && credential.label !== '' && credential.label !== credential.credentialId;
}
