// The entry editor's logic, free of components so it can be tested on its own: the form's state
// and the entry it stands for (both ways), finding municipalities by name or SCB code, and
// which form field a validation message from the library names (`fältet places[0].lan_code: …`).

import type { Contact } from '../bindings/Contact';
import type { County } from '../bindings/County';
import type { Entry } from '../bindings/Entry';
import type { Kind } from '../bindings/Kind';
import type { Language } from '../bindings/Language';
import type { Municipality } from '../bindings/Municipality';
import type { Novelty } from '../bindings/Novelty';
import type { OrgType } from '../bindings/OrgType';
import type { Organisation } from '../bindings/Organisation';
import type { Place } from '../bindings/Place';
import type { Sections } from '../bindings/Sections';
import type { Source } from '../bindings/Source';
import type { Stage } from '../bindings/Stage';
import type { Uptake } from '../bindings/Uptake';
import type { UptakeStage } from '../bindings/UptakeStage';

/** The sections, in the order the entry page shows them. */
export const SECTION_KEYS: readonly (keyof Sections)[] = [
  'challenge',
  'solution',
  'results',
  'lessons',
  'dissemination',
];

/** The longest summary and title the library accepts, in characters (src/validate.rs). */
export const MAX_SUMMARY_CHARS = 1200;
export const MAX_TITLE_CHARS = 300;

/**
 * A place as the form has it: the municipality picker's text, and the county's code; or, for a
 * case from outside Sweden, the country's ISO code (`country_code`; empty or absent: Sweden).
 */
export type PlaceRow = { municipality: string; lan_code: string; country_code?: string };

/** The country of a place's row: its ISO code, or '' for a Swedish municipality or county. */
export const rowCountry = (row: PlaceRow): string => row.country_code ?? '';

/**
 * Who took the case up, as the form's row has it: a municipality or county picked by name or
 * SCB code (`place`: "Södertälje (0181)", "Stockholms län (01)"), another organisation by name
 * and type, or a count of organisations of a type when the source names none.
 */
export type UptakeKind = 'place' | 'named' | 'counted';
export type UptakeRow = {
  kind: UptakeKind;
  place: string;
  organisation: string;
  type: OrgType;
  count: number | null;
  stage: UptakeStage;
  date: string;
  source: string;
  note: string;
  /** Not edited in the form; kept as they are. */
  contacts: Contact[];
};

/** Everything the editor lets one change, as its inputs hold it. */
export type FormState = {
  kind: Kind;
  /** The language the entry is written in. */
  language: Language;
  title: string;
  summary: string;
  sections: Sections;
  focus_areas: string[];
  stage: Stage | '';
  novelty: Novelty | '';
  organisations: Organisation[];
  places: PlaceRow[];
  period_start: number | null;
  period_end: number | null;
  goals: number[];
  /** Comma-separated. */
  tags: string;
  contacts: Contact[];
  sources: Source[];
  /** uids. */
  related: string[];
  uptakes: UptakeRow[];
};

/** A new, empty entry, as the form starts it (the library sets id, uid, times and revision). */
export function blankEntry(kind: Kind = 'exempel'): Entry {
  return {
    format: 1,
    id: '',
    uid: '',
    origin: '',
    kind,
    title: '',
    summary: '',
    sections: { challenge: '', solution: '', results: '', lessons: '', dissemination: '' },
    focus_areas: [],
    organisations: [],
    places: [],
    goals: [],
    tags: [],
    contacts: [],
    sources: [],
    attachments: [],
    related: [],
    uptakes: [],
    language: 'sv',
    status: 'utkast',
    revision: 0,
    created_at: '',
    updated_at: '',
  };
}

export const emptyOrganisation = (): Organisation => ({ name: '', type: 'kommun', role: '' });
export const emptyPlace = (): PlaceRow => ({ municipality: '', lan_code: '' });
export const emptyContact = (): Contact => ({ name: '', role: '', organisation: '', email: '', phone: '' });
export const emptyUptake = (): UptakeRow => ({
  kind: 'place',
  place: '',
  organisation: '',
  type: 'kommun',
  count: null,
  stage: 'intresserad',
  date: '',
  source: '',
  note: '',
  contacts: [],
});
export const emptySource = (): Source => ({ title: '', url: '', publisher: '', date: '', licence: '' });

/** "Södertälje (0181)": how the picker shows a municipality, and what it accepts back. */
export function municipalityLabel(name: string, code: string): string {
  if (!code) return name;
  return name ? `${name} (${code})` : code;
}

const fold = (s: string) => s.normalize('NFC').trim().toLocaleLowerCase('sv-SE');

/**
 * The municipality the picker's text names: by its label ("Södertälje (0181)"), its SCB code
 * ("0181") or its name, in any case ("södertälje"). Null when it names none (or nothing).
 */
export function resolveMunicipality(
  text: string,
  municipalities: readonly Municipality[],
): Municipality | null {
  const wanted = text.normalize('NFC').trim();
  if (wanted === '') return null;
  const labelled = /^(.*?)\s*\((\d{4})\)$/.exec(wanted);
  const code = labelled ? labelled[2] : /^\d{4}$/.test(wanted) ? wanted : null;
  if (code) return municipalities.find((m) => m.code === code) ?? null;
  const name = fold(wanted);
  return municipalities.find((m) => fold(m.name) === name) ?? null;
}

/** The form's state for an entry. */
export function fromEntry(entry: Entry): FormState {
  return {
    kind: entry.kind,
    language: entry.language ?? 'sv',
    title: entry.title,
    summary: entry.summary,
    sections: { ...entry.sections },
    focus_areas: [...entry.focus_areas],
    stage: entry.stage ?? '',
    novelty: entry.novelty ?? '',
    organisations: entry.organisations.map((o) => ({ ...o })),
    places: entry.places.map((p) =>
      p.country_code && !p.municipality_code && !p.lan_code
        ? { municipality: '', lan_code: '', country_code: p.country_code }
        : {
            municipality: p.municipality_code
              ? municipalityLabel(p.municipality, p.municipality_code)
              : p.municipality,
            lan_code: p.lan_code,
          },
    ),
    period_start: entry.period?.start ?? null,
    period_end: entry.period?.end ?? null,
    goals: [...entry.goals],
    tags: entry.tags.join(', '),
    contacts: entry.contacts.map((c) => ({ ...c })),
    sources: entry.sources.map((s) => ({ ...s })),
    related: [...entry.related],
    uptakes: (entry.uptakes ?? []).map((u) => fromUptake(u)),
  };
}

/** "Stockholms län (01)": how the uptake's picker shows a county; municipalities as elsewhere. */
export const countyLabel = municipalityLabel;

/**
 * The municipality or county an uptake's picker text names: by label ("Örebro (1880)",
 * "Örebro län (18)"), SCB code ("1880", "18") or name, in any case. Null when none.
 */
export function resolveUptakePlace(
  text: string,
  municipalities: readonly Municipality[],
  counties: readonly County[],
): { code: string; name: string } | null {
  const wanted = text.normalize('NFC').trim();
  if (wanted === '') return null;
  const labelled = /^(.*?)\s*\((\d{2}|\d{4})\)$/.exec(wanted);
  const code = labelled ? labelled[2] : /^(\d{2}|\d{4})$/.test(wanted) ? wanted : null;
  if (code) {
    const found = code.length === 4 ? municipalities.find((m) => m.code === code) : counties.find((c) => c.code === code);
    return found ? { code, name: found.name } : null;
  }
  const name = fold(wanted);
  const m = municipalities.find((x) => fold(x.name) === name);
  if (m) return { code: m.code, name: m.name };
  const c = counties.find((x) => fold(x.name) === name || fold(x.name) === `${name} län`);
  return c ? { code: c.code, name: c.name } : null;
}

/** The form's row for an uptake. */
export function fromUptake(u: Uptake): UptakeRow {
  const row: UptakeRow = {
    ...emptyUptake(),
    type: u.type,
    stage: u.stage,
    date: u.date ?? '',
    source: u.source ?? '',
    note: u.note ?? '',
    contacts: (u.contacts ?? []).map((c) => ({ ...c })),
  };
  if (u.count != null) return { ...row, kind: 'counted', count: u.count };
  if (u.code) return { ...row, kind: 'place', place: municipalityLabel(u.organisation, u.code) };
  return { ...row, kind: 'named', organisation: u.organisation };
}

/**
 * An uptake for the library from a row of the form. A place the picker recognises goes by its
 * code (the library fills in the name and type); anything else is sent as typed, as the code,
 * so the library's own check names the problem beside the picker.
 */
export function toUptake(
  row: UptakeRow,
  municipalities: readonly Municipality[],
  counties: readonly County[],
): Uptake {
  const common = {
    stage: row.stage,
    date: row.date.trim(),
    source: row.source,
    note: row.note,
    contacts: row.contacts.map((c) => ({ ...c })),
  };
  switch (row.kind) {
    case 'place': {
      const found = resolveUptakePlace(row.place, municipalities, counties);
      const code = found?.code ?? row.place.trim();
      return { ...common, code, organisation: '', type: code.length === 2 ? 'region' : 'kommun' };
    }
    case 'named':
      return { ...common, code: '', organisation: row.organisation, type: row.type };
    case 'counted': {
      const count = typeof row.count === 'number' && Number.isFinite(row.count) ? Math.trunc(row.count) : 0;
      return { ...common, code: '', organisation: '', type: row.type, count };
    }
  }
}

/**
 * A place for the library from a row of the form. A municipality the picker recognises goes by
 * its code (the library fills in the names); anything else is sent as typed, so the library's
 * own check names the problem (`okänd kommunkod "9999"`, `okänd kommun "Gotham"`).
 */
export function toPlace(row: PlaceRow, municipalities: readonly Municipality[]): Place {
  // A country outside Sweden goes by its code alone; the library fills in its name.
  const country = rowCountry(row);
  if (country !== '') {
    return { municipality_code: '', municipality: '', lan_code: '', lan: '', country_code: country };
  }
  const text = row.municipality.trim();
  const found = resolveMunicipality(text, municipalities);
  const code = found?.code ?? (/^\d+$/.test(text) ? text : '');
  return {
    municipality_code: code,
    municipality: found || code ? '' : text,
    lan_code: row.lan_code,
    lan: '',
  };
}

/** Tags from the comma-separated field: trimmed, without empty ones. */
export function parseTags(text: string): string[] {
  return text
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');
}

/** A year the form holds, as a whole number (undefined when the field is empty or not a number). */
export function year(value: number | null | undefined): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? Math.trunc(value) : undefined;
}

/**
 * The entry the form stands for: `base` (the saved entry, or a blank one) with the form's
 * fields. What the form does not show (ids, status, revision, attachments, times) is `base`'s.
 */
export function toEntry(
  form: FormState,
  base: Entry,
  municipalities: readonly Municipality[],
  counties: readonly County[] = [],
): Entry {
  const entry: Entry = {
    ...base,
    kind: form.kind,
    language: form.language ?? 'sv',
    title: form.title,
    summary: form.summary,
    sections: { ...form.sections },
    focus_areas: [...form.focus_areas],
    organisations: form.organisations.map((o) => ({ ...o })),
    places: form.places.map((p) => toPlace(p, municipalities)),
    goals: [...form.goals].sort((a, b) => a - b),
    tags: parseTags(form.tags),
    contacts: form.contacts.map((c) => ({ ...c })),
    sources: form.sources.map((s) => ({ ...s })),
    related: [...form.related],
    attachments: base.attachments.map((a) => ({ ...a })),
    // A draft kept from a build without the Spridning fieldset has no rows: the saved ones stay.
    uptakes: Array.isArray(form.uptakes)
      ? form.uptakes.map((u) => toUptake(u, municipalities, counties))
      : (base.uptakes ?? []).map((u) => ({ ...u })),
  };
  delete entry.stage;
  delete entry.novelty;
  delete entry.period;
  if (form.stage !== '') entry.stage = form.stage;
  if (form.novelty !== '') entry.novelty = form.novelty;
  const start = year(form.period_start);
  const end = year(form.period_end);
  if (start !== undefined || end !== undefined) {
    entry.period = {};
    if (start !== undefined) entry.period.start = start;
    if (end !== undefined) entry.period.end = end;
  }
  return entry;
}

/** Whether two form states hold the same thing. */
export function sameForm(a: FormState, b: FormState): boolean {
  return JSON.stringify(normalisedForm(a)) === JSON.stringify(normalisedForm(b));
}

function normalisedForm(f: FormState): unknown[] {
  // A fixed order of fields, whatever order an object restored from storage has its keys in.
  return [
    f.kind,
    f.language ?? 'sv',
    f.title,
    f.summary,
    SECTION_KEYS.map((k) => f.sections[k]),
    f.focus_areas,
    f.stage,
    f.novelty,
    f.organisations.map((o) => [o.name, o.type, o.role]),
    f.places.map((p) => [p.municipality, p.lan_code, rowCountry(p)]),
    year(f.period_start) ?? null,
    year(f.period_end) ?? null,
    [...f.goals].sort((a, b) => a - b),
    f.tags,
    f.contacts.map((c) => [c.name, c.role, c.organisation, c.email, c.phone]),
    f.sources.map((s) => [s.title, s.url, s.publisher, s.date, s.licence]),
    f.related,
    (f.uptakes ?? []).map((u) => [u.kind, u.place, u.organisation, u.type, u.count, u.stage, u.date, u.source, u.note]),
  ];
}

/**
 * A form kept by an older build, with what it lacked filled in: the language (Swedish, as every
 * entry was then). Its places lack a country, which reads as Sweden.
 */
export function withDefaults(form: FormState): FormState {
  return form.language === undefined ? { ...form, language: 'sv' } : form;
}

/** Whether a stored value has the shape of a form's state (a draft from an older build may not). */
export function isFormState(value: unknown): value is FormState {
  if (typeof value !== 'object' || value === null) return false;
  const f = value as Record<string, unknown>;
  const strings = (v: unknown) => typeof v === 'string';
  const list = (v: unknown) => Array.isArray(v);
  const sections = f['sections'];
  return (
    strings(f['kind']) &&
    strings(f['title']) &&
    strings(f['summary']) &&
    typeof sections === 'object' &&
    sections !== null &&
    SECTION_KEYS.every((k) => strings((sections as Record<string, unknown>)[k])) &&
    list(f['focus_areas']) &&
    strings(f['stage']) &&
    strings(f['novelty']) &&
    list(f['organisations']) &&
    list(f['places']) &&
    list(f['goals']) &&
    strings(f['tags']) &&
    list(f['contacts']) &&
    list(f['sources']) &&
    list(f['related'])
  );
}

/** The number of characters as the library counts them (Unicode scalar values, NFC). */
export function charCount(text: string): number {
  return [...text.normalize('NFC').trim()].length;
}

// ---------------------------------------------------------------------------------------------
// Validation messages and the fields they name

/** A problem the library found, with the form field it belongs to (null: no field of the form). */
export type FieldProblem = {
  /** The form field's key: `title`, `sections.results`, `places.0.municipality`, `goals`, … */
  field: string | null;
  /** The path the library named (`places[0].municipality_code`), if any. */
  path: string | null;
  /** The problem without the `fältet …:` prefix, starting with a capital letter. */
  text: string;
  /** The whole message, as the library sent it. */
  message: string;
};

const ROW_FIELDS: Record<string, readonly string[]> = {
  organisations: ['name', 'type', 'role'],
  contacts: ['name', 'role', 'organisation', 'email', 'phone'],
  sources: ['title', 'url', 'publisher', 'date', 'licence'],
};

const UPTAKE_FIELDS: readonly string[] = ['code', 'organisation', 'type', 'count', 'stage', 'date', 'source', 'note'];

/**
 * The form field a path in a message names, or null when the form has no such field (`id`,
 * `uid`, `format`, `attachments…`). Rows keep their index: `organisations[1].name` is
 * `organisations.1.name`; a place's municipality code and name are both its picker,
 * `places.0.municipality`, and its county code and name its county select, `places.0.lan`; its
 * country code and name are its country select, `places.0.country`.
 */
export function fieldKey(path: string): string | null {
  const p = path.trim();
  if (['title', 'summary', 'kind', 'language', 'stage', 'novelty'].includes(p)) return p;
  const section = /^sections\.(\w+)$/.exec(p);
  if (section?.[1]) return (SECTION_KEYS as readonly string[]).includes(section[1]) ? p : null;
  if (p === 'sections') return 'sections.challenge';
  const group = /^(focus_areas|goals|tags|related)(\[\d+\])?$/.exec(p);
  if (group?.[1]) return group[1];
  if (p === 'period' || p === 'period.start' || p === 'period.end') return p;
  const place = /^places\[(\d+)\](?:\.(\w+))?$/.exec(p);
  if (place?.[1] !== undefined) {
    const which =
      place[2] === 'lan_code' || place[2] === 'lan'
        ? 'lan'
        : place[2] === 'country_code' || place[2] === 'country'
          ? 'country'
          : 'municipality';
    return `places.${place[1]}.${which}`;
  }
  if (p === 'places') return 'places';
  // An uptake's field (`uptakes[1].source` → `uptakes.1.source`); its contacts, which the form
  // does not edit, and the row as a whole go to the row (`uptakes.1`).
  const uptake = /^uptakes(?:\[(\d+)\](?:\.(\w+))?)?/.exec(p);
  if (uptake) {
    if (uptake[1] === undefined) return 'uptakes';
    const field = uptake[2];
    return field !== undefined && UPTAKE_FIELDS.includes(field) ? `uptakes.${uptake[1]}.${field}` : `uptakes.${uptake[1]}`;
  }
  const row = /^(organisations|contacts|sources)(?:\[(\d+)\](?:\.(\w+))?)?$/.exec(p);
  if (row?.[1]) {
    const fields = ROW_FIELDS[row[1]] ?? [];
    if (row[2] === undefined) return row[1];
    const field = row[3] !== undefined && fields.includes(row[3]) ? row[3] : fields[0];
    return `${row[1]}.${row[2]}.${field}`;
  }
  return null;
}

const capital = (s: string) => (s === '' ? s : s.charAt(0).toLocaleUpperCase('sv-SE') + s.slice(1));

/**
 * The problem in an error of the library. The field comes from the error's `field` (the path
 * the library names, `places[0].municipality_code`), never from reading the message; the
 * message's `fältet …:` prefix is left out of the text shown beside the field.
 */
export function problemOf(error: { message: string; field?: string }): FieldProblem {
  const message = error.message;
  const path = error.field ?? null;
  if (path === null) return { field: null, path: null, text: capital(message.trim()), message };
  const prefix = `fältet ${path}:`;
  const rest = message.trim().startsWith(prefix) ? message.trim().slice(prefix.length) : message;
  return { field: fieldKey(path), path, text: capital(rest.trim()), message };
}

/** Whether a problem concerns a field or a group of fields (`places` covers `places.0.lan`). */
export function concerns(problem: FieldProblem | null, field: string): boolean {
  if (problem?.field == null) return false;
  return problem.field === field || problem.field.startsWith(`${field}.`);
}

/** A DOM id for a form field's key (`places.0.lan` → `field-places-0-lan`). */
export function fieldId(field: string): string {
  return `field-${field.replace(/[^a-zA-Z0-9]+/g, '-')}`;
}
