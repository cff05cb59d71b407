/**
 * 利用者認証: the contract ID and login password check shared by login, registration and stop.
 * An unknown ID costs one scrypt run like a known one and gets the same words, so neither the
 * message nor the time says whether a contract ID exists.
 */
import type { Account } from './accounts-store.js';
import { verifyPassword } from './passwords.js';
import type { BankDeps } from './request-context.js';

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
