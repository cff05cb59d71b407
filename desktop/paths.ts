/**
 * Where Mamori keeps its settings file: one folder that the app and the `mamori` CLI agree on,
 * so both see the same credentials. Set explicitly (the glue calls app.setPath with it) rather
 * than left to Electron's name-based default, which differs between a dev run and a packaged app.
 *
 * MAMORI_HOME overrides it, for tests and for people who keep a second, separate set.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_FOLDER = 'Mamori';

export function mamoriDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home: string = homedir()): string {
  if (env.MAMORI_HOME) return env.MAMORI_HOME;
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_FOLDER);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), APP_FOLDER);
}
