/**
 * The browser harness: the built renderer in Chromium, `window.mamori` from the REAL bridge
 * module (dist/harness/bridge.js), whose transport is a Playwright binding into the REAL gate
 * and handler table (real vault in a real keychain, real settings store in a temp folder, real
 * provisioning client against the real token service on 127.0.0.1). Only time is injected: the
 * main side, the service and the page share one clock that the test moves. What a person would
 * do outside the window is preset by the test: the answers of the file dialogs, the image on the
 * clipboard, and (with `vip`) a local stand-in for Symantec's VIP provisioning server.
 */
import { test as base, expect, type Browser, type Page } from '@playwright/test';
import { execFileSync, fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { base32Encode } from '../../core/base32.js';
import type { Scheduler, SystemClipboard } from '../../desktop/clipboard-guard.js';
import type { DialogPort } from '../../desktop/ipc/handlers.js';
import { createGate, isAppUrl } from '../../desktop/ipc/ipc-gate.js';
import { createMainContext } from '../../desktop/main-context.js';
import { startVipFixtureServer, type VipFixtureOptions, type VipFixtureServer } from '../../desktop/test-support/vip-fixture-server.js';
import { createKeyringVault, SecretMissingError } from '../../desktop/vault.js';
import type { AppState, RequestChannel, Result } from '../../electron/shared/contract.js';
import { startService as startTokenService, type RunningService } from '../../service/src/start-service.js';
import type { NewCredential, Storage } from '../../service/src/storage/storage.js';
import type { FromHost, HostOptions, ToHost } from './context-host.js';
import { serveFolder, type StaticServer } from './static-server.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const RENDERER_DIR = join(root, 'dist/renderer');
const BRIDGE_BUNDLE = join(root, 'dist/harness/bridge.js');

/**
 * Where a screenshot for the README goes: `docs/` when MAMORI_UPDATE_DOCS=1 (`npm run docs:screenshots`),
 * else beside the other test results, so that an ordinary test run never rewrites committed images.
 */
export function docsPath(name: string): string {
  return process.env.MAMORI_UPDATE_DOCS === '1' ? `docs/${name}` : `test-results/docs/${name}`;
}

/** 2026-01-15T01:00:00Z: a whole multiple of 30 s, so tests can say "7 s into the step". */
export const STEP_START = Date.UTC(2026, 0, 15, 1, 0, 0);

export interface OpenOptions {
  /** The injected moment the app starts at (ms). Default: STEP_START + 7 s. */
  at?: number;
  systemLocale?: 'ja' | 'en';
  /** Default: the harness's own token service. '' = none configured (as MAMORI_SERVICE_URL= does). */
  serviceUrl?: string;
  /** The harness's token service is down when the app starts; `startService()` brings it up at the same address. */
  serviceDown?: boolean;
  /**
   * The page's requests on these channels wait until the test calls `release(channel)`, as over a
   * slow network: the window's "in progress" state, held still for the test to look at.
   */
  hold?: RequestChannel[];
  /** Called with the fresh user-data folder before the main context reads it. */
  prepareUserData?: (dir: string) => Promise<void>;
  /** The token service's clock runs this far ahead of the PC's (the app should measure and correct it). */
  serviceSkewMs?: number;
  /** 'none': the main context runs in a child process that cannot reach any keychain. */
  keychain?: 'session' | 'none';
  /** Keychain service name (default "Mamori"): another one is another PC's keychain. */
  keychainService?: string;
  /**
   * Start a local Symantec VIP stand-in on the injected clock and point the app at it;
   * `skewMs`: its clock runs this far ahead of the PC's (negative: the PC is ahead).
   */
  vip?: Omit<VipFixtureOptions, 'now'> & { skewMs?: number };
}

type Invoke = (channel: string, senderUrl: string | undefined, payload: unknown) => Promise<Result<unknown>>;

interface Context {
  invoke: Invoke;
  setNow(ms: number): void;
  close(): Promise<void>;
}

/** The system clipboard as the harness sees it: every write, with its concealment formats. */
export interface RecordingClipboard {
  /** Every text main wrote, in order. */
  writes: string[];
  /** The raw format names written with the last text. */
  lastFormats: string[];
  /** What the clipboard holds now ('' once cleared). */
  current: string;
  /** The image on the clipboard (PNG or JPEG bytes), as the test put it there; null = none. */
  image: Uint8Array | null;
  port: SystemClipboard;
}

function recordingClipboard(): RecordingClipboard {
  const record: RecordingClipboard = {
    writes: [],
    lastFormats: [],
    current: '',
    image: null,
    port: {
      writeText(text, formats) {
        record.writes.push(text);
        record.lastFormats = Object.keys(formats);
        record.current = text;
      },
      readText: () => record.current,
      clear() {
        record.current = '';
      },
    },
  };
  return record;
}

/** Timers on the harness's injected clock: they fire only when the test advances it. */
function injectedScheduler(now: () => number) {
  const timers = new Map<number, { at: number; callback: () => void }>();
  let nextId = 1;
  const scheduler: Scheduler = {
    schedule(callback, delayMs) {
      const id = nextId++;
      timers.set(id, { at: now() + delayMs, callback });
      return id;
    },
    cancel: (handle) => void timers.delete(handle as number),
  };
  return {
    scheduler,
    fireDue() {
      for (const [id, timer] of [...timers].sort((a, b) => a[1].at - b[1].at)) {
        if (timer.at > now()) continue;
        timers.delete(id);
        timer.callback();
      }
    },
  };
}

/**
 * The file dialogs main opens, answered as the test said: a path, or null for "the user closed
 * the dialog". Every dialog shown is recorded, so a test can tell that none was.
 */
export interface HarnessDialogs {
  nextOpenImage: string | null;
  nextOpenBackup: string | null;
  nextSaveBackup: string | null;
  /** In order, e.g. "saveBackup mamori-backup-2026-01-15.mamori", "openImage". */
  shown: string[];
}

function presetDialogs(): { answers: HarnessDialogs; port: DialogPort } {
  const answers: HarnessDialogs = { nextOpenImage: null, nextOpenBackup: null, nextSaveBackup: null, shown: [] };
  const port: DialogPort = {
    openImage: async () => (answers.shown.push('openImage'), answers.nextOpenImage),
    openBackup: async () => (answers.shown.push('openBackup'), answers.nextOpenBackup),
    saveBackup: async (defaultName) => (answers.shown.push(`saveBackup ${defaultName}`), answers.nextSaveBackup),
  };
  return { answers, port };
}

/** The real main context in this process: real vault in the session's keychain. */
async function inProcessContext(
  host: HostOptions,
  now: () => number,
  clipboard: RecordingClipboard,
  scheduler: Scheduler,
  dialogs: DialogPort,
): Promise<Context> {
  const { handlers } = await createMainContext({
    userDataDir: host.userDataDir,
    defaultServiceUrl: host.defaultServiceUrl,
    clipboard: clipboard.port,
    readClipboardImage: async () => (clipboard.image === null ? null : Uint8Array.from(clipboard.image)),
    dialogs,
    systemLocale: () => host.systemLocale,
    now,
    platform: host.platform,
    scheduler,
    ...(host.keychainService === undefined ? {} : { keychainService: host.keychainService }),
    ...(host.vipUrl === undefined ? {} : { vipUrl: host.vipUrl }),
  });
  // The harness's sender check: only pages from the harness's own origin may call main.
  const gate = createGate(handlers, (senderUrl) => isAppUrl(senderUrl, host.origin));
  return { invoke: gate.invoke, setNow: () => {}, close: async () => {} };
}

/** The real main context in a child process whose session bus does not exist: no keychain. */
async function noKeychainContext(host: HostOptions, clipboard: RecordingClipboard): Promise<Context> {
  const child = fork(fileURLToPath(new URL('./context-host.ts', import.meta.url)), [JSON.stringify(host)], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/mamori-no-session-bus' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, (result: Result<unknown>) => void>();
  let nextId = 1;
  const ready = new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`context host exited with ${code}`)));
    child.on('message', (message: FromHost) => {
      if (message.type === 'ready') resolve();
      else if (message.type === 'clipboard') clipboard.port.writeText(message.text, {});
      else {
        pending.get(message.id)?.(message.result as Result<unknown>);
        pending.delete(message.id);
      }
    });
  });
  await ready;
  const post = (message: ToHost) => child.send(message);
  return {
    invoke: (channel, senderUrl, payload) =>
      new Promise((resolve) => {
        const id = nextId++;
        pending.set(id, resolve);
        post({ type: 'invoke', id, channel, senderUrl, payload });
      }),
    setNow: (value) => post({ type: 'now', value }),
    close: async () => {
      child.removeAllListeners('exit');
      child.kill();
    },
  };
}

export interface Harness {
  page: Page;
  /** Answers for main's file dialogs; set them before the click that opens one. */
  dialogs: HarnessDialogs;
  /** The local Symantec VIP stand-in, when opened with `vip`. */
  vip: VipFixtureServer | undefined;
  /** Everything main wrote to the clipboard, in order. */
  clipboard: string[];
  /** The recording system clipboard: what it holds now and the formats of the last write. */
  systemClipboard: RecordingClipboard;
  now(): number;
  /** Moves the one clock: main side, service and page (firing the page's timers on the way). */
  advance(ms: number): Promise<void>;
  serviceUrl: string;
  /** The harness's own token service (on the same injected clock), e.g. to add a relying party. */
  readonly service: RunningService;
  /** Starts the token service again at the same address and on the same data (after `serviceDown`). */
  startService(): Promise<void>;
  /** Every credential ID the token service issued, in order (counted in its storage). */
  issued: string[];
  /** How many times the page has called this request channel so far (through the real bridge). */
  requests(channel: RequestChannel): number;
  /** Lets the held requests of a channel through (see `hold`); later ones pass at once. */
  release(channel: RequestChannel): void;
  userDataDir: string;
  /** The current state as main sees it (through the same gate, as our own page). */
  state(): Promise<AppState>;
  /** The secret of a credential, read back from the keychain through the vault, as base32. */
  secretOf(credentialId: string): Promise<string>;
  /** Whether the keychain (this harness's service name) holds an entry for the credential. */
  hasSecret(credentialId: string): Promise<boolean>;
}

/** What Debian's oathtool says the TOTP is for this secret at this moment. */
export function oathtool(secretBase32: string, atMs: number, options: { digits?: number; period?: number } = {}): string {
  const args = ['--totp', '-b', `--now=@${Math.floor(atMs / 1000)}`];
  if (options.digits) args.push(`--digits=${options.digits}`);
  if (options.period) args.push(`--time-step-size=${options.period}s`);
  return execFileSync('oathtool', [...args, secretBase32], { encoding: 'utf8' }).trim();
}

/** The storage of the harness's token service, recording the ID of every credential it issues. */
function recordingIssued(issued: string[]) {
  return (inner: Storage): Storage =>
    new Proxy(inner, {
      get(target, prop, receiver) {
        if (prop !== 'insertCredential') return Reflect.get(target, prop, receiver);
        return async (credential: NewCredential) => {
          const inserted = await target.insertCredential(credential);
          if (inserted) issued.push(credential.id);
          return inserted;
        };
      },
    });
}

/** A gate that holds whoever awaits it until `open` is called. */
function closedGate(): { passed: Promise<void>; open: () => void } {
  let open = () => {};
  const passed = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { passed, open };
}

/** The ready state, or a test failure saying what it was instead. */
export function readyState(state: AppState): Extract<AppState, { kind: 'ready' }> {
  if (state.kind !== 'ready') throw new Error(`expected a ready state, got ${state.kind}`);
  return state;
}

type Fixtures = {
  /** `open` twice in one test: the second app gets its own browser context, as a second PC would. */
  mamori: { open(options?: OpenOptions): Promise<Harness> };
};
type WorkerFixtures = { rendererServer: StaticServer };

export const test = base.extend<Fixtures, WorkerFixtures>({
  rendererServer: [
    async ({}, use) => {
      for (const built of [join(RENDERER_DIR, 'index.html'), BRIDGE_BUNDLE]) {
        if (!existsSync(built)) throw new Error(`${built} is missing: build first (npm run build).`);
      }
      const server = await serveFolder(RENDERER_DIR);
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],

  mamori: async ({ page: firstPage, browser, rendererServer }, use) => {
    const cleanups: (() => Promise<unknown>)[] = [];
    // The built page must run under its strict CSP without a single violation or script error.
    const problems: string[] = [];
    const watch = (page: Page) => {
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
      });
    };
    watch(firstPage);
    const pageUrl = `${rendererServer.origin}/index.html`;
    let firstPageTaken = false;

    /** The test's own page first; later apps in a fresh context (their own bindings, clock and storage). */
    async function nextPage(b: Browser): Promise<Page> {
      if (!firstPageTaken) {
        firstPageTaken = true;
        return firstPage;
      }
      const context = await b.newContext({ viewport: firstPage.viewportSize() });
      cleanups.push(() => context.close());
      const page = await context.newPage();
      watch(page);
      return page;
    }

    async function open(options: OpenOptions = {}): Promise<Harness> {
      const page = await nextPage(browser);
      let now = options.at ?? STEP_START + 7_000;
      const clock = () => now;
      const vault = createKeyringVault(options.keychainService === undefined ? {} : { service: options.keychainService });

      const serviceDir = await mkdtemp(join(tmpdir(), 'mamori-service-'));
      const userDataDir = await mkdtemp(join(tmpdir(), 'mamori-user-'));
      cleanups.push(() => rm(serviceDir, { recursive: true, force: true }), () => rm(userDataDir, { recursive: true, force: true }));
      const skew = options.serviceSkewMs ?? 0;
      const issued: string[] = [];
      const serviceOptions = { dataDir: serviceDir, now: () => now + skew, wrapStorage: recordingIssued(issued) };
      let service = await startTokenService({ ...serviceOptions, port: 0 });
      const servicePort = Number(new URL(service.url).port);
      cleanups.push(() => service.close());
      // Started and closed rather than never started: its port is then the address the app is given.
      if (options.serviceDown) await service.close();
      await options.prepareUserData?.(userDataDir);
      let vip: VipFixtureServer | undefined;
      if (options.vip !== undefined) {
        const { skewMs = 0, ...vipOptions } = options.vip;
        const started = await startVipFixtureServer({ ...vipOptions, now: () => now + skewMs });
        cleanups.push(() => started.close());
        vip = started;
      }

      const clipboard = recordingClipboard();
      const dialogs = presetDialogs();
      const timers = injectedScheduler(clock);
      const host: HostOptions = {
        userDataDir,
        defaultServiceUrl: options.serviceUrl ?? service.url,
        systemLocale: options.systemLocale ?? 'en',
        now,
        origin: rendererServer.origin,
        platform: 'linux',
        ...(options.keychainService === undefined ? {} : { keychainService: options.keychainService }),
        ...(vip === undefined ? {} : { vipUrl: vip.url }),
      };
      const context =
        options.keychain === 'none'
          ? await noKeychainContext(host, clipboard)
          : await inProcessContext(host, clock, clipboard, timers.scheduler, dialogs.port);
      cleanups.push(() => context.close());

      const state = async (): Promise<AppState> => {
        const result = await context.invoke('state:get', pageUrl, {});
        if (!result.ok) throw new Error(`state:get failed: ${result.error.code}`);
        return result.value as AppState;
      };
      cleanups.push(async () => {
        // Leave the keychain as we found it.
        const last = await state().catch(() => undefined);
        if (last?.kind !== 'ready') return;
        for (const card of last.credentials) await vault.delete(card.credential.credentialId).catch(() => false);
      });

      const requestCounts = new Map<RequestChannel, number>();
      const holds = new Map((options.hold ?? []).map((channel) => [channel, closedGate()]));
      await page.exposeBinding('__mamoriInvoke', async (source, channel: RequestChannel, payload: unknown) => {
        requestCounts.set(channel, (requestCounts.get(channel) ?? 0) + 1);
        await holds.get(channel)?.passed;
        return context.invoke(channel, source.frame.url(), payload);
      });
      await page.addInitScript({ path: BRIDGE_BUNDLE });
      // Paused fake time: the page sees exactly the injected moment until the test moves it.
      await page.clock.install({ time: now - 60_000 });
      await page.clock.pauseAt(now);
      await page.goto(pageUrl);

      return {
        page,
        dialogs: dialogs.answers,
        vip,
        clipboard: clipboard.writes,
        systemClipboard: clipboard,
        now: clock,
        async advance(ms) {
          now += ms;
          context.setNow(now);
          timers.fireDue();
          await page.clock.runFor(ms);
        },
        serviceUrl: service.url,
        get service() {
          return service;
        },
        async startService() {
          service = await startTokenService({ ...serviceOptions, port: servicePort });
        },
        issued,
        requests: (channel) => requestCounts.get(channel) ?? 0,
        release(channel) {
          holds.get(channel)?.open();
          holds.delete(channel);
        },
        userDataDir,
        state,
        async secretOf(credentialId) {
          return base32Encode(await vault.load(credentialId));
        },
        async hasSecret(credentialId) {
          return vault.load(credentialId).then(
            (secret) => (secret.fill(0), true),
            (error: unknown) => {
              if (error instanceof SecretMissingError) return false;
              throw error;
            },
          );
        },
      };
    }

    await use({ open });
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    expect(problems, 'errors in the page').toEqual([]);
  },
});

export { expect };
