// Dates, numbers, years and lists as Swedish (or English) readers expect them.
import { locale } from './i18n';

const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(tag: string): Intl.DateTimeFormat {
  let format = dateFormats.get(tag);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'long', year: 'numeric' });
    dateFormats.set(tag, format);
  }
  return format;
}

/**
 * "12 mars 2025" from an RFC 3339 time, in the UI's language (or `tag`); empty if it cannot be
 * read.
 */
export function formatDate(rfc3339: string, tag: string = locale()): string {
  if (!rfc3339) return '';
  const date = new Date(rfc3339);
  return Number.isNaN(date.getTime()) ? '' : dateFormat(tag).format(date);
}

/** "1 234" in Swedish, "1,234" in English. */
export function formatCount(n: number, tag: string = locale()): string {
  return n.toLocaleString(tag);
}

/** Years as runs: [2018, 2019, 2020, 2023] gives "2018–2020, 2023". */
export function formatYears(years: number[]): string {
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  const runs: string[] = [];
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === (sorted[j] ?? 0) + 1) j += 1;
    runs.push(i === j ? `${sorted[i]}` : `${sorted[i]}–${sorted[j]}`);
    i = j + 1;
  }
  return runs.join(', ');
}

/** Splits text into paragraphs on blank lines. */
export function paragraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}
