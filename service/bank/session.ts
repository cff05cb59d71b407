/**
 * Sessions: the cookie carries only a random session ID and its HMAC-SHA256 under a key kept in
 * the data dir; what a customer has proved so far (the flow state) stays on the server, keyed
 * by that ID. So a tampered form field or an old cookie cannot skip a step or bring back a
 * finished one, logout really ends the session, and the ID is replaced whenever the customer
 * proves something (no session fixation).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'mamori_bank_session';

/** What the customer has proved in this session, and where in which procedure they are. */
export type Flow =
  | { readonly kind: 'login-otp'; readonly contractId: string }
  | { readonly kind: 'signed-in'; readonly contractId: string }
  | { readonly kind: 'register-otp'; readonly contractId: string }
  | { readonly kind: 'register-done'; readonly contractId: string }
  | { readonly kind: 'stop-otp'; readonly contractId: string }
  | { readonly kind: 'stop-done'; readonly contractId: string };

export interface SessionManager {
  /** The session ID in a cookie value, or null when it is absent, malformed or not ours. */
  verify(cookieValue: string | undefined): string | null;
  newId(): string;
  cookieValue(sid: string): string;
  getFlow(sid: string): Flow | null;
  setFlow(sid: string, flow: Flow): void;
  clear(sid: string): void;
  /** A new ID carrying the old one's flow; the old ID is forgotten. */
  rotate(sid: string): string;
}

export interface SessionOptions {
  readonly key: Buffer;
  /** Idle time after which a procedure must start again (wall clock; sessions are the bank's own time). */
  readonly idleMs?: number;
  /** Bound on live sessions, so a flood of logins cannot grow memory without limit. */
  readonly maxSessions?: number;
}

interface Entry {
  flow: Flow;
  lastSeen: number;
}

export function createSessionManager(opts: SessionOptions): SessionManager {
  const idleMs = opts.idleMs ?? 15 * 60_000;
  const maxSessions = opts.maxSessions ?? 10_000;
  const entries = new Map<string, Entry>();

  const mac = (sid: string): Buffer => createHmac('sha256', opts.key).update(`session:${sid}`).digest();

  function touch(sid: string, entry: Entry): void {
    // Re-insert so that Map order is least-recently-used first.
    entries.delete(sid);
    entry.lastSeen = Date.now();
    entries.set(sid, entry);
    while (entries.size > maxSessions) {
      const oldest = entries.keys().next();
      if (oldest.done === true) break;
      entries.delete(oldest.value);
    }
  }

  return {
    verify(cookieValue) {
      if (cookieValue === undefined || cookieValue.length > 200) return null;
      const match = /^([A-Za-z0-9_-]{43})\.([A-Za-z0-9_-]{43})$/.exec(cookieValue);
      if (match === null) return null;
      const [, sid = '', tag = ''] = match;
      const given = Buffer.from(tag, 'base64url');
      const expected = mac(sid);
      return given.length === expected.length && timingSafeEqual(given, expected) ? sid : null;
    },
    newId: () => randomBytes(32).toString('base64url'),
    cookieValue: (sid) => `${sid}.${mac(sid).toString('base64url')}`,
    getFlow(sid) {
      const entry = entries.get(sid);
      if (entry === undefined) return null;
      if (Date.now() - entry.lastSeen > idleMs) {
        entries.delete(sid);
        return null;
      }
      touch(sid, entry);
      return entry.flow;
    },
    setFlow(sid, flow) {
      touch(sid, { flow, lastSeen: Date.now() });
    },
    clear(sid) {
      entries.delete(sid);
    },
    rotate(sid) {
      const next = randomBytes(32).toString('base64url');
      const entry = entries.get(sid);
      entries.delete(sid);
      if (entry !== undefined) touch(next, entry);
      return next;
    },
  };
}
