// The search the user has asked for, as it lives in the address (`#/sok?q=...&fokus=...`) and
// as it is sent to the backend. The address form is what makes back and forward, reloads and
// "Tillbaka till sökresultaten" restore a search exactly.

import type { SearchRequest } from '../bindings/SearchRequest';
import type { SortOrder } from '../bindings/SortOrder';
import type { Vocabulary } from './vocabulary';

/** The facets that are filtered by picking values (the year is a range). */
export type Dimension = 'focus' | 'lan' | 'kind' | 'stage' | 'spread' | 'language' | 'country';
export const DIMENSIONS: readonly Dimension[] = ['focus', 'lan', 'kind', 'stage', 'spread', 'language', 'country'];

export type SearchState = {
  q: string;
  focus: string[];
  lan: string[];
  kind: string[];
  stage: string[];
  /** "Spridd till": counties where the entries have been taken up. */
  spread: string[];
  /** The languages the entries are written in (`sprak=sv`, `en`, ...). */
  language: string[];
  /** Countries of the entries' places by ISO code (`land=FI`; `SE`: a Swedish place). */
  country: string[];
  yearFrom?: number;
  yearTo?: number;
  sort: SortOrder;
  /** Drafts, entries in review and archived ones too (curators only; `alla=1`). */
  all?: boolean;
  /**
   * The sources entries came from: subscriptions (or bundle signers) by name (`kalla=`; "Visa
   * exemplen" on the Prenumerationer page). Absent when none is picked.
   */
  source?: string[];
  /**
   * Municipalities by SCB code: entries from there (`kommun=`), or taken up there
   * (`spridd_kommun=`); a click on Översikt's map. Absent when none is picked.
   */
  municipality?: string[];
  spreadMunicipality?: string[];
};

/** The filters that are not facets of the panel: by parameter name, as optional lists. */
const EXTRA: readonly { key: 'source' | 'municipality' | 'spreadMunicipality'; param: string }[] = [
  { key: 'source', param: 'kalla' },
  { key: 'municipality', param: 'kommun' },
  { key: 'spreadMunicipality', param: 'spridd_kommun' },
];

const extraCount = (s: SearchState) => EXTRA.reduce((n, { key }) => n + (s[key]?.length ?? 0), 0);

/** Parameter names in the address, in Swedish like the rest of it. */
const PARAM: Record<Dimension, string> = {
  focus: 'fokus',
  lan: 'lan',
  kind: 'typ',
  stage: 'skede',
  spread: 'spridd',
  language: 'sprak',
  country: 'land',
};

/** The sort orders in the address (`sortera=`); relevance is the default and not written. */
const SORT_PARAM: Record<SortOrder, string | null> = { relevance: null, newest: 'nyast', spread: 'spridning' };

function sortFrom(value: unknown): SortOrder {
  return value === 'newest' || value === 'spread' ? value : 'relevance';
}

export function emptyState(): SearchState {
  return { q: '', focus: [], lan: [], kind: [], stage: [], spread: [], language: [], country: [], sort: 'relevance' };
}

export function hasFilters(s: SearchState): boolean {
  return (
    DIMENSIONS.some((d) => s[d].length > 0) ||
    s.yearFrom !== undefined ||
    s.yearTo !== undefined ||
    extraCount(s) > 0
  );
}

/** "Rensa alla filter": every filter off `s`; the words, the order and `alla` stay. */
export function clearFiltersOf(s: SearchState): void {
  for (const d of DIMENSIONS) s[d] = [];
  s.yearFrom = undefined;
  s.yearTo = undefined;
  for (const { key } of EXTRA) delete s[key];
}

/** How many filters are picked: each value of a facet, and the years as one. */
export function filterCount(s: SearchState): number {
  const values = DIMENSIONS.reduce((n, d) => n + s[d].length, 0) + extraCount(s);
  return values + (s.yearFrom !== undefined || s.yearTo !== undefined ? 1 : 0);
}

/** Nothing typed and nothing picked: the start page. */
export function isEmpty(s: SearchState): boolean {
  return s.q.trim() === '' && !hasFilters(s) && s.all !== true;
}

function year(value: string | null): number | undefined {
  if (value === null || !/^\d{1,4}$/.test(value)) return undefined;
  return Number(value);
}

function unique(values: string[]): string[] {
  return [...new Set(values.filter((v) => v !== ''))];
}

export function fromParams(params: URLSearchParams): SearchState {
  const state = emptyState();
  state.q = params.get('q') ?? '';
  for (const d of DIMENSIONS) state[d] = unique(params.getAll(PARAM[d]));
  // ISO codes are upper case; a hand-typed `land=fi` means Finland all the same.
  state.country = unique(state.country.map((c) => c.toUpperCase()));
  state.yearFrom = year(params.get('fran'));
  state.yearTo = year(params.get('till'));
  const sort = params.get('sortera');
  state.sort = sort === 'nyast' ? 'newest' : sort === 'spridning' ? 'spread' : 'relevance';
  if (params.get('alla') === '1') state.all = true;
  for (const { key, param } of EXTRA) {
    const values = unique(params.getAll(param));
    if (values.length > 0) state[key] = values;
  }
  return state;
}

export function toParams(s: SearchState): URLSearchParams {
  const params = new URLSearchParams();
  if (s.q !== '') params.set('q', s.q);
  for (const d of DIMENSIONS) for (const v of s[d]) params.append(PARAM[d], v);
  if (s.yearFrom !== undefined) params.set('fran', String(s.yearFrom));
  if (s.yearTo !== undefined) params.set('till', String(s.yearTo));
  const sort = SORT_PARAM[s.sort];
  if (sort !== null) params.set('sortera', sort);
  if (s.all === true) params.set('alla', '1');
  for (const { key, param } of EXTRA) for (const v of s[key] ?? []) params.append(param, v);
  return params;
}

/** The address of a search: `#/` for the start page. */
export function toHash(s: SearchState): string {
  if (isEmpty(s) && s.sort === 'relevance') return '#/';
  return `#/sok?${toParams(s).toString()}`;
}

/**
 * A stable key for a search: equal keys give equal results. Values of one facet are OR-ed, so
 * their order does not matter, and neither do spaces around the words.
 */
export function stateKey(s: SearchState): string {
  const sorted = (values: string[]) => [...values].sort();
  const params = toParams({
    ...s,
    q: s.q.trim(),
    focus: sorted(s.focus),
    lan: sorted(s.lan),
    kind: sorted(s.kind),
    stage: sorted(s.stage),
    spread: sorted(s.spread),
    language: sorted(s.language),
    country: sorted(s.country),
    ...Object.fromEntries(EXTRA.flatMap(({ key }) => (s[key] === undefined ? [] : [[key, sorted(s[key])]]))),
  });
  params.sort();
  return params.toString();
}

/**
 * The search a request asks for (a saved search, say), as the UI holds it; the taxonomy check
 * comes with `toRequest`.
 */
export function fromRequest(r: SearchRequest): SearchState {
  const strings = (values: readonly string[] | null | undefined) =>
    unique((values ?? []).filter((v): v is string => typeof v === 'string'));
  const yearOf = (value: number | null | undefined) =>
    typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 9999 ? value : undefined;
  return {
    q: typeof r.query === 'string' ? r.query : '',
    focus: strings(r.focus),
    lan: strings(r.lan),
    kind: strings(r.kind),
    stage: strings(r.stage),
    spread: strings(r.spread_to),
    language: strings(r.language),
    country: strings(r.country),
    yearFrom: yearOf(r.year_from),
    yearTo: yearOf(r.year_to),
    sort: sortFrom(r.sort),
    ...(r.all === true ? { all: true } : {}),
    ...(strings(r.source).length > 0 ? { source: strings(r.source) } : {}),
    ...(strings(r.municipality).length > 0 ? { municipality: strings(r.municipality) } : {}),
    ...(strings(r.spread_municipality).length > 0 ? { spreadMunicipality: strings(r.spread_municipality) } : {}),
  };
}

export type RequestOptions = {
  limit: number;
  offset?: number;
};

/** The request for a search; values the taxonomy does not know are dropped. */
export function toRequest(s: SearchState, vocab: Vocabulary, opts: RequestOptions): SearchRequest {
  const request: SearchRequest = {
    query: s.q.trim(),
    focus: s.focus.filter((v) => vocab.isFocus(v)),
    lan: s.lan.filter((v) => vocab.isCounty(v)),
    municipality: (s.municipality ?? []).filter((v) => vocab.isMunicipality(v)),
    kind: s.kind.filter((v) => vocab.isKind(v)),
    stage: s.stage.filter((v) => vocab.isStage(v)),
    limit: opts.limit,
    offset: opts.offset ?? 0,
    all: s.all === true,
    prefix: true,
    sort: s.sort,
  };
  if (s.yearFrom !== undefined) request.year_from = s.yearFrom;
  if (s.yearTo !== undefined) request.year_to = s.yearTo;
  if (s.source !== undefined && s.source.length > 0) request.source = [...s.source];
  const spread = s.spread.filter((v) => vocab.isCounty(v));
  if (spread.length > 0) request.spread_to = spread;
  const spreadMunicipality = (s.spreadMunicipality ?? []).filter((v) => vocab.isMunicipality(v));
  if (spreadMunicipality.length > 0) request.spread_municipality = spreadMunicipality;
  const language = s.language.filter((v) => vocab.isLanguage(v));
  if (language.length > 0) request.language = language;
  const country = s.country.filter((v) => vocab.isCountry(v));
  if (country.length > 0) request.country = country;
  return request;
}
