import type { HmacPort } from '../core/totp.js';
export declare const nodeHmac: HmacPort;
