// The numbers behind the overview page: facet counts over the whole library, as bars with
// names from the taxonomy and a search address each, in a sensible order.

import type { Facets } from '../bindings/Facets';
import { compareSv } from './collate';
import { emptyState, type SearchState, toHash } from './query';
import type { Vocabulary } from './vocabulary';

export type Bar = {
  /** The facet value: a slug, a county code or a year. */
  key: string;
  /** What people read. */
  label: string;
  count: number;
  /** The search for the entries behind the bar. */
  href: string;
};

function search(change: Partial<SearchState>): string {
  return toHash({ ...emptyState(), ...change });
}

/** Most first; equal counts in Swedish alphabetical order. */
export function byCountThenName(a: Bar, b: Bar): number {
  return b.count - a.count || compareSv(a.label, b.label);
}

/** Every focus area of the taxonomy, also those with no entries yet. */
export function focusBars(facets: Facets, vocab: Vocabulary): Bar[] {
  return vocab.taxonomy.focus_areas
    .map((f) => ({
      key: f.slug,
      label: f.name,
      count: facets.focus_area[f.slug] ?? 0,
      href: search({ focus: [f.slug] }),
    }))
    .sort(byCountThenName);
}

/** The counties that have entries (of 21, most have none in a small library). */
export function lanBars(facets: Facets, vocab: Vocabulary): Bar[] {
  return vocab.taxonomy.counties
    .map((c) => ({
      key: c.code,
      label: c.name,
      count: facets.lan[c.code] ?? 0,
      href: search({ lan: [c.code] }),
    }))
    .filter((b) => b.count > 0)
    .sort(byCountThenName);
}

/** Every stage, in the order work goes through them (idé, pilot, införande, ...). */
export function stageBars(facets: Facets, vocab: Vocabulary): Bar[] {
  return vocab.taxonomy.stages.map((s) => ({
    key: s.slug,
    label: vocab.stageLabel(s.slug),
    count: facets.stage[s.slug] ?? 0,
    href: search({ stage: [s.slug] }),
  }));
}

/**
 * The countries that have entries, by name in the UI's language (Sverige: the entries with a
 * Swedish municipality or county), most first.
 */
export function countryBars(facets: Facets, vocab: Vocabulary): Bar[] {
  return Object.entries(facets.country ?? {})
    .filter(([, count]) => count > 0)
    .map(([code, count]) => ({
      key: code,
      label: vocab.countryName(code),
      count,
      href: search({ country: [code] }),
    }))
    .sort(byCountThenName);
}

/** The languages entries are written in, most first. */
export function languageBars(facets: Facets, vocab: Vocabulary): Bar[] {
  return Object.entries(facets.language ?? {})
    .filter(([, count]) => count > 0)
    .map(([slug, count]) => ({
      key: slug,
      label: vocab.languageLabel(slug),
      count,
      href: search({ language: [slug] }),
    }))
    .sort(byCountThenName);
}

/**
 * Whether a chart of countries or languages tells anything: only when the library has more than
 * one (a library of Swedish entries from Sweden gets no "Svenska: 14").
 */
export function telling(bars: Bar[]): boolean {
  return bars.length > 1;
}

/** Years in order, with the years between the first and the last filled in with zeros. */
export function yearBars(facets: Facets): Bar[] {
  const years = Object.entries(facets.year)
    .map(([year, count]) => ({ year: Number(year), count }))
    .filter((y) => Number.isInteger(y.year) && y.count > 0);
  if (years.length === 0) return [];
  const counts = new Map(years.map((y) => [y.year, y.count] as const));
  const first = Math.min(...counts.keys());
  const last = Math.max(...counts.keys());
  const bars: Bar[] = [];
  for (let year = first; year <= last; year += 1) {
    bars.push({
      key: String(year),
      label: String(year),
      count: counts.get(year) ?? 0,
      href: search({ yearFrom: year, yearTo: year }),
    });
  }
  return bars;
}

/** Whole-number ticks from 0 to at least `max`, at most about `most` of them. */
export function integerTicks(max: number, most = 6): number[] {
  const top = Math.max(1, Math.ceil(max));
  const rough = top / Math.max(1, most - 1);
  const steps = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000];
  const step = steps.find((s) => s >= rough) ?? Math.ceil(rough);
  const ticks: number[] = [];
  for (let v = 0; v < top + step; v += step) {
    ticks.push(v);
    if (v >= top) break;
  }
  return ticks;
}

/** The charts of the overview: four always, countries and languages where there are several. */
export type ChartId = 'focus' | 'lan' | 'year' | 'stage' | 'country' | 'language';

/**
 * The searches, over everything, that count the entries each chart covers: those with at least
 * one of the values it draws a bar for. `null` where the chart has no bar with entries (it
 * covers none), and for countries and languages where the chart is not drawn. The rest of the library lacks the value (no county, no year, ...); facet
 * counts alone cannot say how many, since one entry may count in several bars.
 */
export function coverageSearches(facets: Facets, vocab: Vocabulary): Record<ChartId, SearchState | null> {
  const keys = (bars: Bar[]) => bars.filter((b) => b.count > 0).map((b) => b.key);
  const focus = keys(focusBars(facets, vocab));
  const lan = keys(lanBars(facets, vocab));
  const stage = keys(stageBars(facets, vocab));
  const years = keys(yearBars(facets)).map(Number);
  const countries = countryBars(facets, vocab);
  const languages = languageBars(facets, vocab);
  return {
    focus: focus.length === 0 ? null : { ...emptyState(), focus },
    lan: lan.length === 0 ? null : { ...emptyState(), lan },
    stage: stage.length === 0 ? null : { ...emptyState(), stage },
    year: years.length === 0 ? null : { ...emptyState(), yearFrom: Math.min(...years), yearTo: Math.max(...years) },
    country: telling(countries) ? { ...emptyState(), country: keys(countries) } : null,
    language: telling(languages) ? { ...emptyState(), language: keys(languages) } : null,
  };
}

/** How many of the library's `total` entries a chart covers, and how many lack its value. */
export type Coverage = { shown: number; total: number; missing: number };

export function coverage(shown: number, total: number): Coverage {
  const within = Math.max(0, Math.min(shown, total));
  return { shown: within, total, missing: total - within };
}

/**
 * The size of a chart of upright bars (the years): about 4.5rem for each bar plus the axis, no
 * wider than the room there is, so that two years make a small chart rather than two bars far
 * apart across the page; a few bars are drawn lower than many.
 */
export function columnChartSize(available: number, bars: number): { width: number; height: number } {
  const AXIS = 52;
  const SLOT = 72;
  const width = Math.floor(Math.min(available, AXIS + Math.max(3, bars) * SLOT));
  return { width, height: bars <= 6 ? 220 : 300 };
}
