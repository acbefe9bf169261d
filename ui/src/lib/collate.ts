// Swedish alphabetical order: å, ä and ö come after z, and case and accents only break ties.
// Names in the library are Swedish, so lists sort this way whatever language the UI speaks.

const collator = new Intl.Collator('sv', { sensitivity: 'variant', numeric: true });

/** Compares two strings in Swedish order. */
export function compareSv(a: string, b: string): number {
  return collator.compare(a, b);
}

/** A copy of `items` sorted by `key` in Swedish order. */
export function sortSv<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...items].sort((a, b) => compareSv(key(a), key(b)));
}
