import { afterEach, describe, expect, it } from 'vitest';

import { en } from './i18n/en';
import { setLanguage } from './i18n';
import { sv } from './i18n/sv';
import { vocab } from '../test/fixtures';
// The library's own taxonomy (what the backend serves), from the repository.
import valuesSource from '../../../assets/taxonomy/values.json?raw';
import goalsSource from '../../../assets/taxonomy/agenda2030.csv?raw';

type Labelled = { slug: string; label: string };
const values = JSON.parse(valuesSource) as Record<string, Labelled[]>;
const goals = goalsSource
  .trim()
  .split('\n')
  .slice(1)
  .map((line: string) => {
    const comma = line.indexOf(',');
    return { number: Number(line.slice(0, comma)), name: line.slice(comma + 1).trim().replace(/^"|"$/g, '') };
  });

const CATALOGUE_KEYS = {
  kinds: 'kindLabels',
  stages: 'stageLabels',
  novelties: 'noveltyLabels',
  statuses: 'statusLabels',
  org_types: 'orgTypeLabels',
  uptake_stages: 'uptakeStageLabels',
  languages: 'languageLabels',
} as const;

describe('names of the model’s fixed values', () => {
  afterEach(() => setLanguage('sv'));

  it('are in the taxonomy we know of, and nothing else is', () => {
    expect(Object.keys(values).sort()).toEqual(Object.keys(CATALOGUE_KEYS).sort());
    expect(goals.map((g) => g.number)).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
  });

  it('have an English label for every kind, stage, novelty, status and organisation type', () => {
    for (const [group, key] of Object.entries(CATALOGUE_KEYS)) {
      const names: Record<string, string> = en[key];
      for (const { slug } of values[group]) {
        expect(names[slug]?.trim(), `${group}.${slug}`).toBeTruthy();
      }
      expect(Object.keys(names).sort(), group).toEqual(values[group].map((l) => l.slug).sort());
    }
  });

  it('have the UN’s English short title for every Agenda 2030 goal', () => {
    const names: Record<number, string> = en.goalNames;
    for (const { number } of goals) expect(names[number]?.trim(), `goal ${number}`).toBeTruthy();
    expect(Object.keys(names)).toHaveLength(17);
    expect(names[2]).toBe('Zero hunger');
    expect(names[17]).toBe('Partnerships for the goals');
  });

  it('are in Swedish exactly the taxonomy’s labels', () => {
    for (const [group, key] of Object.entries(CATALOGUE_KEYS)) {
      const names: Record<string, string> = sv[key];
      for (const { slug, label } of values[group]) expect(names[slug], `${group}.${slug}`).toBe(label);
    }
    const names: Record<number, string> = sv.goalNames;
    for (const { number, name } of goals) expect(names[number], `goal ${number}`).toBe(name);
  });

  it('follow the UI’s language, while content keeps its Swedish name', () => {
    expect(vocab.kindLabel('metod')).toBe('Metod eller verktyg');
    expect(vocab.goalName(2)).toBe('Ingen hunger');
    setLanguage('en');
    expect(vocab.kindLabel('metod')).toBe('Method or tool');
    expect(vocab.stageLabel('inforande')).toBe('Implementation');
    expect(vocab.orgTypeLabel('kommun')).toBe('Municipality');
    expect(vocab.statusLabel('publicerad')).toBe('Published');
    expect(vocab.goalName(2)).toBe('Zero hunger');
    expect(vocab.goalName(99)).toBe('');
    expect(vocab.kindLabel('okand')).toBe('okand');
    expect(vocab.focusName('arbetsmiljo')).toBe('Arbetsmiljö');
    expect(vocab.countyName('18')).toBe('Örebro län');
  });

  it('name languages and countries in the UI’s language', () => {
    expect(vocab.languageLabel('en')).toBe('Engelska');
    expect(vocab.countryName('DE')).toBe('Tyskland');
    expect(vocab.countryName('FI')).toBe('Finland');
    expect(vocab.countryName('XX')).toBe('XX');
    expect(vocab.isLanguage('fi')).toBe(true);
    expect(vocab.isLanguage('de')).toBe(false);
    expect(vocab.isCountry('SE')).toBe(true);
    expect(vocab.isCountry('se')).toBe(false);
    setLanguage('en');
    expect(vocab.languageLabel('en')).toBe('English');
    expect(vocab.languageLabel('sv')).toBe('Swedish');
    expect(vocab.countryName('DE')).toBe('Germany');
  });

  it('name a place that is a country by the country, and a Swedish one as before', () => {
    const fi = { municipality_code: '', municipality: '', lan_code: '', lan: '', country_code: 'FI', country: 'Finland' };
    expect(vocab.isCountryPlace(fi)).toBe(true);
    expect(vocab.placeLabel(fi)).toBe('Finland');
    expect(vocab.placeLabel({ ...fi, country_code: 'DE', country: 'Tyskland' })).toBe('Tyskland');
    // A country the taxonomy does not know (an older UI's taxonomy): the name the entry has.
    expect(vocab.placeLabel({ ...fi, country_code: 'ZZ', country: 'Zedland' })).toBe('Zedland');
    const orebro = { municipality_code: '1880', municipality: 'Örebro', lan_code: '18', lan: 'Örebro län' };
    expect(vocab.isCountryPlace(orebro)).toBe(false);
    expect(vocab.placeLabel(orebro)).toBe('Örebro (1880), Örebro län');
    setLanguage('en');
    expect(vocab.placeLabel({ ...fi, country_code: 'DE', country: 'Tyskland' })).toBe('Germany');
  });
});
