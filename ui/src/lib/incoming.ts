// Incoming versions ("Inkommande versioner"): a newer version of an entry changed here, sent by
// another library (a bundle, a subscription's pull), waiting for a curator to take it or keep
// the local one. The rules the review section, the entry page's notice and the Prenumerationer
// page share, kept free of state so they can be tested on their own.

import type { IncomingVersion } from '../bindings/IncomingVersion';

/** The parameter of the Redaktion page's address that opens it at the incoming versions. */
export const INCOMING_PARAM = 'visa';
export const INCOMING_VALUE = 'inkommande';

/** The Redaktion page, at its incoming versions (`#/redaktion?visa=inkommande`). */
export const INCOMING_HASH = `#/redaktion?${INCOMING_PARAM}=${INCOMING_VALUE}`;

/** Whether the Redaktion page's address asks for its incoming versions. */
export function showsIncoming(params: URLSearchParams): boolean {
  return params.get(INCOMING_PARAM) === INCOMING_VALUE;
}

/** Who sent an incoming version: its source, or `unknown` ("ett paket") when it is not known. */
export function incomingSource(version: Pick<IncomingVersion, 'source'>, unknown: string): string {
  const source = version.source.trim();
  return source === '' ? unknown : source;
}

/** The incoming version of an entry (by its id), if one waits; the newest when there are several. */
export function incomingFor(versions: readonly IncomingVersion[], id: string): IncomingVersion | null {
  let found: IncomingVersion | null = null;
  for (const v of versions) {
    if (v.id === id && (found === null || v.origin_revision > found.origin_revision)) found = v;
  }
  return found;
}

/**
 * The incoming versions to show, one per entry (the newest: taking one takes the newest), in the
 * order of their titles.
 */
export function incomingList(versions: readonly IncomingVersion[], tag = 'sv-SE'): IncomingVersion[] {
  const byId = new Map<string, IncomingVersion>();
  for (const v of versions) {
    const seen = byId.get(v.id);
    if (seen === undefined || v.origin_revision > seen.origin_revision) byId.set(v.id, v);
  }
  return [...byId.values()].sort((a, b) => a.title.localeCompare(b.title, tag) || a.id.localeCompare(b.id));
}
