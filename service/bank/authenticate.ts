/**
 * 利用者認証: the contract ID and login password check shared by login, registration and stop.
 * An unknown ID costs one scrypt run like a known one and gets the same words, so neither the
 * message nor the time says whether a contract ID exists.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Account } from './accounts-store.js';
import { foldFullWidth } from './full-width.js';
import { verifyPassword } from './passwords.js';
import { contextOf, readPost, refuse, type BankDeps } from './request-context.js';

export type AuthResult =
  | { readonly ok: true; readonly account: Account }
  | { readonly ok: false; readonly problem: 'missing' | 'wrong' };

export async function authenticate(deps: BankDeps, contractIdInput: string, password: string): Promise<AuthResult> {
  // Full-width digits from an input method become ASCII and spaces around a pasted ID are
  // dropped; nothing else is changed, so an ID has no spelling that names another one.
  const contractId = foldFullWidth(contractIdInput).trim();
  if (contractId === '' || password === '') return { ok: false, problem: 'missing' };
  const account = deps.accounts.find(contractId);
  const matches = await verifyPassword(password, account?.passwordHash ?? deps.dummyHash);
  return account !== undefined && matches ? { ok: true, account } : { ok: false, problem: 'wrong' };
}

/**
 * The 利用者認証 post of login, registration and stop: reads the fields and checks them. When
 * they are refused, the browser goes back to the flow's form at `back` with the reason and the
 * contract ID as typed (never the password). Returns the account and the contract ID as typed,
 * or null once the reply has been sent.
 */
export async function authenticateForm(
  deps: BankDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  back: string,
): Promise<{ readonly account: Account; readonly contractIdInput: string } | null> {
  const fields = readPost(deps, request, reply, ['contractId', 'password'], back);
  if (fields === null) return null;
  const { m } = contextOf(request);
  const auth = await authenticate(deps, fields.contractId, fields.password);
  if (auth.ok) return { account: auth.account, contractIdInput: fields.contractId };
  const error = auth.problem === 'missing' ? m.missingCredentials : m.badPassword;
  refuse(deps, request, reply, back, { status: 200, error, values: { contractId: fields.contractId } });
  return null;
}
