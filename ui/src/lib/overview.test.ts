import { describe, expect, it } from 'vitest';

import type { Facets } from '../bindings/Facets';
import { vocab } from '../test/fixtures';
import { focusBars, integerTicks, lanBars, stageBars, yearBars } from './overview';

const facets: Facets = {
  focus_area: { digitalisering: 3, 'offentliga-maltider': 3, 'oppna-data': 1, 'valfardsteknik-e-halsa': 5 },
  lan: { '18': 2, '01': 2, '14': 4 },
  municipality: {},
  kind: {},
  stage: { spridning: 2, ide: 1 },
  year: { '2019': 1, '2021': 3, '2018': 2 },
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

  it('makes whole-number axis ticks', () => {
    expect(integerTicks(1)).toEqual([0, 1]);
    expect(integerTicks(3)).toEqual([0, 1, 2, 3]);
    expect(integerTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(integerTicks(23)).toEqual([0, 5, 10, 15, 20, 25]);
    expect(integerTicks(0)).toEqual([0, 1]);
  });
});
