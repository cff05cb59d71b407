/**
 * The desktop program's configuration, declared once: every environment variable that the app,
 * the preview host and the `mamori` CLI read, with its default and its rule. Each program calls
 * readDesktopConfig(process.env) once when it starts and hands the values on; no other module
 * reads its configuration from process.env (layer-boundary.test.ts holds the layer to that; the
 * keychain stand-ins only hand the environment on to the daemons they start).
 * docs/desktop-app.md's "Configuration" table lists the same variables (config.test.ts holds the
 * two together), and `mamori --help` prints them from here.
 *
 * Addresses are passed on as given: the provisioning and VIP clients check them when they are
 * used, so that the window can explain a bad one on its setup screen as it does a typed one.
 * This module loads nothing heavy (the CLI reads it before every command, even --version).
 */
import { homedir } from 'node:os';
import { mamoriDataDir, xdgConfigHome } from './paths.js';

/** The demo token service on this computer: a build for customers names its bank's instead. */
export const DEFAULT_SERVICE_URL = 'http://127.0.0.1:8787';
/** Symantec's own provisioning endpoint, as the official VIP Access clients use it. */
export const VIP_PROVISIONING_URL = 'https://services.vip.symantec.com/prov';
/** The keychain service every secret is stored under (one entry per credential ID). */
export const DEFAULT_KEYCHAIN_SERVICE = 'Mamori';

export interface VariableDeclaration {
  /** The default, in the words the docs use. */
  readonly default: string;
  /** What the variable sets, and what an empty value means where that is not "the default". */
  readonly meaning: string;
  /** `mamori` names its own variables in --help; the system's (set by the OS or a launcher) only in the docs. */
  readonly setBy: 'user' | 'system';
}

export const DESKTOP_VARIABLES = {
  MAMORI_SERVICE_URL: {
    default: DEFAULT_SERVICE_URL,
    meaning: 'The token service when the settings name none. Set but empty: no token service is configured (the app opens on its setup screen; mamori provision needs --service).',
    setBy: 'user',
  },
  MAMORI_HOME: {
    default: 'the user-data folder (~/.config/Mamori on Linux, ~/Library/Application Support/Mamori on macOS, %APPDATA%\\Mamori on Windows)',
    meaning: 'The data folder holding settings.json.',
    setBy: 'user',
  },
  MAMORI_KEYCHAIN_SERVICE: {
    default: DEFAULT_KEYCHAIN_SERVICE,
    meaning: 'The keychain service name the secrets are stored under.',
    setBy: 'user',
  },
  MAMORI_VIP_URL: {
    default: VIP_PROVISIONING_URL,
    meaning: 'The Symantec VIP provisioning address (tests point it at a local server).',
    setBy: 'user',
  },
  XDG_CONFIG_HOME: {
    default: '~/.config',
    meaning: 'Linux: the folder above the user-data folder and the autostart entry.',
    setBy: 'system',
  },
  APPDATA: {
    default: '%USERPROFILE%\\AppData\\Roaming',
    meaning: 'Windows: the folder above the user-data folder.',
    setBy: 'system',
  },
  APPIMAGE: {
    default: 'unset',
    meaning: 'Set by the AppImage runtime: the file that start at login runs.',
    setBy: 'system',
  },
} as const satisfies Record<string, VariableDeclaration>;

export type DesktopVariable = keyof typeof DESKTOP_VARIABLES;

/** The environment as the reader sees it: the declared variables and nothing else. */
export type DesktopEnvironment = { readonly [name in DesktopVariable]?: string | undefined };

export interface DesktopConfig {
  /** The token service when the settings name none; '' when none is configured. */
  readonly serviceUrl: string;
  readonly vipUrl: string;
  readonly keychainService: string;
  /** The folder of settings.json, shared by the app and the CLI. */
  readonly dataDir: string;
  /** $XDG_CONFIG_HOME or ~/.config (Linux autostart entries go below it). */
  readonly configHome: string;
  /** The AppImage file the app runs from, if it does. */
  readonly appImage: string | undefined;
}

/** Where the reader finds the machine's facts; tests pass others. */
export interface SystemFacts {
  readonly platform: NodeJS.Platform;
  readonly home: string;
}

/** Only the declared variables: whatever else the environment holds is never looked at. */
function declared(environment: Readonly<Record<string, string | undefined>>): DesktopEnvironment {
  return Object.fromEntries(Object.keys(DESKTOP_VARIABLES).map((name) => [name, environment[name]]));
}

/** A variable's text; set but empty counts as unset (the default applies). */
function given(env: DesktopEnvironment, name: DesktopVariable): string | undefined {
  const text = env[name];
  return text === undefined || text === '' ? undefined : text;
}

/** The token service: the default when unset; set but empty (or blank) means none. */
function serviceUrl(text: string | undefined): string {
  if (text === undefined) return DEFAULT_SERVICE_URL;
  return text.trim() === '' ? '' : text;
}

export function readDesktopConfig(
  environment: Readonly<Record<string, string | undefined>>,
  system: SystemFacts = { platform: process.platform, home: homedir() },
): DesktopConfig {
  const env = declared(environment);
  return {
    serviceUrl: serviceUrl(env.MAMORI_SERVICE_URL),
    vipUrl: given(env, 'MAMORI_VIP_URL') ?? VIP_PROVISIONING_URL,
    keychainService: given(env, 'MAMORI_KEYCHAIN_SERVICE') ?? DEFAULT_KEYCHAIN_SERVICE,
    dataDir: mamoriDataDir(env, system.platform, system.home),
    configHome: xdgConfigHome(env, system.home),
    appImage: given(env, 'APPIMAGE'),
  };
}
