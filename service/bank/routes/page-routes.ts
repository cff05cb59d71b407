/** Static things: ワンタイムパスワードのご案内, the stylesheet, an empty favicon. */
import type { FastifyInstance } from 'fastify';
import { sendPage, viewOf, type BankDeps } from '../request-context.js';
import { guidePage } from '../views/notice-views.js';
import { BANK_CSS } from '../views/stylesheet.js';

export function registerPageRoutes(app: FastifyInstance, deps: BankDeps): void {
  app.get('/guide', async (request, reply) => sendPage(reply, 200, guidePage(viewOf(deps, request))));

  app.get('/bank.css', async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=300').send(BANK_CSS),
  );

  // Browsers ask for it on every first visit; an empty answer keeps the 404 page for real mistakes.
  app.get('/favicon.ico', async (_request, reply) => reply.code(204).send());
}
