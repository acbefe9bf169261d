// Names for the codes and slugs that entries, hits and facets carry, from the library's own
// taxonomy (so a curator's edit of a focus area shows up without a new UI build). The model's
// fixed values (kinds, stages, novelties, statuses, organisation types, languages, Agenda 2030
// goals) and the countries (whose English names the taxonomy has) are the interface's words and
// are named in the UI's language (the catalogues in i18n/); focus areas, counties and
// municipalities are content, Swedish in every language (mark them lang="sv").

import type { Kind } from '../bindings/Kind';
import type { Language } from '../bindings/Language';
import type { Place } from '../bindings/Place';
import type { Stage } from '../bindings/Stage';
import type { Taxonomy } from '../bindings/Taxonomy';
import { language, t } from './i18n';

/** A name from the UI's catalogue, else the taxonomy's, else the slug itself. */
function named(names: Readonly<Record<string, string>>, taxonomy: Map<string, string>, slug: string): string {
  return (Object.hasOwn(names, slug) ? names[slug] : undefined) ?? taxonomy.get(slug) ?? slug;
}

function byKey<T>(items: T[], key: (item: T) => string, value: (item: T) => string) {
  return new Map(items.map((item) => [key(item), value(item)] as const));
}

export class Vocabulary {
  readonly taxonomy: Taxonomy;
  private readonly focus: Map<string, string>;
  private readonly kinds: Map<string, string>;
  private readonly stages: Map<string, string>;
  private readonly statuses: Map<string, string>;
  private readonly novelties: Map<string, string>;
  private readonly orgTypes: Map<string, string>;
  private readonly uptakeStages: Map<string, string>;
  private readonly counties: Map<string, string>;
  private readonly municipalities: Map<string, { name: string; lan: string }>;
  private readonly goals: Map<number, string>;
  private readonly languages: Map<string, string>;
  private readonly countries: Map<string, { name: string; name_en: string }>;

  constructor(taxonomy: Taxonomy) {
    this.taxonomy = taxonomy;
    this.focus = byKey(taxonomy.focus_areas, (f) => f.slug, (f) => f.name);
    this.kinds = byKey(taxonomy.kinds, (l) => l.slug, (l) => l.label);
    this.stages = byKey(taxonomy.stages, (l) => l.slug, (l) => l.label);
    this.statuses = byKey(taxonomy.statuses, (l) => l.slug, (l) => l.label);
    this.novelties = byKey(taxonomy.novelties, (l) => l.slug, (l) => l.label);
    this.orgTypes = byKey(taxonomy.org_types, (l) => l.slug, (l) => l.label);
    this.uptakeStages = byKey(taxonomy.uptake_stages ?? [], (l) => l.slug, (l) => l.label);
    this.counties = byKey(taxonomy.counties, (c) => c.code, (c) => c.name);
    this.municipalities = new Map(
      taxonomy.municipalities.map((m) => [m.code, { name: m.name, lan: m.lan_code }] as const),
    );
    this.goals = new Map(taxonomy.goals.map((g) => [g.number, g.name] as const));
    // A taxonomy from a library older than languages and countries has neither.
    this.languages = byKey(taxonomy.languages ?? [], (l) => l.slug, (l) => l.label);
    this.countries = new Map(
      (taxonomy.countries ?? []).map((c) => [c.code, { name: c.name, name_en: c.name_en }] as const),
    );
  }

  focusName(slug: string): string {
    return this.focus.get(slug) ?? slug;
  }
  kindLabel(slug: string): string {
    return named(t.kindLabels, this.kinds, slug);
  }
  stageLabel(slug: string): string {
    return named(t.stageLabels, this.stages, slug);
  }
  statusLabel(slug: string): string {
    return named(t.statusLabels, this.statuses, slug);
  }
  noveltyLabel(slug: string): string {
    return named(t.noveltyLabels, this.novelties, slug);
  }
  orgTypeLabel(slug: string): string {
    return named(t.orgTypeLabels, this.orgTypes, slug);
  }
  uptakeStageLabel(slug: string): string {
    return named(t.uptakeStageLabels, this.uptakeStages, slug);
  }
  countyName(code: string): string {
    return this.counties.get(code) ?? code;
  }
  municipalityName(code: string): string {
    return this.municipalities.get(code)?.name ?? code;
  }
  /** "Engelska" (or "English" in the English UI): the language an entry is written in. */
  languageLabel(slug: string): string {
    return named(t.languageLabels, this.languages, slug);
  }
  /** A country by its ISO code, in the UI's language ("Finland"; "Tyskland" or "Germany"). */
  countryName(code: string): string {
    const country = this.countries.get(code);
    if (country === undefined) return code;
    return language() === 'en' && country.name_en !== '' ? country.name_en : country.name;
  }
  goalName(n: number): string {
    const names: Readonly<Record<number, string>> = t.goalNames;
    return (Object.hasOwn(names, n) ? names[n] : undefined) ?? this.goals.get(n) ?? '';
  }

  isKind(slug: string): slug is Kind {
    return this.kinds.has(slug);
  }
  isStage(slug: string): slug is Stage {
    return this.stages.has(slug);
  }
  isFocus(slug: string): boolean {
    return this.focus.has(slug);
  }
  isCounty(code: string): boolean {
    return this.counties.has(code);
  }
  isMunicipality(code: string): boolean {
    return this.municipalities.has(code);
  }
  isLanguage(slug: string): slug is Language {
    return this.languages.has(slug);
  }
  isCountry(code: string): boolean {
    return this.countries.has(code);
  }

  /** Whether a place is a country (outside Sweden, or Sweden as a whole) rather than an area. */
  isCountryPlace(place: Place): boolean {
    return (place.country_code ?? '') !== '' && place.municipality_code === '' && place.lan_code === '';
  }

  /**
   * "Örebro (1880), Örebro län", or "Örebro län" for a whole county, or the country's name
   * (in the UI's language) for a place that is a country.
   */
  placeLabel(place: Place): string {
    if (this.isCountryPlace(place)) {
      const code = place.country_code ?? '';
      return this.countries.has(code) ? this.countryName(code) : place.country || code;
    }
    const county = place.lan || this.countyName(place.lan_code);
    if (!place.municipality_code) return county;
    const name = place.municipality || this.municipalityName(place.municipality_code);
    return `${name} (${place.municipality_code}), ${county}`;
  }

  /**
   * The places of a hit, by name: its municipalities, and the counties none of them lies in.
   */
  hitPlaces(municipalities: string[], counties: string[]): string[] {
    const covered = new Set(
      municipalities.map((code) => this.municipalities.get(code)?.lan ?? code.slice(0, 2)),
    );
    return [
      ...municipalities.map((code) => this.municipalityName(code)),
      ...counties.filter((code) => !covered.has(code)).map((code) => this.countyName(code)),
    ];
  }
}
