// Where focus goes when what is shown changes (WCAG 2.4.3), one rule for every page:
//   - arriving on a page (a link, a button, a new address): focus goes to the page's heading,
//     unless the reader came back (back/forward: the page restores its own place) or is typing
//     in the search box (the results follow the typing);
//   - an action that replaces part of a page (a filter chip removed, "Rensa alla filter"):
//     focus stays on the control when it is still there, and otherwise goes to the heading of
//     the new content, never to <body>.
// Headings that take focus have tabindex="-1" (focusHeading adds it) and draw no ring (app.css).

import { tick } from 'svelte';

/** Puts focus on a heading without scrolling; whether it now has focus. */
export function focusHeading(heading: HTMLElement | null | undefined): boolean {
  if (!heading || !heading.isConnected) return false;
  if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
  heading.focus({ preventScroll: true });
  return heading.ownerDocument.activeElement === heading;
}

/** Whether focus has been lost: on nothing, on <body>, or on an element no longer in the page. */
export function focusLost(doc: Document = document): boolean {
  const active = doc.activeElement;
  return active === null || active === doc.body || active === doc.documentElement || !active.isConnected;
}

/** Whether a page just arrived at should put focus on its heading (see the rule above). */
export function shouldFocusOnArrival(active: Element | null, popped: boolean): boolean {
  if (popped) return false;
  return !(active?.closest('[role="search"]') ?? null);
}

/**
 * A Svelte action for a page's heading: focus on it when it appears (the page arrived, or its
 * content was loaded), by the rule above. `popped` says whether the page was reached by back or
 * forward (router.popped). It acts once the page is updated: a heading drawn inside a block
 * may not be in the document yet when its action runs.
 */
export function focusOnArrival(heading: HTMLElement, popped: () => boolean): { destroy(): void } {
  const back = popped();
  let gone = false;
  void tick().then(() => {
    if (!gone && shouldFocusOnArrival(heading.ownerDocument.activeElement, back)) focusHeading(heading);
  });
  return {
    destroy() {
      gone = true;
    },
  };
}

/**
 * After an action that replaces what is shown: once the page is updated, focus stays where it
 * is if that is still in the page, and otherwise goes to `heading()` (read then, as the heading
 * may be new).
 */
export async function keepFocusOrHeading(heading: () => HTMLElement | null | undefined): Promise<void> {
  await tick();
  if (focusLost()) focusHeading(heading());
}
