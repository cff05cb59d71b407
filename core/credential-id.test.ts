import { describe, expect, it } from 'vitest';
import { checkCredentialId, generateCredentialId, luhnCheckDigit } from './credential-id.js';

describe('Luhn check digit', () => {
  it('matches the textbook example 7992739871 -> 3', () => {
    expect(luhnCheckDigit('7992739871')).toBe(3);
  });
  it('matches known card-style numbers', () => {
    expect(luhnCheckDigit('1234567')).toBe(4); // 12345674 is Luhn-valid
    expect(luhnCheckDigit('0000000')).toBe(0);
  });
});

describe('credential IDs', () => {
  it('generated IDs are 12 characters and valid', () => {
    let n = 0;
    const counter = (max: number) => n++ % max;
    for (let i = 0; i < 50; i++) {
      const id = generateCredentialId('MAMO', counter);
      expect(id).toMatch(/^MAMO\d{8}$/);
      expect(checkCredentialId(id)).toEqual({ ok: true, id });
    }
  });

  it('MAMO12345674 is valid and forgiving of case, spaces and hyphens', () => {
    expect(checkCredentialId(' mamo 1234-5674 ')).toEqual({ ok: true, id: 'MAMO12345674' });
  });

  it('catches every single-digit typo', () => {
    const id = 'MAMO12345674';
    for (let pos = 4; pos < 12; pos++) {
      for (let d = 0; d <= 9; d++) {
        const typo = id.slice(0, pos) + String(d) + id.slice(pos + 1);
        if (typo === id) continue;
        const result = checkCredentialId(typo);
        expect(result.ok, typo).toBe(false);
        if (!result.ok) expect(result.problem).toBe('check_digit');
      }
    }
  });

  it.each([
    ['', 'empty'],
    ['MAMO1234567', 'length'],
    ['MAMO123456740', 'length'],
    ['MAM012345674', 'prefix'],
    ['MAMOI2345674', 'digits'],
    ['MAMO12345675', 'check_digit'],
  ] as const)('%j is refused as %s', (input, problem) => {
    const result = checkCredentialId(input);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problem).toBe(problem);
      expect(result.message.length).toBeGreaterThan(10);
    }
  });

  it('refuses another issuer’s prefix when one is expected', () => {
    const result = checkCredentialId('VSST12345674', 'MAMO');
    expect(result).toMatchObject({ ok: false, problem: 'prefix' });
  });

  it('refuses a bad prefix when generating', () => {
    expect(() => generateCredentialId('mamo', () => 0)).toThrow(RangeError);
  });
});
