// What the results page's live region says. The count on screen follows every keystroke, but a
// screen reader would speak each of them ("13 träffar för ”l”", "4 träffar för ”li”", ...), so
// the live region is given the count only once the results stop changing for a moment, and
// says so when the sort order changed.

import type { SortOrder } from '../bindings/SortOrder';
import { debounce, type Debounced } from './debounce';

/** How long the results must stay the same before they are announced. */
export const ANNOUNCE_DELAY_MS = 500;

/** The results as shown: their count in words, and their order (value and label). */
export type ShownResults = { count: string; sort: SortOrder; sortLabel: string };

/** The text to announce: the count, after the new order when it changed since the last one. */
export function resultsAnnouncement(
  shown: ShownResults,
  lastSort: SortOrder,
  sortedBy: (label: string) => string,
): string {
  return shown.sort === lastSort ? shown.count : `${sortedBy(shown.sortLabel)} ${shown.count}`;
}

export type ResultsAnnouncer = {
  /** The results shown now; said once they have not changed for `ms`. */
  update(shown: ShownResults): void;
  /** Nothing more is said (the page is left). */
  cancel(): void;
};

/**
 * An announcer that hands `say` the text for the live region. The order first announced against
 * is the default one (`relevance`), so a page opened sorted by date says so.
 */
export function resultsAnnouncer(
  say: (text: string) => void,
  sortedBy: (label: string) => string,
  ms: number = ANNOUNCE_DELAY_MS,
): ResultsAnnouncer {
  let lastSort: SortOrder = 'relevance';
  let lastCount: string | null = null;
  const later: Debounced<[ShownResults]> = debounce((shown: ShownResults) => {
    // The same results again (the page redrawn): nothing new to say.
    if (shown.count === lastCount && shown.sort === lastSort) return;
    const text = resultsAnnouncement(shown, lastSort, sortedBy);
    lastSort = shown.sort;
    lastCount = shown.count;
    say(text);
  }, ms);
  return {
    update: (shown) => later(shown),
    cancel: () => later.cancel(),
  };
}
