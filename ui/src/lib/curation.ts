// The curator's pages (Redaktion, Papperskorg): the rules they share, kept free of state so
// they can be tested on their own.

import type { EntrySummary } from '../bindings/EntrySummary';
import type { Error as ApiError } from '../bindings/Error';
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

/** What identifies a file as picked: its name, size and time (the bytes are read on a run). */
export type PickedFile = { name: string; size: number; lastModified: number };

/**
 * The identity of an import: the file and the mapping. A dry run counts for the real import
 * only while this stays the same (another file, or an edited mapping, needs a new dry run).
 */
export function importKey(file: PickedFile | null, mapping: string): string | null {
  if (file === null) return null;
  return JSON.stringify([file.name, file.size, file.lastModified, cleanMapping(mapping)]);
}

/** A dry run that was made, and what it was made on. */
export type DryRun = { key: string; report: WriteReport };

/**
 * Whether "Importera" may be pressed: after a dry run of the same file and mapping in which
 * no row was rejected.
 */
export function canImport(dry: DryRun | null, key: string | null): boolean {
  return (
    dry !== null &&
    key !== null &&
    dry.key === key &&
    canApply(dry.report) &&
    dry.report.rows.length > 0
  );
}

/** Whether what a report shows may be written now: it is a dry run and nothing was rejected. */
export function canApply(report: WriteReport): boolean {
  return report.dry_run && report.totals.reject === 0;
}

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
 * run that may be carried out, a write that was made, or none of these (nothing to say).
 */
export type WriteVerdict = 'rejected' | 'ready' | 'done' | 'none';

export function writeVerdict(report: WriteReport): WriteVerdict {
  if (report.totals.reject > 0) return 'rejected';
  if (report.dry_run) return 'ready';
  return report.applied ? 'done' : 'none';
}

/** The verdict in words; a rejection says what to do about it (a bundle cannot be fixed here). */
export function verdictText(report: WriteReport): string {
  switch (writeVerdict(report)) {
    case 'rejected':
      return report.source === 'bundle' ? t.writeRejectedBundleNote : t.writeRejectedNote;
    case 'ready':
      return t.writeReadyNote;
    case 'done':
      return t.writeDoneNote;
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
