import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_KEYCHAIN_SERVICE, DEFAULT_SERVICE_URL, DESKTOP_VARIABLES, readDesktopConfig, VIP_PROVISIONING_URL } from './config.js';

const linux = { platform: 'linux', home: '/home/u' } as const;

describe('the desktop configuration', () => {
  it('has a default for everything', () => {
    expect(readDesktopConfig({}, linux)).toEqual({
      serviceUrl: DEFAULT_SERVICE_URL,
      vipUrl: VIP_PROVISIONING_URL,
      keychainService: DEFAULT_KEYCHAIN_SERVICE,
      dataDir: '/home/u/.config/Mamori',
      configHome: '/home/u/.config',
      appImage: undefined,
    });
  });

  it('takes what is set', () => {
    const config = readDesktopConfig(
      {
        MAMORI_SERVICE_URL: 'https://token.example.jp',
        MAMORI_VIP_URL: 'http://127.0.0.1:9999/prov',
        MAMORI_KEYCHAIN_SERVICE: 'Mamori-test',
        MAMORI_HOME: '/tmp/m',
        XDG_CONFIG_HOME: '/x',
        APPIMAGE: '/opt/Mamori.AppImage',
      },
      linux,
    );
    expect(config).toEqual({
      serviceUrl: 'https://token.example.jp',
      vipUrl: 'http://127.0.0.1:9999/prov',
      keychainService: 'Mamori-test',
      dataDir: '/tmp/m',
      configHome: '/x',
      appImage: '/opt/Mamori.AppImage',
    });
  });

  it('reads an empty MAMORI_SERVICE_URL as "no token service", and any other empty variable as unset', () => {
    const empty = Object.fromEntries(Object.keys(DESKTOP_VARIABLES).map((name) => [name, '']));
    expect(readDesktopConfig(empty, linux)).toEqual({ ...readDesktopConfig({}, linux), serviceUrl: '' });
    expect(readDesktopConfig({ MAMORI_SERVICE_URL: '  ' }, linux).serviceUrl).toBe('');
  });

  it('looks at the declared variables and at nothing else in the environment', () => {
    const looked: string[] = [];
    const environment = new Proxy<Record<string, string | undefined>>(
      { HOME: '/elsewhere', PATH: '/bin' },
      {
        get(target, name) {
          if (typeof name === 'string') looked.push(name);
          return typeof name === 'string' ? target[name] : undefined;
        },
      },
    );
    readDesktopConfig(environment, linux);
    expect(looked.sort()).toEqual(Object.keys(DESKTOP_VARIABLES).sort());
  });

  it('is the table of docs/desktop-app.md, variable by variable', () => {
    const doc = readFileSync(new URL('../docs/desktop-app.md', import.meta.url), 'utf8');
    const section = doc.split(/^## /m).find((part) => part.startsWith('Configuration\n'));
    expect(section, 'docs/desktop-app.md has a "## Configuration" section').toBeDefined();
    const rows = section!
      .split('\n')
      .filter((line) => line.startsWith('|'))
      .slice(2) // the header and its separator
      .map((line) => line.slice(1, -1).split('|').map((cell) => cell.trim().replaceAll('`', '')));
    const declared = Object.entries(DESKTOP_VARIABLES).map(([name, variable]) => [name, variable.default, variable.meaning]);
    expect(rows).toEqual(declared);
  });
});
