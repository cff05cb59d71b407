/**
 * Demo customers, seeded on the first start of a data dir. Their passwords are random per data
 * dir (so no published password opens anyone's demo bank) and are kept in plain text in
 * `demo-accounts.json` (0600) only so that every start can print them for the person trying
 * the demo, as a bank would mail an initial password. Login never reads that file: it checks
 * the scrypt hashes in `accounts.json`.
 */
import { randomInt } from 'node:crypto';
import { join } from 'node:path';
import { accountsFileExists, createAccountsFile, type Account } from './accounts-store.js';
import { readIfExists, writeFileAtomic } from './files.js';
import { hashPassword } from './passwords.js';

export interface DemoAccount {
  readonly contractId: string;
  readonly password: string;
  readonly name: string;
}

const HANDOUT = 'demo-accounts.json';

const CUSTOMERS = [
  { contractId: '1234567890', name: '山田 太郎', branch: '本店営業部', accountNumber: '1234567', balance: 1_234_567 },
  { contractId: '2345678901', name: '佐藤 花子', branch: '駅前支店', accountNumber: '2345678', balance: 389_000 },
  { contractId: '3456789012', name: '鈴木 一郎', branch: '本店営業部', accountNumber: '3456789', balance: 52_480 },
] as const;

// No 0/O, 1/l/I: the password is read off a terminal and typed by hand.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

function randomPassword(): string {
  let out = '';
  for (let i = 0; i < 10; i++) out += ALPHABET.charAt(randomInt(ALPHABET.length));
  return out;
}

/** Seed on first start; on later starts return the handout written then. */
export async function ensureDemoAccounts(dataDir: string): Promise<readonly DemoAccount[]> {
  const handoutPath = join(dataDir, HANDOUT);
  if (accountsFileExists(dataDir)) return readHandout(readIfExists(handoutPath));

  const demo: DemoAccount[] = CUSTOMERS.map((c) => ({ contractId: c.contractId, name: c.name, password: randomPassword() }));
  const accounts: Account[] = [];
  for (const [i, c] of CUSTOMERS.entries()) {
    const password = demo[i]?.password ?? randomPassword();
    accounts.push({ ...c, passwordHash: await hashPassword(password), hasToken: false });
  }
  // Handout first: if we stop between the two writes, the next start reseeds cleanly.
  writeFileAtomic(handoutPath, JSON.stringify(demo, null, 2) + '\n');
  createAccountsFile(dataDir, accounts);
  return demo;
}

function readHandout(text: string | null): readonly DemoAccount[] {
  if (text === null) return [];
  try {
    const data: unknown = JSON.parse(text);
    if (!Array.isArray(data)) return [];
    return data.flatMap((entry: unknown) =>
      typeof entry === 'object' &&
      entry !== null &&
      'contractId' in entry &&
      'password' in entry &&
      'name' in entry &&
      typeof entry.contractId === 'string' &&
      typeof entry.password === 'string' &&
      typeof entry.name === 'string'
        ? [{ contractId: entry.contractId, password: entry.password, name: entry.name }]
        : [],
    );
  } catch {
    // The handout is a convenience; a damaged one only means nothing to print.
    return [];
  }
}
