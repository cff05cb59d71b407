/**
 * Credential secrets at rest: AES-256-GCM with a random 96-bit nonce per secret and the
 * credential ID as associated data, so a ciphertext copied onto another credential's row
 * fails authentication instead of lending that credential its secret.
 * Layout: version (1 byte) | nonce (12) | ciphertext | tag (16).
 */
import { createCipheriv, createDecipheriv, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { ServiceError } from './service-error.js';

const VERSION = 1;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export interface SecretBox {
  seal(secret: Uint8Array, credentialId: string): Uint8Array;
  /** Throws a ServiceError (500 `credential_unreadable`) when the box was altered or the key is wrong. */
  open(box: Uint8Array, credentialId: string): Buffer;
}

function associatedData(credentialId: string): Buffer {
  return Buffer.from(`mamori/credential-secret/v1/${credentialId}`, 'utf8');
}

export function createSecretBox(masterKey: Uint8Array): SecretBox {
  // A KeyObject keeps the key out of reach of accidental logging and avoids copying it per call.
  const key: KeyObject = createSecretKey(masterKey);
  return {
    seal(secret, credentialId) {
      const nonce = randomBytes(NONCE_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
      cipher.setAAD(associatedData(credentialId));
      const body = Buffer.concat([cipher.update(secret), cipher.final()]);
      return Buffer.concat([Buffer.of(VERSION), nonce, body, cipher.getAuthTag()]);
    },
    open(box, credentialId) {
      const b = Buffer.from(box.buffer, box.byteOffset, box.byteLength);
      if (b.length <= 1 + NONCE_BYTES + TAG_BYTES || b[0] !== VERSION) throw unreadable(credentialId);
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, b.subarray(1, 1 + NONCE_BYTES), { authTagLength: TAG_BYTES });
        decipher.setAAD(associatedData(credentialId));
        decipher.setAuthTag(b.subarray(b.length - TAG_BYTES));
        return Buffer.concat([decipher.update(b.subarray(1 + NONCE_BYTES, b.length - TAG_BYTES)), decipher.final()]);
      } catch {
        throw unreadable(credentialId);
      }
    },
  };
}

function unreadable(credentialId: string): ServiceError {
  return new ServiceError(
    500,
    'credential_unreadable',
    `The stored secret of credential ${credentialId} failed its integrity check (altered data or wrong master key). The operator has been told through the audit log.`,
  );
}
