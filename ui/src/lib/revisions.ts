// Small rules of the entry's history page and its attachments, kept apart from the components
// so they can be tested: which two revisions to compare first, and file sizes for people.

import type { DiffPart } from '../bindings/DiffPart';
import type { RevisionInfo } from '../bindings/RevisionInfo';

/** The two revisions compared when the history opens: the last two (null with fewer). */
export function defaultPair(revisions: readonly RevisionInfo[]): { from: number; to: number } | null {
  if (revisions.length < 2) return null;
  const sorted = [...revisions].sort((a, b) => a.revision - b.revision);
  const to = sorted[sorted.length - 1];
  const from = sorted[sorted.length - 2];
  return from && to ? { from: from.revision, to: to.revision } : null;
}

/** The newest revision's number (0 with none). */
export function latestRevision(revisions: readonly RevisionInfo[]): number {
  return revisions.reduce((max, r) => Math.max(max, r.revision), 0);
}

/** Whether a changed field has anything removed or added (not only reordered whitespace). */
export function hasChanges(parts: readonly DiffPart[]): boolean {
  return parts.some((p) => p.op !== 'equal' && p.text.trim() !== '');
}

/** "850 B", "12 kB", "3,4 MB" in the given locale. */
export function formatBytes(bytes: number, tag: string): string {
  const units = ['B', 'kB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  const number = value.toLocaleString(tag, { maximumFractionDigits: digits, minimumFractionDigits: digits });
  return `${number} ${units[unit]}`;
}

/** A file's content, as the library wants it. */
export async function fileBytes(file: Blob): Promise<Uint8Array> {
  return new Uint8Array(await file.arrayBuffer());
}

/** The file types an attachment may have, for `<input type="file" accept>`. */
export const ATTACHMENT_ACCEPT = '.pdf,.docx,.png,.jpg,.jpeg';

/** "12 mars 2025 14:05" from an RFC 3339 time, in the given locale; empty if unreadable. */
export function formatDateTime(rfc3339: string, tag: string): string {
  if (!rfc3339) return '';
  const date = new Date(rfc3339);
  if (Number.isNaN(date.getTime())) return '';
  const day = date.toLocaleDateString(tag, { day: 'numeric', month: 'long', year: 'numeric' });
  const time = date.toLocaleTimeString(tag, { hour: '2-digit', minute: '2-digit' });
  return `${day} ${time}`;
}
