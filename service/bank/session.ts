/**
 * Sessions: the cookie carries only a random session ID and its HMAC-SHA256 under a key kept in
 * the data dir; what a customer has proved so far (the flow state) stays on the server, keyed
 * by that ID. So a tampered form field or an old cookie cannot skip a step or bring back a
 * finished one, logout really ends the session, and the ID is replaced whenever the customer
 * proves something (no session fixation). A refused post's message (the flash) waits here too,
 * for the one page its redirect leads to.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'mamori_bank_session';

/**
 * What the customer has proved in this session, and where in which procedure they are. The
 * `-locked` kinds remember that the token service answered `locked` at that step, so the step's
 * page shows the lock (and no code form) until the customer starts again.
 */
export type Flow =
  | { readonly kind: 'login-otp'; readonly contractId: string }
  | { readonly kind: 'login-locked'; readonly contractId: string }
  | { readonly kind: 'signed-in'; readonly contractId: string }
  | { readonly kind: 'register-otp'; readonly contractId: string }
  | { readonly kind: 'register-done'; readonly contractId: string }
  | { readonly kind: 'stop-otp'; readonly contractId: string }
  | { readonly kind: 'stop-locked'; readonly contractId: string }
  | { readonly kind: 'stop-done'; readonly contractId: string };

/** Typed values a refused form may show again. Passwords and codes are not among them, ever. */
export type KeptField = 'contractId' | 'tokenId';

/**
 * What a refused post leaves for the page it redirects to (post/redirect/get): the reason, the
 * HTTP status that page answers with, and what the customer typed. The page at `path` shows it
 * once; a reload finds nothing, so it never claims the post was tried again.
 */
export interface Flash {
  readonly path: string;
  readonly status: number;
  readonly error: string;
  readonly values?: Readonly<Partial<Record<KeptField, string>>>;
  /** Fields marked aria-invalid on that page. */
  readonly invalid?: readonly ('contractId' | 'tokenId' | 'code')[];
}

export interface SessionManager {
  /** The session ID in a cookie value, or null when it is absent, malformed or not ours. */
  verify(cookieValue: string | undefined): string | null;
  newId(): string;
  cookieValue(sid: string): string;
  getFlow(sid: string): Flow | null;
  setFlow(sid: string, flow: Flow): void;
  /** Forgets the flow and any flash. */
  clear(sid: string): void;
  /** A new ID carrying the old one's flow and flash; the old ID is forgotten. */
  rotate(sid: string): string;
  /** Replaces the session's flash. */
  setFlash(sid: string, flash: Flash): void;
  /** The session's flash, removed as it is read: whoever reads it shows it, or drops it. */
  takeFlash(sid: string): Flash | null;
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

interface FlashEntry {
  readonly flash: Flash;
  readonly at: number;
}

/** A flash is read by the GET that follows its redirect at once; one left longer is stale. */
const FLASH_MS = 5 * 60_000;

export function createSessionManager(opts: SessionOptions): SessionManager {
  const idleMs = opts.idleMs ?? 15 * 60_000;
  const maxSessions = opts.maxSessions ?? 10_000;
  const entries = new Map<string, Entry>();
  // Flashes live apart from flows: any refused post (even one with no valid session) leaves one,
  // and a flood of such posts must only push out other flashes, never a customer's login.
  const flashes = new Map<string, FlashEntry>();

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
      flashes.delete(sid);
    },
    rotate(sid) {
      const next = randomBytes(32).toString('base64url');
      const entry = entries.get(sid);
      entries.delete(sid);
      if (entry !== undefined) touch(next, entry);
      const flash = flashes.get(sid);
      flashes.delete(sid);
      if (flash !== undefined) flashes.set(next, flash);
      return next;
    },
    setFlash(sid, flash) {
      flashes.delete(sid);
      flashes.set(sid, { flash, at: Date.now() });
      while (flashes.size > maxSessions) {
        const oldest = flashes.keys().next();
        if (oldest.done === true) break;
        flashes.delete(oldest.value);
      }
    },
    takeFlash(sid) {
      const entry = flashes.get(sid);
      if (entry === undefined) return null;
      flashes.delete(sid);
      return Date.now() - entry.at > FLASH_MS ? null : entry.flash;
    },
  };
}
