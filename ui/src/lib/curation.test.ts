import { describe, expect, it, vi } from 'vitest';

import type { EntrySummary } from '../bindings/EntrySummary';
import type { ImportArgs } from '../bindings/ImportArgs';
import type { Status } from '../bindings/Status';
import type { WriteReport } from '../bindings/WriteReport';
import type { WriteTotals } from '../bindings/WriteTotals';
import {
  actionLabel,
  canApply,
  canImport,
  cleanMapping,
  cleanText,
  emptyImportChoices,
  formatDateTime,
  IMPORT_LANGUAGES,
  IMPORT_PRESETS,
  importArgs,
  type ImportChoices,
  importErrorField,
  importKey,
  importOptions,
  LONG_SUMMARY_SECTIONS,
  MAX_UPLOAD_BYTES,
  PRESET_SETTINGS,
  presetSettings,
  readUpload,
  rejectsFileName,
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
import kommunPreset from '../../../assets/mappings/kommun.toml?raw';
import pstwPreset from '../../../assets/mappings/pstw.toml?raw';

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
  const choices = (change: Partial<ImportChoices> = {}): ImportChoices => ({ ...emptyImportChoices(), ...change });

  it('sends a mapping only when one is written', () => {
    expect(cleanMapping('  ')).toBeNull();
    expect(cleanMapping(' Rubrik=title;Budget=- \n')).toBe('Rubrik=title;Budget=-');
  });

  it('sends only the choices that say something', () => {
    expect(importOptions(emptyImportChoices())).toEqual({});
    expect(importOptions(choices({ mapping: ' \n ', values: '  ' }))).toEqual({});
    expect(
      importOptions({
        preset: 'kommun',
        mapping: ' [columns]\n"Namn" = "title"\n',
        values: 'Status: Klar=avslutad\n',
        skipUnmapped: true,
        longSummary: 'results',
        language: 'da',
        acceptValid: true,
      }),
    ).toEqual({
      preset: 'kommun',
      mapping: '[columns]\n"Namn" = "title"',
      values: 'Status: Klar=avslutad',
      skipUnmapped: true,
      longSummary: 'results',
      language: 'da',
      acceptValid: true,
    });
  });

  it('builds the whole request from a file\'s bytes and the choices', () => {
    const args: ImportArgs = importArgs('p.csv', new Uint8Array([82, 59]), choices({ preset: 'pstw' }), true);
    expect(args).toEqual({ name: 'p.csv', bytes: [82, 59], preset: 'pstw', dryRun: true });
    expect(importArgs('p.csv', new Uint8Array(), choices({ acceptValid: true }), false)).toEqual({
      name: 'p.csv',
      bytes: [],
      acceptValid: true,
      dryRun: false,
    });
  });

  it('is the same import while the file and every choice that changes a row stay the same', () => {
    const key = importKey(file, choices({ mapping: 'Budget=-' }));
    expect(key).not.toBeNull();
    expect(importKey(file, choices({ mapping: '  Budget=-  ' }))).toBe(key);
    expect(importKey(file, choices({ mapping: 'Budget=title' }))).not.toBe(key);
    expect(importKey({ ...file, lastModified: 2 }, choices({ mapping: 'Budget=-' }))).not.toBe(key);
    expect(importKey(null, choices())).toBeNull();
    const base = choices({ mapping: 'Budget=-' });
    for (const change of [
      { preset: 'pstw' },
      { values: 'Status: Klar=avslutad' },
      { skipUnmapped: true },
      { longSummary: 'solution' },
      { language: 'en' },
    ] as Partial<ImportChoices>[]) {
      expect(importKey(file, { ...base, ...change }), JSON.stringify(change)).not.toBe(key);
    }
    // Writing the valid rows changes nothing the dry run showed.
    expect(importKey(file, { ...base, acceptValid: true })).toBe(key);
  });

  it('may run only after a dry run of the same file and choices without rejected rows', () => {
    const key = importKey(file, choices());
    expect(canImport(null, key)).toBe(false);
    expect(canImport({ key: key!, report: report() }, key)).toBe(true);
    expect(canImport({ key: key!, report: report() }, importKey(file, choices({ mapping: 'X=-' })))).toBe(false);
    expect(canImport({ key: key!, report: report() }, null)).toBe(false);
    expect(canImport({ key: key!, report: report({ totals: totals({ reject: 1 }) }) }, key)).toBe(false);
    expect(canImport({ key: key!, report: report({ dry_run: false, applied: true }) }, key)).toBe(false);
    expect(canImport({ key: key!, report: report({ rows: [], totals: totals({ create: 0 }) }) }, key)).toBe(false);
  });

  it('with rejected rows, may run when the valid rows are to be written and there is one', () => {
    const key = importKey(file, choices());
    const mixed = report({
      totals: totals({ create: 1, reject: 1 }),
      rows: [
        { place: 'rad 2', action: 'create', id: 'a', title: 'A', reason: '' },
        { place: 'rad 3', action: 'reject', id: '', title: '', reason: 'fältet title: rubrik saknas' },
      ],
    });
    expect(canImport({ key: key!, report: mixed }, key, false)).toBe(false);
    expect(canImport({ key: key!, report: mixed }, key, true)).toBe(true);
    expect(canApply(mixed, true)).toBe(true);
    const allRejected = report({
      totals: totals({ create: 0, reject: 1 }),
      rows: [{ place: 'rad 2', action: 'reject', id: '', title: '', reason: 'x' }],
    });
    expect(canImport({ key: key!, report: allRejected }, key, true)).toBe(false);
    expect(canApply(report({ dry_run: false, applied: true, totals: totals({ reject: 1 }) }), true)).toBe(false);
  });

  it('names the file of refused rows after the imported one, as the CLI does', () => {
    expect(rejectsFileName('projekt.csv')).toBe('projekt.avvisade.csv');
    expect(rejectsFileName('Projektlista 2025.xlsx')).toBe('Projektlista 2025.avvisade.csv');
    expect(rejectsFileName('data.tar.csv')).toBe('data.tar.avvisade.csv');
    expect(rejectsFileName('utan-filändelse')).toBe('utan-filändelse.avvisade.csv');
    expect(rejectsFileName('.csv')).toBe('.csv.avvisade.csv');
    expect(rejectsFileName('C:\\Users\\a\\lista.csv')).toBe('lista.avvisade.csv');
    expect(rejectsFileName('')).toBe('import.avvisade.csv');
  });

  it('puts an error beside the choice it is about, and anything else beside the file', () => {
    const at = (message: string, field?: string) => importErrorField({ message, field });
    expect(at('kolumnmappningen: "Rubrik" saknar "=" (skriv Kolumn=fält)')).toBe('mapping');
    expect(at('mappningsfilen kan inte läsas (rad 2): expected `=`')).toBe('mapping');
    expect(at('mappningsfilen är ingen giltig JSON (rad 1, kolumn 2): EOF')).toBe('mapping');
    expect(at('--values: "Status Klar" saknar ":" (skriv "kolumn: Värde=värde; Annat=värde")')).toBe('values');
    expect(at('värdeöversättningen gäller kolumnen "Fas", men filen har ingen sådan')).toBe('values');
    expect(at('long_summary: "slutet" är inget avsnitt')).toBe('longSummary');
    expect(at('språket "de" finns inte; välj sv, en, da, no eller fi')).toBe('language');
    expect(at('kolumnen "Budget" (kolumn B) känns inte igen')).toBe('file');
    expect(at('filen saknar en kolumn för rubriken (title)')).toBe('file');
    // The library's own field goes first.
    expect(at('något', 'values')).toBe('values');
    expect(at('något', 'summary')).toBe('file');
  });

  it('knows what each preset decides, as assets/mappings says', () => {
    expect(IMPORT_PRESETS).toEqual(['pstw', 'kommun']);
    const files: Record<string, string> = { pstw: pstwPreset, kommun: kommunPreset };
    for (const name of IMPORT_PRESETS) {
      const text = files[name];
      // The settings stand before the first table.
      const top = text.split(/^\[/m)[0];
      const setting = (key: string) => new RegExp(`^${key}\\s*=\\s*"?([^"\\n]*)"?\\s*$`, 'm').exec(top)?.[1] ?? null;
      expect(PRESET_SETTINGS[name], name).toEqual({
        skipUnmapped: setting('skip_unmapped') === 'true',
        longSummary: setting('long_summary'),
        language: setting('language'),
      });
    }
    expect(presetSettings(choices())).toBeNull();
    expect(presetSettings(choices({ preset: 'pstw' }))?.language).toBe('en');
    expect(LONG_SUMMARY_SECTIONS).toEqual(['challenge', 'solution', 'results', 'lessons', 'dissemination']);
    expect(IMPORT_LANGUAGES).toEqual(['sv', 'en', 'da', 'no', 'fi']);
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

  it('for an import that writes its valid rows: what happens to the others, and where they go', () => {
    const mixed = (change: Partial<WriteReport> = {}) =>
      report({
        totals: totals({ create: 2, reject: 1 }),
        rows: [
          { place: 'rad 2', action: 'create', id: 'a', title: 'A', reason: '' },
          { place: 'rad 3', action: 'create', id: 'b', title: 'B', reason: 'språket engelska igenkänt' },
          { place: 'rad 4', action: 'reject', id: '', title: '', reason: 'fältet title: rubrik saknas' },
        ],
        ...change,
      });
    const csv = 'Rubrik;Avvisad: skäl\n;fältet title: rubrik saknas\n';
    expect(writeVerdict(mixed())).toBe('rejected');
    expect(writeVerdict(mixed(), true)).toBe('partial');
    expect(writeVerdict(mixed({ dry_run: false, applied: true, rejects_csv: csv }), true)).toBe('partial-done');
    expect(writeVerdict(mixed({ dry_run: false, applied: true, rejects_csv: csv }))).toBe('partial-done');
    expect(verdictText(mixed())).toMatch(/eller välj ”Importera de giltiga raderna och ge mig de avvisade”/);
    expect(verdictText(mixed({ rejects_csv: csv }), true)).toBe(
      'Den avvisade raden lämnas utanför. Välj Importera för att spara de övriga; den avvisade får du sedan som en fil att rätta och importera igen.',
    );
    expect(verdictText(mixed({ totals: totals({ create: 2, reject: 3 }) }), true)).toBe(
      'De 3 avvisade raderna lämnas utanför. Välj Importera för att spara de övriga.',
    );
    expect(verdictText(mixed({ dry_run: false, applied: true, rejects_csv: csv }), true)).toBe(
      'De giltiga raderna är sparade, var och en med en ny revision i historiken. Den avvisade raden sparades inte: hämta den som en fil, rätta och importera filen igen.',
    );
    setLanguage('en');
    expect(verdictText(mixed({ dry_run: false, applied: true, totals: totals({ reject: 2 }), rejects_csv: csv }), true)).toBe(
      'The valid rows are saved, each with a new revision in its history. The 2 rejected rows were not saved: download them as a file, correct and import the file again.',
    );
    expect(verdictText(mixed({ rejects_csv: csv }), true)).toMatch(/^The rejected row is left out\. Choose Import/);
    setLanguage('sv');
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
    expect(verdictText(report({ source: 'add', totals: totals({ reject: 1 }) }))).toBe(
      'Inget sparas när en rad avvisas. Rätta de avvisade raderna i filen och provkör igen.',
    );
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
