// The user's lists ("Mina listor") and saved searches: the rules the views share, kept free of
// state so they can be tested on their own. The state is in collections.svelte.ts.

import type { EntryList } from '../bindings/EntryList';
import type { SavedSearch } from '../bindings/SavedSearch';
import { compareSv } from './collate';
import { t } from './i18n';
import type { SearchState } from './query';
import type { Vocabulary } from './vocabulary';

/** The longest name the library takes for a list or a saved search, in characters. */
export const MAX_NAME_CHARS = 120;

/** A name as the library will store it (trimmed, NFC), or null when there is none. */
export function cleanName(name: string): string | null {
  const clean = name.normalize('NFC').trim();
  return clean === '' ? null : clean;
}

/** Whether two names are the same to the library (it compares them as stored). */
export function sameName(a: string, b: string): boolean {
  return cleanName(a) === cleanName(b);
}

const byName = <T extends { name: string }>(a: T, b: T) => compareSv(a.name, b.name);

/** `items` with `item` in place of the one with its id (or added), in Swedish name order. */
export function upsert<T extends { id: number; name: string }>(items: readonly T[], item: T): T[] {
  return [...items.filter((i) => i.id !== item.id), item].sort(byName);
}

/** `items` without the one with `id`. */
export function without<T extends { id: number }>(items: readonly T[], id: number): T[] {
  return items.filter((i) => i.id !== id);
}

/** A saved search in place of the one with its id or its name (saving under a name replaces). */
export function upsertSaved(items: readonly SavedSearch[], item: SavedSearch): SavedSearch[] {
  return [...items.filter((i) => i.id !== item.id && !sameName(i.name, item.name)), item].sort(byName);
}

/** The lists that hold the entry with `uid`. */
export function listsHolding(lists: readonly EntryList[], uid: string): EntryList[] {
  return lists.filter((l) => l.entries.includes(uid));
}

/** Every uid in the lists, each once, in the order the lists show them. */
export function uidsInLists(lists: readonly EntryList[]): string[] {
  return [...new Set(lists.flatMap((l) => l.entries))];
}

/** The filters of a search in words, in the order its chips show them. */
function filterLabels(s: SearchState, vocab: Vocabulary): string[] {
  const out = [
    ...s.focus.map((v) => vocab.focusName(v)),
    ...s.kind.map((v) => vocab.kindLabel(v)),
    ...s.stage.map((v) => vocab.stageLabel(v)),
    ...s.lan.map((v) => vocab.countyName(v)),
    ...s.country.map((v) => vocab.countryName(v)),
    ...s.language.map((v) => vocab.languageLabel(v)),
  ];
  if (s.yearFrom !== undefined || s.yearTo !== undefined) out.push(t.yearRange(s.yearFrom, s.yearTo));
  return out;
}

/** A name to offer for saving a search: the words typed, else its filters, else a default. */
export function suggestName(s: SearchState, vocab: Vocabulary): string {
  const words = s.q.trim().replace(/\s+/g, ' ');
  const name = words !== '' ? words : filterLabels(s, vocab).join(', ');
  if (name === '') return t.savedSearchDefaultName;
  return [...name].length > MAX_NAME_CHARS ? [...name].slice(0, MAX_NAME_CHARS - 1).join('') + '…' : name;
}

/** What a saved search looks for, in one line: "”livsmedel” · Exempel · Stockholms län". */
export function describeSearch(s: SearchState, vocab: Vocabulary): string {
  const words = s.q.trim();
  const parts = [...(words !== '' ? [t.quoted(words)] : []), ...filterLabels(s, vocab)];
  if (s.sort === 'newest') parts.push(t.sortNewest);
  return parts.length > 0 ? parts.join(' · ') : t.savedSearchEverything;
}

/**
 * Runs `task` on every item, at most `limit` at a time, and settles like Promise.allSettled
 * (in the order of `items`).
 */
export async function settleAll<T, R>(
  items: readonly T[],
  task: (item: T) => Promise<R>,
  limit = 6,
): Promise<PromiseSettledResult<R>[]> {
  const results: PromiseSettledResult<R>[] = new Array<PromiseSettledResult<R>>(items.length);
  let next = 0;
  async function worker() {
    while (next < items.length) {
      const i = next;
      next += 1;
      try {
        results[i] = { status: 'fulfilled', value: await task(items[i] as T) };
      } catch (reason) {
        results[i] = { status: 'rejected', reason };
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, () => worker()));
  return results;
}
