// User Timing marks for a benchmark run outside the tests (read them with
// `performance.getEntriesByName(...)`):
//   exempelbanken:keystroke          at each input event in the search box
//   exempelbanken:keystroke-to-paint from there until the results for the latest keystroke are
//                                    on screen (DOM updated, then the next animation frame)
//   exempelbanken:search-answered    when the answer to the latest keystroke's search arrives
//   exempelbanken:results-in-dom     when its results are in the DOM (before that frame); with
//                                    the two above, where keystroke to paint spends its time
//   exempelbanken:start-painted      the first time the start page shows its focus-area counts
//   exempelbanken:overview-map       from Översikt's arrival until its map is painted (the
//                                    search for the counts and the outlines included)
//   exempelbanken:map-switch-to-paint from a switch of the map (county/municipality, from/taken
//                                    up) until it is painted again
// Answers to older keystrokes are never measured.

import { tick } from 'svelte';

export const KEYSTROKE = 'exempelbanken:keystroke';
export const KEYSTROKE_TO_PAINT = 'exempelbanken:keystroke-to-paint';
export const SEARCH_ANSWERED = 'exempelbanken:search-answered';
export const RESULTS_IN_DOM = 'exempelbanken:results-in-dom';
export const START_PAINTED = 'exempelbanken:start-painted';
export const OVERVIEW_START = 'exempelbanken:overview-start';
export const OVERVIEW_MAP = 'exempelbanken:overview-map';
export const MAP_SWITCH = 'exempelbanken:map-switch';
export const MAP_SWITCH_TO_PAINT = 'exempelbanken:map-switch-to-paint';

let latest = 0;
let startPainted = false;

/** The next frame after the DOM has been updated: what is on screen then is painted. */
async function painted(): Promise<void> {
  await tick();
  await nextFrame();
}

/** The next animation frame. */
function nextFrame(): Promise<void> {
  return new Promise<void>((resolve) => {
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => resolve());
    else setTimeout(resolve, 0);
  });
}

/**
 * Runs `run` once the next frame has been painted: after the next animation frame, in a task
 * of its own, so that what it changes is drawn in the frame after (and not before the one that
 * was due).
 */
export function afterNextPaint(run: () => void): void {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(run, 0));
  else setTimeout(run, 0);
}

/** Marks a keystroke in the search box; returns its number, for `measureKeystroke`. */
export function markKeystroke(): number {
  latest += 1;
  performance.mark(KEYSTROKE);
  return latest;
}

/** The answer to the search of keystroke `n` has arrived: marked if it is still the latest. */
export function markAnswered(n: number): void {
  if (n === latest) performance.mark(SEARCH_ANSWERED);
}

/** The results for keystroke `n` are in the state: measure once they are painted, if still latest. */
export async function measureKeystroke(n: number): Promise<void> {
  if (n !== latest) return;
  await tick();
  if (n !== latest) return;
  performance.mark(RESULTS_IN_DOM);
  await nextFrame();
  if (n !== latest) return; // a newer keystroke's answer will be measured instead
  latest += 1; // measured once
  performance.measure(KEYSTROKE_TO_PAINT, KEYSTROKE);
}

/** What the next drawing of Översikt's map ends: its arrival, or a switch. */
let mapPending: 'arrival' | 'switch' | null = null;

/** Översikt has arrived: its map's first drawing ends the measure. */
export function markOverviewStart(): void {
  performance.mark(OVERVIEW_START);
  mapPending = 'arrival';
}

/** The map was switched (division or measure): its next drawing ends the measure. */
export function markMapSwitch(): void {
  performance.mark(MAP_SWITCH);
  mapPending = 'switch';
}

/** The map is drawn in the DOM: measure once it is painted. */
export async function measureMapDrawn(): Promise<void> {
  const what = mapPending;
  if (what === null) return;
  mapPending = null;
  await painted();
  if (what === 'arrival') performance.measure(OVERVIEW_MAP, OVERVIEW_START);
  else performance.measure(MAP_SWITCH_TO_PAINT, MAP_SWITCH);
}

/** The start page's counts are in the state: mark once they are painted, the first time only. */
export async function markStartPainted(): Promise<void> {
  if (startPainted) return;
  startPainted = true;
  await painted();
  performance.mark(START_PAINTED);
}
