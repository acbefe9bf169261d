// User Timing marks for a benchmark run outside the tests (read them with
// `performance.getEntriesByName(...)`):
//   exempelbanken:keystroke          at each input event in the search box
//   exempelbanken:keystroke-to-paint from there until the results for the latest keystroke are
//                                    on screen (DOM updated, then the next animation frame)
//   exempelbanken:start-painted      the first time the start page shows its focus-area counts
// Answers to older keystrokes are never measured.

import { tick } from 'svelte';

export const KEYSTROKE = 'exempelbanken:keystroke';
export const KEYSTROKE_TO_PAINT = 'exempelbanken:keystroke-to-paint';
export const START_PAINTED = 'exempelbanken:start-painted';

let latest = 0;
let startPainted = false;

/** The next frame after the DOM has been updated: what is on screen then is painted. */
async function painted(): Promise<void> {
  await tick();
  await new Promise<void>((resolve) => {
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => resolve());
    else setTimeout(resolve, 0);
  });
}

/** Marks a keystroke in the search box; returns its number, for `measureKeystroke`. */
export function markKeystroke(): number {
  latest += 1;
  performance.mark(KEYSTROKE);
  return latest;
}

/** The results for keystroke `n` are in the state: measure once they are painted, if still latest. */
export async function measureKeystroke(n: number): Promise<void> {
  if (n !== latest) return;
  await painted();
  if (n !== latest) return; // a newer keystroke's answer will be measured instead
  latest += 1; // measured once
  performance.measure(KEYSTROKE_TO_PAINT, KEYSTROKE);
}

/** The start page's counts are in the state: mark once they are painted, the first time only. */
export async function markStartPainted(): Promise<void> {
  if (startPainted) return;
  startPainted = true;
  await painted();
  performance.mark(START_PAINTED);
}
