import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { SearchRequest } from '../bindings/SearchRequest';
import type { SearchResponse } from '../bindings/SearchResponse';

const api = vi.hoisted(() => ({ selectEntries: vi.fn(), search: vi.fn() }));
vi.mock('./transport', async (original) => ({ ...(await original<typeof import('./transport')>()), ...api }));

import {
  allHitsRequest,
  choiceProblem,
  columnLabel,
  DEFAULT_COLUMNS,
  EXPORT_COLUMNS,
  EXPORT_FORMATS,
  exportResult,
  fileBaseName,
  formatBytes,
  formatHint,
  formatLabel,
  initialChoice,
  isCancelled,
  isDocument,
  isTabular,
  libraryRequest,
  orderedColumns,
  progressBar,
  selectAllHits,
  takesTitle,
  today,
  toExportOptions,
  untrustedSigner,
} from './export';
import { setLanguage } from './i18n';

afterEach(() => setLanguage('sv'));

describe('formats and columns', () => {
  it('offers each place its formats, the first chosen', () => {
    expect(EXPORT_FORMATS.entry).toEqual(['pdf', 'md', 'html', 'json']);
    expect(EXPORT_FORMATS.list).toEqual(['pdf', 'md', 'html', 'csv', 'xlsx']);
    expect(EXPORT_FORMATS.hits).toEqual(['pdf', 'csv', 'xlsx']);
    expect(initialChoice('entry').format).toBe('pdf');
    expect(initialChoice('hits', 'T').title).toBe('T');
  });

  it('calls one entry’s PDF a card and several entries’ a brief', () => {
    expect(formatLabel('entry', 'pdf')).toBe('PDF-kort');
    expect(formatLabel('list', 'pdf')).toBe('PDF-sammanställning');
    expect(formatLabel('hits', 'pdf')).toBe('PDF-sammanställning');
    expect(formatLabel('list', 'md')).toBe('Markdown');
    expect(formatLabel('hits', 'xlsx')).toBe('XLSX (Excel)');
    expect(formatHint('entry', 'md')).not.toBe(formatHint('list', 'md'));
    setLanguage('en');
    expect(formatLabel('entry', 'pdf')).toBe('PDF card');
  });

  it('knows documents from lists, and which exports take a title', () => {
    expect(['pdf', 'md', 'html'].every((f) => isDocument(f as 'pdf'))).toBe(true);
    expect(isDocument('json') || isDocument('csv')).toBe(false);
    expect(isTabular('csv') && isTabular('xlsx')).toBe(true);
    expect(isTabular('pdf')).toBe(false);
    expect(takesTitle('entry', 'pdf')).toBe(false);
    expect(takesTitle('list', 'pdf')).toBe(true);
    expect(takesTitle('list', 'md')).toBe(true);
    expect(takesTitle('hits', 'csv')).toBe(false);
  });

  it('has every column of the library, the default set ticked, each with a Swedish label', () => {
    expect(EXPORT_COLUMNS).toHaveLength(23);
    expect([...DEFAULT_COLUMNS]).toEqual([
      'id',
      'title',
      'kind',
      'status',
      'focus_areas',
      'municipalities',
      'lan',
      'stage',
      'start',
      'end',
      'summary',
    ]);
    expect(initialChoice('list').columns).toEqual([...DEFAULT_COLUMNS]);
    for (const column of EXPORT_COLUMNS) expect(columnLabel(column).trim()).not.toBe('');
    expect(columnLabel('focus_areas')).toBe('Fokusområden');
    expect(columnLabel('lan')).toBe('Län');
    expect(columnLabel('contacts')).toBe('Kontakter');
    expect(new Set(EXPORT_COLUMNS.map(columnLabel)).size).toBe(EXPORT_COLUMNS.length);
  });

  it('puts ticked columns in the file’s order and drops unknown ones', () => {
    expect(orderedColumns(['summary', 'title', 'nonsense', 'id'])).toEqual(['id', 'title', 'summary']);
  });
});

describe('ExportOptions from the dialog', () => {
  it('makes one entry a card, with no title or columns', () => {
    const choice = { ...initialChoice('entry', 'ignored'), format: 'md' as const };
    expect(toExportOptions('entry', choice)).toEqual({ format: 'md', brief: false, no_contacts: false, columns: [] });
  });

  it('makes a list a brief with its (trimmed) title', () => {
    const choice = { ...initialChoice('list', '  Att läsa  '), noContacts: true };
    expect(toExportOptions('list', choice)).toEqual({
      format: 'pdf',
      brief: true,
      no_contacts: true,
      title: 'Att läsa',
      columns: [],
    });
    expect(toExportOptions('list', { ...choice, title: '  ' })).not.toHaveProperty('title');
  });

  it('sends the ticked columns of a CSV or XLSX list in order, no title, and no contacts column without contacts', () => {
    const choice = {
      ...initialChoice('hits', 'Goda exempel'),
      format: 'xlsx' as const,
      columns: [...['contacts', 'title', 'id'] as const],
    };
    expect(toExportOptions('hits', choice)).toEqual({
      format: 'xlsx',
      brief: false,
      no_contacts: false,
      columns: ['id', 'title', 'contacts'],
    });
    expect(toExportOptions('hits', { ...choice, noContacts: true }).columns).toEqual(['id', 'title']);
  });

  it('refuses a list without columns', () => {
    expect(choiceProblem({ ...initialChoice('list'), format: 'csv', columns: [] })).toBe('Välj minst en kolumn.');
    expect(choiceProblem({ ...initialChoice('list'), format: 'pdf', columns: [] })).toBeNull();
    expect(choiceProblem({ ...initialChoice('list'), format: 'csv' })).toBeNull();
  });
});

describe('file names, progress and results', () => {
  it('makes a file name from a title', () => {
    expect(fileBaseName('Att läsa vidare (testdata)')).toBe('Att läsa vidare (testdata)');
    expect(fileBaseName('Goda exempel: skola/vård?')).toBe('Goda exempel skolavård');
    expect(fileBaseName('  ..dold.  ')).toBe('dold');
    expect(fileBaseName('a\u0000b\tc')).toBe('ab c');
    expect(fileBaseName('<>:"|?*')).toBe('exempelbanken');
    expect([...fileBaseName('å'.repeat(200))]).toHaveLength(80);
    expect(today(new Date(2025, 2, 7))).toBe('2025-03-07');
  });

  it('shows a determinate bar only when the total is known', () => {
    expect(progressBar(null)).toBeNull();
    expect(progressBar({ done: 0, total: 0, stage: 'Läser' })).toBeNull();
    expect(progressBar({ done: 3, total: 10, stage: 'Skriver' })).toEqual({ value: 3, max: 10 });
    expect(progressBar({ done: 12, total: 10, stage: '' })).toEqual({ value: 10, max: 10 });
  });

  it('says where the file went, or that none was saved', () => {
    expect(exportResult('/home/a/kort.pdf', true)).toBe('Sparad: /home/a/kort.pdf');
    expect(exportResult('kort.md', false)).toBe('Hämtad: kort.md');
    expect(exportResult(null, true)).toBe('Ingen fil sparades.');
    expect(isCancelled({ code: 'cancelled', message: 'avbruten' })).toBe(true);
    expect(isCancelled({ code: 'io', message: 'disken är full' })).toBe(false);
  });
});

describe('all hits of a search', () => {
  const request: SearchRequest = {
    query: 'skola',
    focus: [],
    lan: [],
    municipality: [],
    kind: [],
    stage: [],
    limit: 20,
    offset: 40,
    all: false,
    prefix: true,
    sort: 'relevance',
  };
  const page = (uids: string[], total: number): SearchResponse => ({
    total,
    hits: uids.map((uid) => ({ uid }) as SearchResponse['hits'][number]),
    facets: {} as SearchResponse['facets'],
  });

  beforeEach(() => {
    api.selectEntries.mockReset();
    api.search.mockReset();
  });

  it('drops the page from the request', () => {
    const all = allHitsRequest(request);
    expect(all).not.toHaveProperty('limit');
    expect(all).not.toHaveProperty('offset');
    expect(all.query).toBe('skola');
  });

  it('asks the library for them in one call where it can', async () => {
    api.selectEntries.mockResolvedValue(['u1', 'u2']);
    expect(await selectAllHits(request, true)).toEqual(['u1', 'u2']);
    expect(api.selectEntries).toHaveBeenCalledWith(allHitsRequest(request));
    expect(api.search).not.toHaveBeenCalled();
  });

  it('pages through the search on a read-only server', async () => {
    const first = Array.from({ length: 200 }, (_, i) => `a${i}`);
    api.search.mockResolvedValueOnce(page(first, 203)).mockResolvedValueOnce(page(['b1', 'b2', 'b3'], 203));
    const uids = await selectAllHits(request, false);
    expect(uids).toHaveLength(203);
    expect(api.search).toHaveBeenCalledTimes(2);
    expect(api.search.mock.calls[1]?.[0]).toMatchObject({ query: 'skola', limit: 200, offset: 200 });
    expect(api.selectEntries).not.toHaveBeenCalled();
  });
});

describe('bundles', () => {
  it('selects the whole library’s published entries', () => {
    expect(libraryRequest()).toEqual({
      query: '',
      focus: [],
      lan: [],
      municipality: [],
      kind: [],
      stage: [],
      all: false,
      prefix: false,
      sort: 'relevance',
    });
  });

  it('recognises the refusal of an untrusted signer, and names the signer', () => {
    const message =
      '/tmp/p.zip: paketet är signerat av "Region Test" (nyckel 0123456789abcdef…), som biblioteket inte litar på ännu; importera med --trust om du vet att det kommer från dem';
    expect(untrustedSigner({ code: 'conflict', message })).toEqual({ name: 'Region Test', key: '0123456789abcdef' });
    expect(untrustedSigner({ code: 'conflict', message: 'okänd avsändare; använd --trust' })).toEqual({ name: '', key: '' });
    expect(untrustedSigner({ code: 'conflict', message: 'posten har ändrats' })).toBeNull();
    expect(untrustedSigner({ code: 'invalid_input', message })).toBeNull();
  });

  it('writes sizes in words', () => {
    expect(formatBytes(840, 'sv-SE')).toBe('840 byte');
    expect(formatBytes(1500, 'sv-SE')).toBe('1,5 kB');
    expect(formatBytes(12_300, 'sv-SE')).toBe('12 kB');
    expect(formatBytes(3_450_000, 'sv-SE')).toBe('3,5 MB');
    expect(formatBytes(2_000_000_000, 'sv-SE')).toBe('2 GB');
  });
});
