import { describe, expect, it } from 'vitest';
import { accountLineOf, displayName, hasOwnName, subtitleOf, titleOf, windowName, type NameableWithSource } from './credential-name.js';

const manual = (issuer: string, label: string): NameableWithSource => ({ credentialId: 'manual-0a1b2c3d4e5f', issuer, label, source: 'manual' });
const service = (label: string): NameableWithSource => ({ credentialId: 'MAMO12345674', issuer: 'token.example.jp', label, source: 'service' });

describe('credential names', () => {
  it('displayName: "Issuer (label)", else the label, else the ID; an issuer equal to the label is said once', () => {
    expect(displayName(manual('GitHub', 'alice'))).toBe('GitHub (alice)');
    expect(displayName(manual('', 'alice'))).toBe('alice');
    expect(displayName(manual('GitHub', ''))).toBe('GitHub (manual-0a1b2c3d4e5f)');
    expect(displayName(manual('Bank', 'Bank'))).toBe('Bank');
    expect(displayName(service('MAMO12345674'))).toBe('token.example.jp (MAMO12345674)');
  });

  it('the window names a service credential by its own name or its ID, a link credential by displayName', () => {
    expect(hasOwnName(service('MAMO12345674'))).toBe(false);
    expect(hasOwnName(service('Work bank'))).toBe(true);
    expect(hasOwnName(manual('GitHub', 'alice'))).toBe(false);
    expect(windowName(service('MAMO12345674'))).toBe('MAMO12345674');
    expect(windowName(service('Work bank'))).toBe('Work bank');
    expect(windowName(manual('GitHub', 'alice'))).toBe('GitHub (alice)');
  });

  it('a row shows a title and, under it, what the title leaves out', () => {
    expect([titleOf(manual('GitHub', 'alice')), subtitleOf(manual('GitHub', 'alice'))]).toEqual(['GitHub', 'alice']);
    expect([titleOf(manual('', 'alice')), subtitleOf(manual('', 'alice'))]).toEqual(['alice', '']);
    expect([titleOf(service('MAMO12345674')), subtitleOf(service('MAMO12345674'))]).toEqual(['token.example.jp', 'MAMO12345674']);
    expect([titleOf(service('Work bank')), subtitleOf(service('Work bank'))]).toEqual(['Work bank', 'MAMO12345674']);
    expect(accountLineOf(manual('GitHub', 'alice'))).toBe('GitHub: alice');
    expect(accountLineOf(manual('', 'alice'))).toBe('alice');
  });
});
