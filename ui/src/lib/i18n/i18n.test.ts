import { describe, expect, it } from 'vitest';

import { en } from './en';
import { catalogue, language, locale, setLanguage, t } from './index';
import { sv } from './sv';

/** Every key path of a catalogue, nested objects included. */
function keys(value: object, prefix = ''): string[] {
  return Object.entries(value).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

describe('language catalogues', () => {
  it('have the same keys, of the same kinds', () => {
    expect(keys(en).sort()).toEqual(keys(sv).sort());
    for (const key of Object.keys(sv) as (keyof typeof sv)[]) {
      expect(typeof en[key], key).toBe(typeof sv[key]);
    }
  });

  it('have no empty strings', () => {
    for (const c of [sv, en]) {
      for (const [key, value] of Object.entries(c)) {
        if (typeof value === 'string') expect(value.trim(), key).not.toBe('');
      }
    }
  });

  it('name the language toggle by its visible text first, then by what it does (WCAG 2.5.3)', () => {
    // The toggle shows `otherLanguage` and is named `switchLanguage` (App.svelte): a name that
    // does not begin with what one sees fails those who speak the button's text to press it.
    for (const c of [sv, en]) {
      expect(c.switchLanguage.startsWith(c.otherLanguage), c.switchLanguage).toBe(true);
      expect(c.switchLanguage.length).toBeGreaterThan(c.otherLanguage.length);
    }
    expect(sv.switchLanguage).toMatch(/engelska/);
    expect(en.switchLanguage).toMatch(/Swedish/);
  });

  it('speak Swedish by default and English when asked', () => {
    expect(language()).toBe('sv');
    expect(t.searchButton).toBe('Sök');
    expect(locale()).toBe('sv-SE');
    setLanguage('en');
    expect(t.searchButton).toBe('Search');
    expect(t.hitCount(2)).toBe('2 hits');
    expect(locale()).toBe('en-GB');
    setLanguage('sv');
    expect(t.hitCount(1)).toBe('1 träff');
    expect(catalogue('en').otherLanguage).toBe('Svenska');
  });

  it('title the results page with its query, and the missing entry plainly', () => {
    expect(sv.pageTitle(sv.resultsTitle('livsmedel'))).toBe('Sökresultat för ”livsmedel” – Exempelbanken');
    expect(sv.pageTitle(sv.resultsTitle(''))).toBe('Sökresultat – Exempelbanken');
    expect(en.pageTitle(en.resultsTitle('food'))).toBe('Search results for “food” – Exempelbanken');
    expect(en.resultsTitle('')).toBe('Search results');
    expect(sv.pageTitle(sv.entryMissingHeading)).toBe('Posten finns inte – Exempelbanken');
    expect(en.entryMissingHeading).toBe('The entry does not exist');
    expect(sv.sortedBy(sv.sortNewest)).toBe('Sorterat: senast uppdaterad.');
    expect(en.sortedBy(en.sortRelevance)).toBe('Sorted: most relevant.');
  });
});
