/** Defaults the CLI shares with the app, in a module that loads nothing else (help prints them). */

/** The app's default token service (electron/main/main.ts): the demo service on this computer. */
export const DEFAULT_SERVICE_URL = 'http://127.0.0.1:8787';

/** The token service `provision` asks when --service is not given, in the app's order. */
export function defaultServiceUrl(settingsUrl: string | undefined, env: NodeJS.ProcessEnv): string {
  return settingsUrl ?? (env.MAMORI_SERVICE_URL || DEFAULT_SERVICE_URL);
}
