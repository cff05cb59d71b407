import { describe, expect, it } from 'vitest';
import { groupCode, normalizeCode } from './code.js';
import { secondsLeft, stepAt, stepEndsAt } from './step.js';

describe('normalizeCode', () => {
  it.each([
    ['123456', '123456'],
    [' 123456', '123456'],
    ['123456  ', '123456'],
    ['\t000000', '000000'],
    // As the window shows it, and the ways people type that.
    ['092 521', '092521'],
    ['092-521', '092521'],
    ['  092 521  ', '092521'],
    ['０９２ ５２１', '092521'],
    ['０９２\u3000５２１', '092521'],
    ['０９２－５２１', '092521'],
    ['\u3000１２３４５６\u3000', '123456'],
    ['092\u00a0521', '092521'],
    ['092\u2212521', '092521'],
  ])('accepts %j as %s', (input, code) => {
    expect(normalizeCode(input)).toBe(code);
  });
  it.each([
    '12345', '1234567', '12345678', '١٢٣٤٥٦', '12a456', '', '      ', "1' OR 1=1",
    // A separator anywhere but the middle, or more than one.
    '12 3456', '12345 6', '092  521', '092 - 521', '0 92 521', '-092521', '092521-', '092_521', '092.521', '092/521',
  ])('refuses %j', (input) => {
    expect(normalizeCode(input)).toBeNull();
  });
  it.each([123456, null, undefined, ['123456'], { code: '123456' }])('refuses the non-string %j', (input) => {
    expect(normalizeCode(input)).toBeNull();
  });
  it('takes 8 digits when asked, grouped 4 + 4', () => {
    expect(normalizeCode('12345678', 8)).toBe('12345678');
    expect(normalizeCode('1234 5678', 8)).toBe('12345678');
    expect(normalizeCode('123 45678', 8)).toBeNull();
    expect(normalizeCode('123456', 8)).toBeNull();
  });
  it('takes back every code the window shows (groupCode), for 6 and 8 digits', () => {
    for (let n = 0; n < 1_000_000; n += 7_919) {
      const code = String(n).padStart(6, '0');
      expect(normalizeCode(groupCode(code))).toBe(code);
      expect(normalizeCode(groupCode(code + '42'), 8)).toBe(code + '42');
    }
  });
});

describe('steps', () => {
  it('stepAt and stepEndsAt agree at and around a boundary', () => {
    expect(stepAt(59_999, 30)).toBe(1);
    expect(stepAt(60_000, 30)).toBe(2);
    expect(stepEndsAt(59_999, 30)).toBe(60_000);
    expect(stepEndsAt(60_000, 30)).toBe(90_000);
    expect(stepEndsAt(60_000, 60)).toBe(120_000);
  });
  it('secondsLeft counts 30..1, never 0 inside a step', () => {
    expect(secondsLeft(60_000, 90_000)).toBe(30);
    expect(secondsLeft(60_001, 90_000)).toBe(30);
    expect(secondsLeft(89_999, 90_000)).toBe(1);
    expect(secondsLeft(90_000, 90_000)).toBe(0);
  });
  it('groups codes for reading', () => {
    expect(groupCode('082263')).toBe('082 263');
    expect(groupCode('12345678')).toBe('1234 5678');
  });
});
