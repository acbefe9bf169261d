// Which values of a facet the filter panel offers.

/** A value of a facet as the panel lists it. */
export type FacetValue = { value: string; label: string; count: number; checked: boolean };

/**
 * The values of a facet that tells something only when the entries differ in it (the language,
 * the country): all of them when more than one has entries or one is picked, else none. A
 * library of Swedish entries from Sweden gets no "Språk: Svenska" to tick.
 */
export function whenSeveral<T extends Pick<FacetValue, 'count' | 'checked'>>(values: readonly T[]): T[] {
  return values.filter((v) => v.count > 0).length > 1 || values.some((v) => v.checked) ? [...values] : [];
}
