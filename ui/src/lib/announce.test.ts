import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { ANNOUNCE_DELAY_MS, resultsAnnouncement, resultsAnnouncer } from './announce';
import { sv } from './i18n/sv';

const shown = (count: string, sort: 'relevance' | 'newest' = 'relevance') => ({
  count,
  sort,
  sortLabel: sort === 'newest' ? sv.sortNewest : sv.sortRelevance,
});

describe('resultsAnnouncement', () => {
  it('is the count, after the new order when the order changed', () => {
    expect(resultsAnnouncement(shown('4 träffar'), 'relevance', sv.sortedBy)).toBe('4 träffar');
    expect(resultsAnnouncement(shown('4 träffar', 'newest'), 'relevance', sv.sortedBy)).toBe(
      'Sorterat: senast uppdaterad. 4 träffar',
    );
  });
});

describe('resultsAnnouncer', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('says the count once typing pauses, not at every keystroke', () => {
    const said: string[] = [];
    const a = resultsAnnouncer((text) => said.push(text), sv.sortedBy);
    a.update(shown(sv.hitCountFor(13, 'l')));
    vi.advanceTimersByTime(200);
    a.update(shown(sv.hitCountFor(4, 'li')));
    vi.advanceTimersByTime(200);
    a.update(shown(sv.hitCountFor(2, 'liv')));
    vi.advanceTimersByTime(ANNOUNCE_DELAY_MS - 1);
    expect(said).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(said).toEqual(['2 träffar för ”liv”']);
  });

  it('says a change of sort order, once, and nothing when nothing changed', () => {
    const said: string[] = [];
    const a = resultsAnnouncer((text) => said.push(text), sv.sortedBy);
    a.update(shown('6 träffar'));
    vi.advanceTimersByTime(ANNOUNCE_DELAY_MS);
    a.update(shown('6 träffar', 'newest'));
    vi.advanceTimersByTime(ANNOUNCE_DELAY_MS);
    a.update(shown('6 träffar', 'newest'));
    vi.advanceTimersByTime(ANNOUNCE_DELAY_MS);
    a.update(shown('6 träffar'));
    vi.advanceTimersByTime(ANNOUNCE_DELAY_MS);
    expect(said).toEqual([
      '6 träffar',
      'Sorterat: senast uppdaterad. 6 träffar',
      'Sorterat: mest relevant. 6 träffar',
    ]);
  });

  it('says a page opened sorted by date so, and nothing after cancel', () => {
    const said: string[] = [];
    const a = resultsAnnouncer((text) => said.push(text), sv.sortedBy);
    a.update(shown('13 träffar', 'newest'));
    vi.advanceTimersByTime(ANNOUNCE_DELAY_MS);
    expect(said).toEqual(['Sorterat: senast uppdaterad. 13 träffar']);
    a.update(shown('12 träffar', 'newest'));
    a.cancel();
    vi.advanceTimersByTime(ANNOUNCE_DELAY_MS * 2);
    expect(said).toHaveLength(1);
  });
});
