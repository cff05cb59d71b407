/** The HMAC behind every code main computes: node:crypto directly (see HmacPort in core/totp.ts). */
import { createHmac } from 'node:crypto';
import type { HmacPort } from '../core/totp.js';

export const nodeHmac: HmacPort = {
  hmac: (algorithm, key, data) => createHmac(algorithm, key).update(data).digest(),
};
