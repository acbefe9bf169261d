import { describe, expect, it, vi } from 'vitest';

import type { EntrySummary } from '../bindings/EntrySummary';
import type { Status } from '../bindings/Status';
import type { WriteReport } from '../bindings/WriteReport';
import type { WriteTotals } from '../bindings/WriteTotals';
import {
  actionLabel,
  canApply,
  canImport,
  cleanMapping,
  cleanText,
  formatDateTime,
  importKey,
  MAX_UPLOAD_BYTES,
  readUpload,
  STATUSES,
  statusCounts,
  statusFilter,
  uploadTooLarge,
  verdictText,
  withStatus,
  writeHeading,
  writeTotals,
  writeVerdict,
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

const totals = (change: Partial<WriteTotals> = {}): WriteTotals => ({
  create: 1,
  update: 0,
  unchanged: 0,
  reject: 0,
  keep_for_review: 0,
  ...change,
});

const report = (change: Partial<WriteReport> = {}): WriteReport => ({
  source: 'import',
  format: 'csv',
  attachments: 0,
  erased_contacts: 0,
  dry_run: true,
  applied: false,
  totals: totals(),
  rows: [{ place: 'rad 2', action: 'create', id: 'a', title: 'A', reason: '' }],
  skipped_columns: [],
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
    expect(canImport({ key: key!, report: report({ totals: totals({ reject: 1 }) }) }, key)).toBe(false);
    expect(canImport({ key: key!, report: report({ dry_run: false, applied: true }) }, key)).toBe(false);
    expect(canImport({ key: key!, report: report({ rows: [], totals: totals({ create: 0 }) }) }, key)).toBe(false);
  });
});

describe('an upload (an import of a file, a bundle from a browser)', () => {
  it('is held to the import\'s 100 MB, said as the library says it', () => {
    expect(MAX_UPLOAD_BYTES).toBe(100 * 1024 * 1024);
    expect(uploadTooLarge({ name: 'paket.zip', size: MAX_UPLOAD_BYTES })).toBeNull();
    expect(uploadTooLarge({ name: 'paket.zip', size: MAX_UPLOAD_BYTES + 1 })).toBe(
      'paket.zip: filen är 100 MB; importen läser högst 100 MB',
    );
    expect(uploadTooLarge({ name: 'stor.csv', size: 250 * 1024 * 1024 + 5 })).toBe(
      'stor.csv: filen är 250 MB; importen läser högst 100 MB',
    );
  });

  it('reads the bytes of a file within the limit, and refuses a larger one without reading it', async () => {
    const small = new File([new Uint8Array([0x50, 0x4b, 3, 4])], 'paket.zip');
    expect(Array.from(await readUpload(small))).toEqual([0x50, 0x4b, 3, 4]);
    const arrayBuffer = vi.fn();
    const huge = { name: 'stor.zip', size: MAX_UPLOAD_BYTES + 1, arrayBuffer } as unknown as File;
    await expect(readUpload(huge)).rejects.toEqual({
      code: 'invalid_input',
      message: 'stor.zip: filen är 100 MB; importen läser högst 100 MB',
    });
    expect(arrayBuffer).not.toHaveBeenCalled();
  });
});

describe('a write report', () => {
  const bundle = (change: Partial<WriteReport> = {}): WriteReport =>
    report({
      source: 'bundle',
      format: '',
      sender: { name: 'Region Test', public_key: 'ab'.repeat(32), library_id: 'lib' },
      attachments: 3,
      ...change,
    });

  it('may be carried out after a dry run in which nothing was rejected', () => {
    expect(canApply(report())).toBe(true);
    expect(canApply(bundle({ rows: [], totals: totals({ create: 0 }) }))).toBe(true);
    expect(canApply(report({ totals: totals({ reject: 1 }) }))).toBe(false);
    expect(canApply(bundle({ totals: totals({ reject: 2 }) }))).toBe(false);
    expect(canApply(report({ dry_run: false, applied: true }))).toBe(false);
  });

  it('says what happens to each entry, in Swedish or English', () => {
    expect(actionLabel('create')).toBe('ny');
    expect(actionLabel('update')).toBe('ändras');
    expect(actionLabel('unchanged')).toBe('oförändrad');
    expect(actionLabel('reject')).toBe('avvisas');
    expect(actionLabel('keep_for_review')).toBe('lokal ändring behålls');
    setLanguage('en');
    expect(actionLabel('reject')).toBe('rejected');
    expect(actionLabel('keep_for_review')).toBe('local change kept');
    setLanguage('sv');
  });

  it('counts each action, and local changes kept only when there are any', () => {
    const r = report({ totals: totals({ create: 2, update: 1, unchanged: 1, reject: 1 }) });
    expect(writeTotals(r)).toBe('2 nya, 1 ändras, 1 oförändrad, 1 avvisas');
    expect(writeTotals(report({ totals: totals({ create: 1, unchanged: 3 }) }))).toBe(
      '1 ny, 0 ändras, 3 oförändrade, 0 avvisas',
    );
    const kept = bundle({ totals: totals({ create: 2, update: 1, unchanged: 5, keep_for_review: 1 }) });
    expect(writeTotals(kept)).toBe('2 nya, 1 ändras, 5 oförändrade, 0 avvisas, 1 lokal ändring behålls');
    expect(writeTotals(bundle({ totals: totals({ create: 0, keep_for_review: 2 }) }))).toBe(
      '0 nya, 0 ändras, 0 oförändrade, 0 avvisas, 2 lokala ändringar behålls',
    );
    setLanguage('en');
    expect(writeTotals(r)).toBe('2 new, 1 changed, 1 unchanged, 1 rejected');
    expect(writeTotals(kept)).toBe('2 new, 1 changed, 5 unchanged, 0 rejected, 1 local change kept');
    setLanguage('sv');
  });

  it('is headed by what happened: a dry run, a write, or none', () => {
    expect(writeHeading(report())).toBe('Provkörning – inget har sparats');
    expect(writeHeading(report({ totals: totals({ reject: 1 }) }))).toBe('Provkörning – inget har sparats');
    expect(writeHeading(report({ dry_run: false, applied: true }))).toBe('Importen är klar');
    expect(writeHeading(bundle({ dry_run: false, applied: false, totals: totals({ reject: 1 }) }))).toBe(
      'Inget importerades',
    );
  });

  it('comes to a verdict: rejected, ready, done or nothing to say', () => {
    expect(writeVerdict(report())).toBe('ready');
    expect(writeVerdict(report({ totals: totals({ reject: 1 }) }))).toBe('rejected');
    expect(writeVerdict(report({ dry_run: false, applied: false, totals: totals({ reject: 1 }) }))).toBe(
      'rejected',
    );
    expect(writeVerdict(report({ dry_run: false, applied: true, backup: '/b.zip' }))).toBe('done');
    expect(writeVerdict(report({ dry_run: false, applied: false }))).toBe('none');
    expect(verdictText(report())).toMatch(/^Inget avvisas/);
    expect(verdictText(report({ totals: totals({ reject: 1 }) }))).toMatch(/Rätta de avvisade raderna/);
    expect(verdictText(bundle({ totals: totals({ reject: 1 }) }))).toMatch(/Be avsändaren/);
    expect(verdictText(bundle({ dry_run: false, applied: true }))).toMatch(/^Posterna är sparade/);
    expect(verdictText(report({ dry_run: false, applied: false }))).toBe('');
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
