// A save refused because someone saved the entry since the editing began (a conflict): which
// fields of the editor's form the user's version and the saved one hold differently, each as
// text for people, and taking one field's saved value into the form. Free of components so it
// can be tested on its own; EditorView renders it.

import type { Entry } from '../bindings/Entry';
import type { Municipality } from '../bindings/Municipality';
import type { RevisionInfo } from '../bindings/RevisionInfo';
import type { Sections } from '../bindings/Sections';
import { type FormState, parseTags, resolveMunicipality, rowCountry, SECTION_KEYS, year } from './editor';
import { t } from './i18n';
import type { Vocabulary } from './vocabulary';

/** A field of the form as the comparison goes: one row each (a section, a list as a whole). */
export type ConflictKey =
  | 'kind'
  | 'language'
  | 'title'
  | 'summary'
  | `sections.${keyof Sections}`
  | 'focus_areas'
  | 'stage'
  | 'novelty'
  | 'period'
  | 'goals'
  | 'tags'
  | 'organisations'
  | 'places'
  | 'contacts'
  | 'sources'
  | 'related'
  | 'uptakes';

/** Every field compared, in the order the editor shows them. */
export const CONFLICT_KEYS: readonly ConflictKey[] = [
  'kind',
  'language',
  'title',
  'summary',
  ...SECTION_KEYS.map((k) => `sections.${k}` as const),
  'focus_areas',
  'stage',
  'novelty',
  'period',
  'goals',
  'tags',
  'organisations',
  'places',
  'contacts',
  'sources',
  'related',
  'uptakes',
];

/** What a value needs to be named for people: the taxonomy, and the titles of other entries. */
export type Naming = {
  vocab: Vocabulary;
  /** The title of a related entry by its uid. */
  entryTitle: (uid: string) => string;
};

/** One field the two versions hold differently, as text (empty: the field is empty). */
export type ConflictRow = {
  key: ConflictKey;
  /** The field's label, as the editor shows it. */
  label: string;
  mine: string;
  saved: string;
};

/** The revision the saved version is, and who saved it when (empty when not known). */
export type SavedVersion = { revision: number; by: string; at: string };

const text = (s: string) => s.replace(/\r\n?/g, '\n').normalize('NFC').trim();

const sectionKey = (key: ConflictKey): keyof Sections | null => {
  const m = /^sections\.(\w+)$/.exec(key);
  return m?.[1] !== undefined && (SECTION_KEYS as readonly string[]).includes(m[1])
    ? (m[1] as keyof Sections)
    : null;
};

/** The start of the DOM ids (and test ids) of a field's row: `conflict-sections-results`. */
export function conflictId(key: ConflictKey): string {
  return `conflict-${key.replace(/[^a-zA-Z0-9]+/g, '-')}`;
}

/** The label the editor gives a field. */
export function fieldLabel(key: ConflictKey): string {
  const section = sectionKey(key);
  if (section) return t.sections[section];
  switch (key) {
    case 'kind':
      return t.fieldKind;
    case 'language':
      return t.fieldLanguage;
    case 'title':
      return t.fieldTitle;
    case 'summary':
      return t.fieldSummary;
    case 'focus_areas':
      return t.fieldFocus;
    case 'stage':
      return t.fieldStage;
    case 'novelty':
      return t.fieldNovelty;
    case 'period':
      return t.formPeriod;
    case 'goals':
      return t.formGoals;
    case 'tags':
      return t.fieldTags;
    case 'organisations':
      return t.formOrganisations;
    case 'places':
      return t.formPlaces;
    case 'contacts':
      return t.formContacts;
    case 'sources':
      return t.formSources;
    case 'uptakes':
      return t.formUptakes;
    default:
      return t.formRelated;
  }
}

/**
 * A field's value reduced to what the library would store: text trimmed and NFC, tags parsed,
 * focus areas and goals as sets, a place by the municipality its text names. Two forms differ
 * in a field when these differ, so a change of spaces or of the order boxes were ticked in is
 * not a difference.
 */
function comparable(form: FormState, key: ConflictKey, municipalities: readonly Municipality[]): string {
  const section = sectionKey(key);
  const value: unknown = (() => {
    if (section) return text(form.sections[section]);
    switch (key) {
      case 'kind':
        return form.kind;
      case 'language':
        return form.language ?? 'sv';
      case 'title':
        return text(form.title);
      case 'summary':
        return text(form.summary);
      case 'focus_areas':
        return [...new Set(form.focus_areas)].sort();
      case 'stage':
        return form.stage;
      case 'novelty':
        return form.novelty;
      case 'period':
        return [year(form.period_start) ?? null, year(form.period_end) ?? null];
      case 'goals':
        return [...new Set(form.goals)].sort((a, b) => a - b);
      case 'tags':
        return parseTags(form.tags).map(text);
      case 'organisations':
        return form.organisations.map((o) => [text(o.name), o.type, text(o.role)]);
      case 'places':
        return form.places.map((p) => {
          if (rowCountry(p) !== '') return ['country', rowCountry(p)];
          const found = resolveMunicipality(p.municipality, municipalities);
          return [found ? found.code : text(p.municipality).toLocaleLowerCase('sv-SE'), p.lan_code];
        });
      case 'contacts':
        return form.contacts.map((c) => [c.name, c.role, c.organisation, c.email, c.phone].map(text));
      case 'sources':
        return form.sources.map((s) => [s.title, s.url, s.publisher, s.date, s.licence].map(text));
      case 'uptakes':
        return form.uptakes.map((u) => [
          u.kind,
          text(u.place),
          text(u.organisation),
          u.type,
          u.count,
          u.stage,
          ...[u.date, u.source, u.note].map(text),
        ]);
      default:
        return form.related;
    }
  })();
  return JSON.stringify(value);
}

/** Whether two forms hold the same in one field. */
export function sameField(
  a: FormState,
  b: FormState,
  key: ConflictKey,
  municipalities: readonly Municipality[],
): boolean {
  return comparable(a, key, municipalities) === comparable(b, key, municipalities);
}

/** The fields the two forms hold differently, in the editor's order. */
export function differingFields(
  a: FormState,
  b: FormState,
  municipalities: readonly Municipality[],
): ConflictKey[] {
  return CONFLICT_KEYS.filter((key) => !sameField(a, b, key, municipalities));
}

const lines = (items: readonly string[]) => items.filter((s) => s !== '').join('\n');
const parts = (items: readonly string[]) => items.map(text).filter((s) => s !== '').join(', ');

/**
 * A field's value as text for people: names rather than codes and slugs, one line per item of
 * a list; empty when the field is (a stage or novelty not given says so, as the form does).
 */
export function displayValue(form: FormState, key: ConflictKey, naming: Naming): string {
  const { vocab } = naming;
  const section = sectionKey(key);
  if (section) return text(form.sections[section]);
  switch (key) {
    case 'kind':
      return vocab.kindLabel(form.kind);
    case 'language':
      return vocab.languageLabel(form.language ?? 'sv');
    case 'title':
      return text(form.title);
    case 'summary':
      return text(form.summary);
    case 'focus_areas': {
      const order = vocab.taxonomy.focus_areas.map((f) => f.slug);
      const rank = (slug: string) => (order.includes(slug) ? order.indexOf(slug) : order.length);
      return [...new Set(form.focus_areas)]
        .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
        .map((slug) => vocab.focusName(slug))
        .join(', ');
    }
    case 'stage':
      return form.stage === '' ? t.notGiven : vocab.stageLabel(form.stage);
    case 'novelty':
      return form.novelty === '' ? t.notGiven : vocab.noveltyLabel(form.novelty);
    case 'period':
      return t.period(year(form.period_start), year(form.period_end));
    case 'goals':
      return lines(
        [...new Set(form.goals)].sort((a, b) => a - b).map((n) => t.goal(n, vocab.goalName(n))),
      );
    case 'tags':
      return parseTags(form.tags).join(', ');
    case 'organisations':
      return lines(
        form.organisations.map((o) => {
          const name = text(o.name);
          const type = vocab.orgTypeLabel(o.type);
          const role = text(o.role);
          return `${name === '' ? type : `${name} (${type})`}${role === '' ? '' : `, ${role}`}`;
        }),
      );
    case 'places':
      return lines(
        form.places.map((p) => {
          if (rowCountry(p) !== '') return vocab.countryName(rowCountry(p));
          const county = p.lan_code === '' ? '' : vocab.countyName(p.lan_code);
          const found = resolveMunicipality(p.municipality, vocab.taxonomy.municipalities);
          const municipality = found ? `${found.name} (${found.code})` : text(p.municipality);
          return parts([municipality, county !== '' ? county : found ? vocab.countyName(found.lan_code) : '']);
        }),
      );
    case 'contacts':
      return lines(form.contacts.map((c) => parts([c.name, c.role, c.organisation, c.email, c.phone])));
    case 'sources':
      return lines(
        form.sources.map((s) =>
          parts([s.title, s.url, s.publisher, s.date, text(s.licence) === '' ? '' : t.sourceLicence(text(s.licence))]),
        ),
      );
    case 'uptakes':
      return lines(
        form.uptakes.map((u) => {
          const who =
            u.count !== null
              ? `${u.count} × ${vocab.orgTypeLabel(u.type)}`
              : text(u.place) !== ''
                ? text(u.place)
                : `${text(u.organisation)} (${vocab.orgTypeLabel(u.type)})`;
          return parts([who, vocab.uptakeStageLabel(u.stage), u.date, u.source, u.note]);
        }),
      );
    default:
      return lines(form.related.map((uid) => naming.entryTitle(uid)));
  }
}

/**
 * Whether a field's text is the entry's own (in its language, whatever the interface's), not
 * the interface's names of fixed values (a kind, a language, a stage, a goal, a period).
 * Places are content too: a country among them is named as the interface names it.
 */
export function isContent(key: ConflictKey): boolean {
  return !['kind', 'language', 'stage', 'novelty', 'period', 'goals'].includes(key);
}

/** The fields the user's version and the saved one hold differently, with both values. */
export function conflictRows(mine: FormState, saved: FormState, naming: Naming): ConflictRow[] {
  return differingFields(mine, saved, naming.vocab.taxonomy.municipalities).map((key) =>
    rowOf(mine, saved, key, naming),
  );
}

/** One field's row, whether the two differ in it or not. */
export function rowOf(mine: FormState, saved: FormState, key: ConflictKey, naming: Naming): ConflictRow {
  return {
    key,
    label: fieldLabel(key),
    mine: displayValue(mine, key, naming),
    saved: displayValue(saved, key, naming),
  };
}

/** The form with one field as the saved version has it; the other fields as they were. */
export function takeSaved(form: FormState, saved: FormState, key: ConflictKey): FormState {
  const next: FormState = { ...form };
  const section = sectionKey(key);
  if (section) {
    next.sections = { ...form.sections, [section]: saved.sections[section] };
    return next;
  }
  switch (key) {
    case 'kind':
      next.kind = saved.kind;
      break;
    case 'language':
      next.language = saved.language;
      break;
    case 'title':
      next.title = saved.title;
      break;
    case 'summary':
      next.summary = saved.summary;
      break;
    case 'focus_areas':
      next.focus_areas = [...saved.focus_areas];
      break;
    case 'stage':
      next.stage = saved.stage;
      break;
    case 'novelty':
      next.novelty = saved.novelty;
      break;
    case 'period':
      next.period_start = saved.period_start;
      next.period_end = saved.period_end;
      break;
    case 'goals':
      next.goals = [...saved.goals];
      break;
    case 'tags':
      next.tags = saved.tags;
      break;
    case 'organisations':
      next.organisations = saved.organisations.map((o) => ({ ...o }));
      break;
    case 'places':
      next.places = saved.places.map((p) => ({ ...p }));
      break;
    case 'contacts':
      next.contacts = saved.contacts.map((c) => ({ ...c }));
      break;
    case 'sources':
      next.sources = saved.sources.map((s) => ({ ...s }));
      break;
    case 'uptakes':
      next.uptakes = saved.uptakes.map((u) => ({ ...u, contacts: u.contacts.map((c) => ({ ...c })) }));
      break;
    default:
      next.related = [...saved.related];
  }
  return next;
}

/**
 * Who saved the saved version, and when: the newest line of its history when that is the
 * version's revision (a history read a moment later may have a newer one; then only the
 * revision is known, and the entry's own time of change).
 */
export function savedVersion(latest: Entry, history: readonly RevisionInfo[]): SavedVersion {
  const info = history.find((r) => r.revision === latest.revision);
  return {
    revision: latest.revision,
    by: info?.by ?? '',
    at: info?.at ?? latest.updated_at,
  };
}

/** "Rubrik och Sammanfattning", "Rubrik, Sammanfattning och Nyckelord" in the given locale. */
export function listOf(items: readonly string[], tag: string): string {
  return new Intl.ListFormat(tag, { style: 'long', type: 'conjunction' }).format(items);
}
