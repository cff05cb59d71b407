/**
 * The packaging configuration, checked without packaging (which downloads Electron): loaded and
 * validated by electron-builder's own code (app-builder-lib's getConfig and validateConfiguration,
 * the JSON schema electron-builder runs before every build), and its `files` allowlist run through
 * electron-builder's own FileMatcher over representative paths and over every file in the tree.
 */
import { existsSync, readdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const CONFIG = 'build/electron-builder.yml';

// app-builder-lib is electron-builder's engine; resolve it (and its helpers) from electron-builder.
const fromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder/package.json'));
const appBuilderLib = (path: string) => fromBuilder(fromBuilder.resolve(`app-builder-lib/${path}`, { paths: [root] }));

interface FileSet {
  filter?: string[];
}
interface BuilderConfig {
  appId?: string;
  productName?: string;
  asar?: boolean;
  directories?: { buildResources?: string; output?: string };
  files?: FileSet[];
  electronFuses?: Record<string, boolean>;
  win?: { target?: unknown[]; icon?: string };
  mac?: { target?: unknown[]; icon?: string; hardenedRuntime?: boolean; entitlements?: string; entitlementsInherit?: string };
  linux?: { target?: unknown[]; icon?: string };
}

const { getConfig, validateConfiguration } = appBuilderLib('out/util/config/config.js') as {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: null): Promise<BuilderConfig>;
  validateConfiguration(config: BuilderConfig, debugLogger: unknown): Promise<void>;
};
type Filter = (file: string, stat: Stats | { isDirectory(): boolean }) => boolean;
interface Matcher {
  createFilter(): Filter;
}
const { getMainFileMatchers, getNodeModuleFileMatcher } = appBuilderLib('out/fileMatcher.js') as {
  getMainFileMatchers(
    appDir: string,
    destination: string,
    expand: (s: string) => string,
    platformOptions: object,
    platformPackager: object,
    outDir: string,
    isElectronCompile: boolean,
  ): Matcher[];
  getNodeModuleFileMatcher(appDir: string, destination: string, expand: (s: string) => string, platformOptions: object, packager: object): Matcher;
};
const { DebugLogger } = fromBuilder(fromBuilder.resolve('builder-util', { paths: [fromBuilder.resolve('app-builder-lib/package.json')] })) as {
  DebugLogger: new (enabled: boolean) => unknown;
};

const config = await getConfig(root, join(root, CONFIG), null);
// The same matchers electron-builder builds for a packaging run (its default exclusions included):
// one for the app's own files, one for the production node_modules it copies.
const packagerInfo = { projectDir: root, buildResourcesDir: config.directories?.buildResources, isPrepackedAppAsar: false, config, debugLogger: new DebugLogger(false) };
const expand = (pattern: string) => pattern;
const appFilter = getMainFileMatchers(root, '/app', expand, {}, { info: packagerInfo }, join(root, config.directories?.output ?? 'dist'), false)[0]!.createFilter();
const nodeModulesFilter = getNodeModuleFileMatcher(root, '/app', expand, {}, packagerInfo).createFilter();
const included: Filter = (file, stat) => {
  const rel = relative(root, file).replaceAll('\\', '/');
  if (!rel.startsWith('node_modules/')) return appFilter(file, stat);
  // A dependency's files are copied when every folder inside node_modules on the way and the file pass.
  const parts = rel.split('/');
  for (let i = 2; i < parts.length; i++) if (!nodeModulesFilter(join(root, ...parts.slice(0, i)), { isDirectory: () => true })) return false;
  return nodeModulesFilter(file, stat);
};
const asFile = { isDirectory: () => false };
const isIncluded = (path: string) => {
  // Folders on the way must pass too (electron-builder walks the tree).
  const parts = path.split('/');
  for (let i = path.startsWith('node_modules/') ? 2 : 1; i < parts.length; i++) if (!included(join(root, ...parts.slice(0, i)), { isDirectory: () => true })) return false;
  return included(join(root, path), asFile);
};

describe('electron-builder configuration', () => {
  it("passes electron-builder's own validation", async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('is really validated: a misspelt option is refused', async () => {
    await expect(validateConfiguration({ ...config, asarr: true } as BuilderConfig, new DebugLogger(false))).rejects.toThrow(/asarr/);
    await expect(validateConfiguration({ ...config, electronFuses: { runAsNod: false } }, new DebugLogger(false))).rejects.toThrow(/electronFuses/);
  });

  it('names the app, uses build/ as resources and packs one asar', () => {
    expect(config).toMatchObject({ appId: 'org.mamori.desktop', productName: 'Mamori', asar: true });
    expect(config.directories).toEqual({ buildResources: 'build', output: 'release' });
  });

  it('flips every fuse the design asks for', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('targets NSIS, a hardened dmg with entitlements, AppImage and deb, with icons that exist', () => {
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.mac).toMatchObject({ target: ['dmg'], hardenedRuntime: true, entitlements: 'build/entitlements.mac.plist' });
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    for (const path of [config.win?.icon, config.mac?.icon, config.mac?.entitlements, config.mac?.entitlementsInherit, config.linux?.icon]) {
      expect(path && existsSync(join(root, path)), path).toBe(true);
    }
    expect(readFileSync(join(root, 'build/entitlements.mac.plist'), 'utf8')).toContain('com.apple.security.cs.allow-jit');
  });

  it('includes the built app and the run-time icons', () => {
    for (const path of [
      'package.json',
      'dist/electron/main/main.js',
      'dist/electron/main/tray.js',
      'dist/desktop/ipc/handlers.js',
      'dist/electron/shared/contract.js',
      'dist/core/totp.js',
      'dist/node-shared/node-hmac.js',
      'dist/preload/preload.cjs',
      'dist/renderer/index.html',
      'dist/renderer/assets/index-abc123.js',
      'dist/renderer/assets/index-abc123.css',
      'build/icons/32x32.png',
      'build/icons/256x256.png',
      'node_modules/@napi-rs/keyring/index.js',
      'node_modules/zod/package.json',
    ]) {
      expect(isIncluded(path), path).toBe(true);
    }
  });

  it('excludes the service, the bank, tests, e2e, bench, sources and the service dependencies', () => {
    for (const path of [
      'service/package.json',
      'service/src/main.ts',
      'service/bank/app.ts',
      'dist/service/src/main.js',
      'dist/service/bank/app.js',
      'dist/harness/bridge.js',
      'dist/preview/bridge.js',
      'dist/electron/preview/preview-host.js',
      'dist/electron/preview/launch-preview.js',
      'dist/desktop/stand-in/private-keychain.js',
      'dist/desktop/stand-in/memory-vault.js',
      'dist/electron/preview/browser/bridge-entry.js',
      'dist/types/e2e/harness/fixtures.d.ts',
      'dist/desktop/ipc/handlers.js.map',
      'dist/desktop/ipc/handlers.d.ts',
      'dist/desktop/ipc/handlers.test.js',
      'dist/electron/tsconfig.tsbuildinfo',
      'e2e/harness/fixtures.ts',
      'bench/renderer.ts',
      'core/totp.ts',
      'core/totp.test.ts',
      'electron/main/main.ts',
      'renderer/src/App.tsx',
      'scripts/test-all.mjs',
      'build/icons/icon.svg',
      'build/electron-builder.yml',
      'docs/screenshot-main.png',
      'reports/vitest.json',
      '.data/demo/service/mamori.db',
      'node_modules/@mamori/service/package.json',
      'node_modules/@mamori/service/src/main.ts',
      'node_modules/better-sqlite3/package.json',
      'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
      'node_modules/fastify/package.json',
      'node_modules/@fastify/cookie/package.json',
    ]) {
      expect(isIncluded(path), path).toBe(false);
    }
  });

  it('over the whole working tree, lets through only dist/{electron,desktop,core,node-shared,preload,renderer}, package.json and the icons', () => {
    const allowed = /^(package\.json$|dist\/(electron|desktop|core|node-shared|renderer)\/|dist\/preload\/preload\.cjs$|build\/icons\/(16x16|32x32|256x256)\.png$)/;
    const seen: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = join(dir, name);
        const rel = relative(root, full).replaceAll('\\', '/');
        // node_modules is packed from the production dependency list, not walked: checked above.
        if (rel === '.git' || rel === 'node_modules' || rel.endsWith('/node_modules')) continue;
        const stat = statSync(full);
        if (stat.isDirectory()) walk(full);
        else if (included(full, stat)) seen.push(rel);
      }
    };
    walk(root);
    expect(seen.filter((path) => !allowed.test(path))).toEqual([]);
    expect(seen).toContain('package.json');
  });

  it('ships icons generated from our SVG: PNG sizes 16..1024, an ICO and an ICNS holding PNGs', () => {
    const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const icons = join(root, 'build/icons');
    expect(readFileSync(join(icons, 'icon.svg'), 'utf8')).toContain('<svg');
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) {
      const png = readFileSync(join(icons, `${size}x${size}.png`));
      expect(png.subarray(0, 8).equals(PNG)).toBe(true);
      expect([png.readUInt32BE(16), png.readUInt32BE(20)], `${size}x${size}.png`).toEqual([size, size]);
    }
    const ico = readFileSync(join(icons, 'icon.ico'));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const sizes: number[] = [];
    for (let i = 0; i < ico.readUInt16LE(4); i++) {
      const entry = 6 + 16 * i;
      const offset = ico.readUInt32LE(entry + 12);
      expect(ico.subarray(offset, offset + 8).equals(PNG)).toBe(true);
      expect(offset + ico.readUInt32LE(entry + 8)).toBeLessThanOrEqual(ico.length);
      sizes.push(ico.readUInt8(entry) || 256);
    }
    expect(sizes).toEqual([16, 24, 32, 48, 64, 128, 256]);
    const icns = readFileSync(join(icons, 'icon.icns'));
    expect(icns.subarray(0, 4).toString('ascii')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const types: string[] = [];
    for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4)) {
      types.push(icns.subarray(at, at + 4).toString('ascii'));
      expect(icns.subarray(at + 8, at + 16).equals(PNG)).toBe(true);
    }
    expect(types.sort()).toEqual(['ic07', 'ic08', 'ic09', 'ic10', 'ic11', 'ic12', 'ic13', 'ic14']);
  });
});
