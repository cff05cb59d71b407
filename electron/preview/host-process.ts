/**
 * The preview host's own process, started by launch-preview.ts. It exists because
 * @napi-rs/keyring binds to the session bus named in DBUS_SESSION_BUS_ADDRESS at its first call,
 * for the life of the process: a process started with the demo keychain's private bus (or with
 * no reachable bus at all, in memory mode) can never reach the person's real keyring.
 *
 * It tells its parent over the fork channel: { type: 'ready', url } or { type: 'failed', ... }.
 * It stops on SIGTERM, SIGINT or SIGHUP, and when its parent goes away.
 */
import { readDesktopConfig } from '../../desktop/config.js';
import { createMemoryVault } from '../../desktop/stand-in/memory-vault.js';
import { startPreviewHost, type PreviewHost } from './preview-host.js';
import { isPreviewKeychain, type PreviewKeychain } from './preview-info.js';

export interface HostProcessOptions {
  userDataDir: string;
  serviceUrl: string;
  port: number;
  keychain: PreviewKeychain;
  /** With keychain "demo": the private bus this process must have been started on. */
  busAddress: string | null;
  rendererDir: string;
  bridgeFile: string;
}

export type HostMessage = { type: 'ready'; url: string } | { type: 'failed'; reason: 'port_in_use' | 'error'; message: string };

const tell = (message: HostMessage) => process.send?.(message);

function parseOptions(text: string | undefined): HostProcessOptions {
  const value: unknown = JSON.parse(text ?? 'null');
  if (typeof value !== 'object' || value === null) throw new Error('The preview host needs its options as JSON.');
  const o = value as Partial<HostProcessOptions>;
  const strings = [o.userDataDir, o.serviceUrl, o.rendererDir, o.bridgeFile];
  if (strings.some((s) => typeof s !== 'string') || typeof o.port !== 'number' || !isPreviewKeychain(o.keychain)) {
    throw new Error('The preview host options are incomplete.');
  }
  return value as HostProcessOptions;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv[2]);
  // Never the person's own keyring: the demo keychain only on the bus the launcher made for it.
  if (options.keychain === 'demo' && (options.busAddress === null || process.env.DBUS_SESSION_BUS_ADDRESS !== options.busAddress)) {
    throw new Error("The preview host runs on the demo keychain's private session bus only.");
  }
  // The desktop program's configuration, as the app and the CLI read it; the data folder and the
  // token service are the demo's own (its options), never the person's MAMORI_HOME or service.
  const config = readDesktopConfig(process.env);
  let host: PreviewHost;
  try {
    host = await startPreviewHost({
      userDataDir: options.userDataDir,
      serviceUrl: options.serviceUrl,
      vipUrl: config.vipUrl,
      keychainService: config.keychainService,
      port: options.port,
      keychain: options.keychain,
      ...(options.keychain === 'memory' ? { vault: createMemoryVault() } : {}),
      rendererDir: options.rendererDir,
      bridgeFile: options.bridgeFile,
    });
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'EADDRINUSE') {
      tell({ type: 'failed', reason: 'port_in_use', message: `Port ${options.port} is already in use.` });
      process.exit(1);
    }
    throw error;
  }

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void host
      .close()
      .catch(() => undefined)
      .finally(() => process.exit(0));
  };
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, stop);
  // The launcher is gone (crashed or killed): nobody is left to stop us.
  process.on('disconnect', stop);
  tell({ type: 'ready', url: host.url });
}

main().catch((error: unknown) => {
  tell({ type: 'failed', reason: 'error', message: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});
