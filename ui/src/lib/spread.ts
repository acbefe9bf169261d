// A case's spread (its uptakes), as the entry page, its map and Översikt's map show it: the
// reach in words, which uptakes have a place on the map, the dated ones in order, and the
// classes of a choropleth. Free of components, so it can be tested on its own.
//
// The reach follows crates/model/src/spread.rs exactly: sources often count the same
// organisations twice (the 16 municipalities that took part, then the three of them that
// followed up), so counts are never added up: per type of organisation the reach is the
// largest of its counted uptakes and of the number of different organisations named.

import type { OrgType } from '../bindings/OrgType';
import type { Uptake } from '../bindings/Uptake';
import type { UptakeStage } from '../bindings/UptakeStage';
import type { SearchState } from './query';

/** The organisation types in the model's order (OrgType::ALL). */
export const ORG_TYPES: readonly OrgType[] = [
  'kommun',
  'region',
  'myndighet',
  'akademi',
  'naringsliv',
  'ideell',
  'annan',
];

/** The stages in the model's order (UptakeStage::ALL), from first interest to the end. */
export const UPTAKE_STAGES: readonly UptakeStage[] = ['intresserad', 'planerar', 'testar', 'infort', 'avslutat'];

/**
 * The shape each stage is drawn with on the map and in its legend, so that the stage is never
 * carried by colour alone (Plot's symbol names). The origin of the case is a star.
 */
export const STAGE_SYMBOL: Readonly<Record<UptakeStage, string>> = {
  intresserad: 'circle',
  planerar: 'diamond',
  testar: 'triangle',
  infort: 'square',
  avslutat: 'cross',
};
export const ORIGIN_SYMBOL = 'star';

export type Reach = {
  /** Organisations that took it up, per type, in the order of ORG_TYPES; only types with some. */
  byType: [OrgType, number][];
  /** The first and the last year an uptake is dated, if any is. */
  years: [number, number] | null;
};

/** The reach of `uptakes` (crates/model/src/spread.rs `reach`). */
export function reach(uptakes: readonly Uptake[]): Reach {
  const named = new Map<OrgType, Set<string>>();
  const counted = new Map<OrgType, number>();
  for (const u of uptakes) {
    if (u.count != null) {
      counted.set(u.type, Math.max(counted.get(u.type) ?? 0, u.count));
    } else {
      // The model folds names with Rust's to_lowercase; the same key for the same organisation.
      const key = u.code !== '' ? u.code : u.organisation.toLowerCase();
      const set = named.get(u.type) ?? new Set<string>();
      set.add(key);
      named.set(u.type, set);
    }
  }
  const byType: [OrgType, number][] = [];
  for (const type of ORG_TYPES) {
    const n = Math.max(named.get(type)?.size ?? 0, counted.get(type) ?? 0);
    if (n > 0) byType.push([type, n]);
  }
  const years = uptakes.map((u) => uptakeYear(u)).filter((y): y is number => y !== null);
  return {
    byType,
    years: years.length > 0 ? [Math.min(...years), Math.max(...years)] : null,
  };
}

/** Every organisation the reach counts, all types together. */
export const reachTotal = (r: Reach) => r.byType.reduce((sum, [, n]) => sum + n, 0);

/** The year an uptake is dated (its first four digits), or null. */
export function uptakeYear(u: Pick<Uptake, 'date'>): number | null {
  const m = /^(\d{4})/.exec(u.date);
  return m ? Number(m[1]) : null;
}

/** The words a summary is made of, from the language catalogue (t.spreadCounted, …). */
export type SpreadWords = {
  spreadCounted: (type: OrgType, n: number) => string;
  spreadJoin: (items: string[]) => string;
  spreadSummary: (who: string, years: string) => string;
};

/** "16 kommuner och 2 regioner" (empty when nobody). */
export function reachWho(r: Reach, words: SpreadWords): string {
  return words.spreadJoin(r.byType.map(([type, n]) => words.spreadCounted(type, n)));
}

/** "2019–2022", "2021" or "". */
export function reachYears(r: Reach): string {
  if (r.years === null) return '';
  const [first, last] = r.years;
  return first === last ? String(first) : `${first}–${last}`;
}

/** "Tagits upp av 16 kommuner och 2 regioner, 2019–2022"; null when nobody has. */
export function reachSummary(uptakes: readonly Uptake[], words: SpreadWords): string | null {
  const r = reach(uptakes);
  if (r.byType.length === 0) return null;
  return words.spreadSummary(reachWho(r, words), reachYears(r));
}

/** Whether an uptake names a municipality (4 digits) or a county (2 digits) the map can show. */
export type PlaceKind = 'municipality' | 'county';
export function placeKind(u: Pick<Uptake, 'code' | 'count'>): PlaceKind | null {
  if (u.count != null) return null;
  if (/^\d{4}$/.test(u.code)) return 'municipality';
  if (/^\d{2}$/.test(u.code)) return 'county';
  return null;
}

/** The uptakes the map can draw (a code), and those only the table shows (a name or a count). */
export function splitByPlace(uptakes: readonly Uptake[]): { placed: Uptake[]; unplaced: Uptake[] } {
  const placed: Uptake[] = [];
  const unplaced: Uptake[] = [];
  for (const u of uptakes) (placeKind(u) !== null ? placed : unplaced).push(u);
  return { placed, unplaced };
}

/**
 * The stage the map shows for each place (code): the furthest one any of its uptakes reached
 * (a municipality that was interested in 2019 and introduced it in 2021 is "infört").
 */
export function stageByPlace(uptakes: readonly Uptake[]): Map<string, UptakeStage> {
  const out = new Map<string, UptakeStage>();
  for (const u of uptakes) {
    if (placeKind(u) === null) continue;
    const before = out.get(u.code);
    if (before === undefined || UPTAKE_STAGES.indexOf(u.stage) > UPTAKE_STAGES.indexOf(before)) {
      out.set(u.code, u.stage);
    }
  }
  return out;
}

/** The stages that occur, in their order (for the legend). */
export function stagesPresent(stages: Iterable<UptakeStage>): UptakeStage[] {
  const seen = new Set(stages);
  return UPTAKE_STAGES.filter((s) => seen.has(s));
}

export type TimelineYear = { year: number; uptakes: { uptake: Uptake; index: number }[] };

/**
 * The dated uptakes by year, oldest first, each year's in date order (a bare year before its
 * months); `index` is the uptake's place in the entry, for a stable key.
 */
export function timeline(uptakes: readonly Uptake[]): TimelineYear[] {
  const dated = uptakes
    .map((uptake, index) => ({ uptake, index, year: uptakeYear(uptake) }))
    .filter((d): d is { uptake: Uptake; index: number; year: number } => d.year !== null)
    .sort((a, b) => a.uptake.date.localeCompare(b.uptake.date) || a.index - b.index);
  const years: TimelineYear[] = [];
  for (const d of dated) {
    const last = years.at(-1);
    if (last?.year === d.year) last.uptakes.push({ uptake: d.uptake, index: d.index });
    else years.push({ year: d.year, uptakes: [{ uptake: d.uptake, index: d.index }] });
  }
  return years;
}

// ---------------------------------------------------------------------------------------------
// Översikt's choropleth

/** The number of coloured classes of the choropleth (0 is a class of its own, uncoloured). */
export const CLASSES = 5;

/**
 * Upper bounds of the choropleth's classes for the counts shown: at most CLASSES classes of
 * whole numbers, each at least one wider than the last, from 1 to the largest count. Small
 * libraries get fewer classes ([1, 2, 3] when the largest count is 3).
 */
export function classBounds(counts: Iterable<number>): number[] {
  const values = [...counts].filter((n) => n > 0).sort((a, b) => a - b);
  const max = values.at(-1) ?? 0;
  if (max === 0) return [];
  if (max <= CLASSES) return Array.from({ length: max }, (_, i) => i + 1);
  // Quantiles of the non-zero counts, so a few large places do not leave the rest in one class.
  const bounds: number[] = [];
  for (let k = 1; k <= CLASSES; k++) {
    const q = values[Math.min(values.length - 1, Math.ceil((k / CLASSES) * values.length) - 1)] ?? max;
    const floor = (bounds.at(-1) ?? 0) + 1;
    bounds.push(Math.max(q, floor));
  }
  // Bounds past the largest count would be empty classes: stop at it.
  const cut = bounds.findIndex((b) => b >= max);
  const kept = bounds.slice(0, cut + 1);
  kept[kept.length - 1] = max;
  return kept;
}

/** The class of a count: 0 for none, else 1.. (the first bound it does not exceed). */
export function classOf(n: number, bounds: readonly number[]): number {
  if (n <= 0) return 0;
  const i = bounds.findIndex((b) => n <= b);
  return i === -1 ? bounds.length : i + 1;
}

/** "1", "2–3", "4–10": the counts a class holds. */
export function classLabel(k: number, bounds: readonly number[]): string {
  const hi = bounds[k - 1] ?? 0;
  const lo = k === 1 ? 1 : (bounds[k - 2] ?? 0) + 1;
  return lo === hi ? String(hi) : `${lo}–${hi}`;
}

// ---------------------------------------------------------------------------------------------
// Översikt's map: what it counts, and where a click on an area leads

export type MapLevel = 'lan' | 'municipality';
/** `from`: entries from there (their places); `spread`: entries taken up there. */
export type MapMeasure = 'from' | 'spread';

/** The counts of the facets the search answered: code → entries. */
export type AreaFacets = {
  lan: Record<string, number>;
  municipality: Record<string, number>;
  spread_lan?: Record<string, number>;
  spread_municipality?: Record<string, number>;
};

/** The count per area code for a level and a measure (an area missing from the facet: 0). */
export function areaCounts(facets: AreaFacets, level: MapLevel, measure: MapMeasure): Record<string, number> {
  if (measure === 'from') return level === 'lan' ? facets.lan : facets.municipality;
  return (level === 'lan' ? facets.spread_lan : facets.spread_municipality) ?? {};
}

/**
 * The search a click on an area opens: the entries from there (`lan=`, `kommun=`), or those
 * taken up there (`spridd=`, `spridd_kommun=`: "Spridd till").
 */
export function areaSearch(
  level: MapLevel,
  measure: MapMeasure,
  code: string,
): Pick<SearchState, 'lan' | 'spread' | 'municipality' | 'spreadMunicipality'> {
  if (level === 'lan') return measure === 'from' ? { lan: [code], spread: [] } : { lan: [], spread: [code] };
  return measure === 'from'
    ? { lan: [], spread: [], municipality: [code] }
    : { lan: [], spread: [], spreadMunicipality: [code] };
}
