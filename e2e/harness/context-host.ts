/**
 * A main context in a child process, for the one case the test process cannot stage: no
 * keychain at all. The keyring library keeps its session-bus connection for the life of a
 * process, so "no keychain" needs a process started without a reachable bus. Same real
 * createMainContext and gate; requests and clipboard writes cross over the fork IPC channel.
 */
import { createGate, isAppUrl } from '../../desktop/ipc/ipc-gate.js';
import { createMainContext } from '../../desktop/main-context.js';

export interface HostOptions {
  userDataDir: string;
  defaultServiceUrl: string;
  systemLocale: string;
  now: number;
  /** The harness origin: the only sender the gate accepts. */
  origin: string;
  /** The platform whose clipboard concealment formats main uses. */
  platform: string;
  keychainService?: string;
  vipUrl?: string;
}

export type ToHost =
  | { type: 'invoke'; id: number; channel: string; senderUrl: string | undefined; payload: unknown }
  | { type: 'now'; value: number };
export type FromHost = { type: 'ready' } | { type: 'result'; id: number; result: unknown } | { type: 'clipboard'; text: string };

const send = (message: FromHost) => process.send?.(message);
const options = JSON.parse(process.argv[2] ?? '{}') as HostOptions;
let now = options.now;

const { handlers } = await createMainContext({
  userDataDir: options.userDataDir,
  defaultServiceUrl: options.defaultServiceUrl,
  // Writes are reported to the test process; this host never reads or clears (no copy in its tests waits for a clear).
  clipboard: {
    writeText: (text) => void send({ type: 'clipboard', text }),
    readText: () => '',
    clear: () => undefined,
  },
  // This host serves the no-keychain specs only: no image on the clipboard, every file dialog closed.
  readClipboardImage: async () => null,
  dialogs: { openImage: async () => null, openBackup: async () => null, saveBackup: async () => null },
  systemLocale: () => options.systemLocale,
  now: () => now,
  platform: options.platform,
  ...(options.keychainService === undefined ? {} : { keychainService: options.keychainService }),
  ...(options.vipUrl === undefined ? {} : { vipUrl: options.vipUrl }),
});
const gate = createGate(handlers, (senderUrl) => isAppUrl(senderUrl, options.origin));

process.on('message', (message: ToHost) => {
  if (message.type === 'now') now = message.value;
  else void gate.invoke(message.channel, message.senderUrl, message.payload).then((result) => send({ type: 'result', id: message.id, result }));
});
send({ type: 'ready' });
