/**
 * Per-request state (session ID, language) and the few operations every route needs: render a
 * page, read a posted form with its CSRF token, replace the session ID, show an error page.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AccountStore } from './accounts-store.js';
import { checkCsrf, csrfToken, CSRF_FIELD } from './csrf.js';
import { readForm } from './form.js';
import type { SafeHtml } from './html.js';
import { isLang, messagesFor, type Lang, type Messages } from './messages.js';
import { SESSION_COOKIE, type SessionManager } from './session.js';
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
 * The posted fields, after checking the body is a form (else 400) and its CSRF token belongs
 * to this session (else 403). On refusal the error page is already sent and null returned.
 */
export function readPost<K extends string>(
  deps: BankDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  names: readonly K[],
): Readonly<Record<K, string>> | null {
  const ctx = contextOf(request);
  const form = readForm(request.body, [...names, CSRF_FIELD]);
  if (!form.ok) {
    sendError(deps, request, reply, 400, { message: ctx.m.badRequest });
    return null;
  }
  if (!checkCsrf(deps.key, ctx.sid, form.fields[CSRF_FIELD])) {
    sendError(deps, request, reply, 403, { message: ctx.m.csrfRejected });
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
