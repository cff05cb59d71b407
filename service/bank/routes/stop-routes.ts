/**
 * ワンタイムパスワード利用停止: 利用者認証 (/stop) >> ワンタイムパスワード入力 (/stop/otp) >>
 * 処理結果 (/stop/result). Stopping needs a valid code from the token being stopped.
 */
import type { FastifyInstance } from 'fastify';
import { authenticateForm } from '../authenticate.js';
import { contextOf, readPost, rotateSession, sendError, sendPage, viewOf, type BankDeps } from '../request-context.js';
import { stopAuthPage, stopOtpPage, stopResultPage } from '../views/stop-views.js';
import { checkCode, rejectionMessage } from './otp-messages.js';

export function registerStopRoutes(app: FastifyInstance, deps: BankDeps): void {
  app.get('/stop', async (request, reply) => sendPage(reply, 200, stopAuthPage(viewOf(deps, request))));

  app.post('/stop', async (request, reply) => {
    const auth = await authenticateForm(deps, request, reply, stopAuthPage);
    if (auth === null) return reply;
    const { m, sid } = contextOf(request);
    if (!auth.account.hasToken)
      return sendPage(reply, 200, stopAuthPage(viewOf(deps, request), { contractId: auth.contractIdInput, error: m.noToken }));
    deps.sessions.setFlow(sid, { kind: 'stop-otp', contractId: auth.account.contractId });
    rotateSession(deps, request, reply);
    return reply.redirect('/stop/otp', 303);
  });

  app.get('/stop/otp', async (request, reply) => {
    const { m, sid } = contextOf(request);
    if (deps.sessions.getFlow(sid)?.kind !== 'stop-otp')
      return sendError(deps, request, reply, 409, { message: m.flowExpired, back: { path: '/stop', label: m.backButton } });
    return sendPage(reply, 200, stopOtpPage(viewOf(deps, request)));
  });

  app.post('/stop/otp', async (request, reply) => {
    const fields = readPost(deps, request, reply, ['code']);
    if (fields === null) return reply;
    const { m, sid } = contextOf(request);
    const flow = deps.sessions.getFlow(sid);
    if (flow?.kind === 'stop-done') return sendError(deps, request, reply, 409, { message: m.alreadyCompleted });
    if (flow?.kind !== 'stop-otp')
      return sendError(deps, request, reply, 409, { message: m.flowExpired, back: { path: '/stop', label: m.backButton } });

    const code = checkCode(m, fields.code);
    if (!code.ok) return sendPage(reply, 400, stopOtpPage(viewOf(deps, request), code.message));

    const decision = await deps.tokens.unregister(flow.contractId, code.code);
    if (decision.kind === 'unavailable')
      return sendError(deps, request, reply, 503, { message: m.serviceUnavailable, back: { path: '/stop/otp', label: m.backButton } });
    if (decision.kind === 'rejected') {
      if (decision.reason === 'not_registered') {
        // Nothing to stop at the service: bring the bank's flag in line and say so.
        deps.accounts.setHasToken(flow.contractId, false);
        deps.sessions.clear(sid);
        return sendError(deps, request, reply, 200, { message: m.noToken });
      }
      return sendPage(reply, 200, stopOtpPage(viewOf(deps, request), rejectionMessage(m, decision.reason)));
    }
    deps.accounts.setHasToken(flow.contractId, false);
    deps.sessions.setFlow(sid, { kind: 'stop-done', contractId: flow.contractId });
    return reply.redirect('/stop/result', 303);
  });

  app.get('/stop/result', async (request, reply) => {
    const { m, sid } = contextOf(request);
    if (deps.sessions.getFlow(sid)?.kind !== 'stop-done') return sendError(deps, request, reply, 409, { message: m.flowExpired });
    return sendPage(reply, 200, stopResultPage(viewOf(deps, request)));
  });
}
