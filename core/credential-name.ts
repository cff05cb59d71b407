/**
 * How a credential is named, for the window, the CLI and the desktop layer's messages alike. A
 * credential from a setup link or QR code ("manual") is known by its issuer and label; one from a
 * token service or Symantec VIP by its credential ID, which is also its first label, until the
 * user gives it a name of their own.
 */

export interface Nameable {
  readonly credentialId: string;
  readonly label: string;
  readonly issuer: string;
}

export interface NameableWithSource extends Nameable {
  readonly source: 'service' | 'manual' | 'vip';
}

/**
 * A credential in one phrase of text: "Issuer (label)", the label, or the credential ID. The CLI's
 * lines and a skipped entry's label use it; the window uses it for credentials from a link.
 */
export function displayName(credential: Nameable): string {
  const label = credential.label || credential.credentialId;
  return credential.issuer && credential.issuer !== label ? `${credential.issuer} (${label})` : label;
}

/** True when the user gave a service or VIP credential a name other than its ID. */
export function hasOwnName(credential: NameableWithSource): boolean {
  return credential.source !== 'manual' && credential.label !== '' && credential.label !== credential.credentialId;
}

/**
 * The window's phrase for a credential, in dialogs, button labels and announcements: a service or
 * VIP credential by its own name or its ID (the window shows the issuer elsewhere), any other by
 * displayName.
 */
export function windowName(credential: NameableWithSource): string {
  if (credential.source !== 'manual') return hasOwnName(credential) ? credential.label : credential.credentialId;
  return displayName(credential);
}

/** The title of a credential's row in the window's list. */
export function titleOf(credential: NameableWithSource): string {
  if (credential.source === 'manual') return credential.issuer || credential.label || credential.credentialId;
  return hasOwnName(credential) ? credential.label : credential.issuer || credential.credentialId;
}

/** The smaller line under the title: the account's label, or the credential ID. */
export function subtitleOf(credential: NameableWithSource): string {
  if (credential.source === 'manual') return credential.issuer ? credential.label : '';
  return titleOf(credential) === credential.credentialId ? '' : credential.credentialId;
}

/** The account line the window shows above the code of a credential from a link: "Issuer: label". */
export function accountLineOf(credential: Nameable): string {
  return credential.issuer ? `${credential.issuer}: ${credential.label}` : credential.label;
}
