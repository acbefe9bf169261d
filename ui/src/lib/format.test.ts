import { describe, expect, it } from 'vitest';

import { formatCount, formatDate, formatYears, paragraphs } from './format';

describe('formatting', () => {
  it('writes dates in Swedish by default, and in English when asked', () => {
    expect(formatDate('2025-03-12T10:15:00Z')).toBe('12 mars 2025');
    expect(formatDate('2025-03-12T10:15:00Z', 'en-GB')).toBe('12 March 2025');
    expect(formatDate('')).toBe('');
    expect(formatDate('inte ett datum')).toBe('');
  });

  it('groups thousands the Swedish way', () => {
    expect(formatCount(1234567).replace(/\s/g, ' ')).toBe('1 234 567');
    expect(formatCount(1234, 'en-GB')).toBe('1,234');
  });

  it('writes years as runs', () => {
    expect(formatYears([2023, 2018, 2019, 2020, 2019])).toBe('2018–2020, 2023');
    expect(formatYears([2024])).toBe('2024');
    expect(formatYears([])).toBe('');
  });

  it('splits text into paragraphs on blank lines', () => {
    expect(paragraphs('ett\r\n\r\ntvå\nfortfarande två\n \n\n')).toEqual(['ett', 'två\nfortfarande två']);
  });
});
