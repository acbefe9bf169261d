import { describe, expect, it } from 'vitest';

import type { Facets } from '../bindings/Facets';
import { vocab } from '../test/fixtures';
import { en } from './i18n/en';
import { sv } from './i18n/sv';
import {
  columnChartSize,
  coverage,
  countryBars,
  coverageSearches,
  focusBars,
  integerTicks,
  lanBars,
  languageBars,
  stageBars,
  telling,
  yearBars,
} from './overview';
import { toHash } from './query';

const facets: Facets = {
  focus_area: { digitalisering: 3, 'offentliga-maltider': 3, 'oppna-data': 1, 'valfardsteknik-e-halsa': 5 },
  lan: { '18': 2, '01': 2, '14': 4 },
  municipality: {},
  kind: {},
  stage: { spridning: 2, ide: 1 },
  year: { '2019': 1, '2021': 3, '2018': 2 },
  spread_lan: {},
  spread_municipality: {},
  language: { sv: 11, en: 1 },
  country: { SE: 10, FI: 1, DE: 1, DK: 0 },
};

describe('the overview', () => {
  it('lists every focus area, most entries first, ties in Swedish order', () => {
    expect(focusBars(facets, vocab).map((b) => [b.label, b.count])).toEqual([
      ['Välfärdsteknik och e-hälsa', 5],
      ['Digitalisering', 3],
      ['Offentliga måltider och livsmedel', 3],
      ['Öppna data', 1],
      ['Arbetsmiljö', 0],
      ['Zonplanering', 0],
      ['Återvinning', 0],
    ]);
  });

  it('lists the counties with entries, with a search address each', () => {
    const bars = lanBars(facets, vocab);
    expect(bars.map((b) => b.label)).toEqual(['Västra Götalands län', 'Stockholms län', 'Örebro län']);
    expect(bars[0]?.href).toBe('#/sok?lan=14');
  });

  it('keeps the stages in the order work goes through them', () => {
    expect(stageBars(facets, vocab).map((b) => [b.key, b.count])).toEqual([
      ['ide', 1],
      ['pilot', 0],
      ['inforande', 0],
      ['spridning', 2],
      ['avslutad', 0],
    ]);
  });

  it('lists years in order, with the gaps filled in', () => {
    const bars = yearBars(facets);
    expect(bars.map((b) => [b.label, b.count])).toEqual([
      ['2018', 2],
      ['2019', 1],
      ['2020', 0],
      ['2021', 3],
    ]);
    expect(bars[0]?.href).toBe('#/sok?fran=2018&till=2018');
    expect(yearBars({ ...facets, year: {} })).toEqual([]);
  });

  it('lists the countries and languages with entries, most first, each with its search', () => {
    const countries = countryBars(facets, vocab);
    expect(countries.map((b) => [b.label, b.count])).toEqual([
      ['Sverige', 10],
      ['Finland', 1],
      ['Tyskland', 1],
    ]);
    expect(countries[1]?.href).toBe('#/sok?land=FI');
    const languages = languageBars(facets, vocab);
    expect(languages.map((b) => [b.label, b.count])).toEqual([
      ['Svenska', 11],
      ['Engelska', 1],
    ]);
    expect(languages[1]?.href).toBe('#/sok?sprak=en');
    expect(telling(languages)).toBe(true);
    // A library of Swedish entries from Sweden: nothing to tell.
    expect(telling(languageBars({ ...facets, language: { sv: 12 } }, vocab))).toBe(false);
    expect(telling(countryBars({ ...facets, country: { SE: 12 } }, vocab))).toBe(false);
    // Facets from a library older than languages and countries.
    const older = { ...facets } as Partial<Facets>;
    delete older.language;
    delete older.country;
    expect(countryBars(older as Facets, vocab)).toEqual([]);
    expect(languageBars(older as Facets, vocab)).toEqual([]);
  });

  it('makes whole-number axis ticks', () => {
    expect(integerTicks(1)).toEqual([0, 1]);
    expect(integerTicks(3)).toEqual([0, 1, 2, 3]);
    expect(integerTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(integerTicks(23)).toEqual([0, 5, 10, 15, 20, 25]);
    expect(integerTicks(0)).toEqual([0, 1]);
  });

  it('counts what each chart covers with a search for any of its values', () => {
    const searches = coverageSearches(facets, vocab);
    // Only values with entries: a search for them finds every entry the chart counts.
    expect([...(searches.focus?.focus ?? [])].sort()).toEqual(['digitalisering', 'offentliga-maltider', 'oppna-data', 'valfardsteknik-e-halsa']);
    expect([...(searches.lan?.lan ?? [])].sort()).toEqual(['01', '14', '18']);
    expect(searches.stage?.stage).toEqual(['ide', 'spridning']);
    expect([searches.year?.yearFrom, searches.year?.yearTo]).toEqual([2018, 2021]);
    // Nothing else narrows them: no words, no other facet.
    expect(toHash({ ...searches.stage!, stage: [] })).toBe('#/');
    expect([...(searches.country?.country ?? [])].sort()).toEqual(['DE', 'FI', 'SE']);
    expect([...(searches.language?.language ?? [])].sort()).toEqual(['en', 'sv']);
    // A chart with no entries at all covers none: nothing to search for; and a chart of one
    // country or language is not drawn.
    const none = coverageSearches({ ...facets, lan: {}, year: {}, stage: {}, country: { SE: 3 }, language: { sv: 3 } }, vocab);
    expect([none.lan, none.year, none.stage, none.country, none.language]).toEqual([null, null, null, null, null]);
  });

  it('says how many entries a chart shows and how many lack its value', () => {
    expect(coverage(2, 14)).toEqual({ shown: 2, total: 14, missing: 12 });
    expect(coverage(20, 14)).toEqual({ shown: 14, total: 14, missing: 0 });
    expect(sv.chartCoverage(2, 14, 'lan')).toBe('Diagrammet visar 2 av 14 poster; 12 saknar län.');
    expect(sv.chartCoverage(13, 14, 'year')).toBe('Diagrammet visar 13 av 14 poster; 1 saknar år.');
    expect(sv.chartCoverage(14, 14, 'focus')).toBe('Diagrammet visar alla 14 poster.');
    expect(sv.chartCoverage(0, 1, 'stage')).toBe('Diagrammet visar 0 av 1 post; 1 saknar skede.');
    expect(sv.chartCoverage(12, 14, 'country')).toBe('Diagrammet visar 12 av 14 poster; 2 saknar land.');
    expect(en.chartCoverage(12, 14, 'country')).toBe('The chart shows 12 of 14 entries; 2 have no country.');
    expect(en.chartCoverage(2, 14, 'lan')).toBe('The chart shows 2 of 14 entries; 12 have no county.');
    expect(en.chartCoverage(13, 14, 'focus')).toBe('The chart shows 13 of 14 entries; 1 has no focus area.');
    expect(en.chartCoverage(1, 1, 'year')).toBe('The chart shows the only entry.');
  });

  it('sizes the year chart for the bars it has, not for the room', () => {
    const two = columnChartSize(1200, 2);
    const thirty = columnChartSize(1200, 30);
    expect(two.width).toBeLessThan(300);
    expect(two.height).toBeLessThan(thirty.height);
    expect(thirty.width).toBe(1200);
    expect(columnChartSize(1200, 4).width).toBeLessThan(columnChartSize(1200, 8).width);
    expect(columnChartSize(250, 4).width).toBe(250);
  });

  it('tells the reader no more than the page offers: no names to choose in a closed table', () => {
    expect(sv.overviewIntro(14)).not.toMatch(/Välj ett namn/);
    expect(en.overviewIntro(14)).not.toMatch(/Choose a name/);
    expect(sv.overviewIntro(14)).toContain(sv.showTable);
    expect(en.overviewIntro(14)).toContain(en.showTable);
  });
});
