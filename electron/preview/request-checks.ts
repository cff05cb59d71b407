/**
 * The checks every preview request passes before anything else, each a pure function of the
 * request's headers so that each refusal has its own test:
 * - Host must be exactly 127.0.0.1:<port>: a page on another name that resolves to 127.0.0.1
 *   (DNS rebinding) is refused even if it somehow had the token;
 * - on the API and the event stream, Origin (set by the browser, not by page script) must be the
 *   preview's own, and a state-changing POST must carry one; Sec-Fetch-Site, where the browser
 *   sends it, must say same-origin.
 */

export interface Refusal {
  status: number;
  code: string;
  message: string;
}

export function hostRefusal(host: string | undefined, expectedHost: string): Refusal | null {
  if (host !== undefined && host.toLowerCase() === expectedHost) return null;
  return { status: 421, code: 'wrong_host', message: `The preview answers only at ${expectedHost}.` };
}

export interface ApiRequestHeaders {
  method: string;
  origin: string | undefined;
  secFetchSite: string | undefined;
}

export function originRefusal({ method, origin, secFetchSite }: ApiRequestHeaders, expectedOrigin: string): Refusal | null {
  if (secFetchSite !== undefined && secFetchSite !== 'same-origin') {
    return { status: 403, code: 'cross_site', message: 'Only the preview page itself may call the preview.' };
  }
  if (origin === undefined) {
    // Browsers always send Origin on a POST from script; only a same-origin GET (EventSource) goes without.
    if (method === 'GET' || method === 'HEAD') return null;
    return { status: 403, code: 'origin_required', message: 'A request that changes something must carry an Origin header.' };
  }
  if (origin !== expectedOrigin) return { status: 403, code: 'wrong_origin', message: 'Only the preview page itself may call the preview.' };
  return null;
}

/** The first language of an Accept-Language header ("ja,en;q=0.8" -> "ja"): the browser stands in for the OS locale. */
export function preferredLocale(acceptLanguage: string | undefined): string | undefined {
  const first = acceptLanguage?.split(',')[0]?.split(';')[0]?.trim();
  return first === undefined || first === '' || first === '*' ? undefined : first;
}
