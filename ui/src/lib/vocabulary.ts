// Names for the codes and slugs that entries, hits and facets carry, from the library's own
// taxonomy (so a curator's edit of a focus area shows up without a new UI build).

import type { Kind } from '../bindings/Kind';
import type { Place } from '../bindings/Place';
import type { Stage } from '../bindings/Stage';
import type { Taxonomy } from '../bindings/Taxonomy';

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
  private readonly counties: Map<string, string>;
  private readonly municipalities: Map<string, { name: string; lan: string }>;
  private readonly goals: Map<number, string>;

  constructor(taxonomy: Taxonomy) {
    this.taxonomy = taxonomy;
    this.focus = byKey(taxonomy.focus_areas, (f) => f.slug, (f) => f.name);
    this.kinds = byKey(taxonomy.kinds, (l) => l.slug, (l) => l.label);
    this.stages = byKey(taxonomy.stages, (l) => l.slug, (l) => l.label);
    this.statuses = byKey(taxonomy.statuses, (l) => l.slug, (l) => l.label);
    this.novelties = byKey(taxonomy.novelties, (l) => l.slug, (l) => l.label);
    this.orgTypes = byKey(taxonomy.org_types, (l) => l.slug, (l) => l.label);
    this.counties = byKey(taxonomy.counties, (c) => c.code, (c) => c.name);
    this.municipalities = new Map(
      taxonomy.municipalities.map((m) => [m.code, { name: m.name, lan: m.lan_code }] as const),
    );
    this.goals = new Map(taxonomy.goals.map((g) => [g.number, g.name] as const));
  }

  focusName(slug: string): string {
    return this.focus.get(slug) ?? slug;
  }
  kindLabel(slug: string): string {
    return this.kinds.get(slug) ?? slug;
  }
  stageLabel(slug: string): string {
    return this.stages.get(slug) ?? slug;
  }
  statusLabel(slug: string): string {
    return this.statuses.get(slug) ?? slug;
  }
  noveltyLabel(slug: string): string {
    return this.novelties.get(slug) ?? slug;
  }
  orgTypeLabel(slug: string): string {
    return this.orgTypes.get(slug) ?? slug;
  }
  countyName(code: string): string {
    return this.counties.get(code) ?? code;
  }
  municipalityName(code: string): string {
    return this.municipalities.get(code)?.name ?? code;
  }
  goalName(n: number): string {
    return this.goals.get(n) ?? '';
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

  /** "Örebro (1880), Örebro län", or "Örebro län" for a whole county. */
  placeLabel(place: Place): string {
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
