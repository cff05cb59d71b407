import { describe, expect, it } from 'vitest';
import type { CredentialCard } from '../../electron/shared/contract.js';
import { shownOf, STALE_CODE } from './shown.js';

const STEP_END = Date.UTC(2026, 0, 15, 1, 0, 30);
const card: CredentialCard = {
  credential: { credentialId: 'MAMO12345674', label: 'MAMO12345674', issuer: 'bank', digits: 6, period: 30, source: 'service', createdAt: '2026-01-15T01:00:00.000Z', expiresAt: null },
  code: { code: '111111', nextCode: '222222', stepEndsAt: STEP_END },
};

describe('shownOf', () => {
  it('shows the code with the seconds left, and says it is ending in the last 5 s', () => {
    expect(shownOf(card, STEP_END - 23_000)).toEqual({ code: '111111', left: 23, rolledOver: false, ending: false, missing: false });
    expect(shownOf(card, STEP_END - 4_500)).toEqual({ code: '111111', left: 5, rolledOver: false, ending: true, missing: false });
  });

  it('after the step ends, shows the next code it already has until fresh state arrives', () => {
    expect(shownOf(card, STEP_END)).toEqual({ code: '222222', left: 30, rolledOver: true, ending: false, missing: false });
    expect(shownOf(card, STEP_END + 29_000)).toMatchObject({ code: '222222', left: 1 });
  });

  it('more than a step behind (the PC slept): dashes, never an old code', () => {
    for (const late of [30_000, 95_000, 3_600_000]) {
      const shown = shownOf(card, STEP_END + late);
      expect(shown.code).toBe(STALE_CODE.slice(0, 6));
      expect(shown.code).not.toMatch(/\d/);
    }
    const eight = { ...card, credential: { ...card.credential, digits: 8 as const } };
    expect(shownOf(eight, STEP_END + 95_000).code).toHaveLength(8);
  });

  it('a credential whose secret is missing shows no code and says so', () => {
    const shown = shownOf({ ...card, code: null }, STEP_END - 10_000);
    expect(shown).toMatchObject({ missing: true, ending: false });
    expect(shown.code).not.toMatch(/\d/);
  });
});
