import { describe, expect, it } from 'vitest';
import { mamoriDataDir } from './paths.js';

describe('mamoriDataDir', () => {
  it('follows each platform’s convention and honours MAMORI_HOME and XDG_CONFIG_HOME', () => {
    expect(mamoriDataDir({}, 'linux', '/home/u')).toBe('/home/u/.config/Mamori');
    expect(mamoriDataDir({ XDG_CONFIG_HOME: '/x' }, 'linux', '/home/u')).toBe('/x/Mamori');
    expect(mamoriDataDir({}, 'darwin', '/Users/u')).toBe('/Users/u/Library/Application Support/Mamori');
    expect(mamoriDataDir({ APPDATA: 'C:/Users/u/AppData/Roaming' }, 'win32', 'C:/Users/u')).toBe('C:/Users/u/AppData/Roaming/Mamori');
    expect(mamoriDataDir({ MAMORI_HOME: '/tmp/m', XDG_CONFIG_HOME: '/x' }, 'linux', '/home/u')).toBe('/tmp/m');
  });
});
