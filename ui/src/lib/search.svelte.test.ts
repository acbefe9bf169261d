import { beforeEach, describe, expect, it, vi } from 'vitest';

import type { SearchResponse } from '../bindings/SearchResponse';
import { vocab } from '../test/fixtures';

const api = vi.hoisted(() => ({ search: vi.fn() }));
vi.mock('./transport', async (original) => ({ ...(await original<typeof import('./transport')>()), ...api }));

import { emptyState } from './query';
import { SearchController } from './search.svelte';

const answer = (total: number): SearchResponse =>
  ({ total, hits: [], facets: { focus_area: {} } }) as unknown as SearchResponse;

/** A controller that searches, as the results page has it, with the query `q` typed. */
function typed(q: string): SearchController {
  const c = new SearchController();
  c.setVocabulary(vocab);
  c.state = { ...emptyState(), q };
  return c;
}

describe('search as you type', () => {
  beforeEach(() => {
    api.search.mockReset();
    api.search.mockResolvedValue(answer(3));
  });

  it('sends the search in the task of the keystroke, not after a timer', async () => {
    vi.useFakeTimers();
    try {
      const c = typed('livsmedel');
      c.schedule();
      expect(c.loading).toBe(true);
      expect(api.search).not.toHaveBeenCalled(); // the keystroke's own code runs first
      await Promise.resolve();
      // With timers frozen: a search waiting for one would not have gone out.
      expect(api.search).toHaveBeenCalledTimes(1);
      expect(api.search.mock.calls[0][0].query).toBe('livsmedel');
    } finally {
      vi.useRealTimers();
    }
  });

  it('makes one search of calls made in one run of code, for the latest words', async () => {
    const c = typed('livs');
    c.schedule();
    c.state = { ...c.state, q: 'livsmedel' };
    c.schedule();
    await vi.waitFor(() => expect(c.total).toBe(3));
    expect(api.search).toHaveBeenCalledTimes(1);
    expect(api.search.mock.calls[0][0].query).toBe('livsmedel');
  });

  it('runs a search typed before the vocabulary came once it comes', async () => {
    const c = new SearchController();
    c.state = { ...emptyState(), q: 'testbädd' };
    c.schedule();
    await Promise.resolve();
    expect(api.search).not.toHaveBeenCalled(); // the request needs the vocabulary
    expect(c.loading).toBe(true);
    c.setVocabulary(vocab);
    await vi.waitFor(() => expect(c.loading).toBe(false));
    expect(c.total).toBe(3);
    expect(api.search).toHaveBeenCalledTimes(1);
    // A later vocabulary (a focus area renamed) runs nothing by itself.
    c.setVocabulary(vocab);
    await Promise.resolve();
    expect(api.search).toHaveBeenCalledTimes(1);
  });

  it('sends nothing for a search cleared before the task ended, nor after forget', async () => {
    const c = typed('livsmedel');
    c.schedule();
    c.state = emptyState();
    c.schedule(); // the box emptied: the start page needs no search
    const d = typed('testbädd');
    d.schedule();
    d.forget();
    await Promise.resolve();
    await Promise.resolve();
    expect(api.search).not.toHaveBeenCalled();
    expect(c.loading).toBe(false);
    expect(d.loading).toBe(false);
  });
});
