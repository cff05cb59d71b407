/**
 * 利用者認証: the contract ID and login password check shared by login, registration and stop.
 * An unknown ID costs one scrypt run like a known one and gets the same words, so neither the
 * message nor the time says whether a contract ID exists.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Account } from './accounts-store.js';
import type { SafeHtml } from './html.js';
import { verifyPassword } from './passwords.js';
import { contextOf, readPost, sendPage, viewOf, type BankDeps } from './request-context.js';
import type { ViewContext } from './views/layout.js';

export type AuthResult =
  | { readonly ok: true; readonly account: Account }
  | { readonly ok: false; readonly problem: 'missing' | 'wrong' };

export async function authenticate(deps: BankDeps, contractIdInput: string, password: string): Promise<AuthResult> {
  // Spaces around a pasted ID are dropped; nothing else is folded, so one ID has one spelling.
  const contractId = contractIdInput.trim();
  if (contractId === '' || password === '') return { ok: false, problem: 'missing' };
  const account = deps.accounts.find(contractId);
  const matches = await verifyPassword(password, account?.passwordHash ?? deps.dummyHash);
  return account !== undefined && matches ? { ok: true, account } : { ok: false, problem: 'wrong' };
}

/** A flow's 利用者認証 form, shown again with the typed contract ID and an error. */
export type AuthFormRenderer = (view: ViewContext, opts: { contractId: string; error: string }) => SafeHtml;

/**
 * The 利用者認証 post of login, registration and stop: reads the fields, checks them and, when
 * they are refused, answers with the flow's own form and the reason. Returns the account and
 * the contract ID as typed, or null once the reply has been sent.
 */
export async function authenticateForm(
  deps: BankDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  renderForm: AuthFormRenderer,
): Promise<{ readonly account: Account; readonly contractIdInput: string } | null> {
  const fields = readPost(deps, request, reply, ['contractId', 'password']);
  if (fields === null) return null;
  const { m } = contextOf(request);
  const auth = await authenticate(deps, fields.contractId, fields.password);
  if (auth.ok) return { account: auth.account, contractIdInput: fields.contractId };
  const error = auth.problem === 'missing' ? m.missingCredentials : m.badPassword;
  sendPage(reply, 200, renderForm(viewOf(deps, request), { contractId: fields.contractId, error }));
  return null;
}
