/**
 * The newest features in the real app under Electron: several credentials (codes, select,
 * rename, reorder, delete with the keychain entry), adding from a QR code image through the
 * native file dialog and from the system clipboard, the encrypted backup to a second app, and
 * Symantec VIP provisioning against the local stand-in. The browser harness covers the same
 * renderer in Chromium; these specs check the Electron glue around it: Electron's dialogs and
 * clipboard, the data folder and restarts. Skipped where the Electron binary is not installed.
 *
 * Every app gets a fresh MAMORI_HOME (its data folder) with the language set to English in its
 * settings file, and a token service address that refuses connections, so that no clock offset
 * is ever measured: the app's codes are then on this machine's clock, the one oathtool uses.
 */
import { _electron as electron, expect, test, type ElectronApplication, type Locator, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { base32Encode } from '../../core/base32.js';
import { groupCode } from '../../core/code.js';
import { formatOtpauth } from '../../core/otpauth.js';
import { formatMigrationLink } from '../../core/otpauth-migration.js';
import { accountsFrom, manualCredentials } from '../../desktop/account-input.js';
import { createCredentialBook } from '../../desktop/credential-book.js';
import { createSettingsStore, SETTINGS_FILE, type SettingsStore } from '../../desktop/settings-store.js';
import { startVipFixtureServer, type VipFixtureServer } from '../../desktop/test-support/vip-fixture-server.js';
import { createKeyringVault, SecretMissingError } from '../../desktop/vault.js';
import { openOtherWays, qrPng, row, rowTitles, testAccount, type TestAccount } from '../harness/accounts.js';
import { findElectron } from './find-electron.js';
import { clearClipboard, dialogCalls, putPngOnClipboard, stubDialog } from './main-process.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const found = findElectron();
test.skip('missing' in found, `Electron binary not installed: ${'missing' in found ? found.missing : ''}`);
const binary = 'path' in found ? found.path : '';

/**
 * Port 9 (discard) refuses at once: the app measures no clock offset and provisions nothing from it.
 * A fresh data folder's first start tries it once, fails, and shows the setup screen.
 */
const NO_SERVICE = 'http://127.0.0.1:9';
const PASSWORD = 'correct horse battery staple';

test.beforeAll(() => {
  for (const built of ['dist/electron/main/main.js', 'dist/preload/preload.cjs', 'dist/renderer/index.html', 'dist/desktop/qr-worker.js']) {
    if (!existsSync(join(root, built))) throw new Error(`${built} is missing: build first (npm run build).`);
  }
});

// ---- the test process's side: data folders, keychain, oathtool ---------------------------

function storeOf(home: string): SettingsStore {
  return createSettingsStore(join(home, SETTINGS_FILE));
}

/** The TOTP oathtool computes for this secret now (Debian's oathtool, independent of our core). */
function oathtool(base32: string): string {
  return execFileSync('oathtool', ['--totp', '-b', base32], { encoding: 'utf8' }).trim();
}

/**
 * The code shown by `locator` is oathtool's for `base32`: read between two oathtool readings, so
 * it must be one of them (two only when a step boundary passed meanwhile). Retried because the
 * window shows a new step's code on its next 1 s tick, a few ms after oathtool already has it;
 * a wrong code never matches and fails after the timeout.
 */
async function expectOathtoolCode(locator: Locator, base32: string): Promise<void> {
  await expect(async () => {
    const before = oathtool(base32);
    const shown = await locator.textContent({ timeout: 1_000 });
    const after = oathtool(base32);
    expect([...new Set([before, after])].map(groupCode)).toContain(shown);
  }).toPass({ timeout: 5_000 });
}

/** Resolves when the keychain has no entry for the credential; fails on any other answer. */
async function expectNoSecret(credentialId: string): Promise<void> {
  await expect(createKeyringVault().load(credentialId)).rejects.toBeInstanceOf(SecretMissingError);
}

async function secretOf(credentialId: string): Promise<string> {
  return base32Encode(await createKeyringVault().load(credentialId));
}

/** Credentials put in a data folder and the keychain before the app starts, as the CLI would: the IDs, in order. */
async function prepareCredentials(home: string, accounts: readonly TestAccount[]): Promise<string[]> {
  const book = createCredentialBook({ vault: createKeyringVault(), store: storeOf(home), now: Date.now });
  const { added } = await book.add(manualCredentials(accountsFrom(formatMigrationLink(accounts)).accounts, Date.now()));
  return added.map((credential) => credential.credentialId);
}

async function storedIds(home: string): Promise<string[]> {
  return (await storeOf(home).read()).credentials.map((credential) => credential.credentialId);
}

// ---- apps and their cleanup ----------------------------------------------------------------

interface Running {
  readonly app: ElectronApplication;
  readonly win: Page;
}

/**
 * The apps, data folders and keychain entries of one describe block. `dispose` closes the apps,
 * removes every keychain entry a folder's settings name (plus any remembered ID), then the folders.
 */
function lab() {
  /** Apps still running: one that quit (or was closed by a test) leaves the set. */
  const apps = new Set<ElectronApplication>();
  const homes: string[] = [];
  const ids = new Set<string>();

  return {
    /** A fresh data folder whose settings say English, so the window's words do not follow the OS. */
    async home(): Promise<string> {
      const home = await mkdtemp(join(tmpdir(), 'mamori-e-credentials-'));
      homes.push(home);
      await storeOf(home).update((settings) => ({ ...settings, language: 'en' }));
      return home;
    },

    async launch(home: string, env: Record<string, string> = {}): Promise<Running> {
      const app = await electron.launch({
        executablePath: binary,
        args: [root],
        env: {
          ...process.env,
          MAMORI_HOME: home,
          // Anything that still goes by the XDG folder (autostart, Chromium's own files) stays in the throwaway folder.
          XDG_CONFIG_HOME: join(home, 'xdg-config'),
          MAMORI_SERVICE_URL: NO_SERVICE,
          LANG: 'en_US.UTF-8',
          LANGUAGE: 'en',
          ...env,
        },
      });
      apps.add(app);
      app.on('close', () => apps.delete(app));
      const win = await app.firstWindow();
      return { app, win };
    },

    remember(credentialId: string): void {
      ids.add(credentialId);
    },

    async dispose(): Promise<void> {
      for (const app of apps) await app.close().catch(() => undefined);
      for (const home of homes) for (const id of await storedIds(home).catch(() => [])) ids.add(id);
      const vault = createKeyringVault();
      for (const id of ids) await vault.delete(id).catch(() => false);
      for (const home of homes) await rm(home, { recursive: true, force: true });
    },
  };
}

// ---- the specs -------------------------------------------------------------------------------

test.describe('several credentials', () => {
  // One app (restarted once) for the block: each test carries on from the window the last one left.
  test.describe.configure({ mode: 'serial' });
  const setup = lab();
  const github = testAccount('GitHub', 'alice');
  const aws = testAccount('AWS', 'root');
  const example = testAccount('Example', 'bob');
  let home: string;
  let githubId: string;
  let awsId: string;
  let exampleId: string;
  let running: Running;

  test.beforeAll(async () => {
    home = await setup.home();
    [githubId = '', awsId = '', exampleId = ''] = await prepareCredentials(home, [github, aws, example]);
    running = await setup.launch(home);
  });

  test.afterAll(() => setup.dispose());

  test('three credentials prepared before launch: listed in order, each with oathtool’s code; a click selects', async () => {
    const { win } = running;
    await expect(win.getByTestId('credential-row')).toHaveCount(3);
    expect(await rowTitles(win)).toEqual(['GitHub', 'AWS', 'Example']);
    for (const account of [github, aws, example]) {
      await expect(row(win, account.issuer, account.label)).toHaveCount(1);
      await expectOathtoolCode(row(win, account.issuer).getByTestId('row-code'), account.base32);
    }
    // Nothing was selected yet: the first one is shown large.
    await expect(win.getByTestId('account')).toHaveText('GitHub: alice');
    await expectOathtoolCode(win.getByTestId('code'), github.base32);

    await row(win, 'AWS').getByTestId('row-title').click();
    await expect(win.getByTestId('account')).toHaveText('AWS: root');
    await expect(row(win, 'AWS').getByRole('button', { name: /^AWS root/ })).toHaveAttribute('aria-current', 'true');
    await expectOathtoolCode(win.getByTestId('code'), aws.base32);
    await expect.poll(async () => (await storeOf(home).read()).selectedId).toBe(awsId);
  });

  test('rename inline and reorder with the arrows: kept across a restart', async () => {
    test.setTimeout(60_000);
    const { win } = running;
    await win.getByRole('button', { name: 'Rename' }).click();
    const name = win.getByRole('textbox', { name: 'Name' });
    await expect(name).toBeFocused();
    await expect(name).toHaveValue('root');
    await name.fill('production');
    await name.press('Enter');
    await expect(win.getByTestId('account')).toHaveText('AWS: production');
    await expect(row(win, 'AWS', 'production')).toHaveCount(1);
    await expect(win.getByRole('status')).toHaveText('Renamed to production');

    await expect(row(win, 'GitHub').getByRole('button', { name: 'Move GitHub (alice) up' })).toBeDisabled();
    await row(win, 'GitHub').getByRole('button', { name: 'Move GitHub (alice) down' }).click();
    await expect.poll(() => rowTitles(win)).toEqual(['AWS', 'GitHub', 'Example']);
    await expect(win.getByRole('status')).toHaveText('GitHub (alice) is now 2 of 3');
    expect(await storedIds(home)).toEqual([awsId, githubId, exampleId]);

    // Quit and start again on the same data folder: the same list, names and selection.
    await running.app.close();
    running = await setup.launch(home);
    const again = running.win;
    await expect(again.getByTestId('credential-row')).toHaveCount(3);
    expect(await rowTitles(again)).toEqual(['AWS', 'GitHub', 'Example']);
    await expect(row(again, 'AWS', 'production')).toHaveCount(1);
    await expect(again.getByTestId('account')).toHaveText('AWS: production');
    await expectOathtoolCode(row(again, 'AWS').getByTestId('row-code'), aws.base32);
  });

  test('delete asks in a modal dialog; Cancel keeps it, Delete removes the row and the keychain entry', async () => {
    const { win } = running;
    await row(win, 'Example').getByTestId('row-title').click();
    await expect(win.getByTestId('account')).toHaveText('Example: bob');

    const deleteButton = win.getByRole('button', { name: 'Delete', exact: true });
    await deleteButton.click();
    const dialog = win.getByRole('dialog', { name: 'Delete Example (bob)?' });
    await expect(dialog).toBeVisible();
    // The native <dialog>, opened modal (showModal), not a look-alike.
    await expect(dialog).toHaveJSProperty('tagName', 'DIALOG');
    await expect(dialog).toHaveJSProperty('open', true);
    expect(await dialog.evaluate((element) => element.matches(':modal'))).toBe(true);
    await expect(dialog).toContainText('deletes its secret from this computer’s keychain too');
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();

    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(win.getByTestId('credential-row')).toHaveCount(3);
    expect(await secretOf(exampleId)).toBe(example.base32);
    expect(await storedIds(home)).toContain(exampleId);

    await deleteButton.click();
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect(dialog).toHaveCount(0);
    await expect(win.getByRole('status')).toHaveText('Deleted Example (bob)');
    await expect(win.getByTestId('credential-row')).toHaveCount(2);
    expect(await rowTitles(win)).toEqual(['AWS', 'GitHub']);
    await expectNoSecret(exampleId);
    expect(await storedIds(home)).toEqual([awsId, githubId]);
    // The others keep their secrets.
    expect(await secretOf(awsId)).toBe(aws.base32);
    expect(await secretOf(githubId)).toBe(github.base32);
  });
});

test.describe('adding from QR codes', () => {
  test.describe.configure({ mode: 'serial' });
  const setup = lab();
  let home: string;
  let running: Running;
  const github = testAccount('GitHub', 'alice');

  test.beforeAll(async () => {
    home = await setup.home();
    running = await setup.launch(home);
  });

  test.afterAll(() => setup.dispose());

  test('a QR code image through the native open dialog; a cancelled dialog does nothing', async () => {
    const { app, win } = running;
    await expect(win.getByRole('heading', { name: 'Set up Mamori' })).toBeVisible();
    // The first start's attempt against the refusing address: its error, then the other ways.
    await expect(win.getByRole('alert')).toHaveAttribute('data-error', 'service_unreachable');
    const ways = await openOtherWays(win);
    const openImage = ways.getByRole('button', { name: 'Open QR code image…' });

    // The user closes the dialog: nothing added, nothing said.
    await stubDialog(app, { method: 'showOpenDialog', answer: { canceled: true, filePaths: [] } });
    await openImage.click();
    await expect.poll(async () => (await dialogCalls(app)).length).toBe(1);
    const [cancelled] = await dialogCalls(app);
    expect(cancelled).toEqual({ method: 'showOpenDialog', attachedToWindow: true, extensions: ['png', 'jpg', 'jpeg'], defaultPath: null });
    await expect(openImage).toBeEnabled();
    // The one alert is still the token service's: the closed dialog added none.
    await expect(win.getByRole('alert')).toHaveCount(1);
    await expect(ways.getByRole('alert')).toHaveCount(0);
    await expect(win.getByTestId('add-result')).toHaveCount(0);
    await expect(win.getByRole('heading', { name: 'Set up Mamori' })).toBeVisible();
    expect(await storedIds(home)).toEqual([]);

    // A PNG of the QR code a website shows, made with the qrcode library.
    const pngPath = join(home, 'github-qr.png');
    await writeFile(pngPath, await qrPng(formatOtpauth(github)));
    await stubDialog(app, { method: 'showOpenDialog', answer: { canceled: false, filePaths: [pngPath] } });
    await openImage.click();
    await expect(win.getByTestId('account')).toHaveText('GitHub: alice');
    await expect(win.getByTestId('add-result')).toHaveText(/Added 1 account\./);
    await expectOathtoolCode(win.getByTestId('code'), github.base32);
    expect(await dialogCalls(app)).toHaveLength(2);
    const ids = await storedIds(home);
    expect(ids).toHaveLength(1);
    expect(await secretOf(ids[0] ?? '')).toBe(github.base32);
  });

  test('a QR code image on the system clipboard: an empty clipboard is explained, an image is added', async () => {
    const { app, win } = running;
    await win.getByRole('button', { name: 'Add account' }).click();
    await expect(win.getByRole('heading', { name: 'Add an account' })).toBeFocused();
    const paste = win.getByRole('button', { name: 'Paste QR code from clipboard' });

    // Nothing on the clipboard: main reads it for real and says so.
    await clearClipboard(app);
    await paste.click();
    await expect(win.getByRole('alert')).toContainText('No QR code could be read');
    await expect(win.getByRole('alert')).toContainText('holds no image');

    // A screenshot of a Google Authenticator export code, put on the real clipboard as image/png.
    const aws = testAccount('AWS', 'alice@example.com');
    const gitlab = testAccount('GitLab', 'alice');
    expect(await putPngOnClipboard(app, await qrPng(formatMigrationLink([aws, gitlab])))).toBe(true);

    await paste.click();
    await expect(win.getByTestId('add-result')).toHaveText(/Added 2 accounts\./);
    await expect(win.getByRole('alert')).toHaveCount(0);
    await expect(win.getByTestId('credential-row')).toHaveCount(3);
    expect(await rowTitles(win)).toEqual(['GitHub', 'AWS', 'GitLab']);
    for (const account of [github, aws, gitlab]) {
      await expectOathtoolCode(row(win, account.issuer, account.label).getByTestId('row-code'), account.base32);
    }
  });
});

test.describe('backup', () => {
  test.describe.configure({ mode: 'serial' });
  const setup = lab();
  const github = testAccount('GitHub', 'alice');
  const aws = testAccount('AWS', 'root');

  test.afterAll(() => setup.dispose());

  test('saved through the native save dialog, restored in a second app with a fresh data folder; a wrong password restores nothing', async () => {
    test.setTimeout(90_000);
    const firstHome = await setup.home();
    const ids = await prepareCredentials(firstHome, [github, aws]);
    const backupFile = join(firstHome, 'my-backup.mamori');

    const first = await setup.launch(firstHome);
    await expect(first.win.getByTestId('credential-row')).toHaveCount(2);
    await first.win.getByRole('button', { name: 'Settings' }).click();
    await expect(first.win.getByRole('heading', { name: 'Backup', exact: true })).toBeVisible();
    await stubDialog(first.app, { method: 'showSaveDialog', answer: { canceled: false, filePath: backupFile } });
    await first.win.getByLabel('Backup password', { exact: true }).fill(PASSWORD);
    await first.win.getByLabel('Same password again').fill(PASSWORD);
    await first.win.getByRole('button', { name: 'Save backup…' }).click();
    await expect(first.win.getByTestId('export-result')).toHaveText('Saved a backup of 2 credentials.');
    const [saveCall] = await dialogCalls(first.app);
    expect(saveCall?.method).toBe('showSaveDialog');
    expect(saveCall?.attachedToWindow).toBe(true);
    expect(saveCall?.extensions).toEqual(['mamori']);
    expect(basename(saveCall?.defaultPath ?? '')).toMatch(/^mamori-backup-\d{4}-\d{2}-\d{2}\.mamori$/);
    // The file holds no secret in the clear.
    const saved = await readFile(backupFile, 'utf8');
    for (const account of [github, aws]) expect(saved).not.toContain(account.base32);
    await first.app.close();

    // Both apps use the keychain service "Mamori": empty it of these entries so that only the
    // restore can put them back.
    const vault = createKeyringVault();
    for (const id of ids) {
      setup.remember(id);
      await vault.delete(id);
      await expectNoSecret(id);
    }

    const secondHome = await setup.home();
    const second = await setup.launch(secondHome);
    const win = second.win;
    await expect(win.getByRole('heading', { name: 'Set up Mamori' })).toBeVisible();
    await (await openOtherWays(win)).getByRole('button', { name: 'Restore from a backup' }).click();
    const importPassword = win.getByLabel('Password of the backup');
    await expect(importPassword).toBeFocused();
    const open = win.getByRole('button', { name: 'Open backup…' });
    await stubDialog(second.app, { method: 'showOpenDialog', answer: { canceled: false, filePaths: [backupFile] } });

    await importPassword.fill('not the password at all');
    await open.click();
    await expect(win.getByRole('alert')).toContainText('The password does not open this backup');
    await expect(win.getByRole('alert')).toContainText('Nothing was restored');
    expect(await storedIds(secondHome)).toEqual([]);
    for (const id of ids) await expectNoSecret(id);

    await importPassword.fill(PASSWORD);
    await open.click();
    await expect(win.getByTestId('add-result')).toHaveText('Restored 2 credentials.');
    const calls = await dialogCalls(second.app);
    expect(calls).toHaveLength(2);
    for (const call of calls) expect(call).toMatchObject({ method: 'showOpenDialog', attachedToWindow: true, extensions: ['mamori'] });

    await win.getByRole('button', { name: 'Back', exact: true }).click();
    await expect(win.getByTestId('credential-row')).toHaveCount(2);
    expect(await rowTitles(win)).toEqual(['GitHub', 'AWS']);
    // The same credentials: same IDs and metadata, the same secrets back in the keychain, oathtool's codes.
    expect(await storedIds(secondHome)).toEqual(ids);
    expect((await storeOf(secondHome).read()).credentials).toEqual((await storeOf(firstHome).read()).credentials);
    expect(await secretOf(ids[0] ?? '')).toBe(github.base32);
    expect(await secretOf(ids[1] ?? '')).toBe(aws.base32);
    for (const account of [github, aws]) {
      await expectOathtoolCode(row(win, account.issuer, account.label).getByTestId('row-code'), account.base32);
    }
  });
});

test.describe('Symantec VIP', () => {
  test.describe.configure({ mode: 'serial' });
  const setup = lab();
  let vip: VipFixtureServer | undefined;

  test.afterAll(async () => {
    for (const issued of vip?.issued ?? []) setup.remember(issued.credentialId);
    await setup.dispose();
    await vip?.close();
  });

  test('an SYDC credential from the VIP stand-in, with oathtool’s code for the secret it issued', async () => {
    test.setTimeout(60_000);
    const server = await startVipFixtureServer();
    vip = server;
    const { win } = await setup.launch(await setup.home(), { MAMORI_VIP_URL: server.url });

    // The first start's attempt fails against the refusing service address; VIP is among the other ways.
    await (await openOtherWays(win)).getByText('Get a Symantec VIP credential', { exact: true }).click();
    await expect(win.getByText('it was worked out by reverse engineering')).toBeVisible();
    await expect(win.getByRole('radio', { name: /SYDC/ })).toBeChecked();
    await win.getByRole('button', { name: 'Get a SYDC credential from Symantec' }).click();

    const id = win.getByTestId('credential-id');
    await expect(id).toHaveText(/^SYDC\d{8}$/);
    expect(server.issued).toHaveLength(1);
    const issued = server.issued[0];
    if (issued === undefined) throw new Error('the VIP stand-in issued nothing');
    expect(issued.model).toBe('SYDC');
    await expect(id).toHaveText(issued.credentialId);
    const secret = base32Encode(issued.secret);
    await expectOathtoolCode(win.getByTestId('code'), secret);
    expect(await secretOf(issued.credentialId)).toBe(secret);
  });
});
