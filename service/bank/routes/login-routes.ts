/**
 * ログイン: contract ID + password; customers with a token then give a one-time password
 * before the account page. Each proof replaces the session ID.
 */
import type { FastifyInstance } from 'fastify';
import { authenticateForm } from '../authenticate.js';
import { contextOf, readPost, rotateSession, sendError, sendPage, viewOf, type BankDeps } from '../request-context.js';
import { loginOtpPage, loginPage } from '../views/login-views.js';
import { checkCode, rejectionMessage } from './otp-messages.js';

export function registerLoginRoutes(app: FastifyInstance, deps: BankDeps): void {
  app.get('/', async (_request, reply) => reply.redirect('/login', 303));

  app.get('/login', async (request, reply) => {
    const query: unknown = request.query;
    const loggedOut = typeof query === 'object' && query !== null && 'done' in query && query.done === 'logout';
    return sendPage(reply, 200, loginPage(viewOf(deps, request), { notice: loggedOut ? contextOf(request).m.loggedOut : null }));
  });

  app.post('/login', async (request, reply) => {
    const auth = await authenticateForm(deps, request, reply, loginPage);
    if (auth === null) return reply;
    const { sid } = contextOf(request);
    const { contractId } = auth.account;
    deps.sessions.setFlow(sid, auth.account.hasToken ? { kind: 'login-otp', contractId } : { kind: 'signed-in', contractId });
    rotateSession(deps, request, reply);
    return reply.redirect(auth.account.hasToken ? '/login/otp' : '/account', 303);
  });

  app.get('/login/otp', async (request, reply) => {
    const { m, sid } = contextOf(request);
    if (deps.sessions.getFlow(sid)?.kind !== 'login-otp') return sendError(deps, request, reply, 409, { message: m.flowExpired });
    return sendPage(reply, 200, loginOtpPage(viewOf(deps, request)));
  });

  app.post('/login/otp', async (request, reply) => {
    const fields = readPost(deps, request, reply, ['code']);
    if (fields === null) return reply;
    const { m, sid } = contextOf(request);
    const flow = deps.sessions.getFlow(sid);
    if (flow?.kind === 'signed-in') return reply.redirect('/account', 303);
    if (flow?.kind !== 'login-otp') return sendError(deps, request, reply, 409, { message: m.flowExpired });

    const code = checkCode(m, fields.code);
    if (!code.ok) return sendPage(reply, 400, loginOtpPage(viewOf(deps, request), code.message));

    const decision = await deps.tokens.validate(flow.contractId, code.code);
    if (decision.kind === 'unavailable')
      return sendError(deps, request, reply, 503, { message: m.serviceUnavailable, back: { path: '/login/otp', label: m.backButton } });
    if (decision.kind === 'rejected') {
      if (decision.reason === 'not_registered') {
        // The service is the authority: the bank's flag was stale. Start the login again.
        deps.accounts.setHasToken(flow.contractId, false);
        deps.sessions.clear(sid);
        return sendPage(reply, 200, loginPage(viewOf(deps, request), { error: m.reject.not_registered }));
      }
      return sendPage(reply, 200, loginOtpPage(viewOf(deps, request), rejectionMessage(m, decision.reason)));
    }
    deps.sessions.setFlow(sid, { kind: 'signed-in', contractId: flow.contractId });
    rotateSession(deps, request, reply);
    return reply.redirect('/account', 303);
  });
}
