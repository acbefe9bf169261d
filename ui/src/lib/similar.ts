// "Liknande exempel" on an entry's page: the library finds them (`similar_entries`: published
// entries most like this one by their text, focus areas and counties); the page shows at most
// five, never the entry itself nor one it already lists under "Se även", whatever it is sent.

import type { Hit } from '../bindings/Hit';

/** The most similar entries a page shows. */
export const SIMILAR_LIMIT = 5;

/**
 * The similar entries to show beside `entry`, in the library's order: without the entry itself
 * (by uid or id), those under its "Se även" (by uid), and any listed twice; at most five.
 */
export function similarToShow(hits: readonly Hit[], entry: { uid: string; id: string; related: readonly string[] }): Hit[] {
  const left = new Set([entry.uid, ...entry.related]);
  const shown: Hit[] = [];
  for (const hit of hits) {
    if (left.has(hit.uid) || hit.id === entry.id) continue;
    left.add(hit.uid);
    shown.push(hit);
    if (shown.length === SIMILAR_LIMIT) break;
  }
  return shown;
}
