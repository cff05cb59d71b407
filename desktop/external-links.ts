/**
 * Which links the app may hand to the system browser. The window itself never navigates; a link
 * is opened outside only when it is on this allowlist: the configured token service's own site
 * (https, or http on this computer for the demo service: loopback.ts) and nothing else.
 */
import { isLoopbackHost } from './loopback.js';

/** The origins a link may open, derived from the token service URL; empty if that URL is unusable. */
export function allowedExternalOrigins(serviceUrl: string): string[] {
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return [];
  }
  if (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname))) return [url.origin];
  return [];
}

/** True when `candidate` may be opened in the system browser. */
export function isAllowedExternalUrl(candidate: string, allowedOrigins: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return false;
  }
  // Credentials in a link are a phishing trick (https://bank.example@evil.example/).
  if (url.username !== '' || url.password !== '') return false;
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) return false;
  return allowedOrigins.includes(url.origin);
}
