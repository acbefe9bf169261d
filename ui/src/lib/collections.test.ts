import { describe, expect, it } from 'vitest';

import type { EntryList } from '../bindings/EntryList';
import type { SavedSearch } from '../bindings/SavedSearch';
import { vocab } from '../test/fixtures';
import {
  cleanName,
  describeSearch,
  listsHolding,
  MAX_NAME_CHARS,
  sameName,
  settleAll,
  suggestName,
  uidsInLists,
  upsert,
  upsertSaved,
  without,
} from './collections';
import { setLanguage } from './i18n';
import { emptyState, toRequest } from './query';

const list = (id: number, name: string, entries: string[] = []): EntryList => ({ id, name, entries });
const saved = (id: number, name: string): SavedSearch => ({
  id,
  name,
  request: toRequest(emptyState(), vocab, { limit: 20 }),
});

describe('names of lists and saved searches', () => {
  it('are trimmed and NFC, and an empty one is none', () => {
    expect(cleanName('  Att läsa  ')).toBe('Att läsa');
    expect(cleanName('Ma\u0308ltider')).toBe('Måltider'.replace('å', 'ä'));
    expect(cleanName('   ')).toBeNull();
    expect(sameName(' Skola', 'Skola ')).toBe(true);
    expect(sameName('Skola', 'skola')).toBe(false);
  });
});

describe('lists in memory', () => {
  it('keep Swedish name order when one is added or renamed', () => {
    let lists = [list(1, 'Zon'), list(2, 'Arbete')];
    lists = upsert(lists, list(3, 'Öppna data'));
    lists = upsert(lists, list(4, 'Ängar'));
    expect(lists.map((l) => l.name)).toEqual(['Arbete', 'Zon', 'Ängar', 'Öppna data']);
    lists = upsert(lists, list(1, 'Återbruk'));
    expect(lists.map((l) => l.id)).toEqual([2, 1, 4, 3]);
    expect(without(lists, 4).map((l) => l.id)).toEqual([2, 1, 3]);
  });

  it('tell which lists hold an entry, and every uid once', () => {
    const lists = [list(1, 'A', ['u1', 'u2']), list(2, 'B', ['u2', 'u3']), list(3, 'C')];
    expect(listsHolding(lists, 'u2').map((l) => l.id)).toEqual([1, 2]);
    expect(listsHolding(lists, 'u9')).toEqual([]);
    expect(uidsInLists(lists)).toEqual(['u1', 'u2', 'u3']);
  });

  it('replace a saved search of the same name, as saving does', () => {
    let all = [saved(1, 'Skola'), saved(2, 'Äldre')];
    all = upsertSaved(all, saved(7, 'Skola')); // saved again under its name
    expect(all.map((s) => s.id)).toEqual([7, 2]);
    all = upsertSaved(all, saved(2, 'Barn'));
    expect(all.map((s) => s.name)).toEqual(['Barn', 'Skola']);
  });
});

describe('a name for a search', () => {
  it('is the words typed, else the filters, else a default', () => {
    expect(suggestName({ ...emptyState(), q: '  matsvinn   i skolan ' }, vocab)).toBe('matsvinn i skolan');
    expect(
      suggestName({ ...emptyState(), focus: ['digitalisering'], lan: ['01'], yearFrom: 2020 }, vocab),
    ).toBe('Digitalisering, Stockholms län, År från 2020');
    expect(suggestName({ ...emptyState(), sort: 'newest' }, vocab)).toBe('Min sökning');
    expect(suggestName({ ...emptyState(), country: ['FI'], language: ['en'] }, vocab)).toBe('Finland, Engelska');
  });

  it('is never longer than the library takes', () => {
    const name = suggestName({ ...emptyState(), q: 'å'.repeat(300) }, vocab);
    expect([...name].length).toBe(MAX_NAME_CHARS);
    expect(name.endsWith('…')).toBe(true);
  });

  it('is described in one line, in the language in use', () => {
    const s = { ...emptyState(), q: 'app', kind: ['exempel'], stage: ['pilot'], sort: 'newest' as const };
    expect(describeSearch(s, vocab)).toBe('”app” · Exempel · Test/pilot · Senast uppdaterad');
    expect(describeSearch(emptyState(), vocab)).toBe('Alla poster');
    setLanguage('en');
    expect(describeSearch({ ...emptyState(), q: 'app' }, vocab)).toBe('“app”');
    setLanguage('sv');
  });
});

describe('settleAll', () => {
  it('runs at most `limit` at a time and keeps the order of the items', async () => {
    let running = 0;
    let most = 0;
    const results = await settleAll(
      [1, 2, 3, 4, 5, 6, 7],
      async (n) => {
        running += 1;
        most = Math.max(most, running);
        await new Promise((ok) => setTimeout(ok, 8 - n));
        running -= 1;
        if (n === 4) throw new Error('four');
        return n * 10;
      },
      3,
    );
    expect(most).toBe(3);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : 'x'))).toEqual([10, 20, 30, 'x', 50, 60, 70]);
    expect(await settleAll([], async () => 1)).toEqual([]);
  });
});
