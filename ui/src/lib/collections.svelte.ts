// The user's lists ("Mina listor") and saved searches, as reactive state shared by the entry
// page, the results, the start page and the lists page. Only a caller whose access allows
// writing has them (the desktop app, `serve --write`, an account of a team library from
// skribent up); a reader's `serve` or a läsare has none: `available` stays false and nothing
// here ever calls the backend.

import type { EntryList } from '../bindings/EntryList';
import type { LibraryInfo } from '../bindings/LibraryInfo';
import type { SavedSearch } from '../bindings/SavedSearch';
import type { SearchRequest } from '../bindings/SearchRequest';
import { atLeast, infoAccess } from './access';
import { settleAll, upsert, upsertSaved, without } from './collections';
import { t } from './i18n';
import {
  addToList,
  type ApiError,
  createList,
  deleteList,
  deleteSavedSearch,
  getEntry,
  lists,
  removeFromList,
  renameList,
  saveSearch,
  savedSearches,
  toApiError,
} from './transport';

/** What the lists page shows for an entry in a list. */
export type EntryTitle =
  | { state: 'found'; id: string; title: string }
  /** No longer in the library (deleted since it was added). */
  | { state: 'missing' }
  | { state: 'error'; message: string };

export class Collections {
  /** Whether this library keeps lists and saved searches (false until library_info says so). */
  available = $state(false);
  /** Whether library_info has answered (or failed to). */
  known = $state(false);

  lists: EntryList[] = $state([]);
  saved: SavedSearch[] = $state([]);
  loaded = $state(false);
  loadError: string | null = $state(null);

  /** Titles of the entries in the lists, by uid. */
  titles: Record<string, EntryTitle> = $state({});
  private asking = new Set<string>();

  /** Takes what library_info said (null: it failed, so nothing is offered). */
  setInfo(info: LibraryInfo | null) {
    this.known = true;
    this.available = atLeast(infoAccess(info), 'write');
    if (this.available) {
      void this.load();
    } else {
      this.lists = [];
      this.saved = [];
      this.titles = {};
      this.loaded = false;
    }
  }

  private guard() {
    if (!this.available) throw { code: 'library', message: t.listsUnavailable } satisfies ApiError;
  }

  /** Fetches the lists and the saved searches. */
  async load() {
    if (!this.available) return;
    try {
      const [l, s] = await Promise.all([lists(), savedSearches()]);
      this.lists = l;
      this.saved = s;
      this.loadError = null;
    } catch (err) {
      this.loadError = toApiError(err).message;
    } finally {
      this.loaded = true;
    }
  }

  /** Runs a change on the backend; any failure is thrown as an `ApiError`. */
  private async change<T>(op: () => Promise<T>): Promise<T> {
    this.guard();
    try {
      return await op();
    } catch (err) {
      throw toApiError(err);
    }
  }

  async createList(name: string): Promise<EntryList> {
    const list = await this.change(() => createList(name));
    this.lists = upsert(this.lists, list);
    return list;
  }

  async renameList(id: number, name: string): Promise<EntryList> {
    const list = await this.change(() => renameList(id, name));
    this.lists = upsert(this.lists, list);
    return list;
  }

  async deleteList(id: number): Promise<void> {
    await this.change(() => deleteList(id));
    this.lists = without(this.lists, id);
  }

  /** Adds an entry (id or uid) to a list. */
  async add(listId: number, entry: string): Promise<EntryList> {
    const list = await this.change(() => addToList(listId, entry));
    this.lists = upsert(this.lists, list);
    return list;
  }

  async remove(listId: number, uid: string): Promise<EntryList> {
    const list = await this.change(() => removeFromList(listId, uid));
    this.lists = upsert(this.lists, list);
    return list;
  }

  async saveSearch(name: string, request: SearchRequest): Promise<SavedSearch> {
    const saved = await this.change(() => saveSearch(name, request));
    this.saved = upsertSaved(this.saved, saved);
    return saved;
  }

  async deleteSaved(id: number): Promise<void> {
    await this.change(() => deleteSavedSearch(id));
    this.saved = without(this.saved, id);
  }

  /** An entry the app has in hand: its title need not be fetched. */
  noteEntry(entry: { uid: string; id: string; title: string }) {
    this.titles[entry.uid] = { state: 'found', id: entry.id, title: entry.title };
  }

  /**
   * Fetches the titles of entries in lists: those not known yet, or all of `uids` when `fresh`.
   * An entry that is no longer in the library becomes `missing`; nothing here throws.
   */
  async loadTitles(uids: readonly string[], fresh = false) {
    if (!this.available) return;
    const wanted = uids.filter((u) => !this.asking.has(u) && (fresh || this.titles[u] === undefined));
    if (wanted.length === 0) return;
    for (const u of wanted) this.asking.add(u);
    const results = await settleAll(wanted, (uid) => getEntry(uid));
    results.forEach((r, i) => {
      const uid = wanted[i] as string;
      this.asking.delete(uid);
      if (r.status === 'fulfilled') {
        this.titles[uid] = { state: 'found', id: r.value.id, title: r.value.title };
      } else {
        const error = toApiError(r.reason);
        this.titles[uid] =
          error.code === 'not_found' ? { state: 'missing' } : { state: 'error', message: error.message };
      }
    });
  }
}

export const collections = new Collections();
