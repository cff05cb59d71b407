/**
 * The demo bank as a Fastify app: security headers, session and language on every request,
 * one route file per procedure, and a Japanese page (never a stack trace) for every error. A
 * post is always answered with a redirect, a refused one too (post/redirect/get).
 */
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { Messages } from './messages.js';
import { attachContext, contextOf, refuse, sendError, type BankDeps } from './request-context.js';
import { registerAccountRoutes } from './routes/account-routes.js';
import { registerLoginRoutes } from './routes/login-routes.js';
import { registerPageRoutes } from './routes/page-routes.js';
import { registerRegisterRoutes } from './routes/register-routes.js';
import { registerStopRoutes } from './routes/stop-routes.js';

// No script at all, styles only from our own stylesheet, forms only to ourselves, never framed.
const CSP = [
  "default-src 'none'",
  "style-src 'self'",
  "img-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

// Our forms are a few short fields; anything bigger is not from our pages.
const BODY_LIMIT = 8 * 1024;

/**
 * The page a post to one of our routes goes back to when it is refused before its handler runs
 * (too large, not a form, an unexpected error): its own form, like every refused post, so
 * even then the browser holds a page that came from a GET. ログアウト's form is on /account.
 */
function pageOfPost(method: string, route: string | undefined): string | null {
  if (method !== 'POST' || route === undefined) return null;
  return route === '/logout' ? '/account' : route;
}

/** The status a failed request is answered with, and its words; the details stay in the log. */
function explain(status: number, m: Messages): { readonly shown: number; readonly message: string } {
  if (status >= 500) return { shown: 500, message: m.internalError };
  if (status === 413) return { shown: 413, message: m.tooLarge };
  if (status === 415) return { shown: 415, message: m.unsupportedMedia };
  if (status === 404) return { shown: 404, message: m.notFound };
  return { shown: 400, message: m.badRequest };
}

export async function buildBankApp(deps: BankDeps, opts: { logger?: boolean } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: BODY_LIMIT,
    // Errors raised before routing (a malformed URL) get the same page as everything else.
    frameworkErrors: (error, request, reply) => {
      request.log.info({ code: error.code }, 'bank: request refused before routing');
      void sendError(deps, request, reply, 400, { message: contextOf(request).m.badRequest });
    },
  });

  await app.register(cookie);
  // Only HTML forms are accepted: a JSON or text body is not something our pages send (415).
  app.removeAllContentTypeParsers();
  await app.register(formbody);
  app.decorateRequest('bank', null);

  app.addHook('onRequest', async (request, reply) => {
    attachContext(deps, request, reply);
    reply
      .header('content-security-policy', CSP)
      .header('x-content-type-options', 'nosniff')
      .header('x-frame-options', 'DENY')
      .header('referrer-policy', 'no-referrer')
      .header('cross-origin-opener-policy', 'same-origin')
      .header('cache-control', 'no-store');
  });

  registerPageRoutes(app, deps);
  registerLoginRoutes(app, deps);
  registerRegisterRoutes(app, deps);
  registerStopRoutes(app, deps);
  registerAccountRoutes(app, deps);

  app.setNotFoundHandler(async (request, reply) => sendError(deps, request, reply, 404, { message: contextOf(request).m.notFound }));

  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const { m } = contextOf(request);
    const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    if (status >= 500) request.log.error({ err: error }, 'bank: unexpected error');
    else request.log.info({ code: error.code, status }, 'bank: request refused');
    const { shown, message } = explain(status, m);
    const back = pageOfPost(request.method, request.routeOptions.url);
    if (back !== null) return refuse(deps, request, reply, back, { status: shown, error: message });
    return sendError(deps, request, reply, shown, { message });
  });

  return app;
}
