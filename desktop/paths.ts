/**
 * Where Mamori keeps its settings file: one folder that the app and the `mamori` CLI agree on,
 * so both see the same credentials. Set explicitly (the glue calls app.setPath with it) rather
 * than left to Electron's name-based default, which differs between a dev run and a packaged app.
 *
 * MAMORI_HOME overrides it, for tests and for people who keep a second, separate set. The
 * variables come from the configuration reader (config.ts), never from process.env here.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_FOLDER = 'Mamori';

/** The variables the folder rules look at (config.ts declares them). */
export interface FolderVariables {
  readonly MAMORI_HOME?: string | undefined;
  readonly XDG_CONFIG_HOME?: string | undefined;
  readonly APPDATA?: string | undefined;
}

/** $XDG_CONFIG_HOME, else ~/.config: where per-user settings live on Linux (the data folder, autostart entries). */
export function xdgConfigHome(env: FolderVariables, home: string = homedir()): string {
  return env.XDG_CONFIG_HOME || join(home, '.config');
}

export function mamoriDataDir(env: FolderVariables, platform: NodeJS.Platform = process.platform, home: string = homedir()): string {
  if (env.MAMORI_HOME) return env.MAMORI_HOME;
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_FOLDER);
  return join(xdgConfigHome(env, home), APP_FOLDER);
}
