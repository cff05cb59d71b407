/** See find-electron.mjs. */
export function findElectron(env?: NodeJS.ProcessEnv): { path: string } | { missing: string };
