/**
 * Test support: run `mamori` as a real process (node --import tsx cli/main.ts) against a private,
 * real Secret Service (desktop/stand-in/private-keychain.ts), each test with its own
 * MAMORI_HOME and keychain service name, and remove the keychain entries a test created.
 */
import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AsyncEntry, findCredentialsAsync } from '@napi-rs/keyring';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { startPrivateKeychain, type PrivateKeychain } from '../../desktop/stand-in/private-keychain.js';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = fileURLToPath(new URL('../main.ts', import.meta.url));

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run the CLI with these arguments and environment; `input` is written to its standard input. */
export function runCli(args: readonly string[], env: NodeJS.ProcessEnv, input = ''): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: REPO_ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdin.on('error', () => undefined); // the CLI may exit without reading its input
    child.stdin.end(input);
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

let counter = 0;

/** A keychain service name no other test (or a real install) uses. */
export function uniqueService(): string {
  return `mamori-cli-test-${process.pid}-${Date.now()}-${counter++}`;
}

export interface CliPlace {
  readonly home: string;
  readonly service: string;
  readonly env: NodeJS.ProcessEnv;
  run(args: readonly string[], input?: string): Promise<CliResult>;
}

/**
 * A fresh data folder and keychain service, reached over `busAddress`. The environment carries
 * nothing from the caller's MAMORI_* variables, so an outer setting cannot leak in.
 */
export async function newPlace(busAddress: string, extra: NodeJS.ProcessEnv = {}): Promise<CliPlace> {
  const home = await mkdtemp(join(tmpdir(), 'mamori-cli-'));
  const service = uniqueService();
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) if (name.startsWith('MAMORI_')) delete env[name];
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  Object.assign(env, { DBUS_SESSION_BUS_ADDRESS: busAddress, MAMORI_HOME: home, MAMORI_KEYCHAIN_SERVICE: service }, extra);
  return { home, service, env, run: (args, input) => runCli(args, env, input) };
}

/** Accounts stored under a keychain service (this process must use() the same keychain). */
export async function keychainAccounts(service: string): Promise<string[]> {
  return (await findCredentialsAsync(service)).map((c) => c.account).sort();
}

/** Delete every entry under a keychain service. */
export async function clearKeychain(service: string): Promise<void> {
  for (const account of await keychainAccounts(service))
    await new AsyncEntry(service, account, { linux: { store: 'secret-service' } }).deleteCredential();
}

export interface OathParams {
  readonly algorithm?: 'SHA1' | 'SHA256' | 'SHA512';
  readonly digits?: 6 | 8;
  readonly period?: 30 | 60;
}

/** The code Debian's oathtool computes for a base32 key now (RFC 6238). */
export function oathtool(base32: string, { algorithm = 'SHA1', digits = 6, period = 30 }: OathParams = {}): Promise<string> {
  const args = [`--totp=${algorithm.toLowerCase()}`, `--digits=${digits}`, `--time-step-size=${period}s`, '-b', base32];
  return new Promise((resolve, reject) => {
    const child = spawn('oathtool', args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`oathtool exited with ${code}`))));
  });
}

/**
 * Run `during` between two oathtool readings: the code it reports must be one of them (two only
 * when a step boundary passed meanwhile), so no test hook into the clock is needed.
 */
export async function bracketedByOathtool(base32: string, during: () => Promise<string>, params: OathParams = {}) {
  const before = await oathtool(base32, params);
  const code = await during();
  const after = await oathtool(base32, params);
  return { code, accepted: [...new Set([before, after])] };
}

/** One step of a terminal conversation: wait until the output shows `prompt`, then type `type`. */
export interface TerminalStep {
  readonly prompt: string;
  readonly type: string;
}

/**
 * Run the CLI on a pseudo-terminal (util-linux `script`), so that standard input is a TTY, and
 * answer its prompts as a person would. `output` is everything the terminal showed: what the
 * CLI wrote and whatever the terminal echoed of the typing.
 */
export function runInTerminal(args: readonly string[], env: NodeJS.ProcessEnv, steps: readonly TerminalStep[]): Promise<{ code: number | null; output: string }> {
  const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;
  const command = [process.execPath, '--import', 'tsx', CLI, ...args].map(quote).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-q', '-e', '-c', command, '/dev/null'], { cwd: REPO_ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    let next = 0;
    let seen = 0;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      const step = steps[next];
      const at = step === undefined ? -1 : output.indexOf(step.prompt, seen);
      if (step !== undefined && at >= 0) {
        seen = at + step.prompt.length;
        next += 1;
        child.stdin.write(step.type);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stdin.on('error', () => undefined);
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/**
 * The hooks every keychain-backed CLI suite needs: a private keychain for the file (this process
 * uses it too, to check and clean up entries), fresh places per test, their entries removed after
 * each test. Call inside a describe; returns the place factory and a `--json` runner.
 */
export function useCliKeychain(defaults: () => NodeJS.ProcessEnv = () => ({})) {
  let keychain: PrivateKeychain | undefined;
  let restore: (() => void) | undefined;
  const places: CliPlace[] = [];
  beforeAll(async () => {
    keychain = await startPrivateKeychain({ unlocked: true });
    restore = keychain.use();
  });
  afterEach(async () => {
    for (const p of places.splice(0)) await clearKeychain(p.service);
  });
  afterAll(async () => {
    restore?.();
    await keychain?.stop();
  });
  const busAddress = (): string => {
    if (keychain === undefined) throw new Error('the keychain starts in beforeAll');
    return keychain.busAddress;
  };
  return {
    busAddress,
    async place(extra: NodeJS.ProcessEnv = {}): Promise<CliPlace> {
      const p = await newPlace(busAddress(), { ...defaults(), ...extra });
      places.push(p);
      return p;
    },
    /** Runs with `--json`, expects success and nothing on stderr, and parses stdout. */
    async json<T>(p: CliPlace, args: string[]): Promise<T> {
      const result = await p.run([...args, '--json']);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      return JSON.parse(result.stdout) as T;
    },
  };
}
