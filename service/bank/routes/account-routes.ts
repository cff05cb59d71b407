/** The signed-in customer's page and ログアウト. */
import type { FastifyInstance } from 'fastify';
import { contextOf, readPost, rotateSession, sendPage, viewOf, type BankDeps } from '../request-context.js';
import { accountPage } from '../views/account-views.js';

export function registerAccountRoutes(app: FastifyInstance, deps: BankDeps): void {
  app.get('/account', async (request, reply) => {
    const flow = deps.sessions.getFlow(contextOf(request).sid);
    const account = flow?.kind === 'signed-in' ? deps.accounts.find(flow.contractId) : undefined;
    if (account === undefined) return reply.redirect('/login', 303);
    return sendPage(reply, 200, accountPage(viewOf(deps, request), account));
  });

  app.post('/logout', async (request, reply) => {
    if (readPost(deps, request, reply, []) === null) return reply;
    // Forget the server-side state and the ID: a copy of the old cookie opens nothing.
    deps.sessions.clear(contextOf(request).sid);
    rotateSession(deps, request, reply);
    return reply.redirect('/login?done=logout', 303);
  });
}
