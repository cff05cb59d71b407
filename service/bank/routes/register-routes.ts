/**
 * ワンタイムパスワード利用登録: 利用者認証 (/register) >> 登録情報入力 (/register/token) >>
 * 処理結果 (/register/result). Which step a customer may post is decided by the server-side
 * flow, never by a form field, and a finished registration cannot be posted again.
 */
import type { FastifyInstance } from 'fastify';
import { authenticateForm } from '../authenticate.js';
import { contextOf, readPost, rotateSession, sendError, sendPage, viewOf, type BankDeps } from '../request-context.js';
import { registerAuthPage, registerResultPage, registerTokenPage } from '../views/register-views.js';
import { checkCode, checkTokenId, rejectionMessage } from './otp-messages.js';

export function registerRegisterRoutes(app: FastifyInstance, deps: BankDeps): void {
  app.get('/register', async (request, reply) => sendPage(reply, 200, registerAuthPage(viewOf(deps, request))));

  app.post('/register', async (request, reply) => {
    const auth = await authenticateForm(deps, request, reply, registerAuthPage);
    if (auth === null) return reply;
    const { m, sid } = contextOf(request);
    // Only after the password: whether someone has a token is not for strangers to learn.
    if (auth.account.hasToken)
      return sendPage(reply, 200, registerAuthPage(viewOf(deps, request), { contractId: auth.contractIdInput, error: m.alreadyHasToken }));
    deps.sessions.setFlow(sid, { kind: 'register-otp', contractId: auth.account.contractId });
    rotateSession(deps, request, reply);
    return reply.redirect('/register/token', 303);
  });

  app.get('/register/token', async (request, reply) => {
    const { m, sid } = contextOf(request);
    if (deps.sessions.getFlow(sid)?.kind !== 'register-otp')
      return sendError(deps, request, reply, 409, { message: m.flowExpired, back: { path: '/register', label: m.backButton } });
    return sendPage(reply, 200, registerTokenPage(viewOf(deps, request)));
  });

  app.post('/register/token', async (request, reply) => {
    const fields = readPost(deps, request, reply, ['tokenId', 'code']);
    if (fields === null) return reply;
    const { m, sid } = contextOf(request);
    const flow = deps.sessions.getFlow(sid);
    if (flow?.kind === 'register-done') return sendError(deps, request, reply, 409, { message: m.alreadyCompleted });
    if (flow?.kind !== 'register-otp')
      return sendError(deps, request, reply, 409, { message: m.flowExpired, back: { path: '/register', label: m.backButton } });

    const view = viewOf(deps, request);
    const tokenId = checkTokenId(m, fields.tokenId);
    if (!tokenId.ok)
      return sendPage(reply, 400, registerTokenPage(view, { tokenId: fields.tokenId, error: tokenId.message, tokenIdInvalid: true }));
    const code = checkCode(m, fields.code);
    if (!code.ok) return sendPage(reply, 400, registerTokenPage(view, { tokenId: fields.tokenId, error: code.message, codeInvalid: true }));

    const decision = await deps.tokens.register(flow.contractId, tokenId.id, code.code);
    if (decision.kind === 'unavailable')
      return sendError(deps, request, reply, 503, { message: m.serviceUnavailable, back: { path: '/register/token', label: m.backButton } });
    if (decision.kind === 'throttled') {
      // The same step again, so the customer can come back to it; rounded up, never "0 minutes".
      const minutes = Math.ceil(decision.retryAfterSeconds / 60);
      return sendPage(reply, 429, registerTokenPage(view, { tokenId: fields.tokenId, error: m.registerThrottled(minutes) }));
    }
    if (decision.kind === 'rejected') {
      const tokenIdInvalid = decision.reason === 'malformed_credential_id' || decision.reason === 'unknown_credential';
      return sendPage(
        reply,
        200,
        registerTokenPage(view, { tokenId: fields.tokenId, error: rejectionMessage(m, decision.reason), tokenIdInvalid, codeInvalid: !tokenIdInvalid }),
      );
    }
    deps.accounts.setHasToken(flow.contractId, true);
    deps.sessions.setFlow(sid, { kind: 'register-done', contractId: flow.contractId });
    // Post/Redirect/Get: reloading the result page does not post the registration again.
    return reply.redirect('/register/result', 303);
  });

  app.get('/register/result', async (request, reply) => {
    const { m, sid } = contextOf(request);
    if (deps.sessions.getFlow(sid)?.kind !== 'register-done') return sendError(deps, request, reply, 409, { message: m.flowExpired });
    return sendPage(reply, 200, registerResultPage(viewOf(deps, request)));
  });
}
