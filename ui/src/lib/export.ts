// Export and bundles: the rules the export dialog and the Redaktion page's "Paket" follow, kept
// free of components so they can be tested on their own. Which formats each place offers, the
// columns of a CSV or XLSX list, the `ExportOptions` a dialog's choices make, file names, and
// what an untrusted signer's refusal says. A bundle's report is a write report (curation.ts).

import type { ExportFormat } from '../bindings/ExportFormat';
import type { ExportOptions } from '../bindings/ExportOptions';
import type { ProgressEvent } from '../bindings/ProgressEvent';
import type { SearchRequest } from '../bindings/SearchRequest';
import { locale, t } from './i18n';
import { type ApiError, search, selectEntries } from './transport';

/** Where an export starts: an entry's page, a list in "Mina listor", the search results. */
export type ExportPlace = 'entry' | 'list' | 'hits';

/** The formats each place offers, in the order the dialog lists them (the first is chosen). */
export const EXPORT_FORMATS: Record<ExportPlace, readonly ExportFormat[]> = {
  entry: ['pdf', 'md', 'html', 'json'],
  list: ['pdf', 'md', 'html', 'csv', 'xlsx'],
  hits: ['pdf', 'csv', 'xlsx'],
};

/** The columns a CSV or XLSX list can have, in the order the file has them (crates/share/src/export.rs). */
export const EXPORT_COLUMNS = [
  'id',
  'uid',
  'title',
  'kind',
  'status',
  'summary',
  'focus_areas',
  'municipalities',
  'lan',
  'organisations',
  'stage',
  'novelty',
  'start',
  'end',
  'goals',
  'tags',
  'sources',
  'contacts',
  'challenge',
  'solution',
  'results',
  'lessons',
  'dissemination',
] as const;

export type ExportColumn = (typeof EXPORT_COLUMNS)[number];

/** The columns ticked at first: the library's own default set. */
export const DEFAULT_COLUMNS: readonly ExportColumn[] = [
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
];

/** A column's name in the UI's language. */
export function columnLabel(column: ExportColumn): string {
  return t.exportColumns[column];
}

/** Whether a format is a list with columns (one row per entry). */
export function isTabular(format: ExportFormat): boolean {
  return format === 'csv' || format === 'xlsx';
}

/** Whether a format is a document (a card, or a brief with a cover and contents). */
export function isDocument(format: ExportFormat): boolean {
  return format === 'pdf' || format === 'md' || format === 'html';
}

/** Whether the export is a brief with a title of its own: several entries as a document. */
export function takesTitle(place: ExportPlace, format: ExportFormat): boolean {
  return place !== 'entry' && isDocument(format);
}

/** A format's name in the dialog: one entry's PDF is a card, several entries' a brief. */
export function formatLabel(place: ExportPlace, format: ExportFormat): string {
  if (format === 'pdf') return place === 'entry' ? t.exportFormats.pdfCard : t.exportFormats.pdfBrief;
  return t.exportFormats[format];
}

/** A line on what a format gives. */
export function formatHint(place: ExportPlace, format: ExportFormat): string {
  if (format === 'pdf') return place === 'entry' ? t.exportFormatHints.pdfCard : t.exportFormatHints.pdfBrief;
  if ((format === 'md' || format === 'html') && place !== 'entry') return t.exportFormatHints[`${format}Brief`];
  return t.exportFormatHints[format];
}

/** What the dialog holds: the user's choices. */
export type ExportChoice = {
  format: ExportFormat;
  noContacts: boolean;
  /** The brief's title (only sent for a brief). */
  title: string;
  /** The ticked columns (only sent for CSV and XLSX). */
  columns: ExportColumn[];
};

/** The dialog's choices when it first opens at a place. */
export function initialChoice(place: ExportPlace, title = ''): ExportChoice {
  return {
    format: EXPORT_FORMATS[place][0] ?? 'pdf',
    noContacts: false,
    title,
    columns: [...DEFAULT_COLUMNS],
  };
}

/** The ticked columns in the file's order, whatever order they were ticked in. */
export function orderedColumns(columns: readonly string[]): ExportColumn[] {
  return EXPORT_COLUMNS.filter((c) => columns.includes(c));
}

/** Why the choices cannot be exported yet, or null when they can. */
export function choiceProblem(choice: ExportChoice): string | null {
  if (isTabular(choice.format) && orderedColumns(choice.columns).length === 0) return t.exportColumnsNone;
  return null;
}

/** The options an export is made with, from the dialog's choices at a place. */
export function toExportOptions(place: ExportPlace, choice: ExportChoice): ExportOptions {
  const options: ExportOptions = {
    format: choice.format,
    brief: place !== 'entry' && isDocument(choice.format),
    no_contacts: choice.noContacts,
    columns: [],
  };
  if (takesTitle(place, choice.format)) {
    const title = choice.title.normalize('NFC').trim();
    if (title !== '') options.title = title;
  }
  if (isTabular(choice.format)) {
    // Without contacts the library leaves that column out anyway; say so in what is sent.
    options.columns = orderedColumns(choice.columns).filter((c) => !(choice.noContacts && c === 'contacts'));
  }
  return options;
}

const MAX_FILE_NAME = 80;

/**
 * A file name (without its extension) from a title or a list's name: no characters that a
 * file system refuses, no leading or trailing dots or spaces, at most 80 characters.
 */
export function fileBaseName(text: string, fallback = 'exempelbanken'): string {
  const clean = text
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .replace(/[\\/:*?"<>|\u0000-\u001f\u007f]/g, '')
    .trim();
  const cut = [...clean].slice(0, MAX_FILE_NAME).join('');
  const name = cut.replace(/^[.\s]+|[.\s]+$/g, '');
  return name === '' ? fallback : name;
}

/** Today as YYYY-MM-DD (local time), for file names. */
export function today(date: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** A progress bar's value and maximum; null when the step's length is unknown (indeterminate). */
export function progressBar(event: ProgressEvent | null): { value: number; max: number } | null {
  if (event === null || event.total <= 0) return null;
  return { value: Math.min(Math.max(event.done, 0), event.total), max: event.total };
}

/** What the dialog says when an export ended: the file, or that none was saved. */
export function exportResult(path: string | null, savedToDisk: boolean): string {
  if (path === null) return t.exportNotSaved;
  return savedToDisk ? t.exportSaved(path) : t.exportDownloaded(path);
}

/** Whether a failure is the user's own "Avbryt". */
export function isCancelled(error: ApiError): boolean {
  return error.code === 'cancelled';
}

// ---------------------------------------------------------------------------------------------
// All hits of a search

/** The request for every hit of a search (the page's limit and offset dropped). */
export function allHitsRequest(request: SearchRequest): SearchRequest {
  const { limit: _limit, offset: _offset, ...rest } = request;
  return rest;
}

const PAGE = 200;

/**
 * The ids (uids) of every entry a search matches. Where the library can select them in one call
 * (the desktop app) it does; a read-only server (`exempelbank serve`) has no such call, so the
 * search is paged through instead.
 */
export async function selectAllHits(request: SearchRequest, canSelect: boolean): Promise<string[]> {
  const all = allHitsRequest(request);
  if (canSelect) return selectEntries(all);
  const uids: string[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await search({ ...all, limit: PAGE, offset });
    uids.push(...page.hits.map((h) => h.uid));
    if (page.hits.length === 0 || offset + page.hits.length >= page.total) break;
  }
  return uids;
}

// ---------------------------------------------------------------------------------------------
// Bundles

/** The request that selects the whole library's published entries, for a bundle. */
export function libraryRequest(): SearchRequest {
  return {
    query: '',
    focus: [],
    lan: [],
    municipality: [],
    kind: [],
    stage: [],
    all: false,
    prefix: false,
    sort: 'relevance',
  };
}

/** Who signed a bundle the library does not trust yet. */
export type UntrustedSigner = { name: string; key: string };

/**
 * The signer named by the library's refusal of a bundle from someone it does not trust yet
 * (a conflict whose message says to import with `--trust`), or null for any other failure.
 */
export function untrustedSigner(error: ApiError): UntrustedSigner | null {
  if (error.code !== 'conflict' || !error.message.includes('--trust')) return null;
  const match = /signerat av "(.*)" \(nyckel ([0-9a-fA-F]+)/.exec(error.message);
  return { name: match?.[1] ?? '', key: match?.[2] ?? '' };
}

/** A size in bytes in words: "840 byte", "12 kB", "3,4 MB". */
export function formatBytes(bytes: number, tag: string = locale()): string {
  const number = (n: number, digits: number) =>
    new Intl.NumberFormat(tag, { maximumFractionDigits: digits }).format(n);
  if (bytes < 1000) return `${number(bytes, 0)} ${t.bytesUnit}`;
  if (bytes < 1_000_000) return `${number(bytes / 1000, bytes < 10_000 ? 1 : 0)} kB`;
  if (bytes < 1_000_000_000) return `${number(bytes / 1_000_000, 1)} MB`;
  return `${number(bytes / 1_000_000_000, 1)} GB`;
}
