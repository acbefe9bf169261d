// The curator's pages (Redaktion, Papperskorg): the rules they share, kept free of state so
// they can be tested on their own.

import type { EntrySummary } from '../bindings/EntrySummary';
import type { Error as ApiError } from '../bindings/Error';
import type { ImportArgs } from '../bindings/ImportArgs';
import type { Language } from '../bindings/Language';
import type { SectionKey } from '../bindings/SectionKey';
import type { Status } from '../bindings/Status';
import type { WriteAction } from '../bindings/WriteAction';
import type { WriteReport } from '../bindings/WriteReport';
import { locale, t } from './i18n';

/** The workflow states, in the order an entry goes through them. */
export const STATUSES: readonly Status[] = ['utkast', 'granskning', 'publicerad', 'arkiverad'];

/** The status filter of "Alla poster": one status, or all of them. */
export type StatusFilter = Status | 'alla';

/** A status filter from the address (`#/redaktion?status=utkast`); anything else is all. */
export function statusFilter(value: string | null): StatusFilter {
  return STATUSES.find((s) => s === value) ?? 'alla';
}

/** How many entries have each status, and how many there are in all. */
export function statusCounts(entries: readonly EntrySummary[]): Record<StatusFilter, number> {
  const counts: Record<StatusFilter, number> = {
    alla: entries.length,
    utkast: 0,
    granskning: 0,
    publicerad: 0,
    arkiverad: 0,
  };
  for (const e of entries) counts[e.status] += 1;
  return counts;
}

/** The entries a filter shows, in the order they came (the library sorts them by title). */
export function withStatus(entries: readonly EntrySummary[], filter: StatusFilter): EntrySummary[] {
  return filter === 'alla' ? [...entries] : entries.filter((e) => e.status === filter);
}

/** The fields a spreadsheet column can map to (src/tabular.rs), for the mapping's help text. */
export const IMPORT_FIELDS: readonly string[] = [
  'id',
  'uid',
  'kind',
  'title',
  'summary',
  'challenge',
  'solution',
  'results',
  'lessons',
  'dissemination',
  'focus_areas',
  'stage',
  'novelty',
  'organisations',
  'municipalities',
  'lan',
  'start',
  'end',
  'goals',
  'tags',
  'sources',
  'contacts',
  'status',
];

/** The file types the import reads. */
export const IMPORT_ACCEPT = '.csv,.xlsx,.json,.jsonl';

/**
 * The largest file an import reads (`MAX_IMPORT_BYTES` in crates/library/src/import.rs). A
 * bundle uploaded from a browser is held to the same limit, before it is read into memory.
 */
export const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

/** Why a file is too large to import (in the library's words), or null when it is not. */
export function uploadTooLarge(file: { name: string; size: number }): string | null {
  if (file.size <= MAX_UPLOAD_BYTES) return null;
  const mb = (bytes: number) => Math.floor(bytes / (1024 * 1024));
  return t.uploadTooLarge(file.name, mb(file.size), mb(MAX_UPLOAD_BYTES));
}

/**
 * A picked file's content, to send to an import of a file or of a bundle; a file larger than
 * the import reads is refused (`invalid_input`) without being read.
 */
export async function readUpload(file: Blob & { name: string }): Promise<Uint8Array> {
  const tooLarge = uploadTooLarge(file);
  if (tooLarge !== null) throw { code: 'invalid_input', message: tooLarge } satisfies ApiError;
  return new Uint8Array(await file.arrayBuffer());
}

/** A column mapping as it is sent: trimmed, or null when none is given. */
export function cleanMapping(text: string): string | null {
  const clean = text.trim();
  return clean === '' ? null : clean;
}

/** The presets the import knows (`assets/mappings/<name>.toml`). */
export type ImportPreset = 'pstw' | 'kommun';
export const IMPORT_PRESETS: readonly ImportPreset[] = ['pstw', 'kommun'];

/** The sections a summary over the limit may move to, in the entry's order. */
export const LONG_SUMMARY_SECTIONS: readonly Exclude<SectionKey, 'summary'>[] = [
  'challenge',
  'solution',
  'results',
  'lessons',
  'dissemination',
];

/** The languages an import may set for every row, in the order they are offered. */
export const IMPORT_LANGUAGES: readonly Language[] = ['sv', 'en', 'da', 'no', 'fi'];

/**
 * What a preset decides of the settings the form also offers (`assets/mappings/<name>.toml`;
 * a test reads those files). The form's own choice goes over the preset's where the library
 * lets it (a section, a language); unknown columns a preset skips cannot be un-skipped.
 */
export const PRESET_SETTINGS: Record<
  ImportPreset,
  { skipUnmapped: boolean; longSummary: Exclude<SectionKey, 'summary'> | null; language: Language | null }
> = {
  pstw: { skipUnmapped: true, longSummary: 'solution', language: 'en' },
  kommun: { skipUnmapped: true, longSummary: 'solution', language: null },
};

/**
 * The import form's choices: a preset, the mapping (a mapping file's text or `Column=field`
 * pairs), value maps, whether unknown columns are skipped, where a summary over the limit goes
 * (empty: the row is refused, or the preset decides), the language of every row (empty:
 * detected per row, or the preset's), and whether the valid rows are written when others are
 * refused.
 */
export type ImportChoices = {
  preset: ImportPreset | '';
  mapping: string;
  values: string;
  skipUnmapped: boolean;
  longSummary: Exclude<SectionKey, 'summary'> | '';
  language: Language | '';
  acceptValid: boolean;
};

export function emptyImportChoices(): ImportChoices {
  return {
    preset: '',
    mapping: '',
    values: '',
    skipUnmapped: false,
    longSummary: '',
    language: '',
    acceptValid: false,
  };
}

/** What the preset (if any) already decides, for the form to show. */
export function presetSettings(choices: Pick<ImportChoices, 'preset'>) {
  return choices.preset === '' ? null : PRESET_SETTINGS[choices.preset];
}

/** The options of `import_file` that the choices make: only those that say something. */
export type ImportOptions = Omit<ImportArgs, 'name' | 'bytes' | 'dryRun'>;

export function importOptions(choices: ImportChoices): ImportOptions {
  const mapping = cleanMapping(choices.mapping);
  const values = cleanMapping(choices.values);
  return {
    ...(choices.preset === '' ? {} : { preset: choices.preset }),
    ...(mapping === null ? {} : { mapping }),
    ...(values === null ? {} : { values }),
    ...(choices.skipUnmapped ? { skipUnmapped: true } : {}),
    ...(choices.longSummary === '' ? {} : { longSummary: choices.longSummary }),
    ...(choices.language === '' ? {} : { language: choices.language }),
    ...(choices.acceptValid ? { acceptValid: true } : {}),
  };
}

/** The whole request of an import of a file's bytes. */
export function importArgs(name: string, bytes: Uint8Array, choices: ImportChoices, dryRun: boolean): ImportArgs {
  return { name, bytes: Array.from(bytes), ...importOptions(choices), dryRun };
}

/** What identifies a file as picked: its name, size and time (the bytes are read on a run). */
export type PickedFile = { name: string; size: number; lastModified: number };

/**
 * The identity of an import: the file and every choice that changes what would happen to a
 * row. A dry run counts for the real import only while this stays the same (another file, an
 * edited mapping, another preset… needs a new dry run). Whether the valid rows are written
 * alone changes nothing the dry run showed, so it is not part of it.
 */
export function importKey(file: PickedFile | null, choices: ImportChoices): string | null {
  if (file === null) return null;
  const { acceptValid: _, ...rest } = importOptions(choices);
  return JSON.stringify([file.name, file.size, file.lastModified, rest]);
}

/** A dry run that was made, and what it was made on. */
export type DryRun = { key: string; report: WriteReport };

/**
 * Whether "Importera" may be pressed: after a dry run of the same file and choices in which
 * no row was rejected, or, when the valid rows are to be written, in which some row is not.
 */
export function canImport(dry: DryRun | null, key: string | null, acceptValid = false): boolean {
  return (
    dry !== null &&
    key !== null &&
    dry.key === key &&
    canApply(dry.report, acceptValid) &&
    dry.report.rows.length > 0
  );
}

/**
 * Whether what a report shows may be written now: it is a dry run and nothing was rejected,
 * or the valid rows are to be written and there is one.
 */
export function canApply(report: WriteReport, acceptValid = false): boolean {
  if (!report.dry_run) return false;
  if (report.totals.reject === 0) return true;
  return acceptValid && report.rows.some((row) => row.action !== 'reject');
}

/**
 * The name of the file of refused rows, beside the imported one as the CLI names it:
 * `projekt.csv` → `projekt.avvisade.csv` (a name without a stem → `import.avvisade.csv`).
 */
export function rejectsFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  const stem = (dot > 0 ? base.slice(0, dot) : base).trim();
  return `${stem === '' ? 'import' : stem}.avvisade.csv`;
}

/**
 * The field of the import form an import's error is about, so that its message stands beside
 * it: the library's `field` when it names one, else what the message begins with (the
 * library's mapping errors name the mapping, the value maps, the section or the language).
 * Anything else is about the file.
 */
export type ImportField = 'mapping' | 'values' | 'longSummary' | 'language' | 'file';

export function importErrorField(error: { message: string; field?: string | null }): ImportField {
  const byField: Record<string, ImportField> = {
    mapping: 'mapping',
    preset: 'mapping',
    values: 'values',
    long_summary: 'longSummary',
    longSummary: 'longSummary',
    language: 'language',
  };
  if (error.field && byField[error.field]) return byField[error.field];
  const message = error.message.trim().toLowerCase();
  if (/^(kolumnmappningen|mappningsfilen)/.test(message)) return 'mapping';
  if (/^(--values|värdeöversättningen)/.test(message)) return 'values';
  if (message.startsWith('long_summary')) return 'longSummary';
  if (message.startsWith('språket')) return 'language';
  return 'file';
}

/** The largest mapping file read into the form: a mapping is a page of text, not a sheet. */
export const MAX_MAPPING_BYTES = 256 * 1024;

// ---------------------------------------------------------------------------------------------
// Write reports: what an import of a file or of a bundle did, or in a dry run would do. One
// report type (crates/library/src/plan.rs) and one component (WriteReport.svelte) show them.

/** What a write does to an entry, in words (ny, ändras, oförändrad, avvisas, lokal ändring behålls). */
export function actionLabel(action: WriteAction): string {
  return t.writeActions[action];
}

/**
 * A report's totals in words: "2 nya, 1 ändras, 0 oförändrade, 1 avvisas", with the local
 * changes kept for review only when there are any.
 */
export function writeTotals(report: WriteReport): string {
  const { totals } = report;
  const parts = [
    t.writeCreate(totals.create),
    t.writeUpdate(totals.update),
    t.writeUnchanged(totals.unchanged),
    t.writeReject(totals.reject),
  ];
  if (totals.keep_for_review > 0) parts.push(t.writeKeepForReview(totals.keep_for_review));
  return parts.join(', ');
}

/** A report's heading: a dry run, a write that was made, or one that was not. */
export function writeHeading(report: WriteReport): string {
  if (report.dry_run) return t.writeReportDry;
  return report.applied ? t.writeReportDone : t.writeReportNotDone;
}

/**
 * What a report comes to: something was rejected (so nothing is or would be written), a dry
 * run that may be carried out, a write that was made, or none of these (nothing to say). An
 * import that writes the valid rows (`acceptValid`) has two more: a dry run whose valid rows
 * would be written without the rejected ones (`partial`), and such a write made
 * (`partial-done`, which only an import with that choice makes: a rejected row stops any
 * other write).
 */
export type WriteVerdict = 'rejected' | 'ready' | 'done' | 'none' | 'partial' | 'partial-done';

export function writeVerdict(report: WriteReport, acceptValid = false): WriteVerdict {
  if (report.totals.reject > 0) {
    if (!report.dry_run && report.applied) return 'partial-done';
    if (report.dry_run && canApply(report, acceptValid)) return 'partial';
    return 'rejected';
  }
  if (report.dry_run) return 'ready';
  return report.applied ? 'done' : 'none';
}

/**
 * The verdict in words; a rejection says what to do about it (a bundle cannot be fixed here;
 * an import may write its valid rows), and the refused rows of a partial import are a file
 * to fix when the report carries one.
 */
export function verdictText(report: WriteReport, acceptValid = false): string {
  const file = report.rejects_csv !== undefined && report.rejects_csv !== null;
  switch (writeVerdict(report, acceptValid)) {
    case 'rejected':
      if (report.source === 'bundle') return t.writeRejectedBundleNote;
      return report.source === 'import' ? t.writeRejectedImportNote : t.writeRejectedNote;
    case 'ready':
      return t.writeReadyNote;
    case 'partial':
      return t.writePartialNote(report.totals.reject, file);
    case 'done':
      return t.writeDoneNote;
    case 'partial-done':
      return t.writePartialDoneNote(report.totals.reject, file);
    case 'none':
      return '';
  }
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** "12 mars 2025 10:15" from an RFC 3339 time, in the UI's language; empty if unreadable. */
export function formatDateTime(rfc3339: string, tag: string = locale()): string {
  if (!rfc3339) return '';
  const date = new Date(rfc3339);
  if (Number.isNaN(date.getTime())) return '';
  let format = dateTimeFormats.get(tag);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(tag, {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    });
    dateTimeFormats.set(tag, format);
  }
  return format.format(date);
}

/** A name as the library compares it: trimmed and NFC; null when there is none. */
export function cleanText(text: string): string | null {
  const clean = text.normalize('NFC').trim();
  return clean === '' ? null : clean;
}
