import { describe, expect, it } from 'vitest';

import type { EntrySummary } from '../bindings/EntrySummary';
import type { ImportReport } from '../bindings/ImportReport';
import type { Status } from '../bindings/Status';
import {
  actionLabel,
  canImport,
  cleanMapping,
  cleanText,
  formatDateTime,
  importKey,
  importTotals,
  STATUSES,
  statusCounts,
  statusFilter,
  withStatus,
} from './curation';
import { setLanguage } from './i18n';

const entry = (id: string, status: Status): EntrySummary => ({
  id,
  uid: `uid-${id}`,
  title: id,
  kind: 'exempel',
  status,
  revision: 1,
  updated_at: '2025-03-12T10:15:00Z',
});

const report = (change: Partial<ImportReport> = {}): ImportReport => ({
  format: 'csv',
  dry_run: true,
  imported: false,
  rows: [{ row: 'rad 2', action: 'create', id: 'a', title: 'A', reason: '' }],
  created: 1,
  updated: 0,
  unchanged: 0,
  rejected: 0,
  ...change,
});

describe('the status filter', () => {
  const entries = [entry('a', 'utkast'), entry('b', 'publicerad'), entry('c', 'utkast'), entry('d', 'arkiverad')];

  it('counts each status, and all of them', () => {
    expect(statusCounts(entries)).toEqual({ alla: 4, utkast: 2, granskning: 0, publicerad: 1, arkiverad: 1 });
    expect(statusCounts([])).toEqual({ alla: 0, utkast: 0, granskning: 0, publicerad: 0, arkiverad: 0 });
  });

  it('shows the entries of one status, or all, in the order given', () => {
    expect(withStatus(entries, 'utkast').map((e) => e.id)).toEqual(['a', 'c']);
    expect(withStatus(entries, 'granskning')).toEqual([]);
    expect(withStatus(entries, 'alla').map((e) => e.id)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('is read from the address leniently', () => {
    expect(statusFilter('granskning')).toBe('granskning');
    expect(statusFilter(null)).toBe('alla');
    expect(statusFilter('raderad')).toBe('alla');
    expect(STATUSES).toEqual(['utkast', 'granskning', 'publicerad', 'arkiverad']);
  });
});

describe('an import', () => {
  const file = { name: 'poster.csv', size: 120, lastModified: 1 };

  it('sends a mapping only when one is written', () => {
    expect(cleanMapping('  ')).toBeNull();
    expect(cleanMapping(' Rubrik=title;Budget=- \n')).toBe('Rubrik=title;Budget=-');
  });

  it('is the same import while the file and the mapping stay the same', () => {
    const key = importKey(file, 'Budget=-');
    expect(key).not.toBeNull();
    expect(importKey(file, '  Budget=-  ')).toBe(key);
    expect(importKey(file, 'Budget=title')).not.toBe(key);
    expect(importKey({ ...file, lastModified: 2 }, 'Budget=-')).not.toBe(key);
    expect(importKey(null, '')).toBeNull();
  });

  it('may run only after a dry run of the same file and mapping without rejected rows', () => {
    const key = importKey(file, '');
    expect(canImport(null, key)).toBe(false);
    expect(canImport({ key: key!, report: report() }, key)).toBe(true);
    expect(canImport({ key: key!, report: report() }, importKey(file, 'X=-'))).toBe(false);
    expect(canImport({ key: key!, report: report() }, null)).toBe(false);
    expect(canImport({ key: key!, report: report({ rejected: 1 }) }, key)).toBe(false);
    expect(canImport({ key: key!, report: report({ dry_run: false, imported: true }) }, key)).toBe(false);
    expect(canImport({ key: key!, report: report({ rows: [], created: 0 }) }, key)).toBe(false);
  });

  it('says what happens to each row, and the totals, in Swedish or English', () => {
    expect(actionLabel('create')).toBe('ny');
    expect(actionLabel('update')).toBe('ändras');
    expect(actionLabel('unchanged')).toBe('oförändrad');
    expect(actionLabel('reject')).toBe('avvisas');
    const r = report({ created: 2, updated: 1, unchanged: 1, rejected: 1 });
    expect(importTotals(r)).toBe('2 nya, 1 ändras, 1 oförändrad, 1 avvisas');
    expect(importTotals(report({ created: 1, unchanged: 3 }))).toBe('1 ny, 0 ändras, 3 oförändrade, 0 avvisas');
    setLanguage('en');
    expect(actionLabel('reject')).toBe('rejected');
    expect(importTotals(r)).toBe('2 new, 1 changed, 1 unchanged, 1 rejected');
    setLanguage('sv');
  });
});

describe('small things', () => {
  it('writes a time with its date', () => {
    const text = formatDateTime('2025-03-12T10:15:00Z');
    expect(text).toContain('mars 2025');
    expect(text).toMatch(/\d\d[:.]\d\d/);
    expect(formatDateTime('2025-03-12T10:15:00Z', 'en-GB')).toContain('March 2025');
    expect(formatDateTime('')).toBe('');
    expect(formatDateTime('i går')).toBe('');
  });

  it('cleans names: trimmed, NFC, and nothing is none', () => {
    expect(cleanText('  Anna  ')).toBe('Anna');
    expect(cleanText('A\u0308sa')).toBe('Äsa');
    expect(cleanText(' \n ')).toBeNull();
  });
});
