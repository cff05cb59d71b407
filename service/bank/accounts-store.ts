/**
 * The bank's customers, in `accounts.json` in its data dir (0600, replaced atomically). The
 * file is small and written only when a customer's token status changes, so one process keeps
 * it in memory and writes it through synchronously: no interleaved writers, no lost update.
 *
 * `hasToken` is the bank's own record of whether to ask for a one-time password at login. It
 * follows the token service's answers: set on `registered`, cleared on `unregistered` and on a
 * `not_registered` refusal (the service is the authority on that).
 */
import { join } from 'node:path';
import { readIfExists, writeFileAtomic } from './files.js';
import { parseHash } from './passwords.js';

export interface Account {
  readonly contractId: string;
  readonly name: string;
  readonly passwordHash: string;
  readonly branch: string;
  readonly accountNumber: string;
  readonly balance: number;
  readonly hasToken: boolean;
}

export interface AccountStore {
  find(contractId: string): Account | undefined;
  setHasToken(contractId: string, hasToken: boolean): void;
  all(): readonly Account[];
}

const FILE = 'accounts.json';
const VERSION = 1;

export function accountsFileExists(dataDir: string): boolean {
  return readIfExists(join(dataDir, FILE)) !== null;
}

export function createAccountsFile(dataDir: string, accounts: readonly Account[]): void {
  writeFileAtomic(join(dataDir, FILE), serialize(accounts));
}

export function openAccountStore(dataDir: string): AccountStore {
  const path = join(dataDir, FILE);
  const text = readIfExists(path);
  if (text === null) throw new Error(`${path} is missing.`);
  const byId = new Map<string, Account>();
  for (const account of parseAccounts(text, path)) byId.set(account.contractId, account);

  return {
    find: (contractId) => byId.get(contractId),
    all: () => [...byId.values()],
    setHasToken(contractId, hasToken) {
      const account = byId.get(contractId);
      if (account === undefined || account.hasToken === hasToken) return;
      const next = new Map(byId);
      next.set(contractId, { ...account, hasToken });
      // Write first, then publish: if the disk refuses, memory still matches the file.
      writeFileAtomic(path, serialize([...next.values()]));
      byId.set(contractId, { ...account, hasToken });
    },
  };
}

function serialize(accounts: readonly Account[]): string {
  return JSON.stringify({ version: VERSION, accounts }, null, 2) + '\n';
}

/** Validate on read: a damaged file stops the bank with a clear error rather than reseeding. */
function parseAccounts(text: string, path: string): Account[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error(`${path} is not valid JSON; move it aside to reseed the demo accounts.`);
  }
  if (!isRecord(data) || data.version !== VERSION || !Array.isArray(data.accounts))
    throw new Error(`${path} is not a version ${VERSION} accounts file.`);
  return data.accounts.map((entry: unknown, index: number) => {
    if (
      isRecord(entry) &&
      typeof entry.contractId === 'string' &&
      typeof entry.name === 'string' &&
      typeof entry.passwordHash === 'string' &&
      parseHash(entry.passwordHash) !== null &&
      typeof entry.branch === 'string' &&
      typeof entry.accountNumber === 'string' &&
      typeof entry.balance === 'number' &&
      typeof entry.hasToken === 'boolean'
    ) {
      return {
        contractId: entry.contractId,
        name: entry.name,
        passwordHash: entry.passwordHash,
        branch: entry.branch,
        accountNumber: entry.accountNumber,
        balance: entry.balance,
        hasToken: entry.hasToken,
      };
    }
    throw new Error(`${path}: account ${index} is malformed.`);
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
