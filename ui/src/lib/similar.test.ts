import { describe, expect, it } from 'vitest';

import type { Hit } from '../bindings/Hit';
import { SIMILAR_LIMIT, similarToShow } from './similar';

const hit = (id: string): Hit => ({
  id,
  uid: `uid-${id}`,
  title: id,
  score: 1,
  snippet: '',
  kind: 'exempel',
  status: 'publicerad',
  focus_area: [],
  lan: [],
  municipality: [],
  year: [],
  organisations: [],
  updated_at: '2025-03-12T10:15:00Z',
  reach: 0,
  language: 'sv',
  country: [],
});

describe('"Liknande exempel"', () => {
  const entry = { id: 'sodertalje', uid: 'uid-sodertalje', related: ['uid-b', 'uid-c'] };

  it('keeps the library\'s order, and at most five', () => {
    const hits = ['a', 'd', 'e', 'f', 'g', 'h'].map(hit);
    expect(similarToShow(hits, entry).map((h) => h.id)).toEqual(['a', 'd', 'e', 'f', 'g']);
    expect(SIMILAR_LIMIT).toBe(5);
    expect(similarToShow([], entry)).toEqual([]);
  });

  it('never shows the entry itself, one under its "Se även", or one twice', () => {
    const hits = [hit('sodertalje'), hit('b'), hit('a'), hit('c'), hit('a'), { ...hit('x'), id: 'sodertalje' }];
    expect(similarToShow(hits, entry).map((h) => h.id)).toEqual(['a']);
  });
});
