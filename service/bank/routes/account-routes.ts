/** The signed-in customer's page and ログアウト. */
import type { FastifyInstance } from 'fastify';
import { contextOf, readPost, rotateSession, sendPage, takeFlash, viewOf, type BankDeps } from '../request-context.js';
import { accountPage } from '../views/account-views.js';

export function registerAccountRoutes(app: FastifyInstance, deps: BankDeps): void {
  app.get('/account', async (request, reply) => {
    const flash = takeFlash(deps, request, '/account');
    const flow = deps.sessions.getFlow(contextOf(request).sid);
    const account = flow?.kind === 'signed-in' ? deps.accounts.find(flow.contractId) : undefined;
    if (account === undefined) return reply.redirect('/login', 303);
    return sendPage(reply, flash?.status ?? 200, accountPage(viewOf(deps, request), account, flash?.error ?? null));
  });

  app.post('/logout', async (request, reply) => {
    // A stale ログアウト form goes back to the account page, which says why nothing happened.
    if (readPost(deps, request, reply, [], '/account') === null) return reply;
    // Forget the server-side state and the ID: a copy of the old cookie opens nothing.
    deps.sessions.clear(contextOf(request).sid);
    rotateSession(deps, request, reply);
    return reply.redirect('/login?done=logout', 303);
  });
}
