/**
 * ワンタイムパスワード利用停止: 利用者認証 (/stop) >> ワンタイムパスワード入力 (/stop/otp) >>
 * 処理結果 (/stop/result). Stopping needs a valid code from the token being stopped. Every post
 * answers with a redirect to a page drawn from the session (post/redirect/get).
 */
import type { FastifyInstance } from 'fastify';
import { authenticateForm } from '../authenticate.js';
import { contextOf, readPost, refuse, rotateSession, sendError, sendPage, takeFlash, viewOf, type BankDeps } from '../request-context.js';
import type { Flow } from '../session.js';
import { lockedPage } from '../views/locked-views.js';
import { stopAuthPage, stopOtpPage, stopResultPage } from '../views/stop-views.js';
import { checkCode, rejectionMessage } from './otp-messages.js';

/** Where a refused ワンタイムパスワード入力 post goes back to: the step while it is open, else its start or its result. */
function otpStepBack(flow: Flow | null): string {
  if (flow?.kind === 'stop-otp' || flow?.kind === 'stop-locked') return '/stop/otp';
  return flow?.kind === 'stop-done' ? '/stop/result' : '/stop';
}

export function registerStopRoutes(app: FastifyInstance, deps: BankDeps): void {
  app.get('/stop', async (request, reply) => {
    const flash = takeFlash(deps, request, '/stop');
    return sendPage(
      reply,
      flash?.status ?? 200,
      stopAuthPage(viewOf(deps, request), { contractId: flash?.values?.contractId ?? '', error: flash?.error ?? null }),
    );
  });

  app.post('/stop', async (request, reply) => {
    const auth = await authenticateForm(deps, request, reply, '/stop');
    if (auth === null) return reply;
    const { m, sid } = contextOf(request);
    if (!auth.account.hasToken) return refuse(deps, request, reply, '/stop', { status: 200, error: m.noToken, values: { contractId: auth.contractIdInput } });
    deps.sessions.setFlow(sid, { kind: 'stop-otp', contractId: auth.account.contractId });
    rotateSession(deps, request, reply);
    return reply.redirect('/stop/otp', 303);
  });

  app.get('/stop/otp', async (request, reply) => {
    const { m, sid } = contextOf(request);
    const flash = takeFlash(deps, request, '/stop/otp');
    const flow = deps.sessions.getFlow(sid);
    if (flow?.kind === 'stop-locked') return sendPage(reply, 200, lockedPage(viewOf(deps, request), 'stop'));
    if (flow?.kind !== 'stop-otp') return sendError(deps, request, reply, 409, { message: m.flowExpired, back: { path: '/stop', label: m.backButton } });
    const codeInvalid = flash?.invalid?.includes('code') === true;
    return sendPage(reply, flash?.status ?? 200, stopOtpPage(viewOf(deps, request), { error: flash?.error ?? null, codeInvalid }));
  });

  app.post('/stop/otp', async (request, reply) => {
    const { m, sid } = contextOf(request);
    const flow = deps.sessions.getFlow(sid);
    const fields = readPost(deps, request, reply, ['code'], otpStepBack(flow));
    if (fields === null) return reply;
    if (flow?.kind === 'stop-done') return refuse(deps, request, reply, '/stop/result', { status: 409, error: m.alreadyCompleted });
    // A locked token stays locked whatever is posted; the step's page says so.
    if (flow?.kind === 'stop-locked') return reply.redirect('/stop/otp', 303);
    if (flow?.kind !== 'stop-otp') return refuse(deps, request, reply, '/stop', { status: 409, error: m.flowExpired });

    const code = checkCode(m, fields.code);
    if (!code.ok) return refuse(deps, request, reply, '/stop/otp', { status: 400, error: code.message, invalid: ['code'] });

    const decision = await deps.tokens.unregister(flow.contractId, code.code);
    if (decision.kind === 'unavailable') return refuse(deps, request, reply, '/stop/otp', { status: 503, error: m.serviceUnavailable });
    if (decision.kind === 'rejected') {
      if (decision.reason === 'not_registered') {
        // Nothing to stop at the service: bring the bank's flag in line and say so.
        deps.accounts.setHasToken(flow.contractId, false);
        deps.sessions.clear(sid);
        return refuse(deps, request, reply, '/stop', { status: 200, error: m.noToken });
      }
      if (decision.reason === 'locked') {
        deps.sessions.setFlow(sid, { kind: 'stop-locked', contractId: flow.contractId });
        return reply.redirect('/stop/otp', 303);
      }
      return refuse(deps, request, reply, '/stop/otp', { status: 200, error: rejectionMessage(m, decision.reason), invalid: ['code'] });
    }
    deps.accounts.setHasToken(flow.contractId, false);
    deps.sessions.setFlow(sid, { kind: 'stop-done', contractId: flow.contractId });
    return reply.redirect('/stop/result', 303);
  });

  app.get('/stop/result', async (request, reply) => {
    const { m, sid } = contextOf(request);
    const flash = takeFlash(deps, request, '/stop/result');
    if (deps.sessions.getFlow(sid)?.kind !== 'stop-done') return sendError(deps, request, reply, 409, { message: m.flowExpired });
    return sendPage(reply, flash?.status ?? 200, stopResultPage(viewOf(deps, request), flash?.error ?? null));
  });
}
