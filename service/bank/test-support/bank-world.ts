/**
 * For tests: the real token service (temp dir, injected clock) and the demo bank pointed at it
 * with a relying-party key, plus a token the way the desktop app gets one (POST /v1/provision)
 * whose codes are computed with core's TOTP at the service's clock.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { base32Decode } from '../../../core/base32.js';
import { totp } from '../../../core/totp.js';
import { startService, type RunningService } from '../../src/start-service.js';
import { startBank, type RunningBank } from '../start-bank.js';
import { BankBrowser } from './bank-browser.js';

const PERIOD_MS = 30_000;

/** Time the service believes it is; tests move it by hand. Starts mid-step. */
export class ServiceClock {
  ms = Date.UTC(2030, 0, 1) + 15_000;
  readonly now = (): number => this.ms;
  /** The middle of the next 30 s step: the token shows a new code. */
  nextStep(): void {
    this.ms = Math.floor(this.ms / PERIOD_MS) * PERIOD_MS + PERIOD_MS + 15_000;
  }
}

export interface Token {
  readonly credentialId: string;
  /** The code the token shows now (by the service's clock). */
  code(): string;
  /** A well-formed code that no nearby step produces. */
  wrongCode(): string;
}

export interface BankWorld {
  readonly clock: ServiceClock;
  readonly service: RunningService;
  readonly bank: RunningBank;
  readonly dataDir: string;
  /** The bank's relying-party key, for a test that plays the bank's operator at the service. */
  readonly apiKey: string;
  browser(): BankBrowser;
  provision(): Promise<Token>;
  close(): Promise<void>;
}

export async function startBankWorld(): Promise<BankWorld> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mamori-bank-test-'));
  const clock = new ServiceClock();
  const service = await startService({ dataDir: join(dataDir, 'service'), port: 0, now: clock.now });
  const { apiKey } = await service.createRelyingParty('Test Shinkin Bank');
  const bank = await startBank({ dataDir: join(dataDir, 'bank'), serviceUrl: service.url, apiKey, port: 0 });

  return {
    clock,
    service,
    bank,
    dataDir,
    apiKey,
    browser: () => new BankBrowser(bank.url),
    async provision() {
      const response = await fetch(`${service.url}/v1/provision`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ platform: 'linux' }),
      });
      const body = (await response.json()) as { credentialId: string; secret: string };
      const secret = base32Decode(body.secret);
      const codeAt = (ms: number): string => totp(secret, ms, { algorithm: 'SHA1', digits: 6, period: 30 });
      return {
        credentialId: body.credentialId,
        code: () => codeAt(clock.ms),
        wrongCode() {
          const near = new Set<string>();
          for (let k = -5; k <= 5; k++) near.add(codeAt(clock.ms + k * PERIOD_MS));
          for (let n = 0; ; n++) {
            const candidate = String((123_456 + n * 7_919) % 1_000_000).padStart(6, '0');
            if (!near.has(candidate)) return candidate;
          }
        },
      };
    },
    async close() {
      await bank.close();
      await service.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
