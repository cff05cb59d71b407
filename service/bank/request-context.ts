/**
 * Per-request state (session ID, language) and the few operations every route needs: render a
 * page, read a posted form with its CSRF token, replace the session ID, show an error page, and
 * answer a refused post with a redirect to the page that says why (post/redirect/get).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AccountStore } from './accounts-store.js';
import { checkCsrf, csrfToken, CSRF_FIELD } from './csrf.js';
import { readForm } from './form.js';
import type { SafeHtml } from './html.js';
import { isLang, messagesFor, type Lang, type Messages } from './messages.js';
import { SESSION_COOKIE, type Flash, type SessionManager } from './session.js';
import type { TokenClient } from './token-client.js';
import type { ViewContext } from './views/layout.js';
import { errorPage, type ErrorPageOptions } from './views/notice-views.js';

export const LANG_COOKIE = 'mamori_bank_lang';

export interface BankDeps {
  readonly accounts: AccountStore;
  readonly sessions: SessionManager;
  readonly tokens: TokenClient;
  /** Signs session IDs and derives CSRF tokens. */
  readonly key: Buffer;
  /** A hash of no one's password, checked for unknown contract IDs so they cost the same. */
  readonly dummyHash: string;
}

export interface BankContext {
  sid: string;
  readonly lang: Lang;
  readonly m: Messages;
}

declare module 'fastify' {
  interface FastifyRequest {
    bank: BankContext | null;
  }
}

const COOKIE_OPTS = { path: '/', httpOnly: true, sameSite: 'strict' } as const;

/** Runs first on every request: find or start the session, pick the language. */
export function attachContext(deps: BankDeps, request: FastifyRequest, reply: FastifyReply): void {
  const query: unknown = request.query;
  const asked = typeof query === 'object' && query !== null && 'lang' in query ? query.lang : undefined;
  const remembered = request.cookies[LANG_COOKIE];
  let lang: Lang = 'ja';
  if (isLang(asked)) {
    lang = asked;
    reply.setCookie(LANG_COOKIE, lang, { ...COOKIE_OPTS, maxAge: 365 * 24 * 3600 });
  } else if (isLang(remembered)) {
    lang = remembered;
  }
  let sid = deps.sessions.verify(request.cookies[SESSION_COOKIE]);
  if (sid === null) {
    sid = deps.sessions.newId();
    reply.setCookie(SESSION_COOKIE, deps.sessions.cookieValue(sid), COOKIE_OPTS);
  }
  request.bank = { sid, lang, m: messagesFor(lang) };
}

export function contextOf(request: FastifyRequest): BankContext {
  return request.bank ?? { sid: '', lang: 'ja', m: messagesFor('ja') };
}

export function viewOf(deps: BankDeps, request: FastifyRequest): ViewContext {
  const ctx = contextOf(request);
  return { m: ctx.m, lang: ctx.lang, csrf: ctx.sid === '' ? '' : csrfToken(deps.key, ctx.sid) };
}

export function sendPage(reply: FastifyReply, status: number, body: SafeHtml): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(body.value);
}

export function sendError(
  deps: BankDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  opts: ErrorPageOptions,
): FastifyReply {
  return sendPage(reply, status, errorPage(viewOf(deps, request), opts));
}

/**
 * Answers a refused post: its reason and what may be shown again go into the session, and the
 * browser is sent with 303 to the GET page at `path` that shows them. No page a browser holds
 * ever comes from a POST, so Back and reload never offer to send a form again.
 */
export function refuse(deps: BankDeps, request: FastifyRequest, reply: FastifyReply, path: string, flash: Omit<Flash, 'path'>): FastifyReply {
  deps.sessions.setFlash(contextOf(request).sid, { ...flash, path });
  return reply.redirect(path, 303);
}

/**
 * The flash a refused post left for the page at `path`, or null. Reading uses it up whatever
 * it was for: a flash meant for another page is stale by the time this one is shown.
 */
export function takeFlash(deps: BankDeps, request: FastifyRequest, path: string): Flash | null {
  const flash = deps.sessions.takeFlash(contextOf(request).sid);
  return flash !== null && flash.path === path ? flash : null;
}

/**
 * The posted fields, after checking the body is a form (else 400) and its CSRF token belongs
 * to this session (else 403). On refusal the browser is already sent back to `back` with the
 * reason, and null is returned.
 */
export function readPost<K extends string>(
  deps: BankDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  names: readonly K[],
  back: string,
): Readonly<Record<K, string>> | null {
  const ctx = contextOf(request);
  const form = readForm(request.body, [...names, CSRF_FIELD]);
  if (!form.ok) {
    refuse(deps, request, reply, back, { status: 400, error: ctx.m.badRequest });
    return null;
  }
  if (!checkCsrf(deps.key, ctx.sid, form.fields[CSRF_FIELD])) {
    refuse(deps, request, reply, back, { status: 403, error: ctx.m.csrfRejected });
    return null;
  }
  return form.fields;
}

/** A new session ID after the customer proves something; forms rendered afterwards use it. */
export function rotateSession(deps: BankDeps, request: FastifyRequest, reply: FastifyReply): void {
  const ctx = contextOf(request);
  ctx.sid = deps.sessions.rotate(ctx.sid);
  reply.setCookie(SESSION_COOKIE, deps.sessions.cookieValue(ctx.sid), COOKIE_OPTS);
}
