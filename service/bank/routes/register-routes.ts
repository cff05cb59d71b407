/**
 * ワンタイムパスワード利用登録: 利用者認証 (/register) >> 登録情報入力 (/register/token) >>
 * 処理結果 (/register/result). Which step a customer may post is decided by the server-side
 * flow, never by a form field, and a finished registration cannot be posted again. Every post
 * answers with a redirect to a page drawn from the session (post/redirect/get).
 */
import type { FastifyInstance } from 'fastify';
import { authenticateForm } from '../authenticate.js';
import { contextOf, readPost, refuse, rotateSession, sendError, sendPage, takeFlash, viewOf, type BankDeps } from '../request-context.js';
import type { Flow } from '../session.js';
import { registerAuthPage, registerResultPage, registerTokenPage } from '../views/register-views.js';
import { checkCode, checkTokenId, rejectionMessage } from './otp-messages.js';

/** Where a refused 登録情報入力 post goes back to: the step while it is open, else its start or its result. */
function tokenStepBack(flow: Flow | null): string {
  if (flow?.kind === 'register-otp') return '/register/token';
  return flow?.kind === 'register-done' ? '/register/result' : '/register';
}

export function registerRegisterRoutes(app: FastifyInstance, deps: BankDeps): void {
  app.get('/register', async (request, reply) => {
    const flash = takeFlash(deps, request, '/register');
    return sendPage(
      reply,
      flash?.status ?? 200,
      registerAuthPage(viewOf(deps, request), { contractId: flash?.values?.contractId ?? '', error: flash?.error ?? null }),
    );
  });

  app.post('/register', async (request, reply) => {
    const auth = await authenticateForm(deps, request, reply, '/register');
    if (auth === null) return reply;
    const { m, sid } = contextOf(request);
    // Only after the password: whether someone has a token is not for strangers to learn.
    if (auth.account.hasToken)
      return refuse(deps, request, reply, '/register', { status: 200, error: m.alreadyHasToken, values: { contractId: auth.contractIdInput } });
    deps.sessions.setFlow(sid, { kind: 'register-otp', contractId: auth.account.contractId });
    rotateSession(deps, request, reply);
    return reply.redirect('/register/token', 303);
  });

  app.get('/register/token', async (request, reply) => {
    const { m, sid } = contextOf(request);
    const flash = takeFlash(deps, request, '/register/token');
    if (deps.sessions.getFlow(sid)?.kind !== 'register-otp')
      return sendError(deps, request, reply, 409, { message: m.flowExpired, back: { path: '/register', label: m.backButton } });
    return sendPage(
      reply,
      flash?.status ?? 200,
      registerTokenPage(viewOf(deps, request), {
        tokenId: flash?.values?.tokenId ?? '',
        error: flash?.error ?? null,
        tokenIdInvalid: flash?.invalid?.includes('tokenId') === true,
        codeInvalid: flash?.invalid?.includes('code') === true,
      }),
    );
  });

  app.post('/register/token', async (request, reply) => {
    const { m, sid } = contextOf(request);
    const flow = deps.sessions.getFlow(sid);
    const fields = readPost(deps, request, reply, ['tokenId', 'code'], tokenStepBack(flow));
    if (fields === null) return reply;
    if (flow?.kind === 'register-done') return refuse(deps, request, reply, '/register/result', { status: 409, error: m.alreadyCompleted });
    if (flow?.kind !== 'register-otp') return refuse(deps, request, reply, '/register', { status: 409, error: m.flowExpired });

    // The token ID comes back as typed; the code never does (it is spent or wrong either way).
    const again = (status: number, error: string, invalid: readonly ('tokenId' | 'code')[] = []) =>
      refuse(deps, request, reply, '/register/token', { status, error, values: { tokenId: fields.tokenId }, invalid });
    const tokenId = checkTokenId(m, fields.tokenId);
    if (!tokenId.ok) return again(400, tokenId.message, ['tokenId']);
    const code = checkCode(m, fields.code);
    if (!code.ok) return again(400, code.message, ['code']);

    const decision = await deps.tokens.register(flow.contractId, tokenId.id, code.code);
    if (decision.kind === 'unavailable') return again(503, m.serviceUnavailable);
    if (decision.kind === 'throttled') {
      // The same step again, so the customer can come back to it; rounded up, never "0 minutes".
      return again(429, m.registerThrottled(Math.ceil(decision.retryAfterSeconds / 60)));
    }
    if (decision.kind === 'rejected') {
      const tokenIdWrong = decision.reason === 'malformed_credential_id' || decision.reason === 'unknown_credential';
      return again(200, rejectionMessage(m, decision.reason), [tokenIdWrong ? 'tokenId' : 'code']);
    }
    deps.accounts.setHasToken(flow.contractId, true);
    deps.sessions.setFlow(sid, { kind: 'register-done', contractId: flow.contractId });
    return reply.redirect('/register/result', 303);
  });

  app.get('/register/result', async (request, reply) => {
    const { m, sid } = contextOf(request);
    const flash = takeFlash(deps, request, '/register/result');
    if (deps.sessions.getFlow(sid)?.kind !== 'register-done') return sendError(deps, request, reply, 409, { message: m.flowExpired });
    return sendPage(reply, flash?.status ?? 200, registerResultPage(viewOf(deps, request), flash?.error ?? null));
  });
}
