// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';

import { isWcag21Criterion, REVIEWED, SHORTCOMINGS, STANDARD } from './accessibility';
import { en } from './i18n/en';
import { sv } from './i18n/sv';
import { ACCESSIBILITY_HASH, parseHash } from './router.svelte';

describe('the accessibility statement', () => {
  it('lists each shortcoming once, with words in both languages and only real criteria', () => {
    const ids = SHORTCOMINGS.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(Object.keys(sv.a11yShortcomings).sort()).toEqual([...ids].sort());
    for (const { id, criteria } of SHORTCOMINGS) {
      expect(sv.a11yShortcomings[id].trim(), id).not.toBe('');
      expect(en.a11yShortcomings[id].trim(), id).not.toBe('');
      for (const c of criteria) expect(isWcag21Criterion(c), `${id}: ${c}`).toBe(true);
    }
  });

  it('names what is still unfixed', () => {
    const ids = SHORTCOMINGS.map((s) => s.id);
    expect(ids).toContain('contentLanguageInNames');
    // Fixed, and no longer listed: the overview's charts say how many entries lack a value, and
    // the curator's tables reflow at 320 px.
    expect(ids).not.toContain('chartsMissingValues');
    expect(ids).not.toContain('reflowCuratorTables');
    // Fixed: a search with no hits suggests the nearest words ("Menade du …?"), and a corrected
    // typo says what the hits were found for.
    expect(ids).not.toContain('didYouMean');
    expect(ids).not.toContain('silentCorrection');
  });

  it('states the standard, the law and the date it was last reviewed', () => {
    expect(REVIEWED).toBe('2026-12-03');
    expect(sv.a11yStandard).toContain(`WCAG ${STANDARD.wcag}`);
    expect(sv.a11yStandard).toContain(STANDARD.en);
    expect(en.a11yStandard).toContain(STANDARD.en);
    expect(sv.a11yIntro).toContain(`(${STANDARD.law})`);
    expect(en.a11yIntro).toContain(`(${STANDARD.law})`);
    expect(sv.a11yCriteria(['3.1.2'])).toBe('Bryter mot WCAG 2.1, framgångskriterium 3.1.2.');
    expect(en.a11yCriteria([])).toMatch(/usability/);
    expect(isWcag21Criterion('2.4.3')).toBe(true);
    expect(isWcag21Criterion('2.4.8')).toBe(false); // AAA
  });

  it('has its own address', () => {
    expect(ACCESSIBILITY_HASH).toBe('#/tillganglighet');
    expect(parseHash('#/tillganglighet')).toEqual({ name: 'accessibility' });
    expect(parseHash('#/tillganglighet/')).toEqual({ name: 'accessibility' });
  });
});
