/**
 * ログイン: contract ID + password; customers with a token then give a one-time password
 * before the account page. Each proof replaces the session ID. Every post, accepted or
 * refused, answers with a redirect to a page drawn from the session (post/redirect/get).
 */
import type { FastifyInstance } from 'fastify';
import { authenticateForm } from '../authenticate.js';
import { contextOf, readPost, refuse, rotateSession, sendError, sendPage, takeFlash, viewOf, type BankDeps } from '../request-context.js';
import type { Flow } from '../session.js';
import { lockedPage } from '../views/locked-views.js';
import { loginOtpPage, loginPage } from '../views/login-views.js';
import { checkCode, rejectionMessage } from './otp-messages.js';

/** Where a refused one-time password post goes back to: the step itself while it is open. */
function otpStepBack(flow: Flow | null): string {
  if (flow?.kind === 'login-otp' || flow?.kind === 'login-locked') return '/login/otp';
  return flow?.kind === 'signed-in' ? '/account' : '/login';
}

export function registerLoginRoutes(app: FastifyInstance, deps: BankDeps): void {
  app.get('/', async (_request, reply) => reply.redirect('/login', 303));

  app.get('/login', async (request, reply) => {
    const flash = takeFlash(deps, request, '/login');
    const query: unknown = request.query;
    const loggedOut = typeof query === 'object' && query !== null && 'done' in query && query.done === 'logout';
    return sendPage(
      reply,
      flash?.status ?? 200,
      loginPage(viewOf(deps, request), {
        contractId: flash?.values?.contractId ?? '',
        error: flash?.error ?? null,
        notice: loggedOut ? contextOf(request).m.loggedOut : null,
      }),
    );
  });

  app.post('/login', async (request, reply) => {
    const auth = await authenticateForm(deps, request, reply, '/login');
    if (auth === null) return reply;
    const { sid } = contextOf(request);
    const { contractId } = auth.account;
    deps.sessions.setFlow(sid, auth.account.hasToken ? { kind: 'login-otp', contractId } : { kind: 'signed-in', contractId });
    rotateSession(deps, request, reply);
    return reply.redirect(auth.account.hasToken ? '/login/otp' : '/account', 303);
  });

  app.get('/login/otp', async (request, reply) => {
    const { m, sid } = contextOf(request);
    const flash = takeFlash(deps, request, '/login/otp');
    const flow = deps.sessions.getFlow(sid);
    if (flow?.kind === 'login-locked') return sendPage(reply, 200, lockedPage(viewOf(deps, request), 'login'));
    if (flow?.kind !== 'login-otp') return sendError(deps, request, reply, 409, { message: m.flowExpired });
    const codeInvalid = flash?.invalid?.includes('code') === true;
    return sendPage(reply, flash?.status ?? 200, loginOtpPage(viewOf(deps, request), { error: flash?.error ?? null, codeInvalid }));
  });

  app.post('/login/otp', async (request, reply) => {
    const { m, sid } = contextOf(request);
    const flow = deps.sessions.getFlow(sid);
    const fields = readPost(deps, request, reply, ['code'], otpStepBack(flow));
    if (fields === null) return reply;
    if (flow?.kind === 'signed-in') return reply.redirect('/account', 303);
    // A locked token stays locked whatever is posted; the step's page says so.
    if (flow?.kind === 'login-locked') return reply.redirect('/login/otp', 303);
    if (flow?.kind !== 'login-otp') return refuse(deps, request, reply, '/login', { status: 409, error: m.flowExpired });

    const code = checkCode(m, fields.code);
    if (!code.ok) return refuse(deps, request, reply, '/login/otp', { status: 400, error: code.message, invalid: ['code'] });

    const decision = await deps.tokens.validate(flow.contractId, code.code);
    if (decision.kind === 'unavailable') return refuse(deps, request, reply, '/login/otp', { status: 503, error: m.serviceUnavailable });
    if (decision.kind === 'rejected') {
      if (decision.reason === 'not_registered') {
        // The service is the authority: the bank's flag was stale. Start the login again.
        deps.accounts.setHasToken(flow.contractId, false);
        deps.sessions.clear(sid);
        return refuse(deps, request, reply, '/login', { status: 200, error: m.reject.not_registered });
      }
      if (decision.reason === 'locked') {
        deps.sessions.setFlow(sid, { kind: 'login-locked', contractId: flow.contractId });
        return reply.redirect('/login/otp', 303);
      }
      return refuse(deps, request, reply, '/login/otp', { status: 200, error: rejectionMessage(m, decision.reason), invalid: ['code'] });
    }
    deps.sessions.setFlow(sid, { kind: 'signed-in', contractId: flow.contractId });
    rotateSession(deps, request, reply);
    return reply.redirect('/account', 303);
  });
}
