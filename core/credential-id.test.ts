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

  // Every adjacent swap of two different digits, in 20,000 IDs (140,000 positions, the check digit
  // included). Luhn's doubling maps 0 and 9 to the same weight difference, so swapping 0 and 9 is
  // the one swap it cannot see; every other is caught. For uniformly random digits that is 88 of
  // the 90 ordered pairs of different digits: 97.8% of such swaps caught (measured here: the
  // same, to the first decimal).
  it('catches every adjacent swap except 0<->9: 97.8% of swaps of two different digits', () => {
    let seed = 0x2545f491;
    const randomInt = (max: number) => {
      seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
      return (seed >>> 8) % max;
    };
    let swaps = 0;
    let caught = 0;
    for (let n = 0; n < 20_000; n++) {
      const id = generateCredentialId('MAMO', randomInt);
      for (let pos = 4; pos < 11; pos++) {
        const a = id[pos]!;
        const b = id[pos + 1]!;
        if (a === b) continue;
        swaps++;
        const swapped = id.slice(0, pos) + b + a + id.slice(pos + 2);
        const refused = !checkCredentialId(swapped).ok;
        if (refused) caught++;
        expect(refused, `${id} -> ${swapped}`).toBe(!(a + b === '09' || a + b === '90'));
      }
    }
    expect(swaps).toBeGreaterThan(120_000);
    expect(caught / swaps).toBeCloseTo(88 / 90, 2);
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
