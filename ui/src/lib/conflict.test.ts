import { describe, expect, it } from 'vitest';

import type { Entry } from '../bindings/Entry';
import type { RevisionInfo } from '../bindings/RevisionInfo';
import { taxonomy, vocab as vocabulary } from '../test/fixtures';
import {
  CONFLICT_KEYS,
  conflictId,
  conflictRows,
  differingFields,
  displayValue,
  fieldLabel,
  isContent,
  listOf,
  type Naming,
  sameField,
  savedVersion,
  takeSaved,
} from './conflict';
import { blankEntry, type FormState, fromEntry } from './editor';
import { setLanguage } from './i18n';

const municipalities = taxonomy.municipalities;

const RELATED = '00000000-0000-4000-8000-000000000002';

const entry: Entry = {
  ...blankEntry('metod'),
  id: 'matsvinn',
  uid: '00000000-0000-4000-8000-000000000001',
  title: 'Matsvinn i skolan',
  summary: 'Kort om matsvinn.',
  sections: { challenge: 'Behov', solution: 'Lösning', results: '', lessons: '', dissemination: '' },
  focus_areas: ['offentliga-maltider', 'valfardsteknik-e-halsa'],
  stage: 'pilot',
  organisations: [{ name: 'Kommunen', type: 'kommun', role: 'Ägare' }],
  places: [
    { municipality_code: '0181', municipality: 'Södertälje', lan_code: '01', lan: 'Stockholms län' },
    { municipality_code: '', municipality: '', lan_code: '18', lan: 'Örebro län' },
  ],
  period: { start: 2020, end: 2022 },
  goals: [2],
  tags: ['matsvinn', 'skola'],
  contacts: [{ name: 'Kost', role: 'Enhet', organisation: '', email: 'kost@example.invalid', phone: '' }],
  sources: [{ title: 'Rapport', url: 'https://example.invalid/r', publisher: 'Kommunen', date: '2023', licence: 'CC BY 4.0' }],
  related: [RELATED],
  uptakes: [
    { code: '0380', organisation: 'Uppsala', type: 'kommun', stage: 'testar', date: '2022', source: 'Rapport', note: '', contacts: [] },
    { code: '', organisation: '', type: 'region', count: 2, stage: 'intresserad', date: '', source: 'Rapport', note: '', contacts: [] },
  ],
  revision: 3,
  updated_at: '2025-03-12T10:15:00Z',
};

const naming: Naming = {
  vocab: vocabulary,
  entryTitle: (uid) => (uid === RELATED ? 'En annan post' : `Okänd post (${uid})`),
};

const form = (): FormState => fromEntry(entry);

describe('the fields two versions hold differently', () => {
  it('finds none between an entry and itself, and every field the other changed, in the form\'s order', () => {
    expect(differingFields(form(), form(), municipalities)).toEqual([]);
    const mine = { ...form(), summary: 'Min sammanfattning.', title: 'Min rubrik' };
    expect(differingFields(mine, form(), municipalities)).toEqual(['title', 'summary']);
    const other = form();
    other.sections.results = 'Minskat svinn.';
    other.period_end = 2024;
    other.related = [];
    other.uptakes[0] = { ...other.uptakes[0]!, stage: 'infort' };
    expect(differingFields(other, form(), municipalities)).toEqual(['sections.results', 'period', 'related', 'uptakes']);
    // Taking the saved uptakes takes them all, and only them.
    const taken = takeSaved(other, form(), 'uptakes');
    expect(differingFields(taken, form(), municipalities)).toEqual(['sections.results', 'period', 'related']);
    expect(displayValue(other, 'uptakes', naming)).toContain('Infört');
    const all: FormState = {
      kind: 'exempel',
      language: 'en',
      title: 'x',
      summary: 'x',
      sections: { challenge: 'x', solution: 'x', results: 'x', lessons: 'x', dissemination: 'x' },
      focus_areas: [],
      stage: '',
      novelty: 'marknad',
      organisations: [],
      places: [],
      period_start: null,
      period_end: null,
      goals: [],
      tags: '',
      contacts: [],
      sources: [],
      related: [],
      uptakes: [],
    };
    expect(differingFields(all, form(), municipalities)).toEqual([...CONFLICT_KEYS]);
  });

  it('is not fooled by spaces, the order boxes were ticked in, or how a municipality was typed', () => {
    const mine = form();
    mine.title = ' Matsvinn i skolan  ';
    mine.sections.challenge = 'Behov\r\n';
    mine.focus_areas = ['valfardsteknik-e-halsa', 'offentliga-maltider'];
    mine.goals = [2, 2];
    mine.tags = 'matsvinn,skola, ';
    mine.places = [
      { municipality: 'södertälje', lan_code: '01' },
      { municipality: '', lan_code: '18' },
    ];
    expect(differingFields(mine, form(), municipalities)).toEqual([]);
    // A decomposed å is the same letter.
    const decomposed = { ...form(), title: 'Matsvinn i skola\u030an' };
    expect(sameField(decomposed, { ...form(), title: 'Matsvinn i skol\u00e5n' }, 'title', municipalities)).toBe(true);
    // But another county is another place, and a tag's order is its own.
    mine.places = [{ municipality: 'Södertälje', lan_code: '01' }, { municipality: '', lan_code: '25' }];
    mine.tags = 'skola, matsvinn';
    expect(differingFields(mine, form(), municipalities)).toEqual(['tags', 'places']);
  });
});

describe('the values as text', () => {
  it('names codes and slugs, one line per item of a list', () => {
    const f = form();
    const show = (key: (typeof CONFLICT_KEYS)[number]) => displayValue(f, key, naming);
    expect(show('kind')).toBe('Metod eller verktyg');
    expect(show('title')).toBe('Matsvinn i skolan');
    expect(show('sections.challenge')).toBe('Behov');
    expect(show('sections.results')).toBe('');
    // Focus areas in the taxonomy's order, by name.
    expect(show('focus_areas')).toBe('Välfärdsteknik och e-hälsa, Offentliga måltider och livsmedel');
    expect(show('stage')).toBe('Test/pilot');
    expect(show('novelty')).toBe('Inte angivet');
    expect(show('period')).toBe('2020–2022');
    expect(show('goals')).toBe('2. Ingen hunger');
    expect(show('tags')).toBe('matsvinn, skola');
    expect(show('organisations')).toBe('Kommunen (Kommun), Ägare');
    expect(show('places')).toBe('Södertälje (0181), Stockholms län\nÖrebro län');
    expect(show('contacts')).toBe('Kost, Enhet, kost@example.invalid');
    expect(show('sources')).toBe('Rapport, https://example.invalid/r, Kommunen, 2023, Licens: CC BY 4.0');
    expect(show('related')).toBe('En annan post');
  });

  it('shows a municipality the picker does not know as typed, and a period with one end', () => {
    const f: FormState = {
      ...form(),
      places: [{ municipality: 'Gotham', lan_code: '' }, { municipality: 'Örebro', lan_code: '' }],
      period_start: null,
      period_end: 2021,
      stage: '',
    };
    expect(displayValue(f, 'places', naming)).toBe('Gotham\nÖrebro (1880), Örebro län');
    expect(displayValue(f, 'period', naming)).toBe('Till 2021');
    expect(displayValue(f, 'stage', naming)).toBe('Inte angivet');
  });

  it('gives each differing field the editor\'s label and both values', () => {
    const mine = { ...form(), title: 'Gammal rubrik', summary: 'Min sammanfattning.' };
    const saved = { ...form(), title: 'Ny rubrik' };
    saved.sections = { ...saved.sections, results: 'Mindre svinn.' };
    expect(conflictRows(mine, saved, naming)).toEqual([
      { key: 'title', label: 'Rubrik', mine: 'Gammal rubrik', saved: 'Ny rubrik' },
      { key: 'summary', label: 'Sammanfattning', mine: 'Min sammanfattning.', saved: 'Kort om matsvinn.' },
      { key: 'sections.results', label: 'Resultat och effekter', mine: '', saved: 'Mindre svinn.' },
    ]);
  });

  it('labels every field, in English too; content is Swedish, the names of fixed values are not', () => {
    expect(CONFLICT_KEYS.map(fieldLabel)).toEqual([
      'Typ',
      'Språk',
      'Rubrik',
      'Sammanfattning',
      'Utmaning och behov',
      'Lösning och genomförande',
      'Resultat och effekter',
      'Lärdomar',
      'Spridning',
      'Fokusområden',
      'Skede',
      'Nyhetsgrad',
      'Period',
      'Agenda 2030-mål',
      'Nyckelord',
      'Organisationer',
      'Platser',
      'Kontakter',
      'Källor',
      'Se även',
      'Var exemplet har tagits upp',
    ]);
    setLanguage('en');
    try {
      expect(fieldLabel('title')).toBe('Title');
      expect(displayValue(form(), 'kind', naming)).toBe('Method or tool');
    } finally {
      setLanguage('sv');
    }
    expect(conflictId('sections.results')).toBe('conflict-sections-results');
    expect(conflictId('focus_areas')).toBe('conflict-focus-areas');
    expect(CONFLICT_KEYS.filter((k) => !isContent(k))).toEqual(['kind', 'language', 'stage', 'novelty', 'period', 'goals']);
    expect(listOf(['Rubrik', 'Sammanfattning', 'Nyckelord'], 'sv-SE')).toBe('Rubrik, Sammanfattning och Nyckelord');
    expect(listOf(['Title', 'Summary'], 'en-GB')).toBe('Title and Summary');
    expect(listOf(['Rubrik'], 'sv-SE')).toBe('Rubrik');
  });
});

describe('the language and a country among the places', () => {
  it('differ, are named, and are taken like the other fields', () => {
    const mine: FormState = { ...form(), language: 'en', places: [{ municipality: '', lan_code: '', country_code: 'FI' }] };
    expect(differingFields(mine, form(), municipalities)).toEqual(['language', 'places']);
    expect(displayValue(mine, 'language', naming)).toBe('Engelska');
    expect(displayValue(mine, 'places', naming)).toBe('Finland');
    // A row switched to another country and back to Sweden is the same place as before.
    const back = form();
    back.places = back.places.map((p) => ({ ...p, country_code: '' }));
    expect(differingFields(back, form(), municipalities)).toEqual([]);
    const taken = takeSaved(form(), mine, 'language');
    expect(taken.language).toBe('en');
    expect(differingFields(taken, mine, municipalities)).toEqual(['places']);
  });
});

describe('taking the saved version of a field', () => {
  it('copies that field only, and a copy of it', () => {
    const mine = { ...form(), title: 'Min rubrik', summary: 'Min sammanfattning.' };
    const saved = { ...form(), title: 'Den sparade rubriken', period_start: 2019, period_end: null };
    saved.places = [{ municipality: 'Örebro (1880)', lan_code: '18' }];
    saved.sections = { ...saved.sections, lessons: 'Lärdom.' };

    const taken = takeSaved(mine, saved, 'title');
    expect(taken.title).toBe('Den sparade rubriken');
    expect(taken.summary).toBe('Min sammanfattning.');
    expect(differingFields(taken, saved, municipalities)).toEqual(['summary', 'sections.lessons', 'period', 'places']);
    expect(mine.title).toBe('Min rubrik');

    const both = takeSaved(mine, saved, 'period');
    expect([both.period_start, both.period_end]).toEqual([2019, null]);

    const lessons = takeSaved(mine, saved, 'sections.lessons');
    expect(lessons.sections).toEqual({ ...mine.sections, lessons: 'Lärdom.' });
    expect(mine.sections.lessons).toBe('');

    const places = takeSaved(mine, saved, 'places');
    expect(places.places).toEqual(saved.places);
    places.places[0]!.lan_code = '01';
    expect(saved.places[0]!.lan_code).toBe('18');

    // Every field can be taken, and then none differs.
    const everything = CONFLICT_KEYS.reduce((f, key) => takeSaved(f, saved, key), mine);
    expect(differingFields(everything, saved, municipalities)).toEqual([]);
  });
});

describe('the saved version', () => {
  const rev = (revision: number, by: string): RevisionInfo => ({
    revision,
    at: `2025-03-1${revision}T10:15:00Z`,
    by,
    status: 'utkast',
    comment: '',
  });

  it('is named by the history\'s line for its revision: who saved it and when', () => {
    expect(savedVersion(entry, [rev(1, 'Sara'), rev(2, 'Sara'), rev(3, 'Gustav')])).toEqual({
      revision: 3,
      by: 'Gustav',
      at: '2025-03-13T10:15:00Z',
    });
  });

  it('without that line (no history, or one read later), by its revision and time only', () => {
    expect(savedVersion(entry, [])).toEqual({ revision: 3, by: '', at: '2025-03-12T10:15:00Z' });
    expect(savedVersion(entry, [rev(1, 'Sara'), rev(4, 'Rut')])).toEqual({
      revision: 3,
      by: '',
      at: '2025-03-12T10:15:00Z',
    });
  });
});
