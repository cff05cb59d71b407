/**
 * The real shell: the built app under Electron via Playwright's _electron.launch. Electron's
 * binary is not installed on the CI machines (its download is blocked), so these specs skip
 * there with the reason; on a developer machine with internet they run.
 */
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createKeyringVault } from '../../desktop/vault.js';
import { MAMORI_API_KEYS } from '../../electron/preload/bridge.js';
import { startService } from '../../service/src/start-service.js';
import { findElectron } from './find-electron.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

const found = findElectron();
test.skip('missing' in found, `Electron binary not installed: ${'missing' in found ? found.missing : ''}`);

// One app for the file: later specs look at the window the first one set up.
test.describe.configure({ mode: 'serial' });

let app: ElectronApplication;
let credentialId: string | null = null;
let service: Awaited<ReturnType<typeof startService>>;
const dirs: string[] = [];

test.beforeAll(async () => {
  for (const built of ['dist/electron/main/main.js', 'dist/preload/preload.cjs', 'dist/renderer/index.html']) {
    if (!existsSync(join(root, built))) throw new Error(`${built} is missing: build first (npm run build).`);
  }
  const serviceDir = await mkdtemp(join(tmpdir(), 'mamori-e-service-'));
  const configDir = await mkdtemp(join(tmpdir(), 'mamori-e-config-'));
  dirs.push(serviceDir, configDir);
  service = await startService({ dataDir: serviceDir, port: 0 });
  app = await electron.launch({
    executablePath: 'path' in found ? found.path : undefined,
    args: [root],
    // A throwaway user-data folder (Linux: $XDG_CONFIG_HOME/<app name>) and our test service.
    env: { ...process.env, MAMORI_SERVICE_URL: service.url, XDG_CONFIG_HOME: configDir },
  });
});

test.afterAll(async () => {
  await app?.close();
  // The app wrote to this session's keychain: take our test credential out again.
  if (credentialId) await createKeyringVault().delete(credentialId).catch(() => false);
  await service?.close();
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

test('the window gets a credential by itself and shows its ID and code', async () => {
  const win = await app.firstWindow();
  // No click: with a token service configured and no credential, the first start provisions at once.
  await expect(win.getByTestId('credential-id')).toHaveText(/^[A-Z]{4}\d{8}$/);
  credentialId = await win.getByTestId('credential-id').textContent();
  await expect(win.getByTestId('code')).toHaveText(/^\d{3} \d{3}$/);
  await expect(win.getByRole('timer')).toHaveAccessibleName(/^\d{1,2} seconds left$|^残り\d{1,2}秒$/);
});

test('the bridge exposes exactly the task functions, and the page has no Node', async () => {
  const win = await app.firstWindow();
  const keys = await win.evaluate(() => Object.keys(window.mamori).sort());
  expect(keys).toEqual([...MAMORI_API_KEYS].sort());
  expect(await win.evaluate(() => typeof (globalThis as Record<string, unknown>).require)).toBe('undefined');
  expect(await win.evaluate(() => typeof (globalThis as Record<string, unknown>).process)).toBe('undefined');
});

test('the window stays on our file: no navigation, no new windows', async () => {
  const win = await app.firstWindow();
  const ours = win.url();
  expect(ours).toMatch(/^file:\/\/.*\/dist\/renderer\/index\.html$/);
  expect(await win.evaluate(() => window.open('https://example.com/'))).toBeNull();
  await win.evaluate(() => {
    window.location.href = 'https://example.com/';
  });
  await expect(win.getByTestId('credential-id')).toBeVisible();
  expect(win.url()).toBe(ours);
  expect(app.windows()).toHaveLength(1);
});
