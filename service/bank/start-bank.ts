/**
 * Start the demo bank: prepare its data dir (session key, demo accounts), connect it to the
 * token service with its relying-party key, and listen. Used by `npm run demo` and the tests.
 *
 * The bank keeps no clock of its own for one-time passwords: whether a code is valid is the
 * token service's decision alone.
 */
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { openAccountStore } from './accounts-store.js';
import { buildBankApp } from './bank-app.js';
import { ensureDemoAccounts } from './demo-accounts.js';
import { loadOrCreateKey } from './files.js';
import { hashPassword } from './passwords.js';
import { createSessionManager } from './session.js';
import { createTokenClient } from './token-client.js';

export interface StartBankOptions {
  dataDir: string;
  serviceUrl: string;
  apiKey: string;
  host?: string;
  /** 0 = an ephemeral port. */
  port?: number;
  logger?: boolean;
}

export interface RunningBank {
  url: string;
  /** The demo handout; `hasToken` as it was at start (the demo suggests an account without one). */
  accounts: ReadonlyArray<{ contractId: string; password: string; name: string; hasToken: boolean }>;
  close(): Promise<void>;
}

export async function startBank(opts: StartBankOptions): Promise<RunningBank> {
  mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
  const key = loadOrCreateKey(opts.dataDir, 'session.key');
  const demo = await ensureDemoAccounts(opts.dataDir);
  const accounts = openAccountStore(opts.dataDir);
  // Unknown contract IDs are checked against this, so they cost one scrypt run like real ones.
  const dummyHash = await hashPassword(randomBytes(16).toString('base64url'));

  let app: Awaited<ReturnType<typeof buildBankApp>> | null = null;
  const tokens = createTokenClient({
    serviceUrl: opts.serviceUrl,
    apiKey: opts.apiKey,
    onUnavailable: (detail) => app?.log.warn({ detail }, 'bank: token service unavailable'),
  });
  app = await buildBankApp({ accounts, sessions: createSessionManager({ key }), tokens, key, dummyHash }, { logger: opts.logger ?? false });

  await app.listen({ host: opts.host ?? '127.0.0.1', port: opts.port ?? 0 });
  const address = app.server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const running = app;
  return {
    url: `http://${host}:${address.port}`,
    accounts: demo.map((a) => ({ ...a, hasToken: accounts.find(a.contractId)?.hasToken ?? false })),
    close: () => running.close(),
  };
}
