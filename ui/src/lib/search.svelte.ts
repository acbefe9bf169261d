// The search the user is making, and its results: search as you type (with no pause), stale
// answers dropped, pages appended, and facet counts that let a user pick more than one value
// of a facet.

import type { Facets } from '../bindings/Facets';
import type { Hit } from '../bindings/Hit';
import type { SearchResponse } from '../bindings/SearchResponse';
import { t } from './i18n';
import {
  emptyState,
  isEmpty,
  stateKey,
  toRequest,
  type SearchState,
} from './query';
import { markAnswered, measureKeystroke } from './perf';
import { search, toApiError } from './transport';
import type { Vocabulary } from './vocabulary';

export const PAGE_SIZE = 20;
const START_LIMIT = 6;

export class SearchController {
  /** What the user has typed and picked. */
  state: SearchState = $state(emptyState());

  /** The results shown, and the search they belong to. */
  hits: Hit[] = $state([]);
  total = $state(0);
  facets: Facets | null = $state(null);
  shownKey: string | null = $state(null);
  shownQuery = $state('');
  /** The query as the hits read it, when a word was mistyped ("Visar träffar för …"). */
  corrected: string | null = $state(null);
  /** With no hits: the nearest words the library has ("Menade du …?"). */
  suggestion: string | null = $state(null);

  loading = $state(false);
  loadingMore = $state(false);
  error: string | null = $state(null);

  /** For the start page: facet counts over everything, and the newest entries. */
  start: SearchResponse | null = $state(null);
  startError: string | null = $state(null);

  private vocab: Vocabulary | null = null;
  private seq = 0;
  /** Whether a search is queued for the end of the current task (see `schedule`). */
  private queued = false;
  /** The keystroke (perf.ts) whose results the next run brings, if a keystroke started it. */
  private keystroke: number | null = null;

  setVocabulary(vocab: Vocabulary) {
    const first = this.vocab === null;
    this.vocab = vocab;
    // Loading with no vocabulary is a search asked for at the start that could not be sent
    // (`run`): it runs now. One cleared meanwhile stopped the loading.
    if (first && this.loading) void this.run();
  }

  /**
   * Forgets the search and every answer shown (a logout, another account logging in): the
   * next user sees only what they may, asked afresh.
   */
  forget() {
    this.queued = false;
    this.seq += 1; // whatever is on its way is for the one before
    this.keystroke = null;
    this.state = emptyState();
    this.hits = [];
    this.total = 0;
    this.facets = null;
    this.shownKey = null;
    this.shownQuery = '';
    this.corrected = null;
    this.suggestion = null;
    this.loading = false;
    this.loadingMore = false;
    this.error = null;
    this.start = null;
    this.startError = null;
  }

  /** The key of what the user asked for now. */
  get key(): string {
    return stateKey(this.state);
  }

  /**
   * Takes a search from the address (back, forward, a reload, a link). The same search as the
   * one under way or shown is left alone, so coming back to the results costs nothing.
   */
  load(state: SearchState) {
    if (stateKey(state) !== this.key) this.apply(state);
  }

  /** Makes `state` the search, and runs it at once (the start page needs no search). */
  apply(state: SearchState) {
    this.state = state;
    this.keystroke = null;
    this.queued = false;
    if (isEmpty(state) && state.sort === 'relevance') {
      this.seq += 1;
      this.loading = false;
    } else {
      void this.run();
    }
  }

  /**
   * After a keystroke (its number from perf.ts): search once the code that handles the
   * keystroke is done, in the same task. No pause: a search takes milliseconds and stale
   * answers are dropped, so waiting only delays the results. Not a timer either: WebKit may
   * paint the typed character before a timer's task, and the search would wait for that
   * paint instead of running beside it (keystroke to painted results, perf.ts). Calls made
   * in one run of code, before it returns, make one search.
   */
  schedule(keystroke: number | null = null) {
    this.seq += 1; // whatever is on its way is stale now
    this.keystroke = keystroke;
    if (isEmpty(this.state) && this.state.sort === 'relevance') {
      this.queued = false;
      this.keystroke = null;
      this.loading = false;
      return;
    }
    this.loading = true;
    if (this.queued) return;
    this.queued = true;
    queueMicrotask(() => {
      if (!this.queued) return; // cancelled, or run already
      void this.run();
    });
  }

  /** Searches now, for the first page; earlier answers still on their way are dropped. */
  async run() {
    this.queued = false;
    const vocab = this.vocab;
    if (vocab === null) {
      this.loading = true; // until the vocabulary comes (`setVocabulary`)
      return;
    }
    const my = ++this.seq;
    const keystroke = this.keystroke;
    this.keystroke = null;
    const state = $state.snapshot(this.state);
    const key = stateKey(state);
    this.loading = true;
    try {
      // One call per search: the library counts each facet with values picked as if none of
      // them were, so the other values stay visible to add.
      const main = await search(toRequest(state, vocab, { limit: PAGE_SIZE }));
      if (keystroke !== null) markAnswered(keystroke);
      if (my !== this.seq) return;
      const facets: Facets = main.facets;
      this.hits = main.hits;
      this.total = main.total;
      this.facets = facets;
      this.shownKey = key;
      this.shownQuery = state.q.trim();
      this.corrected = main.corrected ?? null;
      this.suggestion = main.suggestion ?? null;
      this.error = null;
      this.loading = false;
      if (keystroke !== null) void measureKeystroke(keystroke);
    } catch (err) {
      if (my !== this.seq) return;
      this.error = toApiError(err).message;
      this.loading = false;
    }
  }

  /** The next page of the results shown. */
  async more() {
    const vocab = this.vocab;
    if (vocab === null || this.shownKey !== this.key || this.loadingMore) return;
    const my = this.seq;
    const state = $state.snapshot(this.state);
    this.loadingMore = true;
    try {
      const page = await search(toRequest(state, vocab, { limit: PAGE_SIZE, offset: this.hits.length }));
      if (my !== this.seq) return;
      const seen = new Set(this.hits.map((h) => h.uid));
      this.hits = [...this.hits, ...page.hits.filter((h) => !seen.has(h.uid))];
      this.total = page.total;
      this.error = null;
    } catch (err) {
      if (my === this.seq) this.error = toApiError(err).message;
    } finally {
      this.loadingMore = false;
    }
  }

  /** Counts by focus area over everything, and the most recently updated entries. */
  async loadStart() {
    const vocab = this.vocab;
    if (vocab === null) return;
    try {
      const request = toRequest({ ...emptyState(), sort: 'newest' }, vocab, { limit: START_LIMIT });
      this.start = await search(request);
      this.startError = null;
    } catch (err) {
      this.startError = toApiError(err, t.errorUnknown).message;
    }
  }
}

export const controller = new SearchController();
