/**
 * "This computer", for the one rule that allows plain http: the token service (its answer carries
 * the secret) and the links the window may open (the service's own site) may use http:// only
 * where the traffic never leaves the machine. That is `localhost`, the whole of 127.0.0.0/8
 * (RFC 1122 §3.2.1.3 reserves all of it for loopback) and `[::1]`, each as the WHATWG URL parser
 * writes a host, which turns `127.1`, `0x7f.0.0.1` or `[0:0::1]` into those forms first.
 * Nothing else counts: no private network, no other name that happens to resolve to 127.0.0.1.
 */
const IPV4_LOOPBACK = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

/** `hostname` as URL.hostname gives it. */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || IPV4_LOOPBACK.test(hostname);
}
