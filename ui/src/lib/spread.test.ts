import { describe, expect, it } from 'vitest';

import type { Uptake } from '../bindings/Uptake';
import { en } from './i18n/en';
import { sv } from './i18n/sv';
import {
  areaCounts,
  areaSearch,
  classBounds,
  classLabel,
  classOf,
  placeKind,
  reach,
  reachSummary,
  splitByPlace,
  stageByPlace,
  stagesPresent,
  timeline,
} from './spread';

const base: Uptake = {
  code: '',
  organisation: '',
  type: 'kommun',
  stage: 'intresserad',
  date: '',
  source: 'S',
  note: '',
  contacts: [],
};
const counted = (count: number, type: Uptake['type'], more: Partial<Uptake> = {}): Uptake => ({
  ...base,
  type,
  count,
  ...more,
});
const coded = (code: string, more: Partial<Uptake> = {}): Uptake => ({
  ...base,
  code,
  type: code.length === 2 ? 'region' : 'kommun',
  ...more,
});

// The starter library's Södertälje entry: 16 municipalities and 2 regions took part, then
// delegations from three municipalities and a region (likely among them) followed up.
const sodertalje = [counted(16, 'kommun'), counted(2, 'region'), counted(3, 'kommun'), counted(1, 'region')];

describe('the reach in words', () => {
  it('never adds counts up: the largest count of each type, as the model does', () => {
    expect(reach(sodertalje).byType).toEqual([
      ['kommun', 16],
      ['region', 2],
    ]);
    expect(reachSummary(sodertalje, sv)).toBe('Tagits upp av 16 kommuner och 2 regioner');
    expect(reachSummary(sodertalje, en)).toBe('Taken up by 16 municipalities and 2 regions');
  });

  it('counts a named organisation once however often it is recorded, and gives the years', () => {
    const uptakes = [
      coded('1880', { date: '2019-05' }),
      coded('1880', { date: '2022', stage: 'infort' }),
      coded('0181'),
      coded('18', { date: '2021-01-10' }),
      { ...base, organisation: 'Mälardalsrådet', type: 'ideell' as const },
      { ...base, organisation: 'mälardalsrådet', type: 'ideell' as const },
    ];
    expect(reachSummary(uptakes, sv)).toBe(
      'Tagits upp av 2 kommuner, 1 region och 1 ideell organisation, 2019–2022',
    );
  });

  it('takes the larger of a count and the names of one type', () => {
    const uptakes = [counted(3, 'kommun'), coded('0181'), coded('1880'), coded('0180'), coded('1480')];
    expect(reachSummary(uptakes, sv)).toBe('Tagits upp av 4 kommuner');
    expect(reachSummary([coded('0181', { date: '2020' })], sv)).toBe('Tagits upp av 1 kommun, 2020');
  });

  it('says nothing when nobody has taken it up', () => {
    expect(reachSummary([], sv)).toBeNull();
  });
});

describe('which uptakes the map can show', () => {
  it('draws municipalities and counties by code; names and counts only in the table', () => {
    const named = { ...base, organisation: 'Vinnova', type: 'myndighet' as const };
    const uptakes = [coded('0181'), coded('18'), named, counted(16, 'kommun')];
    expect(uptakes.map(placeKind)).toEqual(['municipality', 'county', null, null]);
    const { placed, unplaced } = splitByPlace(uptakes);
    expect(placed.map((u) => u.code)).toEqual(['0181', '18']);
    expect(unplaced).toEqual([named, counted(16, 'kommun')]);
    // The words under the map: the counted ones without a place, by the same rule.
    expect(splitByPlace(sodertalje).placed).toEqual([]);
  });

  it('shows a place at the furthest stage it reached, and the legend in stage order', () => {
    const stages = stageByPlace([
      coded('1880', { stage: 'infort' }),
      coded('1880', { stage: 'intresserad' }),
      coded('0181', { stage: 'testar' }),
      counted(5, 'kommun', { stage: 'avslutat' }),
    ]);
    expect([...stages]).toEqual([
      ['1880', 'infort'],
      ['0181', 'testar'],
    ]);
    expect(stagesPresent(stages.values())).toEqual(['testar', 'infort']);
  });
});

describe('the timeline', () => {
  it('groups dated uptakes by year, oldest first, and leaves undated ones out', () => {
    const uptakes = [
      coded('0181', { date: '2022-03' }),
      coded('1880'),
      coded('0180', { date: '2019' }),
      coded('1480', { date: '2022-01-15' }),
    ];
    const years = timeline(uptakes);
    expect(years.map((y) => y.year)).toEqual([2019, 2022]);
    expect(years[1]?.uptakes.map((d) => d.uptake.code)).toEqual(['1480', '0181']);
    expect(years.flatMap((y) => y.uptakes.map((d) => d.index))).toEqual([2, 3, 0]);
  });
});

describe('the choropleth classes', () => {
  it('gives small counts a class each', () => {
    expect(classBounds([0, 1, 3, 2])).toEqual([1, 2, 3]);
    expect(classBounds([0, 0])).toEqual([]);
  });

  it('splits large counts into at most five classes that cover every count', () => {
    const counts = [1, 1, 1, 2, 2, 3, 5, 8, 13, 40, 400];
    const bounds = classBounds(counts);
    expect(bounds.length).toBeLessThanOrEqual(5);
    expect(bounds.at(-1)).toBe(400);
    for (let i = 1; i < bounds.length; i++) expect(bounds[i]).toBeGreaterThan(bounds[i - 1] ?? 0);
    expect(classOf(0, bounds)).toBe(0);
    expect(classOf(1, bounds)).toBe(1);
    expect(classOf(400, bounds)).toBe(bounds.length);
    // Every count falls in a class whose label holds it.
    for (const n of counts) {
      const k = classOf(n, bounds);
      const [lo, hi] = classLabel(k, bounds).split('–').map(Number);
      expect(n).toBeGreaterThanOrEqual(lo ?? 0);
      expect(n).toBeLessThanOrEqual(hi ?? lo ?? 0);
    }
  });
});

describe('Översikt’s map', () => {
  const facets = {
    lan: { '01': 3, '18': 1 },
    municipality: { '0181': 2 },
    spread_lan: { '01': 5 },
    spread_municipality: { '0180': 4 },
  };

  it('counts entries from an area or taken up there, by county or municipality', () => {
    expect(areaCounts(facets, 'lan', 'from')).toEqual({ '01': 3, '18': 1 });
    expect(areaCounts(facets, 'municipality', 'from')).toEqual({ '0181': 2 });
    expect(areaCounts(facets, 'lan', 'spread')).toEqual({ '01': 5 });
    expect(areaCounts(facets, 'municipality', 'spread')).toEqual({ '0180': 4 });
    expect(areaCounts({ lan: {}, municipality: {} }, 'lan', 'spread')).toEqual({});
  });

  it('opens the search of the area, or of where entries were taken up', () => {
    expect(areaSearch('lan', 'from', '18')).toEqual({ lan: ['18'], spread: [] });
    expect(areaSearch('lan', 'spread', '01')).toEqual({ lan: [], spread: ['01'] });
    expect(areaSearch('municipality', 'from', '0181')).toEqual({ lan: [], spread: [], municipality: ['0181'] });
    expect(areaSearch('municipality', 'spread', '0180')).toEqual({ lan: [], spread: [], spreadMunicipality: ['0180'] });
  });
});
