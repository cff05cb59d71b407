/** The VIP codec's crypto port (core/vip.ts) on node:crypto. */
import { createDecipheriv, createHmac } from 'node:crypto';
import type { VipCryptoPort } from '../core/vip.js';
import { withSecrets } from '../core/wipe.js';

export const nodeVipCrypto: VipCryptoPort = {
  hmacSha256: (key, data) => createHmac('sha256', key).update(data).digest(),

  aes128CbcDecryptRaw(key, iv, ciphertext) {
    const decipher = createDecipheriv('aes-128-cbc', key, iv);
    // The codec checks the padding itself, strictly; Node's check would accept any valid PKCS#7 tail.
    decipher.setAutoPadding(false);
    const head = decipher.update(ciphertext);
    const tail = decipher.final();
    // The pieces hold the secret too; only the returned copy may outlive this call.
    return withSecrets([head, tail], () => {
      const plain = new Uint8Array(head.length + tail.length);
      plain.set(head);
      plain.set(tail, head.length);
      return plain;
    });
  },
};
