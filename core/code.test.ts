import { describe, expect, it } from 'vitest';
import { groupCode, normalizeCode } from './code.js';
import { secondsLeft, stepAt, stepEndsAt } from './step.js';

describe('normalizeCode', () => {
  it.each(['123456', ' 123456', '123456  ', '\t000000'])('accepts %j', (input) => {
    expect(normalizeCode(input)).toBe(input.trim());
  });
  it.each([
    '12345', '1234567', '12345678', '１２３４５６', '١٢٣٤٥٦', '12a456', '123 456', '', '      ', "1' OR 1=1",
  ])('refuses %j', (input) => {
    expect(normalizeCode(input)).toBeNull();
  });
  it.each([123456, null, undefined, ['123456'], { code: '123456' }])('refuses the non-string %j', (input) => {
    expect(normalizeCode(input)).toBeNull();
  });
  it('takes 8 digits when asked', () => {
    expect(normalizeCode('12345678', 8)).toBe('12345678');
    expect(normalizeCode('123456', 8)).toBeNull();
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
