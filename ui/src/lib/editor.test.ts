import { describe, expect, it } from 'vitest';

import { taxonomy } from '../test/fixtures';
import {
  blankEntry,
  charCount,
  concerns,
  emptyPlace,
  fieldId,
  fieldKey,
  fromEntry,
  isFormState,
  problemOf,
  parseTags,
  resolveMunicipality,
  sameForm,
  toEntry,
  toPlace,
  withDefaults,
} from './editor';

const municipalities = taxonomy.municipalities;

describe('the form and the entry', () => {
  it('round-trips an entry through the form', () => {
    const entry = {
      ...blankEntry('metod'),
      id: 'matsvinn',
      uid: '00000000-0000-4000-8000-000000000001',
      title: 'Matsvinn',
      summary: 'Kort.',
      sections: { challenge: 'a', solution: 'b', results: 'c', lessons: 'd', dissemination: 'e' },
      focus_areas: ['offentliga-maltider'],
      stage: 'pilot' as const,
      novelty: 'marknad' as const,
      organisations: [{ name: 'Kommunen', type: 'kommun' as const, role: 'Ägare' }],
      places: [
        { municipality_code: '0181', municipality: 'Södertälje', lan_code: '01', lan: 'Stockholms län' },
        { municipality_code: '', municipality: '', lan_code: '18', lan: 'Örebro län' },
      ],
      period: { start: 2020, end: 2022 },
      goals: [2, 12],
      tags: ['matsvinn', 'skola'],
      contacts: [{ name: 'Kost', role: '', organisation: '', email: 'kost@example.invalid', phone: '' }],
      sources: [{ title: 'Rapport', url: 'https://example.invalid', publisher: '', date: '2023', licence: '' }],
      attachments: [{ name: 'a.pdf', media_type: 'application/pdf', size: 3, sha256: 'x', licence: '' }],
      related: ['00000000-0000-4000-8000-000000000002'],
      status: 'granskning' as const,
      revision: 4,
    };
    const form = fromEntry(entry);
    expect(form.places[0]).toEqual({ municipality: 'Södertälje (0181)', lan_code: '01' });
    expect(form.tags).toBe('matsvinn, skola');
    const back = toEntry(form, entry, municipalities);
    // Places go by code; the library fills in the names again.
    expect(back.places).toEqual([
      { municipality_code: '0181', municipality: '', lan_code: '01', lan: '' },
      { municipality_code: '', municipality: '', lan_code: '18', lan: '' },
    ]);
    expect({ ...back, places: entry.places }).toEqual(entry);
  });

  it('leaves out what the form leaves empty', () => {
    const form = fromEntry(blankEntry());
    form.title = 'Ny';
    const entry = toEntry(form, blankEntry(), municipalities);
    expect('stage' in entry).toBe(false);
    expect('novelty' in entry).toBe(false);
    expect('period' in entry).toBe(false);
    form.period_end = 2024;
    form.stage = 'ide';
    const next = toEntry(form, blankEntry(), municipalities);
    expect(next.period).toEqual({ end: 2024 });
    expect(next.stage).toBe('ide');
  });

  it('keeps what the form does not show from the saved entry', () => {
    const base = { ...blankEntry(), id: 'x', uid: 'u', status: 'publicerad' as const, revision: 7 };
    const entry = toEntry(fromEntry(base), base, municipalities);
    expect([entry.id, entry.uid, entry.status, entry.revision]).toEqual(['x', 'u', 'publicerad', 7]);
  });

  it('sorts goals and reads tags', () => {
    const form = fromEntry(blankEntry());
    form.goals = [12, 2];
    form.tags = ' matsvinn ,, skola,';
    const entry = toEntry(form, blankEntry(), municipalities);
    expect(entry.goals).toEqual([2, 12]);
    expect(entry.tags).toEqual(['matsvinn', 'skola']);
    expect(parseTags('')).toEqual([]);
  });

  it('tells whether two forms hold the same thing, whatever the order of their keys', () => {
    const a = fromEntry(blankEntry());
    const b = JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(a).reverse())));
    expect(sameForm(a, b)).toBe(true);
    b.title = 'x';
    expect(sameForm(a, b)).toBe(false);
    expect(isFormState(a)).toBe(true);
    expect(isFormState({ title: 'x' })).toBe(false);
    expect(isFormState(null)).toBe(false);
  });

  it('keeps the language, and a place outside Sweden by its country code', () => {
    const entry = {
      ...blankEntry(),
      id: 'automated',
      title: 'Automated decisions',
      language: 'en' as const,
      places: [
        { municipality_code: '', municipality: '', lan_code: '', lan: '', country_code: 'FI', country: 'Finland' },
        { municipality_code: '0181', municipality: 'Södertälje', lan_code: '01', lan: 'Stockholms län' },
      ],
    };
    const form = fromEntry(entry);
    expect(form.language).toBe('en');
    expect(form.places).toEqual([
      { municipality: '', lan_code: '', country_code: 'FI' },
      { municipality: 'Södertälje (0181)', lan_code: '01' },
    ]);
    const back = toEntry(form, entry, municipalities);
    expect(back.language).toBe('en');
    // The country goes by its code (the library fills in its name), with nothing of Sweden.
    expect(back.places).toEqual([
      { municipality_code: '', municipality: '', lan_code: '', lan: '', country_code: 'FI' },
      { municipality_code: '0181', municipality: '', lan_code: '01', lan: '' },
    ]);
    // A row set to a country sends that country, whatever its Swedish fields still held.
    expect(toPlace({ municipality: 'Södertälje', lan_code: '01', country_code: 'DK' }, municipalities)).toEqual({
      municipality_code: '',
      municipality: '',
      lan_code: '',
      lan: '',
      country_code: 'DK',
    });
    // Back to Sweden ('') is a Swedish place again.
    expect(toPlace({ municipality: 'Södertälje', lan_code: '01', country_code: '' }, municipalities).municipality_code).toBe('0181');
    expect(sameForm(form, { ...form, language: 'sv' })).toBe(false);
    expect(fromEntry(blankEntry()).language).toBe('sv');
  });

  it('reads a form kept by a build without languages as Swedish', () => {
    const old = fromEntry(blankEntry()) as Partial<ReturnType<typeof fromEntry>>;
    delete old.language;
    expect(isFormState(old)).toBe(true);
    const form = withDefaults(old as ReturnType<typeof fromEntry>);
    expect(form.language).toBe('sv');
    expect(sameForm(form, fromEntry(blankEntry()))).toBe(true);
  });

  it('counts characters as the library does', () => {
    expect(charCount('  åäö  ')).toBe(3);
    expect(charCount('a\u0308')).toBe(1); // NFC: ä
  });
});

describe('the municipality picker', () => {
  it('finds a municipality by label, code or name, in any case', () => {
    expect(resolveMunicipality('Södertälje (0181)', municipalities)?.code).toBe('0181');
    expect(resolveMunicipality('0181', municipalities)?.name).toBe('Södertälje');
    expect(resolveMunicipality('  örebro ', municipalities)?.code).toBe('1880');
    expect(resolveMunicipality('Gotham', municipalities)).toBeNull();
    expect(resolveMunicipality('9999', municipalities)).toBeNull();
    expect(resolveMunicipality('', municipalities)).toBeNull();
  });

  it('sends what it does not recognise as typed, so the library names the problem', () => {
    expect(toPlace({ municipality: '9999', lan_code: '' }, municipalities)).toEqual({
      municipality_code: '9999',
      municipality: '',
      lan_code: '',
      lan: '',
    });
    expect(toPlace({ municipality: 'Gotham', lan_code: '01' }, municipalities)).toEqual({
      municipality_code: '',
      municipality: 'Gotham',
      lan_code: '01',
      lan: '',
    });
    expect(toPlace(emptyPlace(), municipalities).municipality_code).toBe('');
  });
});

describe('validation messages', () => {
  it('name the form field', () => {
    expect(fieldKey('title')).toBe('title');
    expect(fieldKey('sections.results')).toBe('sections.results');
    expect(fieldKey('sections.nonsense')).toBeNull();
    expect(fieldKey('focus_areas[2]')).toBe('focus_areas');
    expect(fieldKey('goals[0]')).toBe('goals');
    expect(fieldKey('tags[1]')).toBe('tags');
    expect(fieldKey('related[0]')).toBe('related');
    expect(fieldKey('period')).toBe('period');
    expect(fieldKey('period.start')).toBe('period.start');
    expect(fieldKey('places[0].municipality_code')).toBe('places.0.municipality');
    expect(fieldKey('places[1].municipality')).toBe('places.1.municipality');
    expect(fieldKey('places[0].lan_code')).toBe('places.0.lan');
    expect(fieldKey('places[0].lan')).toBe('places.0.lan');
    expect(fieldKey('places[2].country_code')).toBe('places.2.country');
    expect(fieldKey('places[2].country')).toBe('places.2.country');
    expect(fieldKey('language')).toBe('language');
    expect(fieldKey('organisations[1].name')).toBe('organisations.1.name');
    expect(fieldKey('organisations[1]')).toBe('organisations.1.name');
    expect(fieldKey('contacts[0].email')).toBe('contacts.0.email');
    expect(fieldKey('sources[2].url')).toBe('sources.2.url');
    expect(fieldKey('id')).toBeNull();
    expect(fieldKey('uid')).toBeNull();
    expect(fieldKey('attachments.name')).toBeNull();
  });

  it('are read into field, path and text', () => {
    expect(problemOf({ message: 'fältet title: titel saknas', field: 'title' })).toEqual({
      field: 'title',
      path: 'title',
      text: 'Titel saknas',
      message: 'fältet title: titel saknas',
    });
    const place = problemOf({ message: 'fältet places[0].municipality_code: okänd kommunkod "9999"', field: 'places[0].municipality_code' });
    expect(place.field).toBe('places.0.municipality');
    expect(place.text).toBe('Okänd kommunkod "9999"');
    expect(problemOf({ message: 'fältet sections.results: för lång text (200001 byte, högst 200000)', field: 'sections.results' }).field).toBe(
      'sections.results',
    );
    const other = problemOf({ message: 'ogiltig JSON på rad 1, kolumn 2: fel' });
    expect(other.field).toBeNull();
    expect(other.path).toBeNull();
    expect(problemOf({ message: 'fältet uid: "x" är ingen UUID', field: 'uid' }).field).toBeNull();
  });

  it('concern a field or its group', () => {
    const p = problemOf({ message: 'fältet period.start: 1800 är inget rimligt årtal', field: 'period.start' });
    expect(concerns(p, 'period')).toBe(true);
    expect(concerns(p, 'period.start')).toBe(true);
    expect(concerns(p, 'title')).toBe(false);
    expect(concerns(null, 'title')).toBe(false);
  });

  it('give fields DOM ids (and test ids) from their keys', () => {
    expect(fieldId('title')).toBe('field-title');
    expect(fieldId('sections.results')).toBe('field-sections-results');
    expect(fieldId('places.0.lan')).toBe('field-places-0-lan');
  });
});
