/**
 * The HMAC behind every code a Node program computes or checks (desktop main, CLI, token
 * service): node:crypto directly, through core's HmacPort. One module for all of them, beside
 * the pure core rather than inside any one program, so that the token service never imports
 * desktop code to get it. otplib's own node plugin re-validates the algorithm name and copies
 * the digest on every call, which cost a third of the throughput in bench/core-totp.ts.
 */
import { createHmac } from 'node:crypto';
export const nodeHmac = {
    hmac: (algorithm, key, data) => createHmac(algorithm, key).update(data).digest(),
};
//# sourceMappingURL=node-hmac.js.map